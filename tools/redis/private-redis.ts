import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { Socket } from "node:net";
import { ensureRedisServer } from "./ensure-redis-server";
import { findFreePort } from "./find-free-port";

export interface PrivateRedisOptions {
  /** Folder for the AOF/RDB files; omitted = no persistence (tests). */
  dataDir?: string;
  port?: number;
  /** Serve this RDB file (read-only use: no AOF, nothing saved back). Excludes dataDir. */
  rdbFile?: string;
  log?: (msg: string) => void;
  /**
   * Restart the server, same port and data, when it exits without being asked to (a crash, an OOM kill):
   * after 0.5 s, then doubling up to 10 s while it keeps failing. Called with the new process id.
   */
  supervise?: { onRestart?: (pid: number) => void };
  /** More arguments (a Cluster node's, a replica's). */
  args?: string[];
  /** A configuration file read first (a sentinel needs one it can rewrite). */
  configFile?: string;
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** The current redis-server process (a supervised server gets a new one at each restart). */
  readonly pid: number;
  /** How many times supervision restarted it. */
  readonly restarts: number;
  /** Asks Redis to shut down (it flushes the AOF first) and waits for the process to exit. */
  stop(): Promise<void>;
  /** Kills the process outright (a machine lost), unsupervised: it stays down until `start`. */
  kill(): Promise<void>;
  /** Starts a killed server again on its port, with its data and arguments. */
  start(): Promise<void>;
}

const RESTART_FIRST_DELAY_MS = 500;
const RESTART_MAX_DELAY_MS = 10_000;

function ping(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(500, () => finish(false));
    socket.once("error", () => finish(false));
    socket.connect(port, "127.0.0.1", () => socket.write("PING\r\n"));
    socket.once("data", (d) => finish(d.toString().startsWith("+PONG")));
  });
}

async function waitUntilUp(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}:\n${output()}`);
    if (await ping(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer on port ${port} within 15 s:\n${output()}`);
}

/**
 * Starts a redis-server owned by this process: loopback only, noeviction (queues and records must never be
 * evicted), and with a data folder the AOF with fsync every second, so a restart keeps what was written.
 */
export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const bin = ensureRedisServer(options.log);
  const port = options.port ?? (await findFreePort());
  const args = [
    ...(options.configFile ? [resolve(options.configFile)] : []),
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--protected-mode",
    "yes",
    "--maxmemory-policy",
    "noeviction",
    "--save",
    "",
    "--repl-diskless-sync-delay",
    "0",
  ];
  if (options.rdbFile) {
    const file = resolve(options.rdbFile);
    args.push("--dir", dirname(file), "--dbfilename", basename(file), "--appendonly", "no");
  } else if (options.dataDir) {
    const dir = resolve(options.dataDir);
    mkdirSync(dir, { recursive: true });
    args.push("--dir", dir, "--appendonly", "yes", "--appendfsync", "everysec");
  } else {
    args.push("--appendonly", "no");
  }
  args.push(...(options.args ?? []));
  let out = "";
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-4000);
  };
  const launch = async () => {
    const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    try {
      await waitUntilUp(port, child, () => out);
    } catch (err) {
      child.kill("SIGKILL");
      throw err;
    }
    return { child, exited };
  };

  let current = await launch();
  let stopping = false;
  let restarts = 0;
  const supervise = (running: typeof current) => {
    void running.exited.then(async () => {
      let delay = RESTART_FIRST_DELAY_MS;
      while (!stopping) {
        options.log?.(
          `redis-server on port ${port} exited unexpectedly (code ${running.child.exitCode ?? running.child.signalCode}); restarting in ${delay} ms`,
        );
        await new Promise((r) => setTimeout(r, delay));
        if (stopping) return;
        try {
          current = await launch();
          if (stopping) {
            current.child.kill("SIGTERM");
            return;
          }
          restarts += 1;
          options.log?.(`redis-server on port ${port} restarted (pid ${current.child.pid})`);
          options.supervise?.onRestart?.(current.child.pid ?? -1);
          supervise(current);
          return;
        } catch (err) {
          options.log?.(
            `redis-server restart failed: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`,
          );
          delay = Math.min(delay * 2, RESTART_MAX_DELAY_MS);
        }
      }
    });
  };
  if (options.supervise) supervise(current);

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return current.child.pid ?? -1;
    },
    get restarts() {
      return restarts;
    },
    async kill() {
      stopping = true;
      const { child, exited } = current;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await exited;
    },
    async start() {
      if (current.child.exitCode === null && current.child.signalCode === null) return;
      current = await launch();
      stopping = false;
      if (options.supervise) supervise(current);
    },
    async stop() {
      stopping = true;
      const { child, exited } = current;
      if (child.exitCode !== null || child.signalCode !== null) return;
      // SIGTERM makes redis-server fsync the AOF and exit cleanly.
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
