import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ensureMiniAppBuilt } from "../../tools/mini-app/build";
import type { ChromiumSession } from "../../tools/mini-app/chromium";
import { startMiniAppServer, type MiniAppServer } from "../../tools/mini-app/preview-server";
import { launchBrowser, screenshot } from "./helpers/chromium";

const ZALO_APP_ID = "4318000000000000000";
let server: MiniAppServer;
let browser: ChromiumSession;
let page: Page;

beforeAll(async () => {
  server = await startMiniAppServer(await ensureMiniAppBuilt(), { zaloAppId: ZALO_APP_ID });
  browser = await launchBrowser();
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits as long as a page may take to arrive (a lazily loaded page, an animation, an API answer). */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });
const headline = () => page.getByTestId("headline");
const pageHeading = () => page.locator(".zaui-routes-item:last-child h1");

describe("the citizen mini app, served as the bot server serves it", () => {
  it("home shows the founding week's headline figures with their period and changes", async () => {
    await page.goto(server.appUrl);
    await poll(() => headline().locator(".card").count()).toBe(4);
    const text = await headline().innerText();
    expect(text).toContain("93%");
    expect(text).toContain("22%");
    expect(text).toContain("45.929");
    expect(text).toContain("+90");
    expect(text).toContain("trên 1,2 triệu");
    expect(await page.getByText("Tuần 5 tháng 8/2024, 24/8–30/8/2024").isVisible()).toBe(true);
    expect(await page.getByText("Cập nhật 30/8/2024").isVisible()).toBe(true);
    // Trend lines come from history, whose earlier weeks are demo values: they say so.
    await poll(() => headline().locator(".trend-line").count()).toBe(4);
    expect(await headline().getByText("Đường xu hướng có số liệu minh họa").count()).toBeGreaterThan(0);
    await screenshot(page, "home", { docs: true });
  });

  it("opens an indicator's detail page from its card and comes back", async () => {
    await headline().getByRole("link", { name: /Tài khoản Smart-HaiDuong/ }).click();
    await poll(() => pageHeading().innerText()).toBe("Tài khoản cài đặt Smart-HaiDuong (lũy kế)");
    expect(page.url()).toBe(`${server.appUrl}indicators/smart_hd%2Einstalls`);
    const detail = page.locator("article.detail");
    expect(await detail.innerText()).toContain("45.929");
    expect(await detail.getByText("Ứng dụng Smart-HaiDuong, Sở Thông tin và Truyền thông").isVisible()).toBe(true);
    const chart = detail.getByRole("img", { name: /Biểu đồ Tài khoản cài đặt Smart-HaiDuong/ });
    await chart.waitFor();
    expect(await detail.locator("table tbody tr").count()).toBe(6);
    expect(await detail.getByRole("link", { name: /CSV/ }).getAttribute("href")).toBe("/api/v1/open-data/indicators.csv");
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, "detail", { docs: true });

    await page.getByRole("button", { name: "Quay lại" }).last().click();
    await poll(() => pageHeading().innerText()).toBe("Số liệu chuyển đổi số");
    expect(page.url()).toBe(server.appUrl);
  });

  it("opens a chat button's deep link to a group and to an indicator", async () => {
    await page.goto(`${server.appUrl}groups/vbdlis`);
    const tab = page.getByRole("tab", { name: "Hồ sơ đất đai (VBDLIS)" });
    await poll(() => tab.getAttribute("aria-selected")).toBe("true");
    // The long group names scroll: the chosen one is brought into view.
    await poll(async () => {
      const box = await tab.boundingBox();
      return box !== null && box.x >= 0 && box.x + box.width <= (page.viewportSize()?.width ?? 0);
    }).toBe(true);
    const panel = page.locator('[role="tabpanel"][aria-hidden="false"]');
    expect(await panel.innerText()).toContain("28.922");
    expect(await panel.innerText()).toContain("+1.231");
    await screenshot(page, "groups");

    await page.goto(`${server.appUrl}indicators/dvc%2Eonline_filing_rate`);
    await poll(() => pageHeading().innerText()).toBe("Tỷ lệ hồ sơ nộp trực tuyến");
    expect(await page.locator("article.detail .detail-figure").innerText()).toContain("93%");
  });

  it("lists the news and shows a post's body as text", async () => {
    await page.goto(`${server.appUrl}news`);
    const posts = page.getByTestId("posts");
    await poll(() => posts.locator(".card").count()).toBe(2);
    await screenshot(page, "news");
    await posts.getByRole("link", { name: /tuần 5 tháng 8\/2024/ }).click();
    await poll(() => pageHeading().innerText()).toContain("93% hồ sơ được nộp trực tuyến");
    const body = page.locator(".post-body");
    expect(await body.locator("p").count()).toBe(3);
    // The report's "<https://…>" stays text: rendered as HTML it would vanish into an unknown tag.
    expect(await body.innerText()).toContain("<https://chuyendoiso.haiduong.gov.vn>");
    expect(page.url()).toBe(`${server.appUrl}news/ban-tin-tuan-5-thang-8-2024`);
    await screenshot(page, "post");
  });

  it("explains outside Zalo that following and subscribing need the Zalo app", async () => {
    await page.goto(`${server.appUrl}settings`);
    await page.getByRole("button", { name: "Quan tâm Official Account" }).click();
    await poll(() => page.getByRole("status").filter({ hasText: "chỉ dùng được khi mở ứng dụng trong Zalo" }).count()).toBe(1);
    expect(await page.getByText("Đăng ký nhận bản tin cần tài khoản Zalo").isVisible()).toBe(true);
    expect(server.control.requests.filter((p) => p.startsWith("/me/"))).toEqual([]);
    await screenshot(page, "settings");
  });

  it("under Zalo's /zapps/<APP_ID> path, follows the browser's history: back goes back a page", async () => {
    const zapps = `${server.origin}/zapps/${ZALO_APP_ID}`;
    const zaloPage = await browser.context.newPage();
    try {
      await zaloPage.addInitScript(`window.APP_ID = "${ZALO_APP_ID}";`);
      await zaloPage.goto(`${zapps}/news`);
      await zaloPage.getByTestId("posts").getByRole("link").first().click();
      await zaloPage.locator(".post-body").waitFor();
      expect(zaloPage.url()).toBe(`${zapps}/news/ban-tin-tuan-5-thang-8-2024`);
      await zaloPage.goBack();
      await zaloPage.getByTestId("posts").waitFor();
      expect(zaloPage.url()).toBe(`${zapps}/news`);
    } finally {
      await zaloPage.close();
    }
  });

  it.each([
    { width: 360, height: 740 },
    { width: 414, height: 896 },
  ])("has no horizontal overflow at $width×$height", async (viewport) => {
    await page.setViewportSize(viewport);
    for (const path of ["", "indicators/vbdlis%2Etax_cases_total", "groups/media"]) {
      await page.goto(`${server.appUrl}${path}`);
      await page.locator("h1").last().waitFor();
      await page.locator(".skeleton").waitFor({ state: "detached" });
      const widths = await page.evaluate<{ scroll: number; client: number }[]>(
        `[document.documentElement, ...document.querySelectorAll(".zaui-page")].map((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }))`,
      );
      for (const w of widths) expect(w.scroll, `${path || "home"} at ${viewport.width}px`).toBeLessThanOrEqual(w.client);
    }
    await page.goto(server.appUrl);
    await headline().waitFor();
    await screenshot(page, `home-${viewport.width}x${viewport.height}`);
  });
});
