import type { Request, Response } from "express";
import type { Permission } from "../../../domain/accounts/roles";

/**
 * Every admin route, in one table: method, path, the permission it needs, whether it changes state (then a
 * CSRF token is required) and its handler. The router is built from it, and the tests that check each
 * route's 401/403/400 answers are generated from it, so a route cannot be added without them.
 */
export interface AdminRoute {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  permission: Permission;
  /** The body is a file, read as bytes up to this size after the checks (others are JSON). */
  rawBodyLimit?: number;
  /** Runs after session, CSRF (for non-GET) and permission checks; throws HttpError for refusals. */
  handle(req: Request, res: Response): Promise<void>;
}

export const changesState = (r: Pick<AdminRoute, "method">) => r.method !== "get";
