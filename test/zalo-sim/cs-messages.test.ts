import { beforeEach, describe, expect, it } from "vitest";
import {
  control,
  csText,
  LONG_LIVED_TOKENS,
  oaGet,
  oaPost,
  seed,
  setClock,
  tokenPair,
  userEvent,
  useSimulator,
} from "./helpers";

const DAY = 86_400_000;
const CS = "/v3.0/oa/message/cs";

// The clock jumps below are about the CS window, not token expiry.
const sim = useSimulator({ limits: LONG_LIVED_TOKENS }, { clock: { set: "2026-03-10T09:00:00+07:00", freeze: true } });
let token: string;
beforeEach(async () => {
  token = (await tokenPair(sim)).access;
});

interface CsData {
  message_id: string;
  user_id: string;
  sent_time: string;
  quota: { quota_type: string; remain?: string; total?: string };
}

describe("CS window", () => {
  it("refuses a follower idle beyond 7 days with -230 and serves one active within", async () => {
    const [idle] = (await seed(sim, { count: 1 })).sample_ids;
    const [active] = (await seed(sim, { count: 1, active_within_days: 6 })).sample_ids;

    const refused = await oaPost(sim, token, CS, csText(idle!, "xin chào"));
    expect(refused.body).toEqual({ error: -230, message: "User has not interacted with the OA in the past 7 days" });

    const sent = await oaPost<CsData>(sim, token, CS, csText(active!, "xin chào"));
    expect(sent.body.error).toBe(0);
    expect(sent.body.message).toBe("Success");
    expect(sent.body.data!.user_id).toBe(active);
    expect(sent.body.data!.message_id).toMatch(/^[0-9a-f]{20}$/);
    expect(sent.body.data!.sent_time).toBe(String(Date.parse("2026-03-10T09:00:00+07:00")));

    const outbox = await control<{ kind: string; user_id: string; text: string }[]>(sim, "GET", "/outbox");
    expect(outbox.body).toHaveLength(1);
    expect(outbox.body[0]).toMatchObject({ kind: "cs", user_id: active, text: "xin chào" });
  });

  it("opens the window when the user writes and closes it 7 days later by the clock", async () => {
    const userId = "246845883529197922";
    await userEvent(sim, { event_name: "follow", user_id: userId });
    await setClock(sim, { advanceMs: 8 * DAY });
    expect((await oaPost(sim, token, CS, csText(userId, "a"))).body.error).toBe(-230);

    await userEvent(sim, { event_name: "user_send_text", user_id: userId, text: "chỉ số" });
    await setClock(sim, { advanceMs: 7 * DAY });
    const atEdge = await oaPost<CsData>(sim, token, CS, csText(userId, "b"));
    expect(atEdge.body.error).toBe(0);
    expect(atEdge.body.data!.quota.quota_type).toBe("sub_quota");
    await setClock(sim, { advanceMs: 1 });
    expect((await oaPost(sim, token, CS, csText(userId, "c"))).body.error).toBe(-230);
  });

  it("reaches a user who unfollowed but wrote within 7 days; -201 for unknown or numeric user ids", async () => {
    const userId = "552177279717587730";
    await userEvent(sim, { event_name: "follow", user_id: userId });
    await userEvent(sim, { event_name: "unfollow", user_id: userId });
    // Unfollowing is not an interaction; following was, so the window is open (ZALO-PLATFORM A.2: "cả user đã/chưa quan tâm").
    expect((await oaPost(sim, token, CS, csText(userId, "hi"))).body.error).toBe(0);
    const stranger = "552177279717587731";
    await userEvent(sim, { event_name: "user_send_text", user_id: stranger, text: "xin chào" });
    expect((await oaPost(sim, token, CS, csText(stranger, "chào bạn"))).body.error).toBe(0);
    // A reaction or a read receipt does not open the window.
    const reactor = "552177279717587735";
    await userEvent(sim, { event_name: "follow", user_id: reactor });
    await setClock(sim, { advanceMs: 8 * DAY });
    await userEvent(sim, { event_name: "user_reacted_message", user_id: reactor });
    await userEvent(sim, { event_name: "user_seen_message", user_id: reactor, msg_id: "abc" });
    expect((await oaPost(sim, token, CS, csText(reactor, "hi"))).body.error).toBe(-230);

    expect((await oaPost(sim, token, CS, csText("999999999999999999", "hi"))).body).toEqual({
      error: -201,
      message: "user_id is invalid!",
    });
    const numeric = await oaPost(sim, token, CS, {
      recipient: { user_id: 552177279717587730 },
      message: { text: "hi" },
    });
    expect(numeric.body.error).toBe(-201);
  });
});

