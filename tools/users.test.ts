import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { keyspace } from "../bot-server/src/store/keys";
import { connectTestRedis, dropPrefix, redisEnv, uniquePrefix } from "../test/harness/redis";

describe("npm run user:add / user:passwd / user:disable", () => {
  const prefix = uniquePrefix("users-cli");
  const redis = connectTestRedis();
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    redis.disconnect();
  });
  const run = (args: string[], input = "") =>
    spawnSync(process.execPath, ["--import", "tsx", "tools/users.ts", ...args], {
      env: { ...process.env, ...redisEnv(), KEY_PREFIX: prefix, LOG_LEVEL: "silent" },
      input,
      encoding: "utf8",
    });
  const stored = async (u: string) =>
    JSON.parse((await redis.hget(keyspace(prefix).users, u)) ?? "null") as {
      roles: string[];
      disabled: boolean;
      passwordHash: string;
    } | null;

  it("creates an account with the password from standard input, never a flag", async () => {
    const added = run(
      ["add", "--username", "bientap", "--name", "Biên tập viên", "--role", "editor", "--role", "approver"],
      "một mật khẩu đủ dài\n",
    );
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/created bientap \(editor, approver\)/);
    const user = await stored("bientap");
    expect(user).toMatchObject({ roles: ["editor", "approver"], disabled: false });
    expect(user!.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(JSON.stringify(user)).not.toContain("một mật khẩu đủ dài");
  });

  it("refuses bad input with a message and a non-zero exit, and stores nothing", async () => {
    expect(run(["add", "--username", "xbad1", "--role", "king"], "một mật khẩu đủ dài\n").status).toBe(2);
    expect(run(["add", "--username", "xbad2", "--role", "editor", "--password", "hunter2"], "").status).toBe(2);
    const short = run(["add", "--username", "xbad3", "--role", "editor"], "ngắn\n");
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/ít nhất 12 ký tự/);
    expect(await stored("xbad1")).toBeNull();
    expect(await stored("xbad3")).toBeNull();
  });

  it("changes a password and disables an account", async () => {
    const before = (await stored("bientap"))!.passwordHash;
    expect(run(["passwd", "--username", "bientap"], "mật khẩu mới cũng đủ dài\n").status).toBe(0);
    expect((await stored("bientap"))!.passwordHash).not.toBe(before);
    expect(run(["disable", "--username", "bientap"]).status).toBe(0);
    expect((await stored("bientap"))!.disabled).toBe(true);
    expect(run(["passwd", "--username", "nobody"], "mật khẩu mới cũng đủ dài\n").status).toBe(1);
  });
});
