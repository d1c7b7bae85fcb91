import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { connectTestRedis, dropPrefix, uniquePrefix } from "../../../test/harness/redis";
import { luaScript } from "./lua";
import { slotMaster } from "./slot-master";

const LUA = "return redis.call('INCRBY', KEYS[1], ARGV[1])";
const SHA = createHash("sha1").update(LUA).digest("hex");

/** Scripts run by their SHA, and sent again when Redis has forgotten them. */
describe("Lua scripts by SHA", () => {
  const redis = connectTestRedis();
  const prefix = uniquePrefix("lua");
  const add = luaScript<number>("test_incr", LUA, 1);
  const addAny = luaScript<number>("test_incr_any", LUA);
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    redis.disconnect();
  });

  /** The script calls Redis received that name `key`, up to a marker read after them (MONITOR: every client). */
  async function commandsOn(key: string, work: () => Promise<void>): Promise<string[]> {
    const monitor = await (await slotMaster(redis, key)).monitor();
    const seen: string[] = [];
    const marker = `${key}:marker`;
    const done = new Promise<void>((resolve) =>
      monitor.on("monitor", (_time: string, args: string[]) => {
        if (args.includes(marker)) resolve();
        const command = String(args[0]).toLowerCase();
        if (args.includes(key) && (command === "eval" || command === "evalsha")) seen.push(command);
      }),
    );
    await work();
    await redis.get(marker);
    await done;
    monitor.disconnect();
    return seen;
  }

  it("runs by SHA, and loads the script again after Redis forgot it", async () => {
    const key = `{${prefix}}:n`;
    expect(await add(redis, [key], [2])).toBe(2);
    const server = await slotMaster(redis, key);
    expect((await server.script("EXISTS", SHA)) as number[]).toEqual([1]);
    const sent = await commandsOn(key, async () => {
      for (let i = 0; i < 10; i++) await add(redis, [key], [1]);
    });
    expect(sent).toEqual(Array(10).fill("evalsha"));
    await server.script("FLUSH");
    const reloaded = await commandsOn(key, async () => {
      expect(await add(redis, [key], [1])).toBe(13);
    });
    expect(reloaded).toEqual(["evalsha", "eval"]);
    // A script taking any number of keys sends their count with each call.
    expect(await addAny(redis, [key], [1])).toBe(14);
  });

  it("refuses a call with the wrong number of keys rather than reading the wrong ones", async () => {
    await expect(add(redis, [`{${prefix}}:a`, `{${prefix}}:b`], [1])).rejects.toThrow(/takes 1 keys, got 2/);
  });
});
