import { copyFile, mkdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { launchChromium, type ChromiumSession } from "../../../tools/mini-app/chromium";

const root = resolve(import.meta.dirname, "../../..");
const SCREENSHOT_DIR = join(root, "artifacts/screenshots");
const DOCS_DIR = join(root, "mini-app/docs");

/**
 * One browser per test file, with one page the file's tests reuse: starting Chromium costs more than the tests.
 */
export async function launchBrowser(): Promise<ChromiumSession> {
  const session = await launchChromium();
  session.page.setDefaultTimeout(10_000);
  return session;
}

/**
 * Saves `artifacts/screenshots/<name>.png`. A `docs` screenshot is also copied for the mini app's README, but
 * only by `npm run docs:screenshots` (MINI_APP_DOCS=1): a test run never changes tracked files.
 */
export async function screenshot(page: Page, name: string, options: { docs?: boolean } = {}): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, animations: "disabled" });
  if (options.docs && process.env.MINI_APP_DOCS === "1") {
    await mkdir(DOCS_DIR, { recursive: true });
    const target = join(DOCS_DIR, `${name}.png`);
    const [fresh, current] = await Promise.all([readFile(file), readFile(target).catch(() => undefined)]);
    if (!current || !fresh.equals(current)) await copyFile(file, target);
  }
  return file;
}
