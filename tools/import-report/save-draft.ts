import { userInfo } from "node:os";
import type { ImportResult } from "@cds/shared";
import { parseConfig } from "../../bot-server/src/config";
import { importDraft } from "../../bot-server/src/domain/indicators/import-draft";
import { keyspace } from "../../bot-server/src/store/keys";
import { createRedis } from "../../bot-server/src/store/redis";
import { createReportRepository } from "../../bot-server/src/store/report-repository";
import { createSnapshotRepository } from "../../bot-server/src/store/snapshot-repository";
import { openStackRedis } from "../stack/stack-redis";

function operator(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return "cli";
  }
}

/**
 * Stores the report and a draft snapshot of its values in the local stack's Redis (REDIS_URL, the running
 * stack's, or a private one started for the occasion) and says where to review it.
 */
export async function saveDraft(input: {
  name: string;
  text: string;
  result: ImportResult;
  catalogueSize: number;
}): Promise<string> {
  const config = parseConfig();
  const stack = await openStackRedis(config, (m) => process.stderr.write(`${m}\n`));
  try {
    const redis = createRedis(stack.target, "import-report");
    // Without a listener ioredis prints every failed reconnection with its stack; the failing command is
    // what reports the problem, in one line.
    let connectionError: Error | undefined;
    redis.on("error", (err: Error) => {
      connectionError = err;
    });
    try {
      const keys = keyspace(config.keyPrefix);
      const snapshot = await importDraft(
        {
          snapshots: createSnapshotRepository(redis, keys),
          reports: createReportRepository(redis, keys),
          now: () => new Date(),
        },
        { name: input.name, text: input.text, result: input.result, by: operator() },
      ).catch((err: unknown) => {
        throw connectionError
          ? new Error(`Không kết nối được Redis / Cannot reach Redis: ${connectionError.message}`)
          : err;
      });
      const week = snapshot.period.label.replace(/^tuần\s+/iu, "");
      const count = Object.keys(snapshot.values).length;
      return (
        `Bản nháp đã lưu: tuần ${week} (${snapshot.period.from} → ${snapshot.period.to}), ${count}/${input.catalogueSize} chỉ số; ` +
        `xem lại tại http://localhost:${config.port}/console/#/snapshots/${snapshot.id}`
      );
    } finally {
      await redis.quit().catch(() => redis.disconnect());
    }
  } finally {
    await stack.stop();
  }
}
