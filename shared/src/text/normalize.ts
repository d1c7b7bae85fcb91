/**
 * Text normalisation shared by the importer and the chatbot. Vietnamese text arrives both precomposed
 * (NFC, what keyboards type) and decomposed (NFD, some Word exports and macOS copies); the two look the
 * same but compare different, so everything is brought to NFC first.
 */

/** NFC, so that "ế" typed and "ế" pasted from a .docx compare equal. */
export function normalizeText(text: string): string {
  return text.normalize("NFC");
}

/**
 * Removes Vietnamese tone and vowel marks: "Hải Dương" → "Hai Duong". "đ"/"Đ" are letters of their own
 * (not a "d" with a combining mark), so Unicode decomposition leaves them: they are mapped explicitly.
 */
export function stripDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFC");
}

/**
 * The form used to compare what people type with keywords: lower case, no diacritics, punctuation as
 * spaces, single spaces, trimmed. "Smart-HaiDuong có bao nhiêu  tài khoản?" → "smart haiduong co bao nhieu tai khoan".
 */
export function foldForMatch(text: string): string {
  return stripDiacritics(normalizeText(text))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
