import { randomBytes } from "node:crypto";

export interface UploadRecord {
  createdAt: number;
  bytes: number;
  mime: string;
}

/** Uploaded images are kept as metadata only: the simulator never serves the bytes back. */
export class UploadStore {
  private uploads = new Map<string, UploadRecord>();

  reset(): void {
    this.uploads.clear();
  }

  add(rec: UploadRecord): string {
    const id = randomBytes(24).toString("base64url");
    this.uploads.set(id, rec);
    return id;
  }

  get(id: string): UploadRecord | undefined {
    return this.uploads.get(id);
  }
}
