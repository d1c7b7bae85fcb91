import express, { Router, type Request, type Response } from "express";
import { z } from "zod";
import { signIn, signOut, type SessionDeps } from "../../../domain/accounts/sessions";
import type { User } from "../../../domain/accounts/ports";
import { permissionsOf } from "../../../domain/accounts/roles";
import type { UserDeps } from "../../../domain/accounts/users";
import type { AuditLog } from "../../../domain/audit/audit-log";
import type { CoverStore, WorkflowDeps } from "../../../domain/posts/workflow";
import type { SendDeps } from "../../../domain/delivery/send";
import type { WeeklyReportDeps } from "../../../domain/indicators/weekly-report";
import type { QuestionDeps } from "../../../domain/questions/questions";
import {
  clearedSessionCookie,
  loadSession,
  requireCsrf,
  requirePermission,
  requireSession,
  sessionCookie,
} from "../../middleware/admin-auth";
import { HttpError } from "../../middleware/errors";
import { auditRoutes } from "./audit";
import { parseInput } from "./input";
import { postRoutes } from "./posts";
import { questionRoutes } from "./questions";
import { deliveryRoutes } from "./delivery";
import { reportRoutes } from "./reports";
import { changesState, type AdminRoute } from "./route-table";
import { userRoutes } from "./users";

export interface AdminDeps {
  sessions: SessionDeps;
  workflow: WorkflowDeps & { covers: CoverStore };
  reports: WeeklyReportDeps;
  delivery: SendDeps;
  users: UserDeps;
  questions: QuestionDeps;
  audit: AuditLog;
  /** The public URL is https: the session cookie is marked Secure. */
  secureCookies: boolean;
}

const credentials = z.strictObject({
  username: z.string().trim().min(1, "Cần tên đăng nhập").max(64, "Tên đăng nhập quá dài"),
  password: z.string().min(1, "Cần mật khẩu").max(1024, "Mật khẩu quá dài"),
});
const signOutBody = z.strictObject({ everywhere: z.boolean().default(false) });

/** Reads a file body only once the request is known to be allowed: nobody else can make the server buffer megabytes. */
function readRawBody(req: Request, res: Response, limit: number): Promise<void> {
  return new Promise((resolve, reject) =>
    express.raw({ type: () => true, limit })(req, res, (err?: unknown) => {
      const status = (err as { status?: number } | undefined)?.status;
      if (status === 413)
        reject(new HttpError(413, "too_large", `Tệp quá lớn (tối đa ${Math.round(limit / 1024 / 1024)} MB)`));
      else if (err) reject(new HttpError(400, "unreadable", "Không đọc được tệp gửi lên"));
      else resolve();
    }),
  );
}

/** The signed-in person, with what they may do: the console shows only the actions the server will allow. */
const me = (u: User) => ({ username: u.username, name: u.name, roles: u.roles, permissions: permissionsOf(u.roles) });

/** The admin API's table: every route the console uses, with the permission each needs. */
export function adminRouteTable(deps: AdminDeps): AdminRoute[] {
  return [
    ...postRoutes(deps.workflow),
    ...deliveryRoutes(deps.delivery),
    ...reportRoutes(deps.reports),
    ...userRoutes(deps.users),
    ...questionRoutes(deps.questions),
    ...auditRoutes(deps.audit),
  ];
}

/**
 * `/api/v1/session` (sign in and out) and `/api/v1/admin/*` (JSON; session cookie + CSRF): every route
 * answers 401 without a session, 403 without the CSRF token on a change or without the permission, 400
 * for bad input, before it does anything.
 */
export function adminRoutes(deps: AdminDeps): Router {
  const router = Router();
  router.use(["/api/v1/session", "/api/v1/admin"], express.json({ limit: "256kb" }), (_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  });
  router.use(["/api/v1/session", "/api/v1/admin"], loadSession(deps.sessions));

  router.post("/api/v1/session", async (req, res) => {
    const input = parseInput(credentials, req.body);
    const result = await signIn(deps.sessions, { ...input, address: req.ip ?? "unknown" });
    if (!result.ok && result.reason === "throttled") {
      res.set("Retry-After", String(result.retryAfterSeconds));
      throw new HttpError(
        429,
        "too_many_attempts",
        `Đăng nhập sai quá nhiều lần: thử lại sau ${Math.ceil(result.retryAfterSeconds / 60)} phút`,
      );
    }
    if (!result.ok) throw new HttpError(401, "invalid_credentials", "Sai tên đăng nhập hoặc mật khẩu");
    res.set(
      "Set-Cookie",
      sessionCookie(result.session.id, deps.secureCookies, Math.floor(deps.sessions.policy.absoluteMs / 1000)),
    );
    res.json({ csrfToken: result.session.csrfToken, user: me(result.user) });
  });
  router.get("/api/v1/session", (_req, res) => {
    const admin = requireSession(res);
    res.json({ csrfToken: admin.session.csrfToken, user: me(admin.user) });
  });
  router.delete("/api/v1/session", async (req, res) => {
    const admin = requireSession(res);
    requireCsrf(req, admin);
    const { everywhere } = parseInput(signOutBody, req.body);
    await signOut(deps.sessions, admin.session, req.ip ?? "unknown", everywhere);
    res.set("Set-Cookie", clearedSessionCookie(deps.secureCookies));
    res.json({ ok: true });
  });

  for (const route of adminRouteTable(deps)) {
    router[route.method](route.path, async (req, res) => {
      const admin = requireSession(res);
      if (changesState(route)) requireCsrf(req, admin);
      requirePermission(admin, route.permission);
      if (route.rawBodyLimit !== undefined) await readRawBody(req, res, route.rawBodyLimit);
      await route.handle(req, res);
    });
  }
  return router;
}