describe("CS economics since 2026", () => {
  async function sendTo(userId: string) {
    return oaPost<CsData>(sim, token, CS, csText(userId, "bản tin tuần"));
  }

  it("is free within 48 h; later it uses the package allowance, then the Cloud Account, else -320/-321", async () => {
    await setClock(sim, { set: "2026-04-10T09:00:00+07:00" });
    const [recent] = (await seed(sim, { count: 1, active_within_days: 1 })).sample_ids;
    const older = (await seed(sim, { count: 6, active_within_days: 6 })).sample_ids;
    await control(sim, "POST", "/config", {
      billing: { allowancePerMonth: 1, zcaLinked: false, zcaBalance: 0, pricePerMessage: 55 },
    });

    const free = await sendTo(recent!);
    // No `remain` after 2026-03-01 (ZALO-PLATFORM A.2).
    expect(free.body.data!.quota).toEqual({ quota_type: "reply" });

    // Seeded within 6 days: some may fall inside 48 h; pick those beyond it.
    const beyond: string[] = [];
    for (const id of older) {
      const f = await control<{ last_interaction_ms: string }>(sim, "GET", `/followers/${id}`);
      if (Date.parse("2026-04-10T09:00:00+07:00") - Number(f.body.last_interaction_ms) > 48 * 3600_000) beyond.push(id);
    }
    expect(beyond.length).toBeGreaterThanOrEqual(3);
    expect((await sendTo(beyond[0]!)).body.data!.quota).toEqual({ quota_type: "sub_quota" });
    expect((await sendTo(beyond[1]!)).body).toEqual({
      error: -320,
      message: expect.stringMatching(/Zalo Cloud Account/),
    });
    await control(sim, "POST", "/config", { billing: { zcaLinked: true, zcaBalance: 100 } });
    expect((await sendTo(beyond[1]!)).body.data!.quota).toEqual({ quota_type: "purchase_quota" });
    expect((await sendTo(beyond[2]!)).body).toEqual({ error: -321, message: expect.stringMatching(/balance/) });

    const outbox = await control<Array<{ user_id: string; quota_type: string }>>(sim, "GET", "/outbox");
    expect(outbox.body.map((e) => e.quota_type)).toEqual(["reply", "sub_quota", "purchase_quota"]);
    const state = await control<{ billing: { zcaBalance: number; allowance_used_this_month: number } }>(
      sim,
      "GET",
      "/state",
    );
    expect(state.body.billing).toMatchObject({ zcaBalance: 45, allowance_used_this_month: 1 });
  });

  it("still reports the fixed remain of 8 before 2026-03-01", async () => {
    await setClock(sim, { set: "2026-02-10T09:00:00+07:00" });
    const [recent] = (await seed(sim, { count: 1, active_within_days: 1 })).sample_ids;
    expect((await sendTo(recent!)).body.data!.quota).toEqual({ quota_type: "reply", remain: "8", total: "8" });
  });
});

