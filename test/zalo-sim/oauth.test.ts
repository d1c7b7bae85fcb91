import { beforeEach, describe, expect, it } from "vitest";
import {
  control,
  oaGet,
  pkcePair,
  SANDBOX_CREDENTIALS,
  seed,
  setClock,
  tokenPair,
  tokenRequest,
  useSimulator,
} from "./helpers";

const APP = SANDBOX_CREDENTIALS.appId;
const ACCESS_TTL_S = 3600;
const REFRESH_TTL_S = 86_400;

const sim = useSimulator({ limits: { accessTokenTtlSeconds: ACCESS_TTL_S, refreshTokenTtlSeconds: REFRESH_TTL_S } });
let userId: string;
beforeEach(async () => {
  userId = (await seed(sim, { count: 1, active_within_days: 1 })).sample_ids[0]!;
});

/** A cheap authenticated call: its error code says whether the token was accepted. */
async function probe(token: string): Promise<number> {
  return (await oaGet(sim, token, "/v3.0/oa/user/detail", { user_id: userId })).body.error;
}

function refresh(refreshToken: string) {
  return tokenRequest(sim, { app_id: APP, grant_type: "refresh_token", refresh_token: refreshToken });
}

describe("refresh-token rotation", () => {
  it("returns a new pair each time and kills the old refresh and access tokens", async () => {
    const first = await tokenPair(sim);
    expect(await probe(first.access)).toBe(0);

    const second = await refresh(first.refresh);
    expect(second.error).toBeUndefined();
    expect(second.expires_in).toBe(String(ACCESS_TTL_S));
    expect(second.refresh_token).toBeDefined();
    expect(second.refresh_token).not.toBe(first.refresh);
    expect(second.access_token).not.toBe(first.access);

    const reused = await refresh(first.refresh);
    expect(reused.error).toBe(-14020);
    expect(reused.access_token).toBeUndefined();
    expect(typeof reused.error_name).toBe("string");
    expect(reused.error_reason).toMatch(/used/);

    expect(await probe(first.access)).toBe(-220);
    expect(await probe(second.access_token!)).toBe(0);

    const third = await refresh(second.refresh_token!);
    expect(third.refresh_token).toBeDefined();
    const alive = await control<{ refresh_tokens: { refresh_token: string }[] }>(sim, "GET", "/tokens");
    expect(alive.body.refresh_tokens.map((t) => t.refresh_token)).toEqual([third.refresh_token]);
  });

  it("expires access and refresh tokens by the simulator clock", async () => {
    await setClock(sim, { freeze: true });
    const pair = await tokenPair(sim);
    await setClock(sim, { advanceMs: ACCESS_TTL_S * 1000 - 1 });
    expect(await probe(pair.access)).toBe(0);
    await setClock(sim, { advanceMs: 1 });
    expect(await probe(pair.access)).toBe(-220);

    await setClock(sim, { advanceMs: (REFRESH_TTL_S - ACCESS_TTL_S) * 1000 });
    const late = await refresh(pair.refresh);
    expect(late.error).toBe(-14020);
    expect(late.error_reason).toMatch(/expired/);
  });

  it("rejects a wrong or missing secret_key header and a wrong app id", async () => {
    const pair = await tokenPair(sim);
    const form = { app_id: APP, grant_type: "refresh_token", refresh_token: pair.refresh };
    expect((await tokenRequest(sim, form, "not-the-secret")).error).toBe(-14014);
    expect((await tokenRequest(sim, form, null)).error).toBe(-14014);
    expect((await tokenRequest(sim, { ...form, app_id: "1234567890123456789" })).error).toBe(-14002);
    // None of those consumed the refresh token.
    expect((await refresh(pair.refresh)).access_token).toBeDefined();
  });

  it("wants a form body, not JSON", async () => {
    const res = await fetch(`${sim.url}/v4/oa/access_token`, {
      method: "POST",
      headers: { "content-type": "application/json", secret_key: SANDBOX_CREDENTIALS.appSecret },
      body: JSON.stringify({ app_id: APP, grant_type: "refresh_token", refresh_token: "x" }),
    });
    expect(((await res.json()) as { error: number }).error).toBe(-14001);
  });
});

