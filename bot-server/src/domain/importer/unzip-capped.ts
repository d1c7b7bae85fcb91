import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";

/**
 * Reads a zip (a .docx) without trusting what it says about itself: each entry is inflated with a hard
 * output limit, per entry and in total, so a zip whose headers lie about sizes costs at most the limit's
 * worth of work and memory before it is refused. ZIP64 sizes and offsets are read too.
 */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

export type UnzipResult = { ok: true; entries: ZipEntry[] } | { ok: false; reason: "corrupt" | "too_large" };

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

class Corrupt extends Error {}

function u64(view: DataView, at: number): number {
  const value = view.getBigUint64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Corrupt();
  return Number(value);
}

interface CentralEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** The end-of-central-directory record, then ZIP64's when the classic fields are saturated. */
function directory(view: DataView): { entries: number; offset: number } {
  const lowest = Math.max(0, view.byteLength - 22 - U16_MAX);
  for (let eocd = view.byteLength - 22; eocd >= lowest; eocd--) {
    if (view.getUint32(eocd, true) !== SIG_EOCD) continue;
    let entries = view.getUint16(eocd + 10, true);
    let offset = view.getUint32(eocd + 16, true);
    if (
      (entries === U16_MAX || offset === U32_MAX) &&
      eocd >= 20 &&
      view.getUint32(eocd - 20, true) === SIG_EOCD64_LOCATOR
    ) {
      const at = u64(view, eocd - 20 + 8);
      if (at + 56 > view.byteLength || view.getUint32(at, true) !== SIG_EOCD64) throw new Corrupt();
      entries = u64(view, at + 32);
      offset = u64(view, at + 48);
    }
    return { entries, offset };
  }
  throw new Corrupt();
}

function centralEntries(bytes: Uint8Array, view: DataView): CentralEntry[] {
  const { entries, offset } = directory(view);
  const out: CentralEntry[] = [];
  let at = offset;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== SIG_CENTRAL) throw new Corrupt();
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let compressedSize = view.getUint32(at + 20, true);
    let uncompressedSize = view.getUint32(at + 24, true);
    let localOffset = view.getUint32(at + 42, true);
    const nameAt = at + 46;
    if (nameAt + nameLength + extraLength > bytes.length) throw new Corrupt();
    // ZIP64 extended information (0x0001): the saturated fields, in this order, each 8 bytes.
    for (let x = nameAt + nameLength; x + 4 <= nameAt + nameLength + extraLength;) {
      const id = view.getUint16(x, true);
      const size = view.getUint16(x + 2, true);
      if (id === 0x0001) {
        let f = x + 4;
        const take = () => {
          if (f + 8 > x + 4 + size) throw new Corrupt();
          const v = u64(view, f);
          f += 8;
          return v;
        };
        if (uncompressedSize === U32_MAX) uncompressedSize = take();
        if (compressedSize === U32_MAX) compressedSize = take();
        if (localOffset === U32_MAX) localOffset = take();
      }
      x += 4 + size;
    }
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + nameAt, nameLength).toString("utf8");
    out.push({ name, method: view.getUint16(at + 10, true), compressedSize, uncompressedSize, localOffset });
    at = nameAt + nameLength + extraLength + commentLength;
  }
  return out;
}

function compressedData(bytes: Uint8Array, view: DataView, e: CentralEntry): Uint8Array {
  const at = e.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== SIG_LOCAL) throw new Corrupt();
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + e.compressedSize > bytes.length) throw new Corrupt();
  return bytes.subarray(start, start + e.compressedSize);
}

export function unzipCapped(bytes: Uint8Array, limits: { perEntryBytes: number; totalBytes: number }): UnzipResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const central = centralEntries(bytes, view);
    // What the zip admits to is refused before any work; what it hides is caught while inflating.
    const declared = central.reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (declared > limits.totalBytes || central.some((e) => e.uncompressedSize > limits.perEntryBytes))
      return { ok: false, reason: "too_large" };
    const entries: ZipEntry[] = [];
    let total = 0;
    for (const e of central) {
      const packed = compressedData(bytes, view, e);
      const allowed = Math.min(limits.perEntryBytes, limits.totalBytes - total);
      let data: Buffer;
      if (e.method === 0) {
        if (packed.length > allowed) return { ok: false, reason: "too_large" };
        data = Buffer.from(packed);
      } else if (e.method === 8) {
        try {
          // One byte over the allowance is enough to know it is too large.
          data = inflateRawSync(packed, { maxOutputLength: allowed + 1 });
        } catch (err) {
          if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return { ok: false, reason: "too_large" };
          throw new Corrupt();
        }
        if (data.length > allowed) return { ok: false, reason: "too_large" };
      } else throw new Corrupt();
      total += data.length;
      entries.push({ name: e.name, data });
    }
    return { ok: true, entries };
  } catch (err) {
    if (err instanceof Corrupt || err instanceof RangeError) return { ok: false, reason: "corrupt" };
    throw err;
  }
}

/** 1 January 1980, Zip's first day: a fixed timestamp, so the same entries always give the same bytes. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** The entries as a zip archive, stored as they are or deflated. */
export function writeZip(entries: readonly ZipEntry[], method: "stored" | "deflated"): Buffer {
  const methodId = method === "deflated" ? 8 : 0;
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, "utf8");
    const packed = method === "deflated" ? deflateRawSync(data) : data;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(methodId, 8);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    parts.push(local, nameBytes, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(SIG_CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(methodId, 10);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dir, end]);
}

/**
 * The entries again as a zip that stores them uncompressed: what a reader given it (mammoth) unpacks is
 * exactly what was checked, whatever the original's headers claimed.
 */
export const storedZip = (entries: readonly ZipEntry[]): Buffer => writeZip(entries, "stored");
