import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { defaultCatalogue } from "@cds/shared";
import { startBotServer, type RunningBotServer } from "../../bot-server/src/server";
import { createFollowerRegistry } from "../../bot-server/src/store/follower-registry";
import { createChatRepository } from "../../bot-server/src/store/chat-repository";
import { ensureConsoleBuilt } from "../../tools/console/build";
import { ensureMiniAppBuilt } from "../../tools/mini-app/build";
import { launchChromium, type ChromiumSession } from "../../tools/mini-app/chromium";
import { addUser, PASSWORD, signIn as apiSignIn } from "../admin/helpers";
import { daytimeOffsetMs } from "../harness/daytime";
import { eventually, type OutboxEntry } from "../harness/eventually";
import { startZaloSandbox, type ZaloSandbox } from "../harness/sandbox";
import { expectAccessible, screenshotBoth } from "./helpers/console";

/**
 * The editors' week in a real browser against the real server and the Zalo simulator: the founding report
 * uploaded and published, a post written, refused to its own author, approved and scheduled by an approver,
 * and its send watched to the end and matched with what the simulator received. Each test has a world of its
 * own (simulator, Redis prefix, server, people) and builds what it starts from through the admin API, so the
 * tests pass alone and in any order.
 */
const REPORT = new URL("../fixtures/reports/bao-cao-tuan-5-thang-8-2024.docx", import.meta.url).pathname;
const TITLE = "<script>alert('tiêu đề')</script> Bản tin chuyển đổi số tuần 5";
const SUMMARY = "93% hồ sơ nộp trực tuyến; 45.929 tài khoản Smart-HaiDuong.";
const BODY =
  "Tuần qua tỷ lệ hồ sơ nộp trực tuyến đạt 93%.\n\n<script>alert('nội dung')</script> Đoạn này phải hiện đúng như chữ.";
// A 1×1 PNG: the article's cover (a broadcast needs one).
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAEhgGAVhUo6QAAAABJRU5ErkJggg==",
  "base64",
);
const QUESTION = "Khi nào xã tôi có wifi miễn phí?";
// Nothing is sent at night: the server's Zalo clock and the simulator's are moved to the morning then.
const offsetMs = daytimeOffsetMs();

interface World {
  s: ZaloSandbox;
  server: RunningBotServer;
  base: string;
  subscribers: string[];
}

/** A simulator and a server of their own, with an editor, an approver, an admin, six subscribers and a question. */
async function startWorld(): Promise<World> {
  const s = await startZaloSandbox("console", { articleProcessingMs: 0 });
  if (offsetMs > 0) await s.simJson("/__sim/clock", { body: { advanceMs: offsetMs } });
  const server = await startBotServer(s.config, "all", s.logger, { zaloClock: () => Date.now() + offsetMs });
  // The origin covers are served at (PUBLIC_BASE_URL): the page's CSP lets it load only its own images.
  const base = new URL(s.config.publicBaseUrl).origin;
  s.sim.setWebhookUrl(`${base}/webhooks/zalo`);
  for (const [name, roles] of [
    ["lan", ["editor"]],
    ["minh", ["approver"]],
    ["quantri", ["admin"]],
  ] as const)
    await addUser(server, name, [...roles]);
  // Subscribers active this week in Hải Dương, as the webhooks would have recorded them.
  const { sample_ids: subscribers } = await s.simJson<{ sample_ids: string[] }>("/__sim/followers", {
    body: { count: 6, active_within_days: 1, city: "10" },
  });
  const registry = createFollowerRegistry(s.redis, s.keys);
  for (const id of subscribers) {
    const at = Number((await s.simJson<{ last_interaction_ms: string }>(`/__sim/followers/${id}`)).last_interaction_ms);
    await registry.apply([
      { userId: id, op: "follow", atMs: at },
      { userId: id, op: "interact", atMs: at },
      { userId: id, op: "subscribe" },
    ]);
  }
  await createChatRepository(s.redis, s.keys).keepUnanswered({
    id: "hoiwifi1",
    userId: subscribers[0]!,
    text: QUESTION,
    at: new Date().toISOString(),
  });
  return { s, server, base, subscribers };
}

/** The founding report imported and its first revision published, as an editor and an approver do it. */
async function publishFoundingWeek(w: World): Promise<void> {
  const editor = await apiSignIn(w.base, "lan");
  const imported = await editor.call("POST", "/api/v1/admin/reports?name=bao-cao.docx", readFileSync(REPORT));
  expect(imported.status, JSON.stringify(imported.body)).toBe(201);
  const approver = await apiSignIn(w.base, "minh");
  expect((await approver.call("POST", "/api/v1/admin/reports/2024-08-30/publish", { revision: 1 })).status).toBe(200);
}

