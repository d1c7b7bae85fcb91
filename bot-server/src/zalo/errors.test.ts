import { AxiosError, AxiosHeaders } from "axios";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { describeZaloCode, ZaloApiError, ZaloTransportError } from "./errors";

describe("Zalo errors", () => {
  it("classify the codes the server acts on", () => {
    expect(new ZaloApiError(-216, "Access token is invalid", "/x").kind).toBe("refresh_token");
    expect(new ZaloApiError(-220, "expired", "/x").kind).toBe("refresh_token");
    expect(new ZaloApiError(-230, "not interacted", "/x").kind).toBe("recipient_unreachable");
    expect(new ZaloApiError(-234, "night", "/x").kind).toBe("night_window");
    expect(new ZaloApiError(-32, "limit", "/x").kind).toBe("retry_later");
    expect(describeZaloCode(-99999)).toMatchObject({ kind: "permanent" });
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
