import { AxiosError, AxiosHeaders } from "axios";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { zaloCallObserver } from "./call-observer";
import { createChatMessenger } from "./chat-messenger";
import type { ZaloClient } from "./client";
import {
  describeZaloCode,
  KNOWN_ZALO_CODES,
  OPERATOR_KINDS,
  retryWillNotHelp,
  ZaloApiError,
  ZaloTransportError,
  type ZaloErrorKind,
} from "./errors";

/** Every code of the OA error table in ZALO-PLATFORM.md D, copied from the reference (not from errors.ts). */
const REFERENCE_TABLE = [
  -32, -100, -200, -201, -204, -205, -209, -210, -211, -212, -213, -214, -216, -217, -218, -219, -220, -221, -223, -224,
  -227, -230, -232, -233, -234, -235, -237, -238, -241, -240, -242, -244, -248, -249, -320, -321, -403,
];

/** The class of each code, as the server must treat it. */
const CLASSES: Record<ZaloErrorKind, number[]> = {
  retry_later: [-32, -200],
  refresh_token: [-216, -220],
  recipient_unreachable: [-213, -217, -218, -227, -230, -232, -244],
  night_window: [-234],
  quota: [-211],
  billing: [-320, -321],
  entitlement: [-204, -205, -209, -212, -219, -221, -223, -224, -235, -237, -241, -242],
  content_refused: [-248],
  redo_step: [-100, -214],
  permanent: [-201, -210, -233, -238, -240, -249, -403],
};

const silent = pino({ level: "silent" });

function observed() {
  const raised: Array<{ name: string; message: string; steps: string[] }> = [];
  const cleared: string[] = [];
  const counted: Array<[string, string]> = [];
  const observer = zaloCallObserver({
    alarms: {
      raiseAlarm: async (name, alarm) => void raised.push({ name, ...alarm }),
      clearAlarm: async (name) => void cleared.push(name),
    },
    usage: { record: async (day, type) => void counted.push([day, type]), day: async () => ({}) },
    logger: silent,
    timeZone: "Asia/Ho_Chi_Minh",
    now: () => Date.parse("2026-12-01T20:00:00Z"),
  });
  return { observer, raised, cleared, counted };
}

describe("the one table of Zalo's error codes", () => {
  it("classifies every code of the reference's table explicitly", () => {
    const classified = Object.values(CLASSES).flat();
    expect([...classified].sort()).toEqual([...REFERENCE_TABLE].sort());
    for (const code of REFERENCE_TABLE) expect(KNOWN_ZALO_CODES, String(code)).toContain(code);
    for (const [kind, codes] of Object.entries(CLASSES)) {
      for (const code of codes) expect(describeZaloCode(code).kind, String(code)).toBe(kind);
    }
    expect(describeZaloCode(-99999)).toMatchObject({ kind: "permanent", meaning: "unknown Zalo error" });
  });

  it("tells -223's two meanings apart by Zalo's message", () => {
    expect(new ZaloApiError(-223, "OA has not authorized this API", "/v2.0/oa/message").kind).toBe("entitlement");
    expect(new ZaloApiError(-223, "OA reached limit quota create article", "/v2.0/article/create").kind).toBe("quota");
  });

  it("retry_later and redo_step: a job meeting them is retried", () => {
    for (const code of [...CLASSES.retry_later, ...CLASSES.redo_step])
      expect(retryWillNotHelp(describeZaloCode(code).kind), String(code)).toBe(false);
  });

  it("refresh_token: a job is retried (the client refreshes once first); night_window: retried later, never dropped", () => {
    expect(retryWillNotHelp("refresh_token")).toBe(false);
    expect(retryWillNotHelp("night_window")).toBe(false);
  });

  it("recipient_unreachable: a chat reply is given up quietly, nothing thrown or retried", async () => {
    for (const code of CLASSES.recipient_unreachable) {
      const client = {
        sendCs: async () => Promise.reject(new ZaloApiError(code, "", "/v3.0/oa/message/cs")),
      } as unknown as ZaloClient;
      await expect(
        createChatMessenger(client).sendReply("7300000000000000001", { text: "x", buttons: [] }),
        String(code),
      ).resolves.toBe(false);
    }
    const failing = {
      sendCs: async () => Promise.reject(new ZaloApiError(-32, "", "/v3.0/oa/message/cs")),
    } as unknown as ZaloClient;
    await expect(
      createChatMessenger(failing).sendReply("7300000000000000001", { text: "x", buttons: [] }),
    ).rejects.toBeInstanceOf(ZaloApiError);
  });

  it("permanent: the job ends at once, and no operator alarm is raised for our own request's fault", () => {
    const { observer, raised } = observed();
    for (const code of CLASSES.permanent) {
      expect(retryWillNotHelp(describeZaloCode(code).kind)).toBe(true);
      observer.failed(new ZaloApiError(code, "", "/v3.0/oa/message/cs"));
    }
    expect(raised).toEqual([]);
  });

  for (const kind of ["quota", "billing", "entitlement", "content_refused"] as const) {
    it(`${kind}: an operator alarm with what to do, never a retry, cleared when the endpoint works again`, () => {
      expect(OPERATOR_KINDS.has(kind)).toBe(true);
      const { observer, raised, cleared } = observed();
      for (const code of CLASSES[kind]) {
        const err = new ZaloApiError(code, "zalo's words", "/v2.0/oa/message");
        expect(retryWillNotHelp(err.kind), String(code)).toBe(true);
        expect(err.action, String(code)).toMatch(/\S/);
        observer.failed(err);
      }
      expect(raised.length).toBeGreaterThan(0);
      expect(raised[0]!.steps[0]).toMatch(/\S/);
      expect(raised[0]!.message).toContain("zalo's words");
      if (kind === "billing") {
        // Free messages going out say nothing about billing: only a billed one clears it.
        observer.succeeded("/v3.0/oa/message/cs");
        observer.csSent("reply");
        expect(cleared).toEqual([]);
        observer.csSent("purchase_quota");
        expect(cleared).toEqual(["zalo_billing"]);
      } else {
        observer.succeeded("/v3.0/oa/message/cs");
        expect(cleared).toEqual([]);
        observer.succeeded("/v2.0/oa/message");
        expect(cleared).toEqual([`zalo_${kind}:/v2.0/oa/message`]);
      }
    });
  }

  it("raises one alarm per name and minute however often a fan-out meets the refusal", () => {
    const { observer, raised } = observed();
    for (let i = 0; i < 1000; i++) observer.failed(new ZaloApiError(-320, "", "/v3.0/oa/message/cs"));
    expect(raised).toHaveLength(1);
  });

  it("counts CS messages by quota type on the local day", () => {
    const { observer, counted } = observed();
    observer.csSent("reply");
    observer.csSent("sub_quota");
    // 20:00 UTC on 1 December is 03:00 on 2 December in Hanoi.
    expect(counted).toEqual([
      ["2026-12-02", "reply"],
      ["2026-12-02", "sub_quota"],
    ]);
  });

  it("never carry the request's access token into a log line", () => {
    const headers = new AxiosHeaders({ access_token: "SECRET-ACCESS-TOKEN" });
    const axiosError = new AxiosError("timeout of 10000ms exceeded", "ECONNABORTED", { headers });
    const err = new ZaloTransportError("/v3.0/oa/message/cs", axiosError);
    let line = "";
    pino({ level: "info" }, { write: (s: string) => (line += s) }).error({ err }, "send failed");
    expect(line).toContain("ECONNABORTED");
    expect(line).toContain("timeout of 10000ms exceeded");
    expect(line).not.toContain("SECRET-ACCESS-TOKEN");
  });
});
