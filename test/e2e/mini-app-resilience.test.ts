import { describe, expect, it } from "vitest";
import { screenshot } from "./helpers/chromium";
import { poll, useMiniApp } from "./helpers/mini-app";

const app = useMiniApp();

const headlineCards = () => app.page.getByTestId("headline").locator(".card");

/** Saved answers live in localStorage here: nativeStorage routes there on localhost (see helpers/chromium.ts). */
const savedKeys = () => app.page.evaluate<string[]>("Object.keys(localStorage).filter((k) => k.includes('cds.v1.'))");

describe("when the network or the API fails", () => {
  it("says so in Vietnamese with a retry when the API answers 500, and the retry recovers", async () => {
    app.server.control.failing = true;
    await app.page.goto(app.server.appUrl);
    const alert = app.page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.innerText()).toContain("Chưa tải được dữ liệu");
    expect(await alert.innerText()).toContain("Vui lòng thử lại");
    await screenshot(app.page, "api-error");

    app.server.control.failing = false;
    await alert.getByRole("button", { name: "Thử lại" }).click();
    await poll(() => headlineCards().count()).toBe(4);
    expect(await app.page.getByRole("alert").count()).toBe(0);
  });

  it("shows the last good data with the time it was saved when the API cannot be reached", async () => {
    await app.page.goto(app.server.appUrl);
    await poll(() => headlineCards().count()).toBe(4);
    await poll(
      async () =>
        (await savedKeys()).some((k) => k.endsWith("indicators")) &&
        (await savedKeys()).some((k) => k.endsWith("catalogue")),
    ).toBe(true);
    await app.page.route("**/api/v1/**", (route) => route.abort("internetdisconnected"));
    try {
      await app.page.reload();
      await poll(() => headlineCards().count()).toBe(4);
      expect(await app.page.getByTestId("headline").innerText()).toContain("45.929");
      const notice = app.page.getByRole("status").filter({ hasText: "Đang hiển thị dữ liệu lưu lúc" });
      await notice.waitFor();
      // The time and day it was saved, in Vietnam: "17:05 ngày 30/8/2024".
      expect(await notice.innerText()).toMatch(/lưu lúc \d{2}:\d{2} ngày \d{1,2}\/\d{1,2}\/\d{4}/);
      await screenshot(app.page, "offline-cached");

      await app.page.unroute("**/api/v1/**");
      await notice.getByRole("button", { name: "Tải lại" }).click();
      await notice.waitFor({ state: "detached" });
    } finally {
      await app.page.unrouteAll();
    }
  });
});
