/**
 * Who may do what, in one table. Roles follow the department's practice (Ghost's staff roles, Listmonk's
 * permissions): an editor prepares, an approver decides what reaches followers, an admin runs the accounts.
 * A person may hold several roles; the two-person rule (nobody approves their own work) is checked by the
 * post workflow, not here.
 */
export const ROLES = ["editor", "approver", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  editor: "Biên tập viên",
  approver: "Người phê duyệt",
  admin: "Quản trị hệ thống",
};

export const PERMISSIONS = {
  "post.read": ["editor", "approver", "admin"],
  "post.write": ["editor"],
  "post.submit": ["editor"],
  "post.approve": ["approver"],
  "post.reject": ["approver"],
  "post.publish": ["approver"],
  "post.schedule": ["approver"],
  "post.test_send": ["editor", "approver"],
  "send.control": ["approver"],
  "report.read": ["editor", "approver"],
  "report.write": ["editor"],
  "report.publish": ["editor", "approver"],
  "user.manage": ["admin"],
  "question.read": ["editor", "approver"],
  "question.answer": ["editor", "approver"],
  "audit.read": ["approver", "admin"],
  "queues.view": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(roles, p));
}
