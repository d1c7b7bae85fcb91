import type { Request, Response } from "express";
import type { Actor } from "../../../domain/posts/workflow";
import { requireSession } from "../../middleware/admin-auth";

/** The signed-in person and their address, as the domain records them. */
export function actorOf(req: Request, res: Response): Actor {
  return { user: requireSession(res).user, address: req.ip ?? "unknown" };
}
