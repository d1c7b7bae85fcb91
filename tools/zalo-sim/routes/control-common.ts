import type { NextFunction, Request, Response } from "express";
import { z } from "zod";

/** Validates control input; bad input gets a 400 that says what is wrong, never a 500. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, res: Response): z.infer<S> | undefined {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  res.status(400).json({
    error: "invalid_request",
    message: z.prettifyError(result.error),
    issues: result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  });
  return undefined;
}

export function badRequest(res: Response, message: string): void {
  res.status(400).json({ error: "invalid_request", message });
}

export function notFound(res: Response, message: string): void {
  res.status(404).json({ error: "not_found", message });
}

export function controlErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  const type = typeof err === "object" && err !== null && "type" in err ? String(err.type) : "";
  if (type === "entity.parse.failed") {
    badRequest(res, "body is not valid JSON");
    return;
  }
  if (type.startsWith("entity.") || type.startsWith("charset.") || type.startsWith("encoding.")) {
    badRequest(res, `body rejected: ${type}`);
    return;
  }
  next(err);
}

/** "true"/"false" in a query string. */
export const queryBoolean = z.enum(["true", "false"]).transform((v) => v === "true");
