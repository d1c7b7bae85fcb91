import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { createHash, randomBytes } from "node:crypto";
import {
  createSimulator,
  SANDBOX_CREDENTIALS,
  type RunningSimulator,
  type SimulatorOptions,
} from "../../tools/zalo-sim/server";

export { SANDBOX_CREDENTIALS };
export type { RunningSimulator };

/** Zalo's OA envelope as a client sees it. */
export interface Envelope<T = unknown> {
  data?: T;
  error: number;
  message: string;
}

export interface HttpResult<T> {
  status: number;
  headers: Headers;
  body: T;
}

export function startSim(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return createSimulator({ port: 0, ...options });
}

/** Access tokens that outlive the clock jumps of tests that are not about token expiry. */
export const LONG_LIVED_TOKENS = { accessTokenTtlSeconds: 365 * 86_400 } as const;

/**
 * The simulator of one test file: started before its first test, closed after its last, reset before each test
 * and, with `clock`, its clock set so (the file's own beforeEach hooks, tokens and seeds, run after that).
 * The handle is for module level: it forwards to the simulator once started.
 */
export function useSimulator(options: SimulatorOptions = {}, each: { clock?: ClockSetting } = {}): RunningSimulator {
  let running: RunningSimulator | undefined;
  const current = (): RunningSimulator => {
    if (!running) throw new Error("the simulator starts in beforeAll: use it in hooks and tests");
    return running;
  };
  const sim: RunningSimulator = {
    get url() {
      return current().url;
    },
    get port() {
      return current().port;
    },
    setWebhookUrl: (url) => current().setWebhookUrl(url),
    issueAuthorizationCode: (codeChallenge) => current().issueAuthorizationCode(codeChallenge),
    close: () => current().close(),
  };
  beforeAll(async () => {
    running = await startSim(options);
  });
  afterAll(() => running?.close());
  beforeEach(async () => {
    await control(sim, "POST", "/reset");
    if (each.clock) await setClock(sim, each.clock);
  });
  return sim;
}

async function readJson<T>(res: Response): Promise<HttpResult<T>> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
}

/** `/__sim/*` control call. */
export async function control<T = Record<string, unknown>>(
  sim: RunningSimulator,
  method: "GET" | "POST" | "DELETE",
  path: string,
  body?: unknown,
): Promise<HttpResult<T>> {
  const res = await fetch(`${sim.url}/__sim${path}`, {
    method,
    ...(body !== undefined && { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  return readJson<T>(res);
}

export async function oaGet<T = unknown>(
  sim: RunningSimulator,
  token: string,
  path: string,
  data?: object,
): Promise<HttpResult<Envelope<T>>> {
  const qs = data === undefined ? "" : `?data=${encodeURIComponent(JSON.stringify(data))}`;
  return readJson<Envelope<T>>(await fetch(`${sim.url}${path}${qs}`, { headers: { access_token: token } }));
}

export async function oaPost<T = unknown>(
  sim: RunningSimulator,
  token: string,
  path: string,
  body: unknown,
): Promise<HttpResult<Envelope<T>>> {
  const res = await fetch(`${sim.url}${path}`, {
    method: "POST",
    headers: { access_token: token, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return readJson<Envelope<T>>(res);
}

export interface OAuthAnswer {
  access_token?: string;
  refresh_token?: string;
  expires_in?: string;
  error?: number;
  error_name?: string;
  error_reason?: string;
}

export async function tokenRequest(
  sim: RunningSimulator,
  form: Record<string, string>,
  secret: string | null = SANDBOX_CREDENTIALS.appSecret,
): Promise<OAuthAnswer> {
  const res = await fetch(`${sim.url}/v4/oa/access_token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(secret !== null && { secret_key: secret }) },
    body: new URLSearchParams(form).toString(),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as OAuthAnswer;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** A fresh OA token pair through the real authorization-code grant. */
export async function tokenPair(sim: RunningSimulator): Promise<{ access: string; refresh: string }> {
  const { verifier, challenge } = pkcePair();
  const answer = await tokenRequest(sim, {
    app_id: SANDBOX_CREDENTIALS.appId,
    grant_type: "authorization_code",
    code: sim.issueAuthorizationCode(challenge),
    code_verifier: verifier,
  });
  if (!answer.access_token || !answer.refresh_token)
    throw new Error(`token exchange failed: ${JSON.stringify(answer)}`);
  return { access: answer.access_token, refresh: answer.refresh_token };
}

export interface SeedAnswer {
  total: number;
  followers: number;
  sample_ids: string[];
}

export async function seed(
  sim: RunningSimulator,
  body: { count: number; subscribed?: boolean; active_within_days?: number; city?: string },
): Promise<SeedAnswer> {
  const res = await control<SeedAnswer>(sim, "POST", "/followers", body);
  expect(res.status).toBe(200);
  return res.body;
}

/** `POST /__sim/clock`: `set` it (ISO date or epoch ms), `freeze` it or let it run, `advanceMs` it. */
export interface ClockSetting {
  set?: string | number;
  advanceMs?: number;
  freeze?: boolean;
}

export async function setClock(sim: RunningSimulator, body: ClockSetting): Promise<number> {
  const res = await control<{ now_ms: number }>(sim, "POST", "/clock", body);
  expect(res.status).toBe(200);
  return res.body.now_ms;
}

/** Sends a user event through the simulator (which signs and posts it to the webhook URL, if any). */
export async function userEvent(
  sim: RunningSimulator,
  body: Record<string, unknown>,
): Promise<HttpResult<{ status?: number; payload?: Record<string, unknown>; error?: string; message?: string }>> {
  return control(sim, "POST", "/events", body);
}

export function csText(userId: string, text: string) {
  return { recipient: { user_id: userId }, message: { text } };
}
