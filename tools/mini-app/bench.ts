import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { buildMiniApp } from "./build";
import { CHROMIUM_ARGS, CHROMIUM_PATH, ZALO_WEB_STUBS } from "./chromium";
import { startMiniAppServer } from "./preview-server";

/**
 * `npm run bench:mini-app`: the mini app's budgets from DESIGN §4, measured on a fresh build.
 * 1. JavaScript on first load, gzip: the entry and its static imports (www/app-config.json's listSyncJS and
 *    listAsyncJS, and the scripts index.html names) — what Zalo and the browser fetch before anything shows.
 *    Chunks loaded later (zmp-sdk when data is saved, other pages on idle) are listed apart.
 * 2. Time from navigation start to the headline indicators on screen, in the system Chromium against a loopback
 *    server answering the founding week: median of cold loads (new context each: empty cache and storage).
 * Exits 1 when a budget is missed.
 */
const JS_BUDGET_KB = 110;
const VISIBLE_BUDGET_MS = 1000;
const RUNS = 7;

const kb = (bytes: number) => bytes / 1024;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

interface AppConfigOut {
  listSyncJS: string[];
  listAsyncJS: string[];
}

async function firstLoadJs(www: string): Promise<{ first: Map<string, number>; later: Map<string, number> }> {
  const config = JSON.parse(await readFile(join(www, "app-config.json"), "utf8")) as AppConfigOut;
  const html = await readFile(join(www, "index.html"), "utf8");
  const fromHtml = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  const firstNames = new Set([...config.listSyncJS, ...config.listAsyncJS, ...fromHtml]);
  const all = (await readdir(join(www, "assets"))).filter((f) => f.endsWith(".js")).map((f) => `assets/${f}`);
  const first = new Map<string, number>();
  const later = new Map<string, number>();
  for (const name of all) {
    const size = gzipSync(await readFile(join(www, name))).length;
    (firstNames.has(name) ? first : later).set(name, size);
  }
  return { first, later };
}

/** One cold load: milliseconds from navigation start to the frame showing the headline cards. */
async function timeToIndicators(browser: Browser, url: string, cpuSlowdown: number): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  try {
    await context.addInitScript(ZALO_WEB_STUBS);
    // Recorded in the page, against its own clock (0 = navigation start), at the first frame after the cards exist.
    await context.addInitScript(`
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-testid="headline"] .card .figure')) {
          observer.disconnect();
          requestAnimationFrame(() => { window.__indicatorsVisibleAt = performance.now(); });
        }
      }).observe(document, { childList: true, subtree: true });
    `);
    const page = await context.newPage();
    if (cpuSlowdown > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuSlowdown });
    }
    await page.goto(url);
    // A locator wait, not waitForFunction: the server's CSP (helmet, no 'unsafe-eval') refuses the latter's eval.
    await page.locator('[data-testid="headline"] .card .figure').first().waitFor({ timeout: 15_000 });
    for (;;) {
      const at = await page.evaluate<number | undefined>("window.__indicatorsVisibleAt");
      if (at !== undefined) return at;
      await page.waitForTimeout(10);
    }
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  console.log("building the mini app…");
  const www = await buildMiniApp();
  const { first, later } = await firstLoadJs(www);
  const firstTotal = [...first.values()].reduce((a, b) => a + b, 0);
  const laterTotal = [...later.values()].reduce((a, b) => a + b, 0);

  console.log("\nJavaScript on first load (gzip):");
  for (const [name, size] of first) console.log(`  ${kb(size).toFixed(1).padStart(6)} KB  ${name}`);
  console.log("Loaded later (zmp-sdk when data is saved, other pages on idle or when opened):");
  for (const [name, size] of [...later].sort((a, b) => b[1] - a[1])) console.log(`  ${kb(size).toFixed(1).padStart(6)} KB  ${name}`);
  console.log(`  total later ${kb(laterTotal).toFixed(1)} KB`);

  const server = await startMiniAppServer(www);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const results: { label: string; times: number[] }[] = [];
  try {
    await timeToIndicators(browser, server.appUrl, 1); // warms the server and the OS file cache, not the browser's
    for (const [label, slowdown] of [["loopback, cold cache", 1], ["loopback, cold cache, CPU 4× slower (a mid-range phone)", 4]] as const) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await timeToIndicators(browser, server.appUrl, slowdown));
      results.push({ label, times });
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const jsOk = kb(firstTotal) <= JS_BUDGET_KB;
  console.log(`\nfirst-load JavaScript: ${kb(firstTotal).toFixed(1)} KB gzip, budget ${JS_BUDGET_KB} KB: ${jsOk ? "OK" : "OVER BUDGET"}`);
  let timeOk = true;
  for (const { label, times } of results) {
    const m = median(times);
    const budgeted = label === "loopback, cold cache";
    if (budgeted) timeOk = m <= VISIBLE_BUDGET_MS;
    console.log(
      `indicators visible (${label}): median ${m.toFixed(0)} ms of ${RUNS} [${times.map((t) => t.toFixed(0)).join(", ")}]` +
        (budgeted ? `, budget ${VISIBLE_BUDGET_MS} ms: ${timeOk ? "OK" : "OVER BUDGET"}` : " (for information)"),
    );
  }
  if (!jsOk || !timeOk) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
