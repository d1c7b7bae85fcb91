import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquireStackLock, removeStackFile, writeStackFile } from "./stack-file";

describe("the data folder's stack lock", () => {
  const dir = mkdtempSync(join(tmpdir(), "cds-lock-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("goes to one process, is refused while its holder lives, and is taken over from a dead one", () => {
    expect(acquireStackLock(dir)).toBeUndefined();
    expect(readFileSync(join(dir, "stack.lock"), "utf8")).toBe(String(process.pid));
    // Held by a live process (our parent): refused, naming the holder.
    writeFileSync(join(dir, "stack.lock"), String(process.ppid));
    expect(acquireStackLock(dir)).toBe(process.ppid);
    // Held by a process that no longer exists: taken over.
    writeFileSync(join(dir, "stack.lock"), "4194303");
    expect(acquireStackLock(dir)).toBeUndefined();
    removeStackFile(dir);
    expect(acquireStackLock(dir)).toBeUndefined();
  });
});

describe("DATA_DIR/stack.json", () => {
  const dir = mkdtempSync(join(tmpdir(), "cds-stackfile-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("holds no Redis password and is readable by its owner only", () => {
    writeFileSync(join(dir, "stack.json"), "{}", { mode: 0o644 });
    writeStackFile(dir, {
      pid: process.pid,
      redisUrl: "redis://default:s3cret-password@10.0.0.5:6380/0",
      privateRedis: false,
      startedAt: new Date().toISOString(),
    });
    const text = readFileSync(join(dir, "stack.json"), "utf8");
    expect(text).not.toContain("s3cret-password");
    expect(JSON.parse(text)).toMatchObject({ redisUrl: "redis://10.0.0.5:6380/0" });
    expect(statSync(join(dir, "stack.json")).mode & 0o777).toBe(0o600);
  });
});
