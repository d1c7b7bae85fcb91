import { ApiFailure, type CatalogueData, type CitizenApi } from "./types";
import type {
  IndicatorHistoryResponse,
  IndicatorsResponse,
  PostListResponse,
  PostResponse,
  SnapshotListResponse,
  SubscriptionResponse,
} from "@cds/shared";

export interface HttpApiOptions {
  /** Origin of the API ("" = the page's origin). */
  base: string;
  fetch?: typeof fetch;
  /** A phone on a weak network waits this long before it is told and offered a retry. */
  timeoutMs?: number;
}

/** The real service: the bot server's public API over HTTP. */
export function createHttpApi(options: HttpApiOptions): CitizenApi {
  const root = `${options.base.replace(/\/+$/, "")}/api/v1`;
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function request<T>(path: string, init: { method?: string; token?: string } = {}): Promise<T> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let res: Response;
    try {
      const headers: Record<string, string> = { Accept: "application/json" };
      if (init.token !== undefined) headers["X-Zalo-Access-Token"] = init.token;
      res = await fetchImpl(`${root}${path}`, { method: init.method ?? "GET", headers, signal: controller.signal });
    } catch {
      throw new ApiFailure(timedOut ? "timeout" : "offline");
    } finally {
      clearTimeout(timer);
    }
    if (!res.ok) throw await failureOf(res);
    try {
      return (await res.json()) as T;
    } catch {
      throw new ApiFailure("server", undefined, res.status);
    }
  }

  const token = (t: string) => ({ token: t });
  return {
    indicators: () => request<IndicatorsResponse>("/indicators"),
    history: (id) => request<IndicatorHistoryResponse>(`/indicators/${encodeURIComponent(id)}/history`),
    catalogue: () => request<CatalogueData>("/catalogue"),
    snapshots: () => request<SnapshotListResponse>("/snapshots"),
    posts: () => request<PostListResponse>("/posts"),
    post: (id) => request<PostResponse>(`/posts/${encodeURIComponent(id)}`),
    subscription: (t) => request<SubscriptionResponse>("/me/subscription", token(t)),
    setSubscription: (t, on) =>
      request<SubscriptionResponse>("/me/subscription", { ...token(t), method: on ? "PUT" : "DELETE" }),
    openDataUrl: (file) => `${root}/open-data/${file}`,
  };
}

async function failureOf(res: Response): Promise<ApiFailure> {
  const body: unknown = await res.json().catch(() => undefined);
  const { error, message } =
    typeof body === "object" && body !== null ? (body as { error?: unknown; message?: unknown }) : {};
  const text = typeof message === "string" && message.trim() !== "" ? message : undefined;
  // 400 is a malformed id in the address (a mistyped deep link): for the citizen, the page does not exist.
  if (res.status === 404 || res.status === 400)
    return new ApiFailure(error === "not_published" ? "not_published" : "not_found", text, res.status);
  if (res.status === 401 || res.status === 403) return new ApiFailure("unauthorized", text, res.status);
  // 5xx, 429 and the like: worth a retry; a 5xx's text is for operators, the citizen gets the plain message.
  return new ApiFailure("server", res.status >= 500 ? undefined : text, res.status);
}
