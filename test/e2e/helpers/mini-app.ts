import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import type { Page } from "playwright-core";
import { ensureMiniAppBuilt } from "../../../tools/mini-app/build";
import type { ChromiumSession } from "../../../tools/mini-app/chromium";
import { startMiniAppServer, type MiniAppServer } from "../../../tools/mini-app/preview-server";
import { launchBrowser } from "./chromium";

/** The built mini app behind the preview server, a browser, and the current test's own page. */
export interface MiniAppSession {
  server: MiniAppServer;
  browser: ChromiumSession;
  page: Page;
}

/**
 * The session of one test file: the server and browser start before its first test (building the app if
 * needed) and close after its last. Each test gets a new page on empty storage and a healthy fake API, so
 * tests do not depend on one another or on their order. The handle is for module level: read its fields
 * inside tests and hooks.
 */
export function useMiniApp(options: { zaloAppId?: string } = {}): MiniAppSession {
  let server: MiniAppServer | undefined;
  let browser: ChromiumSession | undefined;
  let page: Page | undefined;
  const started = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error("the mini app session starts in beforeAll: use it in hooks and tests");
    return x;
  };
  beforeAll(async () => {
    server = await startMiniAppServer(await ensureMiniAppBuilt(), options);
    browser = await launchBrowser();
  }, 120_000);
  beforeEach(async () => {
    const { context } = started(browser);
    const origin = started(server).origin;
    await page?.close();
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Storage.clearDataForOrigin", { origin, storageTypes: "all" });
    await cdp.detach();
    Object.assign(started(server).control, { failing: false, requests: [] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    get page() {
      return started(page);
    },
  };
}

/** Waits as long as a page may take to arrive (a lazily loaded page, an animation, an API answer). */
export const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });
