import type { Request } from "express";
import { invalid } from "./envelope";

/**
 * Field readers for OA request bodies. They throw Zalo's -201 "<field> is invalid!" instead of a 400,
 * because that is what the platform answers (with HTTP 200).
 */
export type Json = Record<string, unknown>;

export function isRecord(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function record(v: unknown, field: string): Json {
  if (!isRecord(v)) throw invalid(field);
  return v;
}

export function array(v: unknown, field: string, min: number, max: number): unknown[] {
  if (!Array.isArray(v) || v.length < min || v.length > max) throw invalid(field);
  return v;
}

export function text(v: unknown, field: string, max = Number.POSITIVE_INFINITY): string {
  if (typeof v !== "string" || v.trim() === "" || v.length > max) throw invalid(field);
  return v;
}

export function oneOf<T extends string>(v: unknown, field: string, allowed: readonly T[]): T {
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) throw invalid(field);
  return v as T;
}

export function httpUrl(v: unknown, field: string): string {
  const s = text(v, field);
  if (!/^https?:\/\/\S+$/i.test(s)) throw invalid(field);
  return s;
}

/** Zalo's `data` JSON carries integers as numbers; digit strings are accepted too. */
export function integer(v: unknown, field: string, min: number): number {
  const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < min) throw invalid(field);
  return n;
}

/** User ids must travel as strings: they exceed 2^53, so a JSON number has already lost digits. */
export function userIdField(v: unknown, field = "user_id"): string {
  if (typeof v !== "string" || !/^\d{1,20}$/.test(v)) throw invalid(field);
  return v;
}

/** GET endpoints take one JSON-encoded query parameter `data` (ZALO-PLATFORM A.1). */
export function dataParam(req: Request): Json {
  const raw = req.query.data;
  if (typeof raw !== "string") throw invalid("data");
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid("data");
  }
  return record(parsed, "data");
}

export function jsonBody(req: Request): Json {
  return record(req.body, "body");
}
