import { describe, expect, it } from "vitest";
import { runChatChaos } from "../../tools/chaos/chat";

/** `npm run chaos:chat`, small: Redis killed and restarted by its supervisor, the worker killed, and every follower answered once. */
describe("the chatbot under chaos", () => {
  it("answers every follower exactly once, with no 5xx but 503, and is ready again without a person", async () => {
    const result = await runChatChaos({ events: 60, log: (line) => process.stderr.write(`chaos: ${line}\n`) });
    expect(result).toMatchObject({
      events: 60,
      accepted: 60,
      answered: 60,
      answered_twice: 0,
      lost: 0,
      http_5xx_other_than_503: 0,
      redis_restarts: 1,
      worker_kills: 1,
      ready_again: true,
    });
  }, 180_000);
});
