import { describe, expect, it } from "vitest";
import { createHttpApi } from "./http-api";
import { ApiFailure } from "./types";

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
}

function fakeFetch(answer: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const impl: typeof fetch = async (input, init) => {
    const call = {
      url: String(input),
      method: init?.method ?? "GET",
      headers: (init?.headers ?? {}) as Record<string, string>,
    };
    calls.push(call);
    return answer(call);
  };
  return { impl, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

async function failure(p: Promise<unknown>): Promise<ApiFailure> {
  const err: unknown = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiFailure);
  return err as ApiFailure;
}

describe("createHttpApi", () => {
  it("calls the public API under the configured origin", async () => {
    const f = fakeFetch(() => json(200, { posts: [] }));
    const api = createHttpApi({ base: "https://cds.example.vn/", fetch: f.impl });
    await expect(api.posts()).resolves.toEqual({ posts: [] });
    await api.history("smart_hd.installs");
    expect(f.calls.map((c) => c.url)).toEqual([
      "https://cds.example.vn/api/v1/posts",
      "https://cds.example.vn/api/v1/indicators/smart_hd.installs/history",
    ]);
    expect(api.openDataUrl("indicators.csv")).toBe("https://cds.example.vn/api/v1/open-data/indicators.csv");
  });

  it("sends the Zalo access token in a header, PUT to subscribe and DELETE to leave", async () => {
    const f = fakeFetch(() => json(200, { subscribed: true, following: true }));
    const api = createHttpApi({ base: "", fetch: f.impl });
    await api.setSubscription("tok", true);
    await api.setSubscription("tok", false);
    await api.subscription("tok");
    expect(f.calls.map((c) => [c.url, c.method, c.headers["X-Zalo-Access-Token"]])).toEqual([
      ["/api/v1/me/subscription", "PUT", "tok"],
      ["/api/v1/me/subscription", "DELETE", "tok"],
      ["/api/v1/me/subscription", "GET", "tok"],
    ]);
  });

  it("turns each kind of failure into what the pages act on", async () => {
    const answers: Record<string, () => Response | Promise<Response>> = {
      "/api/v1/indicators": () => json(404, { error: "not_published", message: "Chưa có số liệu nào được công bố" }),
      "/api/v1/posts/x": () => json(404, { error: "post_not_found", message: "Không tìm thấy bài viết này" }),
      "/api/v1/posts/X%20": () => json(400, { error: "invalid_post_id", message: "Mã bài viết không hợp lệ" }),
      "/api/v1/me/subscription": () => json(401, { error: "unauthorized", message: "Cần đăng nhập Zalo" }),
      "/api/v1/catalogue": () => json(500, { error: "internal", message: "stack trace for operators" }),
      "/api/v1/posts": () => new Response("<html>proxy error</html>", { status: 200 }),
      "/api/v1/snapshots": () => Promise.reject(new TypeError("Failed to fetch")),
    };
    const api = createHttpApi({ base: "", fetch: fakeFetch((c) => answers[c.url]!()).impl });
    expect(await failure(api.indicators())).toMatchObject({
      kind: "not_published",
      message: "Chưa có số liệu nào được công bố",
      status: 404,
    });
    expect(await failure(api.post("x"))).toMatchObject({ kind: "not_found", message: "Không tìm thấy bài viết này" });
    expect(await failure(api.post("X "))).toMatchObject({ kind: "not_found", message: "Mã bài viết không hợp lệ" });
    expect(await failure(api.subscription("t"))).toMatchObject({ kind: "unauthorized", status: 401 });
    const server = await failure(api.catalogue());
    expect(server.kind).toBe("server");
    expect(server.message).not.toContain("stack trace");
    expect((await failure(api.posts())).kind).toBe("server");
    expect(await failure(api.snapshots())).toMatchObject({
      kind: "offline",
      message: expect.stringContaining("Không có kết nối mạng"),
    });
  });

  it("gives up after the timeout and says so", async () => {
    const hang: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
      );
    const api = createHttpApi({ base: "", fetch: hang, timeoutMs: 20 });
    expect((await failure(api.indicators())).kind).toBe("timeout");
  });
});
