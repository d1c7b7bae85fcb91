import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { coldLoad, entryScripts, kb, median, printSizes, scriptSizes, total } from "../front-end/measure";
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

interface AppConfigOut {
  listSyncJS: string[];
  listAsyncJS: string[];
}

/** Zalo loads what www/app-config.json lists; a browser what index.html names. */
async function firstLoadJs(www: string) {
  const config = JSON.parse(await readFile(join(www, "app-config.json"), "utf8")) as AppConfigOut;
  return scriptSizes(www, new Set([...config.listSyncJS, ...config.listAsyncJS, ...(await entryScripts(www))]));
}

const HEADLINE = '[data-testid="headline"] .card .figure';
const timeToIndicators = (browser: Browser, url: string, cpuSlowdown: number) =>
  coldLoad(browser, url, HEADLINE, { viewport: { width: 390, height: 844 }, cpuSlowdown, initScript: ZALO_WEB_STUBS });

async function main(): Promise<void> {
  console.log("building the mini app…");
  const www = await buildMiniApp();
  const { first, later } = await firstLoadJs(www);
  const firstTotal = total(first);
  printSizes("\nJavaScript on first load (gzip):", first);
  printSizes("Loaded later (zmp-sdk when data is saved, other pages on idle or when opened):", later);

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
