import { describe, expect, it } from "vitest";
import { ApiFailure } from "../services/types";
import { changeSubscription, readSubscription, type SubscriptionDeps } from "./subscription";

function deps(over: Partial<SubscriptionDeps> = {}): SubscriptionDeps & { calls: string[] } {
  const calls: string[] = [];
  let subscribed = false;
  return {
    calls,
    insideZalo: () => true,
    accessToken: async () => "tok",
    api: {
      subscription: async (t) => {
        calls.push(`GET ${t}`);
        return { subscribed, following: true };
      },
      setSubscription: async (t, on) => {
        calls.push(`${on ? "PUT" : "DELETE"} ${t}`);
        subscribed = on;
        return { subscribed, following: false };
      },
    },
    ...over,
  };
}

describe("subscription", () => {
  it("explains outside Zalo that the Zalo app is needed, without calling the API", async () => {
    const d = deps({ insideZalo: () => false });
    expect(await readSubscription(d)).toMatchObject({ kind: "outside_zalo", message: expect.stringContaining("Zalo") });
    expect(await changeSubscription(d, true)).toMatchObject({ kind: "outside_zalo" });
    expect(d.calls).toEqual([]);
  });

  it("asks for the token again when Zalo gives none", async () => {
    const d = deps({ accessToken: async () => undefined });
    expect(await readSubscription(d)).toMatchObject({
      kind: "error",
      message: expect.stringContaining("tài khoản Zalo"),
    });
    expect(d.calls).toEqual([]);
  });

  it("reads and changes the subscription with the token, saying what happened", async () => {
    const d = deps();
    expect(await readSubscription(d)).toEqual({ kind: "ready", subscribed: false, following: true });
    expect(await changeSubscription(d, true)).toMatchObject({
      kind: "ready",
      subscribed: true,
      message: expect.stringContaining("quan tâm Official Account"),
    });
    expect(await changeSubscription(d, false)).toMatchObject({
      subscribed: false,
      message: "Bạn đã hủy đăng ký nhận bản tin.",
    });
    expect(d.calls).toEqual(["GET tok", "PUT tok", "DELETE tok"]);
  });

  it("shows the server's refusal in words", async () => {
    const d = deps({
      api: {
        subscription: () => Promise.reject(new ApiFailure("unauthorized", "Phiên đăng nhập Zalo đã hết hạn")),
        setSubscription: () => Promise.reject(new ApiFailure("offline")),
      },
    });
    expect(await readSubscription(d)).toEqual({ kind: "error", message: "Phiên đăng nhập Zalo đã hết hạn" });
    expect(await changeSubscription(d, true)).toMatchObject({
      kind: "error",
      message: expect.stringContaining("kết nối mạng"),
    });
  });
});
