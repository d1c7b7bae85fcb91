import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import mammoth from "mammoth";
import { storedZip, unzipCapped } from "./unzip-capped";
import { ImportError } from "./import-error";

/**
 * Largest document accepted: 5 MiB. The founding report is 12 KB of text and a few-page .docx with a logo is
 * well under 1 MB, so 5 MiB leaves room for pasted images while keeping a mistaken upload (a scan, a
 * video, a database dump) from being read into memory and parsed.
 */
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;

export interface ReportDocument {
  name: string;
  format: "text" | "docx";
  /** The document's text; paragraphs of a .docx are separated by blank lines, like the plain-text reports. */
  text: string;
}

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1).replace(".", ",");

function tooLarge(size: number): ImportError {
  const limit = MAX_REPORT_BYTES / 1024 / 1024;
  return new ImportError(
    "too_large",
    `Tệp quá lớn (${megabytes(size)} MB, tối đa ${limit} MB)`,
    `File too large (${megabytes(size)} MB, limit ${limit} MB)`,
  );
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

/** Reads a report from disk: checks it is a regular file under the size limit before reading a byte of it. */
export async function readReportFile(path: string): Promise<ReportDocument> {
  const info = await stat(path).catch((err: unknown) => {
    throw fsError(err);
  });
  if (!info.isFile())
    throw new ImportError(
      "not_a_file",
      "Đường dẫn không phải là tệp (có thể là thư mục)",
      "Not a regular file (a directory?)",
    );
  if (info.size > MAX_REPORT_BYTES) throw tooLarge(info.size);
  const bytes = await readFile(path).catch((err: unknown) => {
    throw fsError(err);
  });
  return readDocument(bytes, basename(path));
}

function fsError(err: unknown): ImportError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT" || code === "ENOTDIR")
    return new ImportError("not_found", "Không tìm thấy tệp", "File not found");
  return new ImportError(
    "unreadable",
    `Không đọc được tệp (${code ?? "lỗi hệ thống"})`,
    `Cannot read the file (${code ?? "system error"})`,
  );
}

/**
 * Turns an uploaded document into text: UTF-8 (or UTF-16 with a byte-order mark, as Windows Notepad saves)
 * plain text, or a Word .docx. The format is decided by content, not by name, except that a file named
 * .docx that is not a zip is reported as a damaged .docx rather than as binary.
 */
export async function readDocument(bytes: Uint8Array, name: string): Promise<ReportDocument> {
  if (bytes.length > MAX_REPORT_BYTES) throw tooLarge(bytes.length);
  if (bytes.length === 0) throw emptyError();
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP))
    return { name, format: "docx", text: await docxText(bytes) };
  if (extname(name).toLowerCase() === ".docx") throw corruptDocx();
  if (startsWith(bytes, OLE))
    throw new ImportError(
      "unsupported_format",
      "Tệp Word cũ (.doc) chưa được hỗ trợ: hãy lưu lại dưới dạng .docx",
      "Legacy Word .doc is not supported: save it as .docx",
    );
  if (startsWith(bytes, PDF))
    throw new ImportError(
      "unsupported_format",
      "Tệp PDF chưa được hỗ trợ: hãy gửi bản .docx hoặc .txt",
      "PDF is not supported: send the .docx or .txt",
    );
  const text = decodeText(bytes);
  if (text.trim() === "") throw emptyError();
  return { name, format: "text", text };
}

function emptyError(): ImportError {
  return new ImportError("empty", "Tệp rỗng, không có nội dung báo cáo", "The file is empty");
}

function corruptDocx(): ImportError {
  return new ImportError(
    "corrupt_docx",
    "Tệp .docx bị hỏng hoặc không phải tài liệu Word",
    "The .docx file is damaged or not a Word document",
  );
}

function binaryError(): ImportError {
  return new ImportError(
    "binary",
    "Tệp không phải văn bản (.txt UTF-8) hay tài liệu Word (.docx)",
    "Not a text (UTF-8 .txt) or Word (.docx) document",
  );
}

function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, UTF16LE_BOM)) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (startsWith(bytes, UTF16BE_BOM)) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
  if (body.includes(0)) throw binaryError();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw binaryError();
  }
  // A stray control character can survive a copy and paste; many of them mean this is not text.
  const controls = text.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (controls > text.length / 100) throw binaryError();
  return text;
}

/** What a report's .docx may inflate to: a weekly report is a few hundred kilobytes of XML. */
export const MAX_DOCX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;
/** One part of it (the document's XML, an image) may be at most this large. */
export const MAX_DOCX_ENTRY_BYTES = 30 * 1024 * 1024;

async function docxText(bytes: Uint8Array): Promise<string> {
  // Inflated here, under a hard cap, and handed to mammoth stored: it never inflates anything itself.
  const unzipped = unzipCapped(bytes, { perEntryBytes: MAX_DOCX_ENTRY_BYTES, totalBytes: MAX_DOCX_UNCOMPRESSED_BYTES });
  if (!unzipped.ok && unzipped.reason === "corrupt") throw corruptDocx();
  if (!unzipped.ok) {
    throw new ImportError(
      "too_large",
      "Tài liệu Word giải nén ra quá lớn (trên 50 MB), không phải một báo cáo tuần",
      "The .docx inflates to more than 50 MB: not a weekly report",
    );
  }
  let value: string;
  try {
    ({ value } = await mammoth.extractRawText({ buffer: storedZip(unzipped.entries) }));
  } catch {
    throw corruptDocx();
  }
  if (value.trim() === "")
    throw new ImportError("empty", "Tài liệu Word không có chữ", "The Word document has no text");
  return value;
}
