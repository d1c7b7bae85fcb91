import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * Builds the mini app into mini-app/www when it is missing or older than its sources, so `npm start` and the
 * browser tests always serve what the sources say. Safe to call from several processes at once (the test
 * files run in parallel): one builds under a lock, the others wait and reuse its output.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const miniApp = join(root, "mini-app");
export const wwwDir = join(miniApp, "www");
const cacheDir = join(root, "node_modules/.cache/cds-mini-app");
const lockDir = join(cacheDir, "build.lock");
const infoFile = join(cacheDir, "build-info.json");

/** What goes into a build besides files: the environment vite.config.ts reads. */
const BUILD_ENV = ["ZALO_OA_ID", "MINI_APP_API_BASE", "MINI_APP_SHARE_THUMBNAIL", "VITE_API_MODE"] as const;

const SOURCES = [
  join(miniApp, "src"),
  join(miniApp, "index.html"),
  join(miniApp, "vite.config.ts"),
  join(miniApp, "package.json"),
  join(root, "app-config.json"),
  join(root, "shared/src"),
];

function envFingerprint(): string {
  return createHash("sha256")
    .update(JSON.stringify(BUILD_ENV.map((k) => [k, process.env[k] ?? null])))
    .digest("hex");
}

async function newestMtime(path: string): Promise<number> {
  const s = await stat(path).catch(() => undefined);
  if (!s) return 0;
  if (!s.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : s.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((e) => newestMtime(join(path, e))));
  return Math.max(0, ...times);
}

/** True when www/ holds a build of the current sources and environment. */
export async function isMiniAppFresh(): Promise<boolean> {
  // The Vite plugin writes www/app-config.json last, after every asset.
  const built = await stat(join(wwwDir, "app-config.json")).catch(() => undefined);
  if (!built || !existsSync(join(wwwDir, "index.html"))) return false;
  const info = await readFile(infoFile, "utf8").catch(() => "");
  if (info !== "" && (JSON.parse(info) as { env?: string }).env !== envFingerprint()) return false;
  const newest = Math.max(...(await Promise.all(SOURCES.map(newestMtime))));
  return newest <= built.mtimeMs;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
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
      if (Date.now() > deadline) throw new Error(`mini app build lock held too long: ${lockDir}`);
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
    const child = spawn(process.execPath, [vite, "build", "--config", join(miniApp, "vite.config.ts"), "--outDir", outDir, "--logLevel", "warn"], {
      cwd: root,
      stdio: ["ignore", "inherit", "pipe"],
      env: { ...process.env, NODE_ENV: "production" },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolveRun() : reject(new Error(`vite build failed (exit ${code}):\n${stderr}`))));
  });
}

/** Builds into a fresh directory swapped in at the end: www/ is never half written. Call under the lock. */
async function buildUnlocked(): Promise<string> {
  const out = join(miniApp, `.www-build-${process.pid}`);
  await rm(out, { recursive: true, force: true });
  await runVite(out);
  const old = join(miniApp, `.www-old-${process.pid}`);
  if (existsSync(wwwDir)) await rename(wwwDir, old);
  await rename(out, wwwDir);
  await rm(old, { recursive: true, force: true });
  await writeFile(infoFile, JSON.stringify({ env: envFingerprint(), builtAt: new Date().toISOString() }));
  return wwwDir;
}

/** Builds now, whatever www/ holds. */
export function buildMiniApp(): Promise<string> {
  return withLock(buildUnlocked);
}

/** The www directory, built first when missing or stale. */
export async function ensureMiniAppBuilt(): Promise<string> {
  if (await isMiniAppFresh()) return wwwDir;
  // Someone else may have built while this process waited for the lock.
  return withLock(async () => ((await isMiniAppFresh()) ? wwwDir : buildUnlocked()));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  buildMiniApp().then(
    (dir) => console.log(`mini app built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${dir}`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
