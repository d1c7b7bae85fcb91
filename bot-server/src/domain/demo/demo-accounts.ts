import { randomBytes } from "node:crypto";
import { createUser, type UserDeps } from "../accounts/users";
import type { Role } from "../accounts/roles";

const DEMO: ReadonlyArray<{ username: string; name: string; roles: Role[] }> = [
  { username: "editor", name: "Biên tập viên (demo)", roles: ["editor"] },
  { username: "approver", name: "Người phê duyệt (demo)", roles: ["approver"] },
  { username: "admin", name: "Quản trị (demo)", roles: ["admin"] },
];

/**
 * Sandbox only: one account per role, so the console can be tried at once. Accounts that exist are left
 * alone (with their password). Returns the usernames created and the password they got: the given one, or
 * a generated one the caller prints once.
 */
export async function ensureDemoAccounts(
  deps: UserDeps,
  password: string | undefined,
): Promise<{ created: string[]; password?: string }> {
  const missing = [];
  for (const d of DEMO) if (!(await deps.users.get(d.username))) missing.push(d);
  if (missing.length === 0) return { created: [] };
  const chosen = password ?? randomBytes(12).toString("base64url");
  for (const d of missing)
    await createUser(deps, { username: "sandbox", address: "npm start" }, { ...d, password: chosen });
  return { created: missing.map((d) => d.username), ...(password === undefined && { password: chosen }) };
}
