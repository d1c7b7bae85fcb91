import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxEnv } from "../../tools/stack/sandbox-env";
import { findFreePort } from "../../tools/redis/find-free-port";
import { eventually, type OutboxEntry } from "../harness/eventually";
import { redisEnv } from "../harness/redis";
import { startZaloSandbox, type ZaloSandbox } from "../harness/sandbox";

/**
 * What an operator deploys: a copy of the repository, `npm ci && npm run build && npm prune --omit=dev`,
 * then the compiled server with plain node and no dev tools, against a Redis and (here) the Zalo simulator.
 */
const root = join(import.meta.dirname, "../..");

function run(cwd: string, command: string, args: string[]): void {
  const r = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_fund: "false", npm_config_audit: "false" },
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/** The files git knows of (committed or new, not ignored), as a clone would have them. */
function copyRepository(to: string): void {
  const files = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
  })
    .stdout.split("\0")
    .filter((f) => f !== "");
  for (const f of files) {
    if (!existsSync(join(root, f))) continue;
    mkdirSync(dirname(join(to, f)), { recursive: true });
    copyFileSync(join(root, f), join(to, f));
  }
}

describe("the production build", { timeout: 120_000 }, () => {
  let dir: string;
  let s: ZaloSandbox;
  let child: ChildProcess | undefined;
  let output = "";

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cds-prod-"));
    copyRepository(dir);
    run(dir, "npm", ["ci", "--prefer-offline"]);
    run(dir, "npm", ["run", "build"]);
    run(dir, "npm", ["prune", "--omit=dev"]);
    s = await startZaloSandbox("prod-build");
  }, 600_000);
  afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      // npm runs node as its own child: stop the whole group, or the server outlives the test.
      const exited = new Promise((r) => child!.once("exit", r));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    }
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("leaves no dev tool installed, and runs with plain node: ready, and a signed message answered", async () => {
    // (typescript itself stays: Bull Board's valibot names it as a peer, and npm installs peers.)
    for (const devTool of ["tsx", "vite", "vitest", "esbuild", "playwright-core"])
      expect(existsSync(join(dir, "node_modules", devTool)), devTool).toBe(false);
    const port = await findFreePort();
    const env = {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      ...redisEnv(),
      KEY_PREFIX: s.config.keyPrefix,
      PORT: String(port),
      LOG_LEVEL: "warn",
      WORKER_METRICS_PORT: String(await findFreePort()),
      ...sandboxEnv(s.sim.url),
    };
    child = spawn("npm", ["run", "start:prod", "--", "all"], {
      cwd: dir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    const base = `http://127.0.0.1:${port}`;
    const ready = await eventually(
      () =>
        fetch(`${base}/readyz`).then(
          (r) => r.status,
          () => 0,
        ),
      (status) => status === 200 || child?.exitCode !== null,
      60_000,
    );
    expect(ready, output).toBe(200);
    // The built front ends are where the server looks for them.
    expect((await fetch(`${base}/console/`)).status).toBe(200);
    expect((await fetch(`${base}/app/`)).status).toBe(200);

    s.sim.setWebhookUrl(`${base}/webhooks/zalo`);
    const [user] = (
      await s.simJson<{ sample_ids: string[] }>("/__sim/followers", { body: { count: 1, active_within_days: 1 } })
    ).sample_ids;
    expect(
      await s.simJson("/__sim/events", {
        body: { event_name: "user_send_text", user_id: user, text: "chỉ số", msg_id: "prodbuild1" },
      }),
    ).toMatchObject({ status: 200 });
    const replies = await eventually(
      () => s.simJson<OutboxEntry[]>(`/__sim/outbox?user_id=${user}`),
      (o) => o.length > 0,
    );
    expect(
      replies.map((r) => r.kind),
      output,
    ).toEqual(["cs"]);
  });
});
