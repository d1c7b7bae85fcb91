import { Queue } from "bullmq";
import type { Config } from "../../bot-server/src/config";
import { queueDefinitions, type QueueName } from "../../bot-server/src/queues/definitions";
import { keyspace } from "../../bot-server/src/store/keys";
import { createQueueConnection } from "../../bot-server/src/store/redis";
import { eventually } from "./eventually";

/**
 * Waits until a queue of the server has nothing waiting, delayed or in hand: every job that was going to
 * run has run. What a test then finds absent was not merely late.
 */
export async function queueDrained(config: Config, name: QueueName): Promise<void> {
  const connection = createQueueConnection(config.redis!, "test-drained");
  const queue = new Queue(queueDefinitions[name].name, {
    connection,
    prefix: keyspace(config.keyPrefix).bullPrefix,
  });
  try {
    const counts = await eventually(
      () => queue.getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children"),
      (c) => Object.values(c).every((n) => n === 0),
      15_000,
    );
    if (Object.values(counts).some((n) => n > 0))
      throw new Error(`queue ${name} not drained: ${JSON.stringify(counts)}`);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
