import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const INSTALL_COMMAND = "sudo apt-get update && sudo apt-get install -y redis-server";

function which(cmd: string): string | undefined {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  const path = r.stdout.trim();
  return r.status === 0 && path ? path : undefined;
}

function isDebianLike(): boolean {
  if (!existsSync("/etc/os-release")) return false;
  return /\b(debian|ubuntu)\b/i.test(readFileSync("/etc/os-release", "utf8"));
}

function canInstall(): "root" | "sudo" | undefined {
  if (process.getuid?.() === 0) return "root";
  if (which("sudo") && spawnSync("sudo", ["-n", "true"]).status === 0) return "sudo";
  return undefined;
}

/**
 * Path to redis-server. Installs it with apt-get where that is allowed (root or passwordless sudo on
 * Debian/Ubuntu); otherwise throws with the exact command for the user to run.
 */
export function ensureRedisServer(log: (msg: string) => void = () => {}): string {
  const found = which("redis-server");
  if (found) return found;
  const how = canInstall();
  if (!how || !isDebianLike()) {
    throw new Error(
      `redis-server is not installed. Install it with:\n  ${INSTALL_COMMAND}\nor set REDIS_URL to an existing Redis 7.`,
    );
  }
  log("redis-server is missing: installing it with apt-get");
  const prefix = how === "sudo" ? ["sudo", "-n"] : [];
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["apt-get", "update", "-qq"],
    ["apt-get", "install", "-y", "-qq", "redis-server"],
  ]) {
    const [cmd, ...rest] = [...prefix, ...args] as [string, ...string[]];
    const r = spawnSync(cmd, rest, { stdio: "inherit", env });
    if (r.status !== 0) throw new Error(`'${args.join(" ")}' failed; install it by hand:\n  ${INSTALL_COMMAND}`);
  }
  const installed = which("redis-server");
  if (!installed)
    throw new Error(`redis-server still not found after apt-get; install it by hand:\n  ${INSTALL_COMMAND}`);
  return installed;
}
