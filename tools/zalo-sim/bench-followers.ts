/**
 * Seeds 1.2 M synthetic followers through the HTTP control API and prints time and memory, then times
 * the two full scans that touch all of them (a broadcast and a getlist total). Run:
 *   npx tsx tools/zalo-sim/bench-followers.ts [count]
 * Numbers are printed, never asserted: budgets belong to people, not to flaky tests.
 */
import { createSimulator, SANDBOX_CREDENTIALS } from "./server";

const count = Number(process.argv[2] ?? 1_200_000);
const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;

async function post<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return (await res.json()) as T;
}

const sim = await createSimulator({ port: 0, articleProcessingMs: 0 });
try {
  await post(`${sim.url}/__sim/clock`, { set: "2026-03-02T09:00:00+07:00" });
  const rssBefore = process.memoryUsage().rss;
  let started = performance.now();
  const seeded = await post<{ total: number }>(`${sim.url}/__sim/followers`, { count, active_within_days: 30 });
  const seedSeconds = (performance.now() - started) / 1000;
  const rssAfterSeed = process.memoryUsage().rss;

  const form = new URLSearchParams({
    app_id: SANDBOX_CREDENTIALS.appId,
    grant_type: "authorization_code",
    code: sim.issueAuthorizationCode(),
  });
  const tokenRes = await fetch(`${sim.url}/v4/oa/access_token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", secret_key: SANDBOX_CREDENTIALS.appSecret },
    body: form,
  });
  const token = ((await tokenRes.json()) as { access_token: string }).access_token;
  const auth = { access_token: token };
  const created = await post<{ data: { token: string } }>(
    `${sim.url}/v2.0/article/create`,
    {
      type: "normal",
      title: "Bench",
      author: "bench",
      description: "bench",
      cover: { cover_type: "photo", photo_url: "https://example.org/c.jpg" },
      body: [{ type: "text", content: "x" }],
    },
    auth,
  );
  const verified = await post<{ data: { id: string } }>(
    `${sim.url}/v2.0/article/verify`,
    { token: created.data.token },
    auth,
  );

  started = performance.now();
  await post(
    `${sim.url}/v2.0/oa/message`,
    {
      recipient: { target: { cities: "4" } },
      message: {
        attachment: {
          type: "template",
          payload: { template_type: "media", elements: [{ media_type: "article", attachment_id: verified.data.id }] },
        },
      },
    },
    auth,
  );
  const broadcastMs = performance.now() - started;
  const outbox = (await (await fetch(`${sim.url}/__sim/outbox`)).json()) as { recipients: number }[];

  started = performance.now();
  const data = encodeURIComponent(JSON.stringify({ offset: 9951, count: 50, last_interaction_period: "L7D" }));
  const list = (await (await fetch(`${sim.url}/v3.0/oa/user/getlist?data=${data}`, { headers: auth })).json()) as {
    data: { total: number };
  };
  const getlistMs = performance.now() - started;

  process.stdout.write(
    `${JSON.stringify({
      followers: seeded.total,
      seed_seconds: Math.round(seedSeconds * 1000) / 1000,
      rss_mb_before: mb(rssBefore),
      rss_mb_after_seed: mb(rssAfterSeed),
      rss_mb_peak_end: mb(process.memoryUsage().rss),
      broadcast_ms: Math.round(broadcastMs),
      broadcast_recipients: outbox.at(-1)?.recipients,
      getlist_ms: Math.round(getlistMs),
      getlist_total_l7d: list.data.total,
    })}\n`,
  );
} finally {
  await sim.close();
}
