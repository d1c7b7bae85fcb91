import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotServer, type RunningBotServer } from "../../bot-server/src/server";
import { createChatRepository } from "../../bot-server/src/store/chat-repository";
import { startChild, stopChild } from "../../tools/bench/children";
import { sandboxEnv } from "../../tools/stack/sandbox-env";
import { findFreePort } from "../../tools/redis/find-free-port";
import { eventually, type OutboxEntry } from "../harness/eventually";
import { redisEnv } from "../harness/redis";
import { startZaloSandbox, type ZaloSandbox } from "../harness/sandbox";

/**
 * The worker process is killed after Zalo accepted its reply and before it could record it: the job comes
 * back to another worker, which finds the reply in the OA's conversation and does not send it again.
 */
describe("a worker killed between Zalo's acceptance of a reply and its record", () => {
  let s: ZaloSandbox;
  let api: RunningBotServer;
  const workers: ChildProcess[] = [];
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    s = await startZaloSandbox("reply-crash");
    api = await startBotServer(s.config, "api", s.logger);
    s.sim.setWebhookUrl(`${api.url}/webhooks/zalo`);
    env = {
      ...process.env,
      ...redisEnv(),
      KEY_PREFIX: s.config.keyPrefix,
      LOG_LEVEL: "silent",
      PORT: String(await findFreePort()),
      ...sandboxEnv(s.sim.url),
    };
  });
  afterAll(async () => {
    for (const w of workers) await stopChild(w);
    await api.close();
    await s.close();
  });

  it("answers once", async () => {
    const first = (await startChild("bot-server-child.ts", ["worker"], env)).child;
    workers.push(first);
    const [user] = (
      await s.simJson<{ sample_ids: string[] }>("/__sim/followers", { body: { count: 1, active_within_days: 1 } })
    ).sample_ids;
    const repliesTo = () => s.simJson<OutboxEntry[]>(`/__sim/outbox?user_id=${user}`);
    // Zalo carries out the send, then its answer never reaches the worker before the worker dies.
    await s.simJson("/__sim/faults", { body: { answerDelayMs: 600_000, match: "/v3.0/oa/message/cs" } });
    const msgId = "crashmsg1";
    expect(
      (
        await s.simJson<{ status: number }>("/__sim/events", {
          body: { event_name: "user_send_text", user_id: user, text: "chỉ số", msg_id: msgId },
        })
      ).status,
    ).toBe(200);
    expect(await eventually(repliesTo, (o) => o.length === 1)).toHaveLength(1);
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    await s.simJson("/__sim/faults", { method: "DELETE" });

    workers.push((await startChild("bot-server-child.ts", ["worker"], env)).child);
    // The job is recorded as answered only by the retry that settled it: that is the event to wait for.
    const chats = createChatRepository(s.redis, s.keys);
    expect(
      await eventually(
        () => chats.wasAnswered(msgId),
        (done) => done,
        40_000,
      ),
    ).toBe(true);
    expect(await repliesTo()).toHaveLength(1);
  }, 60_000);
});
