import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

/** Starts a TypeScript child with tsx; resolves with the URL it prints as "READY <url>". */
export function startChild(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", resolve(import.meta.dirname, script), ...args], {
    cwd: ROOT,
    env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  return new Promise((ok, fail) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) ok({ child, url: m[1]! });
    });
    child.once("exit", (code) => fail(new Error(`${script} exited with code ${code} before it was ready`)));
  });
}

/**
 * Runs a TypeScript script with tsx in its own process (a load generator must not share an event loop with
 * what it measures) and resolves with the JSON object on the last line of its output.
 */
export function runJsonChild<T>(script: string, args: string[]): Promise<T> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((ok, fail) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.once("exit", (code) => {
      try {
        if (code !== 0) throw new Error(`exit code ${code}`);
        ok(JSON.parse(out.trim().split("\n").at(-1) ?? "") as T);
      } catch (err) {
        fail(new Error(`${script} gave no result (${err instanceof Error ? err.message : String(err)}): ${out}`));
      }
    });
  });
}

export function stopChild(child: ChildProcess): Promise<void> {
  // A child killed by a signal has no exit code, only a signal code: it is gone all the same.
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(force);
      r();
    });
    child.stdin!.end();
  });
}
