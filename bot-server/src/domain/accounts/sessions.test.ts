import { describe, expect, it } from "vitest";
import type { AuditLog, NewAuditEntry } from "../audit/audit-log";
import { hashPassword } from "./passwords";
import { createMemorySessionRepository, createMemoryUserRepository } from "../../../../test/harness/memory-store";
import type { SignInThrottle, User } from "./ports";
import { currentSession, signIn, type SessionDeps } from "./sessions";

/** The rules of sessions, on the in-memory repositories (the same contract as Redis's), moved by a hand clock. */
function fakes(now: { ms: number }) {
  const users = createMemoryUserRepository();
  const audit: NewAuditEntry[] = [];
  const throttle: SignInThrottle = {
    retryAfter: async () => 0,
    recordFailure: async () => {},
    clearAccount: async () => {},
  };
  const log: AuditLog = { append: async (e) => void audit.push(e), list: async () => ({ entries: [] }) };
  const deps: SessionDeps = {
    users,
    sessions: createMemorySessionRepository(() => now.ms),
    throttle,
    audit: log,
    policy: { idleMs: 30 * 60_000, absoluteMs: 12 * 3600_000 },
    now: () => now.ms,
  };
  return { deps, users, audit };
}

describe("sessions", () => {
  it("end after 30 idle minutes, and 12 hours after sign-in however busy", async () => {
    const now = { ms: Date.parse("2026-12-01T08:00:00+07:00") };
    const { deps, users } = fakes(now);
    await users.create({
      username: "editor",
      name: "E",
      roles: ["editor"],
      passwordHash: await hashPassword("mật khẩu đủ dài"),
      disabled: false,
      createdAt: "",
      createdBy: "",
      passwordChangedAt: "",
    });
    const signed = await signIn(deps, { username: "Editor", password: "mật khẩu đủ dài", address: "10.0.0.1" });
    if (!signed.ok) throw new Error("sign-in failed");
    now.ms += 29 * 60_000;
    expect(await currentSession(deps, signed.session.id)).toBeDefined();
    now.ms += 31 * 60_000;
    expect(await currentSession(deps, signed.session.id)).toBeUndefined();

    const busy = await signIn(deps, { username: "editor", password: "mật khẩu đủ dài", address: "10.0.0.1" });
    if (!busy.ok) throw new Error("sign-in failed");
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      now.ms += 20 * 60_000;
      expect(await currentSession(deps, busy.session.id), `after ${minutes + 20} minutes`).toBeDefined();
    }
    now.ms += 40 * 60_000;
    expect(await currentSession(deps, busy.session.id)).toBeUndefined();
  });

  it("end at once when the account is disabled", async () => {
    const now = { ms: 0 };
    const { deps, users } = fakes(now);
    const user: User = {
      username: "approver",
      name: "A",
      roles: ["approver"],
      passwordHash: await hashPassword("mật khẩu đủ dài"),
      disabled: false,
      createdAt: "",
      createdBy: "",
      passwordChangedAt: "",
    };
    await users.create(user);
    const signed = await signIn(deps, { username: "approver", password: "mật khẩu đủ dài", address: "x" });
    if (!signed.ok) throw new Error("sign-in failed");
    await users.save({ ...user, disabled: true });
    expect(await currentSession(deps, signed.session.id)).toBeUndefined();
    expect(await signIn(deps, { username: "approver", password: "mật khẩu đủ dài", address: "x" })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});
