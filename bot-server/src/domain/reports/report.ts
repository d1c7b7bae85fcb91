import { createHash } from "node:crypto";

/** A weekly report as the department sent it, kept verbatim: snapshots are derived from it, never the reverse. */
export interface StoredReport {
  sha256: string;
  name: string;
  text: string;
  receivedAt: string;
}

export function newReport(name: string, text: string, receivedAt: Date): StoredReport {
  // Normalise line endings only: the text is evidence and otherwise stays byte for byte.
  const normalised = text.replace(/\r\n?/g, "\n");
  const sha256 = createHash("sha256").update(normalised).digest("hex");
  return { sha256, name, text: normalised, receivedAt: receivedAt.toISOString() };
}
