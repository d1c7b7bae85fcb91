import { once } from "node:events";
import type { AddressInfo } from "node:net";
import express, { type Response } from "express";
import helmet from "helmet";
import {
  apiErrorSchema,
  catalogueSchema,
  indicatorHistoryResponseSchema,
  indicatorsResponseSchema,
  postListResponseSchema,
  postResponseSchema,
  snapshotListResponseSchema,
  subscriptionResponseSchema,
  type ApiError,
} from "@cds/shared";
import { frontEndRoutes } from "../../bot-server/src/http/routes/front-ends";
import {
  FAKE_POSTS,
  fakeCatalogue,
  fakeHistory,
  fakeIndicators,
  fakePostList,
  fakeSnapshots,
  fakeWeeks,
} from "../../mini-app/src/services/fake-data";

/** What a test can change while the server runs. */
export interface FakeApiControl {
  /** Every /api/v1 request answers 500 while true. */
  failing: boolean;
  /** Paths of the API requests received, in order. */
  requests: string[];
}

export interface MiniAppServer {
  /** `http://localhost:<port>`: zmp-sdk answers canned values on host localhost and fails on 127.0.0.1. */
  origin: string;
  /** The app as the bot server serves it. */
  appUrl: string;
  control: FakeApiControl;
  close(): Promise<void>;
}

/**
 * A loopback server for the browser tests and the bench: the built mini app under /app/ with the bot
 * server's own static and SPA-fallback routes and its helmet headers, beside a fake public API answering the
 * founding week, a few weeks of history and two posts. Every answer is checked against the shared zod schemas
 * first, so the app is tested against the API's shapes, not against what the fake happens to return.
 */
export async function startMiniAppServer(wwwDir: string, options: { zaloAppId?: string } = {}): Promise<MiniAppServer> {
  const weeks = fakeWeeks(6);
  const catalogue = catalogueSchema.parse(fakeCatalogue());
  const indicators = indicatorsResponseSchema.parse(fakeIndicators(weeks));
  const histories = new Map(
    catalogue.indicators.map((d) => [d.id, indicatorHistoryResponseSchema.parse(fakeHistory(weeks, d.id))]),
  );
  const snapshots = snapshotListResponseSchema.parse(fakeSnapshots(weeks));
  const posts = postListResponseSchema.parse(fakePostList());
  const postById = new Map(FAKE_POSTS.map((p) => [p.id, postResponseSchema.parse(p)]));
  const subscribed = new Set<string>();

  const control: FakeApiControl = { failing: false, requests: [] };
  const fail = (res: Response, status: number, body: ApiError) => res.status(status).json(apiErrorSchema.parse(body));

  const api = express.Router();
  api.use((req, res, next) => {
    control.requests.push(req.path);
    res.setHeader("Access-Control-Allow-Origin", "*");
    if (control.failing) return fail(res, 500, { error: "internal", message: "Lỗi máy chủ" });
    next();
  });
  api.get("/indicators", (_req, res) => res.json(indicators));
  api.get("/indicators/:id/history", (req, res) => {
    const history = histories.get(req.params.id);
    return history
      ? res.json(history)
      : fail(res, 404, { error: "unknown_indicator", message: "Không có chỉ số này trong danh mục" });
  });
  api.get("/catalogue", (_req, res) => res.json(catalogue));
  api.get("/snapshots", (_req, res) => res.json(snapshots));
  api.get("/posts", (_req, res) => res.json(posts));
  api.get("/posts/:id", (req, res) => {
    const post = postById.get(req.params.id);
    return post ? res.json(post) : fail(res, 404, { error: "not_found", message: "Không tìm thấy bản tin này" });
  });
  api.all("/me/subscription", (req, res) => {
    const token = req.get("X-Zalo-Access-Token") ?? "";
    if (token === "") return fail(res, 401, { error: "unauthorized", message: "Cần đăng nhập Zalo" });
    if (req.method === "PUT") subscribed.add(token);
    if (req.method === "DELETE") subscribed.delete(token);
    return res.json(subscriptionResponseSchema.parse({ subscribed: subscribed.has(token), following: true }));
  });
  api.get("/open-data/indicators.csv", (_req, res) => {
    const rows = indicators.indicators.map(
      (i) => `${indicators.period.from},${indicators.period.to},${i.id},${i.value}`,
    );
    res.type("text/csv").send(["period_from,period_to,indicator_id,value", ...rows].join("\r\n"));
  });

  const app = express();
  app.disable("x-powered-by");
  // The bot server's order: the API first (its own headers), then helmet's defaults for everything else.
  app.use("/api/v1", api);
  app.use(helmet());
  app.use(frontEndRoutes("/app", wwwDir));
  // Zalo's path for a mini app, to try the build as Zalo addresses it (the page must set window.APP_ID).
  if (options.zaloAppId) app.use(frontEndRoutes(`/zapps/${options.zaloAppId}`, wwwDir));

  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const origin = `http://localhost:${port}`;
  return {
    origin,
    appUrl: `${origin}/app/`,
    control,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolveClose()));
      }),
  };
}
