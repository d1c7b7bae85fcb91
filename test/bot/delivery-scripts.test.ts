import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

/** `npm run <script> -- <args>`'s last line, parsed: the scripts print one JSON object last. */
function lastJson(script: string, args: string[]): Promise<{ code: number | null; result: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "-s", script, "--", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      try {
        resolve({ code, result: JSON.parse(line) as Record<string, unknown> });
      } catch {
        reject(new Error(`${script} printed no JSON (exit ${code}):\n${out}\n${err.slice(-2000)}`));
      }
    });
  });
}

/** The delivery benchmark and chaos run, small: what they print holds; their figures go in the README. */
describe("the delivery scripts, small", () => {
  it("bench:delivery delivers to everyone once under a configured rate, with no -32", async () => {
    const { code, result } = await lastJson("bench:delivery", ["--followers", "300", "--rate", "12000"]);
    expect(code).toBe(0);
    expect(result).toMatchObject({
      followers: 300,
      delivered: 300,
      duplicates: 0,
      lost: 0,
      rate_limit_errors: 0,
      configured_rate: 200,
    });
    expect(result.reply_p95_ms).toEqual(expect.any(Number));
  }, 180_000);

  it("chaos:delivery loses nobody and doubles nobody across worker kills and a Redis restart", async () => {
    const { code, result } = await lastJson("chaos:delivery", ["--followers", "600", "--kills", "2"]);
    expect(result).toMatchObject({
      followers: 600,
      delivered: 600,
      duplicates: 0,
      lost: 0,
      kills: 2,
      redis_restarts: 1,
    });
    expect(code).toBe(0);
  }, 240_000);

  it.each(["cluster", "sentinel"])(
    "chaos:delivery on a %s loses nobody and doubles nobody when the send's master fails over",
    async (topology) => {
      const { code, result } = await lastJson("chaos:delivery", [
        "--followers",
        "600",
        "--kills",
        "1",
        "--topology",
        topology,
        "--failovers",
        "1",
      ]);
      expect(result).toMatchObject({ followers: 600, delivered: 600, duplicates: 0, lost: 0, topology, failovers: 1 });
      expect(code).toBe(0);
    },
    240_000,
  );
});
