import { describe, expect, it } from "vitest";
import { screenshot } from "./helpers/chromium";
import { poll, useMiniApp } from "./helpers/mini-app";

const ZALO_APP_ID = "4318000000000000000";
const app = useMiniApp({ zaloAppId: ZALO_APP_ID });

const headline = () => app.page.getByTestId("headline");
const pageHeading = () => app.page.locator(".zaui-routes-item:last-child h1");

describe("the citizen mini app, served as the bot server serves it", () => {
  it("home shows the founding week's headline figures with their period and changes", async () => {
    await app.page.goto(app.server.appUrl);
    await poll(() => headline().locator(".card").count()).toBe(4);
    const text = await headline().innerText();
    expect(text).toContain("93%");
    expect(text).toContain("22%");
    expect(text).toContain("45.929");
    expect(text).toContain("+90");
    expect(text).toContain("trên 1,2 triệu");
    expect(await app.page.getByText("Tuần 5 tháng 8/2024, 24/8–30/8/2024").isVisible()).toBe(true);
    expect(await app.page.getByText("Cập nhật 30/8/2024").isVisible()).toBe(true);
    // Trend lines come from history, whose earlier weeks are demo values: they say so.
    await poll(() => headline().locator(".trend-line").count()).toBe(4);
    expect(await headline().getByText("Đường xu hướng có số liệu minh họa").count()).toBeGreaterThan(0);
    await screenshot(app.page, "home", { docs: true });
  });

  it("opens an indicator's detail page from its card and comes back", async () => {
    await app.page.goto(app.server.appUrl);
    await headline()
      .getByRole("link", { name: /Tài khoản Smart-HaiDuong/ })
      .click();
    await poll(() => pageHeading().innerText()).toBe("Tài khoản cài đặt Smart-HaiDuong (lũy kế)");
    expect(app.page.url()).toBe(`${app.server.appUrl}indicators/smart_hd%2Einstalls`);
    const detail = app.page.locator("article.detail");
    expect(await detail.innerText()).toContain("45.929");
    expect(await detail.getByText("Ứng dụng Smart-HaiDuong, Sở Thông tin và Truyền thông").isVisible()).toBe(true);
    const chart = detail.getByRole("img", { name: /Biểu đồ Tài khoản cài đặt Smart-HaiDuong/ });
    await chart.waitFor();
    expect(await detail.locator("table tbody tr").count()).toBe(6);
    expect(await detail.getByRole("link", { name: /CSV/ }).getAttribute("href")).toBe(
      "/api/v1/open-data/indicators.csv",
    );
    await chart.scrollIntoViewIfNeeded();
    await screenshot(app.page, "detail", { docs: true });

    await app.page.getByRole("button", { name: "Quay lại" }).last().click();
    await poll(() => pageHeading().innerText()).toBe("Số liệu chuyển đổi số");
    expect(app.page.url()).toBe(app.server.appUrl);
  });

  it("opens a chat button's deep link to a group and to an indicator", async () => {
    await app.page.goto(`${app.server.appUrl}groups/vbdlis`);
    const tab = app.page.getByRole("tab", { name: "Hồ sơ đất đai (VBDLIS)" });
    await poll(() => tab.getAttribute("aria-selected")).toBe("true");
    // The long group names scroll: the chosen one is brought into view.
    await poll(async () => {
      const box = await tab.boundingBox();
      return box !== null && box.x >= 0 && box.x + box.width <= (app.page.viewportSize()?.width ?? 0);
    }).toBe(true);
    const panel = app.page.locator('[role="tabpanel"][aria-hidden="false"]');
    expect(await panel.innerText()).toContain("28.922");
    expect(await panel.innerText()).toContain("+1.231");
    await screenshot(app.page, "groups");

    await app.page.goto(`${app.server.appUrl}indicators/dvc%2Eonline_filing_rate`);
    await poll(() => pageHeading().innerText()).toBe("Tỷ lệ hồ sơ nộp trực tuyến");
    expect(await app.page.locator("article.detail .detail-figure").innerText()).toContain("93%");
  });

  it("lists the news and shows a post's body as text", async () => {
    await app.page.goto(`${app.server.appUrl}news`);
    const posts = app.page.getByTestId("posts");
    await poll(() => posts.locator(".card").count()).toBe(2);
    await screenshot(app.page, "news");
    await posts.getByRole("link", { name: /tuần 5 tháng 8\/2024/ }).click();
    await poll(() => pageHeading().innerText()).toContain("93% hồ sơ được nộp trực tuyến");
    const body = app.page.locator(".post-body");
    expect(await body.locator("p").count()).toBe(3);
    // The report's "<https://…>" stays text: rendered as HTML it would vanish into an unknown tag.
    expect(await body.innerText()).toContain("<https://chuyendoiso.haiduong.gov.vn>");
    expect(app.page.url()).toBe(`${app.server.appUrl}news/ban-tin-tuan-5-thang-8-2024`);
    await screenshot(app.page, "post");
  });

  it("explains outside Zalo that following and subscribing need the Zalo app", async () => {
    await app.page.goto(`${app.server.appUrl}settings`);
    await app.page.getByRole("button", { name: "Quan tâm Official Account" }).click();
    await poll(() =>
      app.page.getByRole("status").filter({ hasText: "chỉ dùng được khi mở ứng dụng trong Zalo" }).count(),
    ).toBe(1);
    expect(await app.page.getByText("Đăng ký nhận bản tin cần tài khoản Zalo").isVisible()).toBe(true);
    expect(app.server.control.requests.filter((p) => p.startsWith("/me/"))).toEqual([]);
    await screenshot(app.page, "settings");
  });

  it("under Zalo's /zapps/<APP_ID> path, follows the browser's history: back goes back a page", async () => {
    const zapps = `${app.server.origin}/zapps/${ZALO_APP_ID}`;
    const zaloPage = await app.browser.context.newPage();
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
    await app.page.setViewportSize(viewport);
    for (const path of ["", "indicators/vbdlis%2Etax_cases_total", "groups/media"]) {
      await app.page.goto(`${app.server.appUrl}${path}`);
      await app.page.locator("h1").last().waitFor();
      await app.page.locator(".skeleton").waitFor({ state: "detached" });
      const widths = await app.page.evaluate<{ scroll: number; client: number }[]>(
        `[document.documentElement, ...document.querySelectorAll(".zaui-page")].map((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }))`,
      );
      for (const w of widths)
        expect(w.scroll, `${path || "home"} at ${viewport.width}px`).toBeLessThanOrEqual(w.client);
    }
    await app.page.goto(app.server.appUrl);
    await headline().waitFor();
    await screenshot(app.page, `home-${viewport.width}x${viewport.height}`);
  });
});
