import { createHmac } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { control, SANDBOX_CREDENTIALS, seed, setClock, startSim, useSimulator } from "./helpers";

const sim = useSimulator();
let followerId: string;
beforeEach(async () => {
  followerId = (await seed(sim, { count: 3 })).sample_ids[1]!;
});

function proof(token: string, secret = SANDBOX_CREDENTIALS.appSecret): string {
  return createHmac("sha256", secret).update(token).digest("hex");
}

async function me(
  token: string,
  proofValue: string | null,
  fields = "id,name,picture,user_id_by_oa",
  miniAppId: string | null = SANDBOX_CREDENTIALS.miniAppId,
): Promise<Record<string, unknown>> {
  const res = await fetch(
    `${sim.url}/v2.0/me?fields=${fields}${miniAppId === null ? "" : `&miniapp_id=${miniAppId}`}`,
    {
      headers: { access_token: token, ...(proofValue !== null && { appsecret_proof: proofValue }) },
    },
  );
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe("graph /v2.0/me", () => {
  it("links the app-scoped id to the OA follower id", async () => {
    const minted = await control<{ access_token: string; app_user_id: string }>(sim, "POST", "/miniapp-token", {
      user_id: followerId,
    });
    expect(minted.status).toBe(200);
    const { access_token: token, app_user_id: appUserId } = minted.body;
    expect(appUserId).toMatch(/^\d{19}$/);
    expect(appUserId).not.toBe(followerId);

    const body = await me(token, proof(token));
    expect(body).toEqual({
      id: appUserId,
      name: expect.any(String),
      picture: { data: { url: expect.stringMatching(/^https:\/\//) } },
      user_id_by_oa: followerId,
    });
    expect(body).not.toHaveProperty("data");
    expect(body).not.toHaveProperty("error");

    const follower = await control<{ user_id_by_app: string }>(sim, "GET", `/followers/${followerId}`);
    expect(follower.body.user_id_by_app).toBe(appUserId);

    const idOnly = await me(token, proof(token), "id");
    expect(idOnly).toEqual({ id: appUserId });
  });

  it("gives the OA-scoped id only with the mini app's miniapp_id, and only while its app is linked to the OA", async () => {
    const { access_token: token } = (
      await control<{ access_token: string }>(sim, "POST", "/miniapp-token", { user_id: followerId })
    ).body;
    expect(await me(token, proof(token), undefined, null)).not.toHaveProperty("user_id_by_oa");
    expect(await me(token, proof(token), undefined, "1900000000000000099")).not.toHaveProperty("user_id_by_oa");
    await control(sim, "POST", "/config", { entitlements: { miniAppLinkedToOa: false } });
    expect(await me(token, proof(token))).not.toHaveProperty("user_id_by_oa");
  });

  it("checks the proof with the mini app's own app secret when it belongs to another Zalo app", async () => {
    const own = await startSim({ credentials: { miniAppSecret: "mini-app-secret" } });
    try {
      const [user] = (await seed(own, { count: 1 })).sample_ids;
      const { access_token: token } = (
        await control<{ access_token: string }>(own, "POST", "/miniapp-token", { user_id: user })
      ).body;
      const ask = async (secret: string) =>
        (await fetch(`${own.url}/v2.0/me?fields=id,user_id_by_oa&miniapp_id=${SANDBOX_CREDENTIALS.miniAppId}`, {
          headers: { access_token: token, appsecret_proof: proof(token, secret) },
        }).then((r) => r.json())) as Record<string, unknown>;
      expect(await ask(SANDBOX_CREDENTIALS.appSecret)).toMatchObject({ error: -242 });
      expect(await ask("mini-app-secret")).toMatchObject({ user_id_by_oa: user });
    } finally {
      await own.close();
    }
  });

  it("requires a valid appsecret_proof and a known, live token", async () => {
    const { access_token: token } = (
      await control<{ access_token: string }>(sim, "POST", "/miniapp-token", { user_id: followerId })
    ).body;
    expect(await me(token, proof(token, "wrong-secret"))).toEqual({ error: -242, message: "Invalid appsecret_proof" });
    expect(await me(token, null)).toMatchObject({ error: -242 });
    expect((await me("forged", proof("forged"))).error).toBe(-216);

    await setClock(sim, { advanceMs: 61 * 60_000 });
    expect((await me(token, proof(token))).error).toBe(-220);
  });

  it("mints tokens only for known users", async () => {
    expect((await control(sim, "POST", "/miniapp-token", { user_id: "1234567890123456789" })).status).toBe(404);
    expect((await control(sim, "POST", "/miniapp-token", { user_id: 42 })).status).toBe(400);
  });
});