/** A post with a cover written and submitted by the editor "lan"; its id. */
async function submittedPost(w: World): Promise<string> {
  const editor = await apiSignIn(w.base, "lan");
  const created = await editor.call("POST", "/api/v1/admin/posts", { title: TITLE, summary: SUMMARY, body: BODY });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = String(created.body.id);
  expect((await editor.call("POST", `/api/v1/admin/posts/${id}/cover?version=1&name=bia.png`, PNG)).status).toBe(200);
  expect((await editor.call("POST", `/api/v1/admin/posts/${id}/submit`, {})).status).toBe(200);
  return id;
}

/** The submitted post approved by "minh", and with `schedule`, scheduled as soon as allowed. */
async function approvedPost(w: World, o: { schedule: boolean }): Promise<string> {
  const id = await submittedPost(w);
  const approver = await apiSignIn(w.base, "minh");
  expect((await approver.call("POST", `/api/v1/admin/posts/${id}/approve`, {})).status).toBe(200);
  if (o.schedule) {
    const { plan } = (await approver.call("GET", `/api/v1/admin/posts/${id}/plan`)).body as {
      plan: { startsAt: string };
    };
    expect((await approver.call("POST", `/api/v1/admin/posts/${id}/schedule`, { at: plan.startsAt })).status).toBe(200);
  }
  return id;
}

