import { randomBytes } from "node:crypto";
import { parseConfig, ConfigError } from "../bot-server/src/config";
import { keyspace } from "../bot-server/src/store/keys";
import { createRedis } from "../bot-server/src/store/redis";
import { createTokenStore } from "../bot-server/src/store/token-store";
import { storeAuthorization } from "../bot-server/src/zalo/authorize";
import { createZaloOAuth, newPkcePair } from "../bot-server/src/zalo/oauth";
import { openStackRedis } from "./stack/stack-redis";

/**
 * `npm run zalo:authorize`: the first token pair for a real OA, or a new one after the refresh token died.
 *   1. npm run zalo:authorize -- --redirect-uri <the app's Official Account Callback Url>
 *      prints the consent URL and a PKCE verifier; an OA admin opens the URL and agrees.
 *   2. npm run zalo:authorize -- --code <code from the callback> --verifier <verifier from step 1>
 *      exchanges the code (valid 10 minutes, single use) and stores the pair.
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function fail(message: string, code = 2): never {
  process.stderr.write(`zalo:authorize: ${message}\n`);
  process.exit(code);
}

try {
  const config = parseConfig();
  if (!config.zalo) {
    fail(
      "no Zalo credentials are configured (ZALO_APP_ID, ZALO_APP_SECRET, ZALO_OA_ID, ZALO_OA_SECRET_KEY). In sandbox mode `npm start` authorises against the simulator by itself.",
    );
  }
  const oauth = createZaloOAuth({
    oauthBase: config.zaloOauthBase,
    appId: config.zalo.appId,
    appSecret: config.zalo.appSecret,
  });
  const redirectUri = arg("redirect-uri");
  const code = arg("code");
  const verifier = arg("verifier");
  if (redirectUri) {
    const pkce = newPkcePair();
    const url = oauth.consentUrl(redirectUri, pkce.challenge, randomBytes(8).toString("hex"));
    process.stdout.write(
      `Open as an OA admin:\n  ${url}\nThen run, within 10 minutes of consenting:\n  npm run zalo:authorize -- --code <code> --verifier ${pkce.verifier}\n`,
    );
  } else if (code && verifier) {
    const redis = await openStackRedis(config, (m) => process.stderr.write(`${m}\n`));
    const conn = createRedis(redis.target, "zalo-authorize");
    try {
      const { generation } = await storeAuthorization(
        oauth,
        createTokenStore(conn, keyspace(config.keyPrefix)),
        code,
        verifier,
      );
      process.stdout.write(`Token pair stored (generation ${generation}). The server refreshes it from now on.\n`);
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err), 1);
    } finally {
      conn.disconnect();
      await redis.stop();
    }
  } else {
    fail(
      "usage: npm run zalo:authorize -- --redirect-uri <url>   then   npm run zalo:authorize -- --code <code> --verifier <verifier>",
    );
  }
} catch (err) {
  fail(err instanceof ConfigError ? err.message : String(err), err instanceof ConfigError ? 2 : 1);
}
