import { z } from "zod";
import { AccountError } from "../../../domain/accounts/users";
import { ImportError } from "../../../domain/importer/import-error";
import { SnapshotError } from "../../../domain/indicators/snapshot-error";
import { WorkflowError } from "../../../domain/posts/workflow";
import { HttpError } from "../../middleware/errors";

/** Validates input; a bad value is a 400 naming each field and what is wrong, in Vietnamese. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join(".") || "(body)";
    fields[key] ??=
      issue.code === "unrecognized_keys" ? `Trường không được hỗ trợ: ${issue.keys.join(", ")}` : issue.message;
  }
  throw new HttpError(400, "invalid", "Dữ liệu không hợp lệ", fields);
}

const STATUS: Record<WorkflowError["code"] | AccountError["code"], number> = {
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 400,
  exists: 409,
};

/** A domain refusal as the HTTP answer that says the same thing. */
export async function answering<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof WorkflowError) throw new HttpError(STATUS[err.code], err.code, err.message, err.fields);
    if (err instanceof AccountError)
      throw new HttpError(
        STATUS[err.code],
        err.code,
        err.message,
        err.field ? { [err.field]: err.message } : undefined,
      );
    if (err instanceof SnapshotError)
      throw new HttpError(err.code === "not_found" ? 404 : err.code === "invalid" ? 400 : 409, err.code, err.message);
    // The importer's message is "Vietnamese / English": the editor reads the first half.
    if (err instanceof ImportError)
      throw new HttpError(err.code === "too_large" ? 413 : 400, err.code, err.message.split(" / ")[0] ?? err.message);
    throw err;
  }
}
