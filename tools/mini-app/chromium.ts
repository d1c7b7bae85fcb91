import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/** Where a system Chromium or Chrome usually is: Debian/Ubuntu, Fedora, macOS. */
const USUAL_PLACES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

/**
 * The system browser the tests and benchmarks drive (no browser download): `CHROMIUM_PATH`, else the first of
 * the usual places that exists (the README's prerequisites: Debian's package `chromium`).
 */
export const CHROMIUM_PATH =
  process.env.CHROMIUM_PATH ?? USUAL_PLACES.find((p) => existsSync(p)) ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * zmp-sdk's nativeStorage asks `window.isAPISupport` before the Zalo client version, which is 0 in a desktop
 * browser: stubbing it routes storage to localStorage, as in Zalo's own web preview (ZALO-PLATFORM E.6).
 */
export const ZALO_WEB_STUBS = "window.isAPISupport = () => true;";

export interface ChromiumSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Chromium with a fresh profile (removed on close) and its first page. */
export async function launchChromium(viewport = { width: 390, height: 844 }): Promise<ChromiumSession> {
  const profile = await mkdtemp(join(tmpdir(), "cds-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  await context.addInitScript(ZALO_WEB_STUBS);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