describe("authorization code with PKCE", () => {
  it("rejects a wrong verifier and accepts a code once", async () => {
    const { verifier, challenge } = pkcePair();
    const wrongCode = sim.issueAuthorizationCode(challenge);
    const wrong = await tokenRequest(sim, {
      app_id: APP,
      grant_type: "authorization_code",
      code: wrongCode,
      code_verifier: `${verifier}x`,
    });
    expect(wrong.error).toBe(-14016);
    expect(wrong.access_token).toBeUndefined();
    const missing = await tokenRequest(sim, {
      app_id: APP,
      grant_type: "authorization_code",
      code: sim.issueAuthorizationCode(challenge),
    });
    expect(missing.error).toBe(-14016);

    const code = sim.issueAuthorizationCode(challenge);
    const ok = await tokenRequest(sim, {
      app_id: APP,
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
    });
    expect(ok.access_token).toBeDefined();
    expect(await probe(ok.access_token!)).toBe(0);
    const again = await tokenRequest(sim, {
      app_id: APP,
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
    });
    expect(again.error).toBe(-14019);
  });

  it("expires codes after 10 minutes", async () => {
    await setClock(sim, { freeze: true });
    const { verifier, challenge } = pkcePair();
    const code = sim.issueAuthorizationCode(challenge);
    await setClock(sim, { advanceMs: 10 * 60_000 });
    const late = await tokenRequest(sim, {
      app_id: APP,
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
    });
    expect(late.error).toBe(-14019);
  });

  it("the consent URL redirects back with code, oa_id and state", async () => {
    const { verifier, challenge } = pkcePair();
    const q = new URLSearchParams({
      app_id: APP,
      redirect_uri: "http://localhost:9/cb?x=1",
      code_challenge: challenge,
      state: "s-42",
    });
    const res = await fetch(`${sim.url}/v4/oa/permission?${q}`, { redirect: "manual" });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(location.origin + location.pathname).toBe("http://localhost:9/cb");
    expect(location.searchParams.get("x")).toBe("1");
    expect(location.searchParams.get("state")).toBe("s-42");
    expect(location.searchParams.get("oa_id")).toBe(SANDBOX_CREDENTIALS.oaId);
    const code = location.searchParams.get("code")!;
    const answer = await tokenRequest(sim, {
      app_id: APP,
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
    });
    expect(answer.access_token).toBeDefined();

    const bad = await fetch(`${sim.url}/v4/oa/permission?app_id=${APP}&redirect_uri=notaurl`, { redirect: "manual" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: number }).error).toBe(-14003);
  });
});

describe("access token checks", () => {
  it("answers -216 for unknown or missing tokens and -220 for expired ones", async () => {
    expect(await probe("forged-token")).toBe(-216);
    const res = await fetch(
      `${sim.url}/v3.0/oa/user/detail?data=${encodeURIComponent(JSON.stringify({ user_id: userId }))}`,
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { error: number; message: string }).message).toBe("Access token is invalid");

    const pair = await tokenPair(sim);
    await setClock(sim, { advanceMs: ACCESS_TTL_S * 1000 + 1 });
    const expired = await oaGet(sim, pair.access, "/v3.0/oa/user/detail", { user_id: userId });
    expect(expired.status).toBe(200);
    expect(expired.body).toEqual({ error: -220, message: "access_token is expired or removed" });
  });

  it("reads the token from the access_token header only", async () => {
    const pair = await tokenPair(sim);
    const data = encodeURIComponent(JSON.stringify({ user_id: userId }));
    const viaQuery = await fetch(`${sim.url}/v3.0/oa/user/detail?data=${data}&access_token=${pair.access}`);
    expect(((await viaQuery.json()) as { error: number }).error).toBe(-216);
    const viaBearer = await fetch(`${sim.url}/v3.0/oa/user/detail?data=${data}`, {
      headers: { authorization: `Bearer ${pair.access}` },
    });
    expect(((await viaBearer.json()) as { error: number }).error).toBe(-216);
  });
});
