import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { eventually } from "../../test/harness/eventually";
import { startPrivateRedis } from "./private-redis";

describe("a supervised private redis-server", () => {
  const dir = mkdtempSync(join(tmpdir(), "cds-supervised-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("comes back on the same port with its data after being killed, and stays down once stopped", async () => {
    const restartedPids: number[] = [];
    const redis = await startPrivateRedis({ dataDir: dir, supervise: { onRestart: (pid) => restartedPids.push(pid) } });
    const client = new Redis(redis.url, { maxRetriesPerRequest: null, lazyConnect: true });
    client.on("error", () => {});
    try {
      await client.connect();
      // Redis writes the AOF before it answers: the write is in the kernel's hands, which a SIGKILL does not lose.
      await client.set("kept", "yes");
      const first = redis.pid;
      process.kill(first, "SIGKILL");
      // A signal takes effect when the kernel delivers it: wait for the supervisor's restart, not for an answer
      // the dying process may still give. Commands wait for the reconnection; the answer shows the data kept.
      expect(
        await eventually(
          async () => redis.restarts,
          (n) => n >= 1,
          15_000,
        ),
      ).toBe(1);
      expect(await client.get("kept")).toBe("yes");
      expect(redis.pid).not.toBe(first);
      expect(restartedPids).toEqual([redis.pid]);
    } finally {
      client.disconnect();
      await redis.stop();
    }
    const after = new Redis(redis.url, { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    after.on("error", () => {});
    await expect(after.connect()).rejects.toThrow();
    after.disconnect();
  });
});
