import { Redis } from "ioredis";
import { keyspace } from "../../bot-server/src/store/keys";
import { createFollowerRegistry, FOLLOWER_BUCKETS } from "../../bot-server/src/store/follower-registry";
import { startPrivateRedis } from "../redis/private-redis";
import { createSimulator } from "../zalo-sim/server";

/**
 * `npm run bench:registry [-- <followers>]`: Redis memory of the follower registry per follower (budget
 * ≤ 60 B at 1.2 M). The simulator seeds synthetic followers; their ids are loaded into the registry of a
 * fresh private Redis; memory is read from INFO (used_memory delta) and MEMORY USAGE of every registry key.
 */
const total = Number(process.argv[2] ?? 1_200_000);
if (!Number.isInteger(total) || total < 1 || total > 5_000_000) {
  process.stderr.write("usage: npm run bench:registry -- [followers, 1..5000000]\n");
  process.exit(2);
}

const redisServer = await startPrivateRedis();
const sim = await createSimulator({ port: 0 });
const redis = new Redis(redisServer.url);
try {
  const keys = keyspace("bench");
  const registry = createFollowerRegistry(redis, keys);
  const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await redis.info("memory"))?.[1]);

  await fetch(`${sim.url}/__sim/followers`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ count: total, active_within_days: 30 }),
  });
  const before = await usedMemory();
  const started = Date.now();
  let after: string | null = null;
  let loaded = 0;
  const now = Date.now();
  do {
    const url = `${sim.url}/__sim/followers?limit=20000${after ? `&after=${after}` : ""}`;
    const page = (await (await fetch(url)).json()) as { ids: string[]; next_after: string | null };
    for (let i = 0; i < page.ids.length; i += 500) {
      const batch = page.ids.slice(i, i + 500);
      // As the webhook records a follow: the follow flag and its time, and the interaction it counts as.
      await registry.apply(
        batch.flatMap((userId, j) => {
          const atMs = now - ((loaded + i + j) % (30 * 86400)) * 1000;
          return [
            { userId, op: "follow" as const, atMs },
            { userId, op: "interact" as const, atMs },
          ];
        }),
      );
    }
    loaded += page.ids.length;
    after = page.next_after;
  } while (after);
  const loadSeconds = (Date.now() - started) / 1000;
  const afterMem = await usedMemory();

  let keyBytes = 0;
  const fixed = [
    keys.followerNext,
    keys.followerIds,
    keys.followerLast,
    keys.followerFollowAt,
    keys.followerFollowing,
    keys.followerSubscribed,
  ];
  for (const k of fixed) keyBytes += Number((await redis.memory("USAGE", k)) ?? 0);
  let bucketBytes = 0;
  let listpack = 0;
  for (let b = 0; b < FOLLOWER_BUCKETS; b += 256) {
    const pipe = redis.pipeline();
    for (let i = b; i < Math.min(b + 256, FOLLOWER_BUCKETS); i++)
      pipe.memory("USAGE", keys.followerBucket(i)).object("ENCODING", keys.followerBucket(i));
    const res = (await pipe.exec()) ?? [];
    for (let i = 0; i < res.length; i += 2) {
      bucketBytes += Number(res[i]?.[1] ?? 0);
      if (res[i + 1]?.[1] === "listpack") listpack++;
    }
  }
  const counts = await registry.counts();
  const perFollowerInfo = (afterMem - before) / counts.known;
  const perFollowerKeys = (keyBytes + bucketBytes) / counts.known;
  console.log(
    JSON.stringify({
      followers: counts.known,
      following: counts.following,
      load_seconds: Number(loadSeconds.toFixed(1)),
      used_memory_delta_mb: Number(((afterMem - before) / 1048576).toFixed(1)),
      bytes_per_follower_info: Number(perFollowerInfo.toFixed(1)),
      bytes_per_follower_memory_usage: Number(perFollowerKeys.toFixed(1)),
      buckets_listpack: `${listpack}/${FOLLOWER_BUCKETS}`,
      budget_bytes_per_follower: 60,
      within_budget: Math.max(perFollowerInfo, perFollowerKeys) <= 60,
    }),
  );
} finally {
  redis.disconnect();
  await sim.close();
  await redisServer.stop();
}
