import { normalizeText } from "@cds/shared";

/**
 * The weekly report cut into what the extractors need: the heading (title and period), the numbered
 * sections of part I ("I. KẾT QUẢ THỰC HIỆN"), and their sentences. Parts II and III (difficulties,
 * proposals) number their items 1., 2., … too, so sections are only read inside part I.
 */
export interface ReportSentence {
  /** The sentence as written, whitespace collapsed and list marker removed. */
  text: string;
  /** Number of the part I section it is in ("2", "4.3"), undefined before the first heading. */
  section: string | undefined;
}

export interface ReportText {
  /** The normalised full text. */
  text: string;
  /** Everything before part I: document number, place and date, title, period. */
  heading: string;
  /** Sentences of part I, in order. */
  sentences: ReportSentence[];
  /** Section numbers seen as headings in part I. */
  sections: ReadonlySet<string>;
}

/**
 * NFC, LF line ends, no byte-order mark, no zero-width characters, non-breaking spaces and tabs as spaces:
 * the same report saved by Word, Notepad or a Mac reads the same.
 */
export function normalizeReportText(raw: string): string {
  return normalizeText(raw)
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, "")
    .replace(/[\t\u00A0\u2007\u202F]/g, " ")
    .replace(/ +$/gm, "");
}

const PART_I = /^[#*\s]*I\.\s+\S/m;
const PART_II = /^[#*\s]*II\.\s+\S/m;
/** "4.3. Về ứng dụng …": one or two digits per level, a dot, then a capital letter (not "18.842 hồ sơ"). */
const SECTION_HEADING = /^[#*\s]*(\d{1,2}(?:\.\d{1,2})*)\.\s+(?=[\p{Lu}*])/u;

export function readReportText(raw: string): ReportText {
  const text = normalizeReportText(raw);
  const partI = PART_I.exec(text);
  const start = partI ? partI.index : 0;
  const afterStart = partI ? start + partI[0].length : 0;
  const partII = PART_II.exec(text.slice(afterStart));
  const end = partII ? afterStart + partII.index : text.length;
  const heading = text.slice(0, start);
  // Part I's own title line ("I. KẾT QUẢ THỰC HIỆN") is not content.
  const titleEnd = partI ? text.indexOf("\n", afterStart) : -1;
  const body = partI ? (titleEnd === -1 || titleEnd > end ? "" : text.slice(titleEnd + 1, end)) : text.slice(0, end);

  const sentences: ReportSentence[] = [];
  const sections = new Set<string>();
  let section: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    for (const s of splitSentences(lines.join("\n"))) sentences.push({ text: s, section });
    lines = [];
  };
  for (const line of body.split("\n")) {
    const h = SECTION_HEADING.exec(line);
    if (h?.[1] !== undefined) {
      flush();
      section = h[1];
      sections.add(section);
    } else {
      lines.push(line);
    }
  }
  flush();
  return { text, heading, sentences, sections };
}

/**
 * Sentences of a block of text. A blank line ends a sentence unless the next line starts in lower case (a
 * page break inside a sentence, as in "… thành\n\nphổ"); a line break inside a paragraph is a space; ". "
 * before a capital ends a sentence, except after a short capitalised abbreviation ("TP. Hải Dương").
 */
export function splitSentences(block: string): string[] {
  const paragraphs = block
    .replace(/\n\s*\n\s*(?=\p{Ll})/gu, " ")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p !== "");
  return paragraphs.flatMap((p) =>
    p
      .split(/(?<!(?:^|[\s(])\p{Lu}\p{L}?\.)(?<=[.!?…])\s+(?=[^\p{Ll}])/u)
      .map((s) => s.replace(/^[-–•+]\s+/, "").trim())
      .filter((s) => s !== ""),
  );
}
