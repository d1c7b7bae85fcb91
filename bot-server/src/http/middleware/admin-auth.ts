import { timingSafeEqual } from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import { currentSession, type SessionDeps } from "../../domain/accounts/sessions";
import type { Session, User } from "../../domain/accounts/ports";
import { can, type Permission } from "../../domain/accounts/roles";
import { HttpError } from "./errors";

export const SESSION_COOKIE = "cds_session";
const SESSION_ID = /^[A-Za-z0-9_-]{20,100}$/;

export interface AdminContext {
  session: Session;
  user: User;
}

/** The signed-in editor of this request, set by `loadSession`. */
export function adminOf(res: Response): AdminContext | undefined {
  return res.locals.admin as AdminContext | undefined;
}

export function sessionIdOf(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE) {
      const id = value.join("=");
      return SESSION_ID.test(id) ? id : undefined;
    }
  }
  return undefined;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure behind https. */
export function sessionCookie(id: string, secure: boolean, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? "; Secure" : ""}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? "; Secure" : ""}`;
}

/** Finds the request's session (if any) without refusing: the route decides. */
export function loadSession(deps: SessionDeps): RequestHandler {
  return async (req, res, next) => {
    const found = await currentSession(deps, sessionIdOf(req));
    if (found) res.locals.admin = found satisfies AdminContext;
    next();
  };
}

export function requireSession(res: Response): AdminContext {
  const admin = adminOf(res);
  if (!admin) throw new HttpError(401, "unauthenticated", "Phiên làm việc đã hết hạn hoặc chưa đăng nhập");
  return admin;
}

/** A state-changing request must echo the session's CSRF token: another site cannot read it, so cannot send it. */
export function requireCsrf(req: Request, admin: AdminContext): void {
  const given = Buffer.from(req.header("x-csrf-token") ?? "");
  const expected = Buffer.from(admin.session.csrfToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError(
      403,
      "csrf",
      "Thiếu hoặc sai mã chống giả mạo yêu cầu (X-CSRF-Token): tải lại trang rồi thử lại",
    );
  }
}

export function requirePermission(admin: AdminContext, permission: Permission): void {
  if (!can(admin.user.roles, permission))
    throw new HttpError(403, "forbidden", "Bạn không có quyền thực hiện thao tác này");
}
