import { randomBytes } from "node:crypto";
import { webhookSignatureHeader } from "@cds/shared";
import { runLoad } from "./load-generator";

/**
 * The webhook load: every request is a new `user_send_text` event (fresh msg_id, one of 50,000 users, the
 * current time), signed exactly as Zalo signs it. Args: <url> <connections> <warmupMs> <durationMs> <appId>
 * <oaId> <oaSecretKey> <serverPid>. Prints one JSON line (LoadResult).
 */
const [url, connections, warmupMs, durationMs, appId, oaId, secret, serverPid] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];
const run = randomBytes(4).toString("hex");
let n = 0;
const makeRequest = () => {
  const ts = String(Date.now());
  const user = String(5_500_000_000_000_000_000n + BigInt(n % 50_000));
  const body = Buffer.from(
    JSON.stringify({
      app_id: appId,
      sender: { id: user },
      user_id_by_app: user,
      recipient: { id: oaId },
      event_name: "user_send_text",
      message: { text: "chi so", msg_id: `${run}${n++}` },
      timestamp: ts,
    }),
  );
  return {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-zevent-signature": webhookSignatureHeader(appId, body, ts, secret),
    },
    body,
  };
};
const { result } = await runLoad(
  url,
  Number(connections),
  Number(warmupMs),
  Number(durationMs),
  Number(serverPid),
  makeRequest,
);
process.stdout.write(`${JSON.stringify(result)}\n`);
