import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/**
 * Builds a Vite front end (the mini app, the editor console) into its output directory when it is missing
 * or older than its sources, so `npm start` and the browser tests always serve what the sources say. Safe to
 * call from several processes at once (the test files run in parallel): one builds under a lock, the others
 * wait and reuse its output. A build goes to a fresh directory swapped in at the end: never half written.
 */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface FrontEnd {
  /** Names the cache folder and the messages. */
  name: string;
  /** The folder with vite.config.ts. */
  appDir: string;
  outDir: string;
  /** Files and folders whose change calls for a new build (tests excluded). */
  sources: string[];
  /** Environment variables the Vite config reads: a change of one is a change of the build. */
  buildEnv?: readonly string[];
  /** The file, in outDir, whose time is the build's. */
  marker: string;
}

async function newestMtime(path: string): Promise<number> {
  const s = await stat(path).catch(() => undefined);
  if (!s) return 0;
  if (!s.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : s.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((e) => newestMtime(join(path, e))));
  return Math.max(0, ...times);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A gzipped copy beside each hashed asset (`x.js.gz`): the server sends it to clients that accept gzip, so
 * the compression is done once here rather than on every request.
 */
async function precompress(assets: string): Promise<void> {
  const files = await readdir(assets).catch(() => [] as string[]);
  await Promise.all(
    files
      .filter((f) => /\.(js|css|svg)$/.test(f))
      .map(async (f) => writeFile(join(assets, `${f}.gz`), gzipSync(await readFile(join(assets, f)), { level: 9 }))),
  );
}

export function frontEndBuilder(app: FrontEnd) {
  const cacheDir = join(root, `node_modules/.cache/cds-${app.name}`);
  const lockDir = join(cacheDir, "build.lock");
  const infoFile = join(cacheDir, "build-info.json");
  const envFingerprint = () =>
    createHash("sha256")
      .update(JSON.stringify((app.buildEnv ?? []).map((k) => [k, process.env[k] ?? null])))
      .digest("hex");

  async function isFresh(): Promise<boolean> {
    const built = await stat(join(app.outDir, app.marker)).catch(() => undefined);
    if (!built || !existsSync(join(app.outDir, "index.html"))) return false;
    const info = await readFile(infoFile, "utf8").catch(() => "");
    if (info !== "" && (JSON.parse(info) as { env?: string }).env !== envFingerprint()) return false;
    const newest = Math.max(...(await Promise.all(app.sources.map(newestMtime))));
    return newest <= built.mtimeMs;
  }

  /** mkdir is atomic: whoever creates the lock directory builds. A lock whose owner died is taken over. */
  async function withLock<T>(work: () => Promise<T>, timeoutMs = 300_000): Promise<T> {
    await mkdir(cacheDir, { recursive: true });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await mkdir(lockDir);
        await writeFile(join(lockDir, "pid"), String(process.pid));
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
        const owner = Number(await readFile(join(lockDir, "pid"), "utf8").catch(() => "NaN"));
        if (Number.isInteger(owner) && !processAlive(owner)) {
          await rm(lockDir, { recursive: true, force: true });
          continue;
        }
        if (Date.now() > deadline) throw new Error(`${app.name} build lock held too long: ${lockDir}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    try {
      return await work();
    } finally {
      await rm(lockDir, { recursive: true, force: true });
    }
  }

  function runVite(outDir: string): Promise<void> {
    const vite = join(root, "node_modules/vite/bin/vite.js");
    return new Promise((resolveRun, reject) => {
      const child = spawn(
        process.execPath,
        [vite, "build", "--config", join(app.appDir, "vite.config.ts"), "--outDir", outDir, "--logLevel", "warn"],
        {
          cwd: root,
          stdio: ["ignore", "inherit", "pipe"],
          env: { ...process.env, NODE_ENV: "production" },
        },
      );
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.on("error", reject);
      child.on("exit", (code) =>
        code === 0
          ? resolveRun()
          : reject(new Error(`vite build of the ${app.name} failed (exit ${code}):\n${stderr}`)),
      );
    });
  }

  async function buildUnlocked(): Promise<string> {
    const parent = dirname(app.outDir);
    const out = join(parent, `.${app.name}-build-${process.pid}`);
    await rm(out, { recursive: true, force: true });
    await runVite(out);
    await precompress(join(out, "assets"));
    const old = join(parent, `.${app.name}-old-${process.pid}`);
    if (existsSync(app.outDir)) await rename(app.outDir, old);
    await rename(out, app.outDir);
    await rm(old, { recursive: true, force: true });
    await writeFile(infoFile, JSON.stringify({ env: envFingerprint(), builtAt: new Date().toISOString() }));
    return app.outDir;
  }

  return {
    isFresh,
    /** Builds now, whatever the output holds. */
    build: () => withLock(buildUnlocked),
    /** The output directory, built first when missing or stale. */
    async ensureBuilt(): Promise<string> {
      if (await isFresh()) return app.outDir;
      // Someone else may have built while this process waited for the lock.
      return withLock(async () => ((await isFresh()) ? app.outDir : buildUnlocked()));
    },
  };
}

/** `tsx tools/<app>/build.ts`: builds and says how long it took. */
export function buildFromCommandLine(app: { name: string; build(): Promise<string> }): void {
  const started = Date.now();
  app.build().then(
    (dir) => console.log(`${app.name} built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${dir}`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