describe("CS message validation", () => {
  let user: string;
  beforeEach(async () => {
    user = (await seed(sim, { count: 1, active_within_days: 1 })).sample_ids[0]!;
  });

  it("limits text to 2000 characters after NFC", async () => {
    expect((await oaPost(sim, token, CS, csText(user, "a".repeat(2000)))).body.error).toBe(0);
    expect((await oaPost(sim, token, CS, csText(user, "a".repeat(2001)))).body).toEqual({
      error: -201,
      message: "text is invalid!",
    });
    // 2000 decomposed "ế" (e + two combining marks) are 6000 code units before NFC and 2000 after.
    const decomposed = "e\u0302\u0301".repeat(2000);
    const sent = await oaPost(sim, token, CS, csText(user, decomposed));
    expect(sent.body.error).toBe(0);
    const outbox = await control<{ text: string }[]>(sim, "GET", `/outbox?user_id=${user}`);
    expect(outbox.body.at(-1)!.text).toBe(decomposed.normalize("NFC"));
    expect((await oaPost(sim, token, CS, csText(user, ""))).body.error).toBe(-201);
  });

  it("accepts the documented templates and refuses malformed ones", async () => {
    const withPayload = (payload: object, text?: string) => ({
      recipient: { user_id: user },
      message: { ...(text && { text }), attachment: { type: "template", payload } },
    });
    const button = (type: string, payload: unknown) => ({ title: "Mở", type, payload });
    const accepted = [
      withPayload(
        { buttons: [button("oa.open.url", { url: "https://example.org" }), button("oa.query.show", "#chiso")] },
        "Chọn",
      ),
      withPayload({ template_type: "media", elements: [{ media_type: "image", url: "https://example.org/a.jpg" }] }),
      withPayload({
        template_type: "request_user_info",
        elements: [{ title: "T", subtitle: "S", image_url: "https://example.org/i.png" }],
      }),
      withPayload({
        template_type: "list",
        elements: [{ title: "Tin 1" }, { title: "Tin 2", image_url: "https://example.org/2.png" }],
      }),
      withPayload(
        {
          buttons: [
            button("oa.query.hide", "#huy"),
            button("oa.open.phone", { phone_code: "0220" }),
            button("oa.open.sms", { phone_code: "0220", content: "DK" }),
          ],
        },
        "x",
      ),
    ];
    for (const body of accepted) expect((await oaPost(sim, token, CS, body)).body.error).toBe(0);

    const sixButtons = Array.from({ length: 6 }, () => button("oa.query.show", "#x"));
    const refused = [
      withPayload({ buttons: sixButtons }, "x"),
      withPayload({ buttons: [button("oa.open.app", { url: "https://example.org" })] }, "x"),
      withPayload({ buttons: [button("oa.open.url", "https://example.org")] }, "x"),
      withPayload({ template_type: "transaction_order", elements: [] }),
      withPayload({ template_type: "list", elements: Array.from({ length: 6 }, (_, i) => ({ title: `T${i}` })) }),
      withPayload({ template_type: "media", elements: [{ media_type: "image" }] }),
      withPayload({ template_type: "media", elements: [{ media_type: "image", attachment_id: "never-uploaded" }] }),
      withPayload({ template_type: "request_user_info", elements: [{ title: "a" }, { title: "b" }] }),
      { recipient: { user_id: user }, message: { attachment: { type: "file", payload: { token: "t" } } } },
      { recipient: { user_id: user }, message: {} },
      { recipient: { user_id: user } },
    ];
    for (const body of refused)
      expect((await oaPost(sim, token, CS, body)).body.error, JSON.stringify(body)).toBe(-201);

    const outbox = await control<unknown[]>(sim, "GET", "/outbox");
    expect(outbox.body).toHaveLength(accepted.length);
  });

  it("answers a malformed JSON body with -201 and HTTP 200", async () => {
    const res = await fetch(`${sim.url}${CS}`, {
      method: "POST",
      headers: { access_token: token, "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { error: number }).error).toBe(-201);
  });
});

describe("conversation", () => {
  interface Msg {
    message_id: string;
    src: number;
    time: string;
    type: string;
    message: string;
    from_id: string;
    to_id: string;
  }

  it("pages both directions newest first, at most 10 a page", async () => {
    const user = "388613280878808646";
    await userEvent(sim, { event_name: "follow", user_id: user });
    const expected: { src: number; message: string }[] = [];
    for (let k = 0; k < 6; k++) {
      await setClock(sim, { advanceMs: 1000 });
      await userEvent(sim, { event_name: "user_send_text", user_id: user, text: `hỏi ${k}`, msg_id: `u${k}` });
      expected.push({ src: 1, message: `hỏi ${k}` });
      await setClock(sim, { advanceMs: 1000 });
      expect((await oaPost(sim, token, CS, csText(user, `đáp ${k}`))).body.error).toBe(0);
      expected.push({ src: 0, message: `đáp ${k}` });
    }
    // A retried event (same msg_id) is not recorded twice.
    await userEvent(sim, { event_name: "user_send_text", user_id: user, text: "hỏi 5", msg_id: "u5" });
    const newestFirst = expected.reverse();

    const page1 = await oaGet<Msg[]>(sim, token, "/v2.0/oa/conversation", { user_id: user, offset: 0, count: 10 });
    expect(page1.body.error).toBe(0);
    expect(page1.body.data!.map((m) => ({ src: m.src, message: m.message }))).toEqual(newestFirst.slice(0, 10));
    const page2 = await oaGet<Msg[]>(sim, token, "/v2.0/oa/conversation", { user_id: user, offset: 10, count: 10 });
    expect(page2.body.data!.map((m) => m.message)).toEqual(newestFirst.slice(10).map((m) => m.message));

    const times = page1.body.data!.map((m) => Number(m.time));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const fromUser = page1.body.data!.find((m) => m.src === 1)!;
    expect(fromUser).toMatchObject({ from_id: user, type: "text", message_id: "u5" });
    const fromOa = page1.body.data!.find((m) => m.src === 0)!;
    expect(fromOa.to_id).toBe(user);

    const tooMany = await oaGet(sim, token, "/v2.0/oa/conversation", { user_id: user, offset: 0, count: 11 });
    expect(tooMany.body.error).toBe(-210);
    const unknown = await oaGet(sim, token, "/v2.0/oa/conversation", { user_id: "123", offset: 0, count: 5 });
    expect(unknown.body.error).toBe(-201);
  });
});

describe("quota", () => {
  it("reports last interaction and the broadcast allowance", async () => {
    const user = (await seed(sim, { count: 1, active_within_days: 1 })).sample_ids[0]!;
    const detail = await control<{ last_interaction_ms: string }>(sim, "GET", `/followers/${user}`);
    const quota = await oaPost<{
      last_interaction: string;
      cs_reply: { quota_type: string };
      promotion: { daily_remain: number; daily_total: number; monthly_remain: number; monthly_total: number };
    }>(sim, token, "/v3.0/oa/quota/message", { user_id: user });
    expect(quota.body.error).toBe(0);
    expect(quota.body.data!.last_interaction).toBe(detail.body.last_interaction_ms);
    expect(quota.body.data!.cs_reply.quota_type).toBe("reply");
    expect(quota.body.data!.promotion).toEqual({
      daily_remain: 1,
      daily_total: 1,
      monthly_remain: 6,
      monthly_total: 6,
    });
  });
});
