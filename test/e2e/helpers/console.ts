import { readFileSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { expect } from "vitest";
import type { Page } from "playwright-core";

const root = resolve(import.meta.dirname, "../../..");
const SCREENSHOT_DIR = join(root, "artifacts/screenshots/console");
const DOCS_DIR = join(root, "bot-server/console/docs");
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The sizes the README shows each page at: a laptop, and a tablet held sideways. */
export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
] as const;

/**
 * A console page at both sizes, saved under artifacts/screenshots/console/; with CONSOLE_DOCS=1
 * (`npm run docs:screenshots`) also into bot-server/console/docs/ for the README.
 */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  for (const v of VIEWPORTS) {
    await page.setViewportSize(v);
    const file = join(SCREENSHOT_DIR, `${name}-${v.width}.png`);
    // Toasts of earlier steps would cover the page.
    await page.screenshot({
      path: file,
      animations: "disabled",
      style: ".mantine-Notifications-root { display: none !important; }",
    });
    if (process.env.CONSOLE_DOCS === "1") {
      await mkdir(DOCS_DIR, { recursive: true });
      await copyFile(file, join(DOCS_DIR, `${name}-${v.width}.png`));
    }
  }
  await page.setViewportSize(VIEWPORTS[0]);
}

interface AxeResult {
  violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }>;
}

/** Runs axe-core in the page: no WCAG 2.1 A or AA violation. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Evaluated through the debugging protocol: the page's CSP (script-src 'self') stays as it is.
  if (!(await page.evaluate<boolean>('"axe" in window'))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate<AxeResult>(
    `axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })`,
  );
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(found, `axe on ${name}`).toEqual([]);
}
