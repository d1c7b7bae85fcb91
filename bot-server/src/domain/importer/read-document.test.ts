import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { buildDocx, zip } from "../../../../test/fixtures/reports/docx";
import { ImportError, type ImportErrorCode } from "./import-error";
import { MAX_REPORT_BYTES, readDocument, readReportFile } from "./read-document";

const fixtures = fileURLToPath(new URL("../../../../test/fixtures/reports/", import.meta.url));
const fixture = (name: string) => readFileSync(join(fixtures, name));

async function failure(promise: Promise<unknown>): Promise<ImportError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ImportError)) throw new Error(`expected an ImportError, got ${String(err)}`);
  expect(err.message).not.toContain("\n");
  expect(err.message).toMatch(/^[^/]+ \/ [A-Z]/);
  return err;
}

describe("readDocument", () => {
  it("reads UTF-8 text, with or without a byte-order mark", async () => {
    expect(await readDocument(Buffer.from("Tỷ lệ 93%"), "a.txt")).toEqual({
      name: "a.txt",
      format: "text",
      text: "Tỷ lệ 93%",
    });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Hải Dương")]);
    expect((await readDocument(withBom, "a.txt")).text).toBe("Hải Dương");
  });

  it("reads UTF-16 text as Windows Notepad saves it", async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Hải Dương 45.929", "utf16le")]);
    expect((await readDocument(le, "a.txt")).text).toBe("Hải Dương 45.929");
    const be = Buffer.from("Hải Dương", "utf16le").swap16();
    expect((await readDocument(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), "a.txt")).text).toBe("Hải Dương");
  });

  it("reads the text of a .docx, whatever its name, runs joined and paragraphs separated by a blank line", async () => {
    const doc = await readDocument(
      buildDocx("Có 45.929 tài khoản (*tăng 90 tài khoản*).\nĐoạn hai & <ba>"),
      "upload.bin",
    );
    expect(doc.format).toBe("docx");
    expect(doc.text.trim()).toBe("Có 45.929 tài khoản (tăng 90 tài khoản).\n\nĐoạn hai & <ba>");
  });

  it.each<[string, Uint8Array, string, ImportErrorCode]>([
    ["an empty file", Buffer.alloc(0), "a.txt", "empty"],
    ["only blank lines", Buffer.from(" \r\n\n\t"), "a.txt", "empty"],
    ["a .docx without text", buildDocx(""), "a.docx", "empty"],
    ["random bytes", fixture("binary.bin"), "binary.bin", "binary"],
    ["bytes that are not UTF-8", Buffer.from([0x48, 0xe1, 0xba, 0x20, 0x44]), "a.txt", "binary"],
    ["text full of control characters", Buffer.from("a\u0001b\u0002c\u0003d"), "a.txt", "binary"],
    ["a truncated .docx", fixture("corrupt.docx"), "corrupt.docx", "corrupt_docx"],
    ["a zip without a Word document", zip([{ name: "hello.txt", data: Buffer.from("hi") }]), "a.docx", "corrupt_docx"],
    ["a text file named .docx", Buffer.from("BÁO CÁO TUẦN"), "report.docx", "corrupt_docx"],
    [
      "a legacy .doc",
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      "a.doc",
      "unsupported_format",
    ],
    ["a PDF", Buffer.from("%PDF-1.7\n..."), "a.pdf", "unsupported_format"],
    ["more than the limit", Buffer.alloc(MAX_REPORT_BYTES + 1, 0x61), "big.txt", "too_large"],
    // 60 MB of zeros deflate to about 60 KB: a small upload that would inflate far beyond any report.
    [
      "a .docx that inflates beyond 50 MB",
      zip([{ name: "word/document.xml", data: Buffer.alloc(60 * 1024 * 1024) }]),
      "bomb.docx",
      "too_large",
    ],
  ])("refuses %s", async (_what, bytes, name, code) => {
    expect((await failure(readDocument(bytes, name))).code).toBe(code);
  });

  it("accepts a text of exactly the limit", async () => {
    const doc = await readDocument(Buffer.alloc(MAX_REPORT_BYTES, 0x61), "big.txt");
    expect(doc.text).toHaveLength(MAX_REPORT_BYTES);
  });
});

describe("readReportFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "cds-read-document-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a report from disk", async () => {
    const doc = await readReportFile(join(fixtures, "bao-cao-tuan-5-thang-8-2024.txt"));
    expect(doc.name).toBe("bao-cao-tuan-5-thang-8-2024.txt");
    expect(doc.text).toContain("BÁO CÁO TUẦN 5 THÁNG 8 NĂM 2024");
  });

  it("refuses a missing file and a directory", async () => {
    expect((await failure(readReportFile(join(dir, "nope.txt")))).code).toBe("not_found");
    expect((await failure(readReportFile(dir))).code).toBe("not_a_file");
  });

  it("refuses a 50 MB file by its size, and says how large it is", async () => {
    const big = join(dir, "big.txt");
    const report = readFileSync(join(fixtures, "bao-cao-tuan-5-thang-8-2024.txt"));
    writeFileSync(
      big,
      Buffer.concat(Array.from({ length: Math.ceil((50 * 1024 * 1024) / report.length) }, () => report)).subarray(
        0,
        50 * 1024 * 1024,
      ),
    );
    const err = await failure(readReportFile(big));
    expect(err.code).toBe("too_large");
    expect(err.message).toMatch(/\(50,0 MB, tối đa 5 MB\).*\(50,0 MB, limit 5 MB\)/);
  });
});
