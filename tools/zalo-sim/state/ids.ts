import { randomBytes } from "node:crypto";

/** Zalo message and article ids look like 20 lowercase hex characters ("63ecf43f0df7dba892e6"). */
export function hexId(): string {
  return randomBytes(10).toString("hex");
}