describe("the editor console, end to end in Chromium", { timeout: 60_000 }, () => {
  let browser: ChromiumSession;
  let w: World;
  let page: Page;
  let dialogs: string[] = [];

  const signIn = async (username: string) => {
    await page.goto(`${w.base}/console/`);
    await page.getByLabel("Tên đăng nhập").fill(username);
    await page.getByLabel("Mật khẩu").fill(PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("button", { name: new RegExp(`^Tài khoản: ${username}`) }).waitFor();
  };
  const signOut = async () => {
    await page.getByRole("button", { name: /^Tài khoản:/ }).click();
    await page.getByRole("menuitem", { name: "Đăng xuất", exact: true }).click();
    await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
  };

  beforeAll(async () => {
    const [, , launched] = await Promise.all([
      ensureConsoleBuilt(),
      ensureMiniAppBuilt(),
      launchChromium({ width: 1280, height: 800 }),
    ]);
    browser = launched;
  }, 180_000);
  beforeEach(async () => {
    w = await startWorld();
    await browser.context.clearCookies();
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    // Toasts appear at once (no fade): axe measures their contrast as people read them, not mid-animation.
    await page.emulateMedia({ reducedMotion: "reduce" });
    dialogs = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, 60_000);
  afterEach(async () => {
    await page?.close();
    await w?.server.close();
    await w?.s.close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("signs in, returning to the page asked for, and shows who is signed in with which roles", async () => {
    await page.goto(`${w.base}/console/bao-cao`);
    await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
    expect(page.url()).toContain("/console/dang-nhap?tiep=%2Fbao-cao");
    await expectAccessible(page, "sign-in");
    await screenshotBoth(page, "sign-in");
    await page.getByLabel("Tên đăng nhập").fill("lan");
    await page.getByLabel("Mật khẩu").fill("sai mật khẩu rồi nhé");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByText("Sai tên đăng nhập hoặc mật khẩu").waitFor();
    await page.getByLabel("Mật khẩu").fill(PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("heading", { name: "Báo cáo tuần" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/console/bao-cao");
    expect(await page.getByRole("button", { name: /^Tài khoản: lan/ }).textContent()).toContain("Biên tập viên");
    await page.getByText("Chưa có tuần nào").waitFor();
    await expectAccessible(page, "reports");
    await screenshotBoth(page, "reports");
  });

  it("imports the founding report, shows every indicator with its sentence, and publishes the week", async () => {
    await signIn("lan");
    await page.goto(`${w.base}/console/bao-cao`);
    await page.locator("input[type=file]").setInputFiles(REPORT);
    await page.getByRole("heading", { name: /Số liệu tuần 24\/8–30\/8\/2024/ }).waitFor();
    const rows = page.locator("tr[data-indicator]");
    expect(await rows.count()).toBe(defaultCatalogue.indicators.length);
    // The figure is highlighted in the report's own sentence.
    const filing = page.locator('tr[data-indicator="dvc.online_filing_rate"]');
    expect(await filing.locator("mark").first().innerText()).toBe("93");
    expect(await filing.getByLabel(/Giá trị/).inputValue()).toBe("93%");
    await expectAccessible(page, "week");
    await screenshotBoth(page, "week");
    await page.getByRole("button", { name: "Công bố phiên bản 1" }).click();
    await page.getByText("Bản tin tuần đã được soạn sẵn").waitFor();
    await page.getByText("Đã công bố phiên bản 1").first().waitFor();
    // The public sees the week at once.
    const latest = (await (await fetch(`${w.base}/api/v1/indicators`)).json()) as { period: { to: string } };
    expect(latest.period.to).toBe("2024-08-30");
  });

  it("writes a post with a live preview of what followers get, and submits it", async () => {
    await publishFoundingWeek(w);
    await signIn("lan");
    await page.getByRole("link", { name: "Bài viết", exact: true }).click();
    // The week's bulletin, drafted from the report when it was published.
    await page.locator('a[href$="/bai-viet/ban-tin-2024-08-30"]').waitFor();
    await expectAccessible(page, "posts");
    await screenshotBoth(page, "posts");
    await page.getByRole("link", { name: "Viết bài mới" }).click();
    await page.getByRole("textbox", { name: "Tiêu đề", exact: true }).fill(TITLE);
    await page.getByLabel(/Mô tả/).fill(SUMMARY);
    await page.getByLabel(/Nội dung/).fill(BODY);
    await expectAccessible(page, "new-post");
    await screenshotBoth(page, "new-post");
    await page.getByRole("button", { name: "Lưu bản nháp" }).click();
    await page.getByTestId("post-title").waitFor();
    await page.locator("input[type=file]").setInputFiles({ name: "bia.png", mimeType: "image/png", buffer: PNG });
    await page.getByRole("button", { name: "Đổi ảnh bìa" }).waitFor();
    // The preview updates as the editor types, and shows the writer's markup as text.
    await page.getByLabel(/Mô tả/).fill(`${SUMMARY} Cập nhật.`);
    await expect
      .poll(() => page.locator("[data-preview=digest-text]").innerText())
      .toBe(`${TITLE}\n\n${SUMMARY} Cập nhật.`);
    await page.getByRole("button", { name: "Lưu", exact: true }).click();
    await expect.poll(() => page.getByText("Phiên bản 3").count()).toBe(1);
    expect(await page.locator("[data-preview=article-title]").innerText()).toBe(TITLE);
    expect(await page.locator("[data-preview=mini-app-paragraph]").nth(1).innerText()).toContain(
      "<script>alert('nội dung')</script>",
    );
    await expectAccessible(page, "post-editor");
    await screenshotBoth(page, "post-editor");
    await page.getByRole("button", { name: "Gửi duyệt" }).click();
    await page.locator('[data-status="submitted"]').waitFor();
  });

  it("refuses the author's approval: no approve button, and the API says 403", async () => {
    const id = await submittedPost(w);
    await signIn("lan");
    await page.goto(`${w.base}/console/bai-viet/${id}`);
    await page.locator('[data-status="submitted"]').waitFor();
    // The review section would be drawn in the same render as the status: an editor has none.
    expect(await page.getByRole("button", { name: "Phê duyệt" }).count()).toBe(0);
    const editor = await apiSignIn(w.base, "lan");
    const refused = await editor.call("POST", `/api/v1/admin/posts/${id}/approve`, {});
    expect(refused.status).toBe(403);
  });

  it("an approver sees the changes, the plan with counts and cost, approves and schedules the post", async () => {
    const id = await submittedPost(w);
    await signIn("minh");
    await page.goto(`${w.base}/console/bai-viet/${id}`);
    const review = page.getByRole("region", { name: "Phê duyệt" });
    await review.waitFor();
    expect(await review.innerText()).toContain("chưa được duyệt lần nào");
    await expect
      .poll(() => review.locator("[data-plan=digest]").innerText())
      .toContain(`${w.subscribers.length} người`);
    expect(await review.locator("[data-plan=broadcast]").innerText()).toMatch(/^Có: khoảng/);
    await expectAccessible(page, "post-review");
    await screenshotBoth(page, "post-review");
    await review.getByRole("button", { name: "Phê duyệt" }).click();
    const schedule = page.getByRole("region", { name: "Lên lịch gửi" });
    await schedule.locator("[data-plan=digest]").waitFor();
    await expectAccessible(page, "post-schedule");
    await screenshotBoth(page, "post-schedule");
    await schedule.getByRole("button", { name: /Gửi sớm nhất có thể/ }).click();
    await page.getByRole("region", { name: "Lượt gửi" }).waitFor();
    const approver = await apiSignIn(w.base, "minh");
    const { post } = (await approver.call("GET", `/api/v1/admin/posts/${id}`)).body as { post: { status: string } };
    expect(["scheduled", "sending", "sent"]).toContain(post.status);
  });

  it("shows the send until it completes, and its figures match the simulator's outbox", async () => {
    const id = await approvedPost(w, { schedule: true });
    await signIn("minh");
    await page.goto(`${w.base}/console/bai-viet/${id}`);
    const sending = page.getByRole("region", { name: "Lượt gửi" });
    await expect
      .poll(() => sending.locator("[data-send-state]").getAttribute("data-send-state"), { timeout: 60_000 })
      .toBe("done");
    await expect.poll(() => sending.locator('[data-figure="Đã gửi"]').innerText()).toBe(String(w.subscribers.length));
    expect(await sending.locator('[data-figure="Lỗi"]').innerText()).toBe("0");
    expect(await sending.locator('[data-figure="Còn lại"]').innerText()).toBe("0");
    const outbox = await w.s.simJson<OutboxEntry[]>("/__sim/outbox");
    const digests = outbox.filter((e) => e.kind === "cs" && e.text?.startsWith(TITLE));
    expect(digests.map((e) => e.user_id).sort()).toEqual([...w.subscribers].sort());
    // The post's own status follows without a reload.
    await page.locator('[data-status="sent"]').waitFor();
    await expectAccessible(page, "post-sent");
    await screenshotBoth(page, "post-sent");
    await page.getByRole("link", { name: "Lượt gửi" }).click();
    await page.getByRole("region", { name: TITLE }).waitFor();
    await expectAccessible(page, "sends");
    await screenshotBoth(page, "sends");
  }, 120_000);

  it("shows the writer's <script> as text in the Zalo article and the mini app, never running it", async () => {
    const id = await approvedPost(w, { schedule: true });
    const approver = await apiSignIn(w.base, "minh");
    const progress = await eventually(
      async () =>
        (await approver.call("GET", `/api/v1/admin/posts/${id}/send`)).body as {
          send: { state: string; broadcast: { articleId?: string } };
        },
      (p) => p.send.state === "done",
      60_000,
    );
    expect(progress.send.state).toBe("done");
    const article = await w.s.zalo.client.getArticle(progress.send.broadcast.articleId!);
    expect(JSON.stringify(article)).toContain("<script>alert('nội dung')</script>");
    await page.goto(`${w.base}/app/news/${id}`);
    await page.getByText(TITLE).first().waitFor();
    expect(await page.getByText("<script>alert('nội dung')</script> Đoạn này phải hiện đúng như chữ.").count()).toBe(1);
    expect(dialogs).toEqual([]);
  }, 120_000);

  it("lists followers' questions, the audit log, and (for admins) the users", async () => {
    await approvedPost(w, { schedule: false });
    await signIn("minh");
    await page.goto(`${w.base}/console/cau-hoi`);
    await page.getByText(QUESTION).waitFor();
    await expectAccessible(page, "questions");
    await screenshotBoth(page, "questions");
    await page.goto(`${w.base}/console/nhat-ky`);
    await page.getByText("post.approved").first().waitFor();
    await expectAccessible(page, "audit");
    await screenshotBoth(page, "audit");
    await signOut();
    await signIn("quantri");
    await page.goto(`${w.base}/console/nguoi-dung`);
    await page.getByRole("textbox", { name: "Vai trò của minh" }).waitFor();
    await expectAccessible(page, "users");
    await screenshotBoth(page, "users");
  });

  it("sends a person whose session ended to sign-in, then back to where they were", async () => {
    await signIn("quantri");
    await page.goto(`${w.base}/console/nhat-ky`);
    await page.getByRole("heading", { name: "Nhật ký" }).waitFor();
    // Every session of the admin ends elsewhere (another device signs out everywhere).
    const elsewhere = await apiSignIn(w.base, "quantri");
    expect((await elsewhere.call("DELETE", "/api/v1/session", { everywhere: true })).status).toBe(200);
    await page.getByLabel("Người thực hiện").fill("minh");
    await page.getByRole("button", { name: "Lọc" }).click();
    await page.getByText("Phiên làm việc đã hết hạn").waitFor();
    await page.getByLabel("Tên đăng nhập").fill("quantri");
    await page.getByLabel("Mật khẩu").fill(PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("heading", { name: "Nhật ký" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/console/nhat-ky");
  });
});
