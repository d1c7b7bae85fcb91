import type { AuditLog } from "../audit/audit-log";
import { hashPassword, passwordProblem } from "./passwords";
import type { SessionRepository, User, UserRepository } from "./ports";
import type { Role } from "./roles";

export interface UserDeps {
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditLog;
  now: () => Date;
}

/** Who does it, from where: a signed-in admin, or an operator at the command line ("cli:<os user>"). */
export interface By {
  username: string;
  address: string;
}

export class AccountError extends Error {
  constructor(
    readonly code: "invalid" | "exists" | "not_found",
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const USERNAME = /^[a-z][a-z0-9._-]{2,31}$/;

export interface NewUser {
  username: string;
  name: string;
  roles: Role[];
  password: string;
}

export async function createUser(deps: UserDeps, by: By, input: NewUser): Promise<User> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username))
    throw new AccountError("invalid", "Tên đăng nhập gồm 3–32 ký tự a-z, 0-9, . _ -, bắt đầu bằng chữ", "username");
  if (input.roles.length === 0) throw new AccountError("invalid", "Cần ít nhất một vai trò", "roles");
  const problem = passwordProblem(input.password);
  if (problem) throw new AccountError("invalid", problem, "password");
  const now = deps.now().toISOString();
  const user: User = {
    username,
    name: input.name.trim() || username,
    roles: [...new Set(input.roles)],
    passwordHash: await hashPassword(input.password),
    disabled: false,
    createdAt: now,
    createdBy: by.username,
    passwordChangedAt: now,
  };
  if (!(await deps.users.create(user))) throw new AccountError("exists", `Tên đăng nhập ${username} đã có`, "username");
  await deps.audit.append({
    actor: by.username,
    address: by.address,
    action: "user.created",
    target: `user:${username}`,
    details: { roles: user.roles },
  });
  return user;
}

async function existing(deps: UserDeps, username: string): Promise<User> {
  const user = await deps.users.get(username);
  if (!user) throw new AccountError("not_found", `Không có tài khoản ${username}`);
  return user;
}

/** A new password ends every session of the user: whoever knew the old one is signed out. */
export async function changePassword(deps: UserDeps, by: By, username: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new AccountError("invalid", problem, "password");
  const user = await existing(deps, username);
  await deps.users.save({
    ...user,
    passwordHash: await hashPassword(password),
    passwordChangedAt: deps.now().toISOString(),
  });
  await deps.sessions.deleteAllOf(username);
  await deps.audit.append({
    actor: by.username,
    address: by.address,
    action: "user.password_changed",
    target: `user:${username}`,
  });
}

export async function updateUser(
  deps: UserDeps,
  by: By,
  username: string,
  change: { roles?: Role[]; disabled?: boolean; name?: string },
): Promise<User> {
  const user = await existing(deps, username);
  if (change.roles && change.roles.length === 0) throw new AccountError("invalid", "Cần ít nhất một vai trò", "roles");
  const next: User = {
    ...user,
    ...(change.roles && { roles: [...new Set(change.roles)] }),
    ...(change.disabled !== undefined && { disabled: change.disabled }),
    ...(change.name !== undefined && { name: change.name.trim() || user.name }),
  };
  await deps.users.save(next);
  if (next.disabled) await deps.sessions.deleteAllOf(username);
  await deps.audit.append({
    actor: by.username,
    address: by.address,
    action: "user.updated",
    target: `user:${username}`,
    details: change,
  });
  return next;
}

/** What the API shows of a user: never the hash. */
export function publicUser(u: User) {
  return { username: u.username, name: u.name, roles: u.roles, disabled: u.disabled, createdAt: u.createdAt };
}
