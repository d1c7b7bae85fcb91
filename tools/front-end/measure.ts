import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";

/** What the front-end benchmarks (mini app, console) measure the same way. */
export const kb = (bytes: number) => bytes / 1024;

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** The scripts index.html loads before anything shows: its module script and the chunks it preloads. */
export async function entryScripts(dir: string): Promise<string[]> {
  const html = await readFile(join(dir, "index.html"), "utf8");
  return [
    ...html.matchAll(
      /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="(?:\.|\/[^"]*?)?\/?(assets\/[^"]+\.js)"/g,
    ),
  ].map((m) => m[1]!);
}

/** Every built script's gzip size, split into those loaded first and those loaded later. */
export async function scriptSizes(
  dir: string,
  firstNames: ReadonlySet<string>,
): Promise<{ first: Map<string, number>; later: Map<string, number> }> {
  const all = (await readdir(join(dir, "assets"))).filter((f) => f.endsWith(".js")).map((f) => `assets/${f}`);
  const first = new Map<string, number>();
  const later = new Map<string, number>();
  for (const name of all)
    (firstNames.has(name) ? first : later).set(name, gzipSync(await readFile(join(dir, name))).length);
  return { first, later };
}

export const total = (sizes: Map<string, number>) => [...sizes.values()].reduce((a, b) => a + b, 0);

export function printSizes(title: string, sizes: Map<string, number>): void {
  console.log(title);
  for (const [name, size] of [...sizes].sort((a, b) => b[1] - a[1]))
    console.log(`  ${kb(size).toFixed(1).padStart(6)} KB  ${name}`);
  console.log(`  total ${kb(total(sizes)).toFixed(1)} KB`);
}

/** A mobile network as Chrome DevTools' "Fast 3G": 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip. */
export const FAST_3G = { latencyMs: 150, downloadKbps: 1600, uploadKbps: 750 } as const;

/**
 * One cold load (a new context: empty cache and storage): milliseconds from navigation start to the first
 * frame after `selector` exists, recorded in the page against its own clock.
 */
export async function coldLoad(
  browser: Browser,
  url: string,
  selector: string,
  o: {
    viewport: { width: number; height: number };
    cpuSlowdown: number;
    network?: typeof FAST_3G;
    initScript?: string;
  },
): Promise<number> {
  const context = await browser.newContext({ viewport: o.viewport, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  try {
    if (o.initScript) await context.addInitScript(o.initScript);
    await context.addInitScript(`
      new MutationObserver((_, observer) => {
        if (document.querySelector(${JSON.stringify(selector)})) {
          observer.disconnect();
          requestAnimationFrame(() => { window.__shownAt = performance.now(); });
        }
      }).observe(document, { childList: true, subtree: true });
    `);
    const page = await context.newPage();
    if (o.cpuSlowdown > 1 || o.network) {
      const cdp = await context.newCDPSession(page);
      if (o.cpuSlowdown > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: o.cpuSlowdown });
      if (o.network) {
        await cdp.send("Network.enable");
        await cdp.send("Network.emulateNetworkConditions", {
          offline: false,
          latency: o.network.latencyMs,
          downloadThroughput: (o.network.downloadKbps * 1000) / 8,
          uploadThroughput: (o.network.uploadKbps * 1000) / 8,
        });
      }
    }
    await page.goto(url);
    // A locator wait, not waitForFunction: the server's CSP (helmet, no 'unsafe-eval') refuses the latter's eval.
    await page.locator(selector).first().waitFor({ timeout: 15_000 });
    for (;;) {
      const at = await page.evaluate<number | undefined>("window.__shownAt");
      if (at !== undefined) return at;
      await page.waitForTimeout(10);
    }
  } finally {
    await context.close();
  }
}
