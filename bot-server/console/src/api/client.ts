/**
 * The console's one way to the admin API: JSON (or a file's bytes) with the session cookie and, on every
 * change, the CSRF token from sign-in. A refusal becomes an ApiError carrying the server's Vietnamese message
 * and its per-field messages; a 401 tells the session to send the person back to sign-in.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

let csrfToken = "";
let onSessionLost: () => void = () => {};

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function whenSessionLost(handler: () => void): void {
  onSessionLost = handler;
}

interface Options {
  body?: unknown;
  /** A file: sent as its bytes. */
  file?: Blob;
}

export async function api<T>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, o: Options = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (method !== "GET") headers["x-csrf-token"] = csrfToken;
  let body: BodyInit | undefined;
  if (o.file) {
    headers["content-type"] = "application/octet-stream";
    body = o.file;
  } else if (o.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(o.body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network", "Không kết nối được máy chủ: kiểm tra mạng rồi thử lại");
  }
  const text = await res.text();
  let data: unknown = {};
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    data = {};
  }
  if (res.ok) return data as T;
  const err = data as { error?: string; message?: string; fields?: Record<string, string> };
  if (res.status === 401 && !path.startsWith("/api/v1/session")) onSessionLost();
  throw new ApiError(
    res.status,
    err.error ?? "error",
    err.message ?? `Máy chủ trả lời lỗi ${res.status}`,
    err.fields ?? {},
  );
}

export const get = <T>(path: string) => api<T>("GET", path);
export const post = <T>(path: string, body: unknown = {}) => api<T>("POST", path, { body });
export const patch = <T>(path: string, body: unknown) => api<T>("PATCH", path, { body });
export const upload = <T>(path: string, file: Blob) => api<T>("POST", path, { file });
