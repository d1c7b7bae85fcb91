import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createDeflateRaw } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildDocx, zip } from "../../../../test/fixtures/reports/docx";
import { ImportError } from "./import-error";
import { readDocument } from "./read-document";
import { unzipCapped } from "./unzip-capped";

const fixtures = fileURLToPath(new URL("../../../../test/fixtures/reports/", import.meta.url));

/** `megabytes` of zeros, deflated as a stream: about 1 KB per MB, built without holding the zeros. */
async function deflatedZeros(megabytes: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (c: Buffer) => out.push(c));
  const done = new Promise((r) => deflate.on("end", r));
  const chunk = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) if (!deflate.write(chunk)) await new Promise((r) => deflate.once("drain", r));
  deflate.end();
  await done;
  return Buffer.concat(out);
}

/** A one-entry zip holding already-deflated data, whose headers claim `claimed` bytes uncompressed. */
function lyingZip(name: string, packed: Buffer, claimed: number, zip64 = false): Buffer {
  const nameBytes = Buffer.from(name);
  const extra = Buffer.alloc(zip64 ? 20 : 0);
  if (zip64) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(16, 2);
    extra.writeBigUInt64LE(BigInt(claimed), 4);
    extra.writeBigUInt64LE(BigInt(packed.length), 12);
  }
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(zip64 ? 0xffffffff : packed.length, 18);
  local.writeUInt32LE(zip64 ? 0xffffffff : claimed, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(zip64 ? 0xffffffff : packed.length, 20);
  central.writeUInt32LE(zip64 ? 0xffffffff : claimed, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt16LE(extra.length, 30);
  const dir = Buffer.concat([central, nameBytes, extra]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(dir.length, 12);
  const offset = local.length + nameBytes.length + packed.length;
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([local, nameBytes, packed, dir, end]);
}

describe("reading a .docx under a hard inflation cap", () => {
  it("refuses a zip whose headers lie about sizes, after at most the cap's worth of inflating", async () => {
    // 1 GB of zeros in about 1 MB, declared as 1,000 bytes.
    const packed = await deflatedZeros(1024);
    expect(packed.length).toBeLessThan(2 * 1024 * 1024);
    for (const zip64 of [false, true]) {
      const bomb = lyingZip("word/document.xml", packed, 1_000, zip64);
      const before = process.memoryUsage().arrayBuffers;
      expect(
        unzipCapped(bomb, { perEntryBytes: 8 * 1024 * 1024, totalBytes: 8 * 1024 * 1024 }),
        `zip64 ${zip64}`,
      ).toEqual({ ok: false, reason: "too_large" });
      // Nothing near a gigabyte was ever held: the output stopped at the cap.
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
      const err = await readDocument(bomb, "bao-cao.docx").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportError);
      expect(err).toMatchObject({ code: "too_large" });
    }
  });

  it("counts the cap across entries, not only per entry", () => {
    const entries = Array.from({ length: 6 }, (_, n) => ({
      name: `part${n}.xml`,
      data: Buffer.alloc(1024 * 1024, 97),
    }));
    expect(unzipCapped(zip(entries), { perEntryBytes: 2 * 1024 * 1024, totalBytes: 5 * 1024 * 1024 })).toEqual({
      ok: false,
      reason: "too_large",
    });
    const fits = unzipCapped(zip(entries), { perEntryBytes: 2 * 1024 * 1024, totalBytes: 6 * 1024 * 1024 });
    expect(fits.ok && fits.entries.map((e) => e.data.length)).toEqual(Array(6).fill(1024 * 1024));
  });

  it("reads an honest .docx, ZIP64 sizes included, and calls a broken one corrupt", async () => {
    const doc = await readDocument(buildDocx("Xin chào\nTuần 5 tháng 8"), "x.docx");
    expect(doc.text).toContain("Tuần 5 tháng 8");
    const xml = Buffer.from(
      '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
    );
    const packed = await new Promise<Buffer>((resolve) => {
      const d = createDeflateRaw();
      const out: Buffer[] = [];
      d.on("data", (c: Buffer) => out.push(c)).on("end", () => resolve(Buffer.concat(out)));
      d.end(xml);
    });
    const honest64 = unzipCapped(lyingZip("word/document.xml", packed, xml.length, true), {
      perEntryBytes: 1024,
      totalBytes: 1024,
    });
    expect(honest64.ok && honest64.entries[0]!.data.equals(xml)).toBe(true);
    const truncated = readFileSync(`${fixtures}bao-cao-tuan-5-thang-8-2024.docx`).subarray(0, 2000);
    expect(unzipCapped(truncated, { perEntryBytes: 1024 * 1024, totalBytes: 1024 * 1024 })).toEqual({
      ok: false,
      reason: "corrupt",
    });
  });
});
