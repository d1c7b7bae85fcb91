import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ensureMiniAppBuilt } from "../../tools/mini-app/build";
import type { ChromiumSession } from "../../tools/mini-app/chromium";
import { startMiniAppServer, type MiniAppServer } from "../../tools/mini-app/preview-server";
import { launchBrowser, screenshot } from "./helpers/chromium";

let server: MiniAppServer;
let browser: ChromiumSession;
let page: Page;

beforeAll(async () => {
  server = await startMiniAppServer(await ensureMiniAppBuilt());
  browser = await launchBrowser();
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });
const headlineCards = () => page.getByTestId("headline").locator(".card");

/** Saved answers live in localStorage here: nativeStorage routes there on localhost (see helpers/chromium.ts). */
const savedKeys = () => page.evaluate<string[]>("Object.keys(localStorage).filter((k) => k.includes('cds.v1.'))");

describe("when the network or the API fails", () => {
  it("says so in Vietnamese with a retry when the API answers 500, and the retry recovers", async () => {
    server.control.failing = true;
    await page.goto(server.appUrl);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.innerText()).toContain("Chưa tải được dữ liệu");
    expect(await alert.innerText()).toContain("Vui lòng thử lại");
    await screenshot(page, "api-error");

    server.control.failing = false;
    await alert.getByRole("button", { name: "Thử lại" }).click();
    await poll(() => headlineCards().count()).toBe(4);
    expect(await page.getByRole("alert").count()).toBe(0);
  });

  it("shows the last good data with the time it was saved when the API cannot be reached", async () => {
    await poll(async () => (await savedKeys()).some((k) => k.endsWith("indicators")) && (await savedKeys()).some((k) => k.endsWith("catalogue"))).toBe(true);
    await page.route("**/api/v1/**", (route) => route.abort("internetdisconnected"));
    try {
      await page.reload();
      await poll(() => headlineCards().count()).toBe(4);
      expect(await page.getByTestId("headline").innerText()).toContain("45.929");
      const notice = page.getByRole("status").filter({ hasText: "Đang hiển thị dữ liệu lưu lúc" });
      await notice.waitFor();
      // The time and day it was saved, in Vietnam: "17:05 ngày 30/8/2024".
      expect(await notice.innerText()).toMatch(/lưu lúc \d{2}:\d{2} ngày \d{1,2}\/\d{1,2}\/\d{4}/);
      await screenshot(page, "offline-cached");

      await page.unroute("**/api/v1/**");
      await notice.getByRole("button", { name: "Tải lại" }).click();
      await notice.waitFor({ state: "detached" });
    } finally {
      await page.unrouteAll();
    }
  });
});
