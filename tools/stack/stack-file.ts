import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * DATA_DIR/stack.json: which local stack owns this data folder and where its Redis listens, so that a
 * second `npm start` refuses to share the files and `npm run backup/restore` find the running Redis.
 */
export interface StackFile {
  pid: number;
  /** Absent when the stack uses Sentinel or a Cluster (named in its configuration). */
  redisUrl?: string;
  privateRedis: boolean;
  /** pid of the private redis-server, so an operator (or a test) can check it is gone after a stop. */
  redisPid?: number;
  startedAt: string;
}

const fileOf = (dataDir: string) => join(resolve(dataDir), "stack.json");
const lockOf = (dataDir: string) => join(resolve(dataDir), "stack.lock");

/**
 * Takes the data folder for this process: the lock file is created exclusively (O_EXCL), so of two stacks
 * started at the same moment exactly one gets it. A lock left by a dead process is taken over. Returns the
 * pid of the live holder when the folder is taken.
 */
export function acquireStackLock(dataDir: string): number | undefined {
  mkdirSync(resolve(dataDir), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockOf(dataDir), String(process.pid), { flag: "wx" });
      return undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(readFileSync(lockOf(dataDir), "utf8"));
      if (Number.isInteger(holder) && holder > 0 && isProcessAlive(holder)) return holder;
      rmSync(lockOf(dataDir), { force: true });
    }
  }
  throw new Error(`could not take ${lockOf(dataDir)}: another stack is starting on this folder`);
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readStackFile(dataDir: string): StackFile | undefined {
  try {
    const s = JSON.parse(readFileSync(fileOf(dataDir), "utf8")) as StackFile;
    return typeof s.pid === "number" ? s : undefined;
  } catch {
    return undefined;
  }
}

/** The stack currently running on this data folder, if its process is alive. */
export function readRunningStack(dataDir: string): StackFile | undefined {
  const s = readStackFile(dataDir);
  return s && isProcessAlive(s.pid) ? s : undefined;
}

/**
 * The private redis-server of a stack that died without stopping it (SIGKILL, power cut of the launcher):
 * it still holds the data folder's AOF, so a new stack must stop it before starting its own.
 */
export function orphanedRedisPid(dataDir: string): number | undefined {
  const s = readStackFile(dataDir);
  return s && !isProcessAlive(s.pid) && s.redisPid && isRedisServer(s.redisPid) ? s.redisPid : undefined;
}

/** Guards against a recycled pid: only a process that is a redis-server counts. */
function isRedisServer(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("redis-server");
  } catch {
    return false;
  }
}

/**
 * Written readable by its owner only, and without the Redis URL's user and password: a backup run beside
 * an external Redis takes its credentials from REDIS_URL, never from this file.
 */
export function writeStackFile(dataDir: string, s: StackFile): void {
  mkdirSync(resolve(dataDir), { recursive: true });
  const file = fileOf(dataDir);
  writeFileSync(
    file,
    JSON.stringify({ ...s, ...(s.redisUrl && { redisUrl: withoutCredentials(s.redisUrl) }) }, null, 2),
    { mode: 0o600 },
  );
  // The mode above applies only to a new file.
  chmodSync(file, 0o600);
}

function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return "";
  }
}

export function removeStackFile(dataDir: string): void {
  rmSync(fileOf(dataDir), { force: true });
  rmSync(lockOf(dataDir), { force: true });
}
