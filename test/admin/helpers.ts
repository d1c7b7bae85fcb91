import { parseConfig } from "../../bot-server/src/config";
import { createLogger } from "../../bot-server/src/logger";
import { startBotServer, type RunningBotServer } from "../../bot-server/src/server";
import { createUser } from "../../bot-server/src/domain/accounts/users";
import type { Role } from "../../bot-server/src/domain/accounts/roles";
import { createAuditStream } from "../../bot-server/src/store/audit-stream";
import { createSessionRepository } from "../../bot-server/src/store/session-repository";
import { createUserRepository } from "../../bot-server/src/store/user-repository";
import { findFreePort } from "../../tools/redis/find-free-port";
import { dropPrefix, redisEnv, uniquePrefix } from "../harness/redis";

export const PASSWORD = "mật-khẩu-thử-nghiệm-đủ-dài";

/** An API process (no Zalo needed for the admin API) on the run's Redis under its own prefix. */
export async function startAdminServer(prefix = uniquePrefix("admin")): Promise<RunningBotServer & { prefix: string }> {
  // A test group, though no Zalo is configured here: a test send answers what happened to each account.
  const config = parseConfig({
    ...redisEnv(),
    KEY_PREFIX: prefix,
    PORT: String(await findFreePort()),
    LOG_LEVEL: "silent",
    TEST_GROUP_USER_IDS: "5599000000000000001",
  });
  const server = await startBotServer(config, "api", createLogger("silent"));
  return Object.assign(server, { prefix });
}

export async function addUser(server: RunningBotServer, username: string, roles: Role[]): Promise<void> {
  const audit = createAuditStream(server.redis, server.keys);
  await createUser(
    {
      users: createUserRepository(server.redis, server.keys),
      sessions: createSessionRepository(server.redis, server.keys),
      audit,
      now: () => new Date(),
    },
    { username: "test-setup", address: "test" },
    { username, name: username, roles, password: PASSWORD },
  );
}

/** A signed-in person: their cookie and CSRF token, and a fetch that sends both. */
export interface Client {
  cookie: string;
  csrf: string;
  call(
    method: string,
    path: string,
    body?: unknown,
    o?: { csrf?: string | null },
  ): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }>;
}

/** JSON, or a file's bytes as they are (an upload). */
export async function request(
  base: string,
  method: string,
  path: string,
  o: { body?: unknown; cookie?: string; csrf?: string } = {},
) {
  const raw = o.body instanceof Uint8Array;
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(o.body !== undefined && { "content-type": raw ? "application/octet-stream" : "application/json" }),
      ...(o.cookie && { cookie: o.cookie }),
      ...(o.csrf && { "x-csrf-token": o.csrf }),
    },
    ...(o.body !== undefined && { body: raw ? (o.body as Uint8Array) : JSON.stringify(o.body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown>, headers: res.headers };
}

export async function signIn(base: string, username: string, password = PASSWORD): Promise<Client> {
  const res = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} answered ${res.status}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    cookie,
    csrf: csrfToken,
    call: (method, path, body, o = {}) =>
      request(base, method, path, { body, cookie, ...(o.csrf !== null && { csrf: o.csrf ?? csrfToken }) }),
  };
}

export { dropPrefix };
