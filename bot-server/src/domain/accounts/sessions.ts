import { randomBytes } from "node:crypto";
import type { AuditLog } from "../audit/audit-log";
import { decoyHash, verifyPassword } from "./passwords";
import type { Session, SessionRepository, SignInThrottle, User, UserRepository } from "./ports";

export interface SessionPolicy {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, used or not. */
  absoluteMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3600_000 };

export interface SessionDeps {
  users: UserRepository;
  sessions: SessionRepository;
  throttle: SignInThrottle;
  audit: AuditLog;
  policy: SessionPolicy;
  now: () => number;
}

export type SignInResult =
  | { ok: true; session: Session; user: User }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

const token = () => randomBytes(32).toString("base64url");

/**
 * Checks a password and opens a new session: a new random id every time (a session id planted before
 * sign-in is never the one after), and a CSRF token that every state-changing request must echo. An unknown
 * user, a wrong password and a disabled account get the same answer, after the same work.
 */
export async function signIn(
  deps: SessionDeps,
  input: { username: string; password: string; address: string },
): Promise<SignInResult> {
  const username = input.username.trim().toLowerCase();
  const wait = await deps.throttle.retryAfter(username, input.address);
  if (wait > 0) {
    await deps.audit.append({
      actor: username,
      address: input.address,
      action: "session.throttled",
      target: `user:${username}`,
    });
    return { ok: false, reason: "throttled", retryAfterSeconds: wait };
  }
  const user = await deps.users.get(username);
  const matches = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !matches || user.disabled) {
    await deps.throttle.recordFailure(username, input.address);
    await deps.audit.append({
      actor: username,
      address: input.address,
      action: "session.failed",
      target: `user:${username}`,
    });
    return { ok: false, reason: "invalid" };
  }
  await deps.throttle.clearAccount(username);
  const now = deps.now();
  const session: Session = { id: token(), username, csrfToken: token(), createdAt: now, lastSeenAt: now };
  await deps.sessions.create(session, deps.policy.idleMs);
  await deps.audit.append({
    actor: username,
    address: input.address,
    action: "session.created",
    target: `user:${username}`,
  });
  return { ok: true, session, user };
}

/** The session behind an id, still within its idle and absolute limits, with its user still enabled. */
export async function currentSession(
  deps: SessionDeps,
  id: string | undefined,
): Promise<{ session: Session; user: User } | undefined> {
  if (!id) return undefined;
  const session = await deps.sessions.get(id);
  if (!session) return undefined;
  const now = deps.now();
  if (now - session.lastSeenAt > deps.policy.idleMs || now - session.createdAt > deps.policy.absoluteMs) {
    await deps.sessions.delete(id);
    return undefined;
  }
  const user = await deps.users.get(session.username);
  if (!user || user.disabled) {
    await deps.sessions.delete(id);
    return undefined;
  }
  await deps.sessions.touch(id, now, deps.policy.idleMs);
  return { session, user };
}

export async function signOut(
  deps: SessionDeps,
  session: Session,
  address: string,
  everywhere: boolean,
): Promise<void> {
  if (everywhere) await deps.sessions.deleteAllOf(session.username);
  else await deps.sessions.delete(session.id);
  await deps.audit.append({
    actor: session.username,
    address,
    action: everywhere ? "session.ended_everywhere" : "session.ended",
    target: `user:${session.username}`,
  });
}
