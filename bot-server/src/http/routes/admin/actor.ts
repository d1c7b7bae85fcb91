import type { Request, Response } from "express";
import type { Actor } from "../../../domain/posts/workflow";
import { requireSession } from "../../middleware/admin-auth";

/** The signed-in person and their address, as the domain records them. */
export function actorOf(req: Request, res: Response): Actor {
  return { user: requireSession(res).user, address: req.ip ?? "unknown" };
}

/** The same, as the account and report functions record it: a username and an address. */
export function whoOf(req: Request, res: Response): { username: string; address: string } {
  const actor = actorOf(req, res);
  return { username: actor.user.username, address: actor.address };
}
