import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningBotServer } from "../../bot-server/src/server";
import { addUser, dropPrefix, signIn, startAdminServer, type Client } from "./helpers";

const REPORT = readFileSync(new URL("../fixtures/reports/bao-cao-tuan-5-thang-8-2024.txt", import.meta.url), "utf8");
const NEXT_WEEK = readFileSync(new URL("../fixtures/reports/bao-cao-tuan-1-thang-9-2024.txt", import.meta.url), "utf8");
/** A PNG's first bytes: an image, whatever its name says. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7)]);

describe("the weekly report through the admin API", () => {
  let server: RunningBotServer & { prefix: string };
  let editor: Client;
  let approver: Client;
  const weeks = () => server.redis.zrange(server.keys.snapshotWeeks, 0, -1);
  const upload = (name: string, body: Uint8Array) =>
    editor.call("POST", `/api/v1/admin/reports?name=${encodeURIComponent(name)}`, body);

  beforeAll(async () => {
    server = await startAdminServer();
    await addUser(server, "editor", ["editor"]);
    await addUser(server, "approver", ["approver"]);
    editor = await signIn(server.url!, "editor");
    approver = await signIn(server.url!, "approver");
  });
  afterAll(async () => {
    await dropPrefix(server.redis, server.prefix);
    await server.close();
  });

  it("refuses a 60 MB upload, an image renamed .docx and a file that is not a report, with a clear message, storing nothing", async () => {
    const big = await upload("bao-cao.txt", Buffer.alloc(60 * 1024 * 1024, 0x61));
    expect(big.status).toBe(413);
    expect(big.body.message).toMatch(/Tệp quá lớn \(tối đa 5 MB\)/);
    const image = await upload("bao-cao.docx", PNG);
    expect(image.status).toBe(400);
    expect(image.body.message).toMatch(/\.docx bị hỏng hoặc không phải tài liệu Word/);
    const notReport = await upload(
      "ghi-chu.txt",
      Buffer.from("Danh sách việc cần làm tuần này: họp giao ban, gửi công văn."),
    );
    expect(notReport.status).toBe(400);
    expect(notReport.body.message).toMatch(/không giống báo cáo tuần/);
    const wrongType = await upload("anh.jpg", PNG);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.fields).toHaveProperty("name");
    expect(await weeks()).toEqual([]);
    expect(await server.redis.zcard(server.keys.reports)).toBe(0);
  });

  it("turns the founding report into a draft with each value's sentence, and publishes it by revision", async () => {
    const res = await upload("bao-cao-tuan-5-thang-8-2024.txt", Buffer.from(REPORT));
    expect(res.status).toBe(201);
    const snapshot = res.body.snapshot as {
      id: string;
      revision: number;
      status: string;
      values: Record<string, { value: number; source_text: string }>;
    };
    expect(snapshot).toMatchObject({ id: "2024-08-30", status: "draft" });
    expect(snapshot.values["dvc.online_filing_rate"]).toMatchObject({
      value: 93,
      source_text: expect.stringContaining("93%"),
    });
    expect(res.body.missing).toEqual([]);
    const published = await approver.call("POST", "/api/v1/admin/reports/2024-08-30/publish", {
      revision: snapshot.revision,
    });
    expect(published.status).toBe(200);
    // The week's bulletin is drafted from its report, for the editors to start from.
    expect(published.body).toMatchObject({ snapshot: { status: "published" }, bulletin: "ban-tin-2024-08-30" });
    const bulletin = await editor.call("GET", "/api/v1/admin/posts/ban-tin-2024-08-30");
    expect(bulletin.body.post).toMatchObject({
      status: "draft",
      createdBy: "system:bulletin",
      periodTo: "2024-08-30",
      title: expect.stringContaining("tuần"),
    });
    expect(
      (await approver.call("POST", "/api/v1/admin/reports/2024-08-30/publish", { revision: snapshot.revision })).status,
    ).toBe(409);
  });

  it("flags a garbage value against last week's, and lets the editor correct the draft", async () => {
    const garbled = NEXT_WEEK.replace(/46\.017 tài khoản/, "460.170 tài khoản");
    expect(garbled).not.toBe(NEXT_WEEK);
    const res = await upload("bao-cao-tuan-1-thang-9-2024.txt", Buffer.from(garbled));
    expect(res.status).toBe(201);
    const flags = res.body.flags as Record<string, string[]>;
    expect(flags["smart_hd.installs"]).toEqual([
      expect.stringMatching(/Thay đổi 902% so với tuần trước \(45\.929 → 460\.170\)/),
    ]);
    const week = res.body.snapshot as { id: string; revision: number };
    const fixed = await editor.call("PATCH", `/api/v1/admin/reports/${week.id}`, {
      revision: week.revision,
      changes: { "smart_hd.installs": { value: 46017, change: 88 } },
    });
    expect(fixed.status).toBe(200);
    const review = await editor.call("GET", `/api/v1/admin/reports/${week.id}`);
    expect(review.body.flags).not.toHaveProperty("smart_hd.installs");
    expect((review.body.revisions as unknown[]).length).toBe(2);
    // An edit against the revision before is refused: the editor reloads first.
    expect(
      (
        await editor.call("PATCH", `/api/v1/admin/reports/${week.id}`, {
          revision: week.revision,
          changes: { "smart_hd.installs": null },
        })
      ).status,
    ).toBe(409);
  });

  it("corrects a published week as a new revision that records who and why", async () => {
    const corrected = await approver.call("POST", "/api/v1/admin/reports/2024-08-30/corrections", {
      changes: { "smart_hd.installs": { value: 45930, change: 91 } },
      note: "EMC cập nhật số cài đặt",
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.snapshot).toMatchObject({
      revision: 2,
      status: "published",
      note: "EMC cập nhật số cài đặt",
      publishedBy: "approver",
    });
    const audit = await approver.call("GET", "/api/v1/admin/audit?target=week:2024-08-30");
    expect((audit.body.entries as Array<{ action: string }>).map((e) => e.action)).toEqual([
      "report.corrected",
      "report.published",
      "report.uploaded",
    ]);
  });
});
