import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type NextFunction, type Request, type Response } from "express";
import { AUTH_CODE_TTL_MS, type SimulatorOptions } from "./config";
import { createContext, type SimContext } from "./context";
import { faultMiddleware } from "./faults";
import { registerArticleRoutes } from "./routes/articles";
import { controlRouter } from "./routes/control";
import { registerGraphRoutes } from "./routes/graph";
import { oaBodyErrors } from "./routes/oa-common";
import { registerMessageRoutes } from "./routes/oa-messages";
import { registerOAuthRoutes } from "./routes/oauth";
import { registerUploadRoutes } from "./routes/upload";
import { registerUserRoutes } from "./routes/users";

const TICK_MS = 200;

export { SANDBOX_CREDENTIALS, type SimCredentials, type SimulatorOptions } from "./config";

export interface RunningSimulator {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  setWebhookUrl(url: string): void;
  /** What the consent screen would give: valid 10 minutes, single use. */
  issueAuthorizationCode(codeChallenge?: string): string;
  close(): Promise<void>;
}

function buildApp(ctx: SimContext): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // Conditional GETs would turn repeated reads into 304s; Zalo's API never does that.
  app.set("etag", false);

  app.use((req, _res, next) => {
    if (!req.path.startsWith("/__sim")) ctx.stats.count(req.method, req.path);
    // Whatever is due by the simulator's clock has happened before anyone looks (a clock jump included).
    ctx.tick();
    next();
  });
  app.use("/__sim", controlRouter(ctx));

  app.use(
    faultMiddleware(ctx.faults, {
      sleep: (ms) => ctx.sleep(ms),
      onTimeoutHeld: () => (ctx.stats.timeoutsHeld += 1),
      on5xx: () => (ctx.stats.errors5xx += 1),
    }),
  );

  // The real platform spreads these over oauth.zaloapp.com, graph.zalo.me and openapi.zalo.me; paths do not collide.
  const api = express.Router();
  registerOAuthRoutes(api, ctx);
  registerGraphRoutes(api, ctx);
  registerMessageRoutes(api, ctx);
  registerUserRoutes(api, ctx);
  registerArticleRoutes(api, ctx);
  registerUploadRoutes(api, ctx);
  api.use(oaBodyErrors);
  app.use(api);

  app.use((req, res) => {
    res.status(404).json({ error: 404, message: `Zalo simulator has no endpoint ${req.method} ${req.path}` });
  });
  // Anything reaching here is a simulator bug: say so loudly instead of pretending to be Zalo.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const message = err instanceof Error ? err.message : String(err);
    ctx.log({ event: "internal_error", method: req.method, path: req.path, error: message });
    if (!res.headersSent) res.status(500).json({ error: "simulator_internal_error", message });
  });
  return app;
}

export async function createSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const ctx = createContext(options);
  const server = createServer(buildApp(ctx));
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  // Time passing without requests still ends reviews and fires webhook retries.
  const ticker = setInterval(() => ctx.tick(), TICK_MS);
  ticker.unref();
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | null = null;
  ctx.log({ event: "listening", url });

  return {
    url,
    port,
    setWebhookUrl(webhookUrl) {
      ctx.webhook.url = webhookUrl;
    },
    issueAuthorizationCode(codeChallenge) {
      return ctx.tokens.issueCode(ctx.clock.now(), AUTH_CODE_TTL_MS, codeChallenge ?? null);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(ticker);
        ctx.shutdown();
        server.close(() => resolve());
        // Held (timeout-fault) and keep-alive sockets would otherwise keep close() waiting forever.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
