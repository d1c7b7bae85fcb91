import { defaultCatalogue } from "@cds/shared";
import { describe, expect, it } from "vitest";
import { evaluate, loadEvalMessages } from "../../tools/chatbot/evaluate";

/** The evaluation set of `npm run eval:chatbot`: the matcher must not slide below what followers need. */
describe("the chatbot on follower messages written for its evaluation", () => {
  const messages = loadEvalMessages();
  const result = evaluate(messages, defaultCatalogue);

  it("is a set worth the name: 250 messages or more, every indicator asked several ways, every intent", () => {
    expect(messages.length).toBeGreaterThanOrEqual(250);
    for (const def of defaultCatalogue.indicators) {
      expect(messages.filter((m) => m.label === `indicator ${def.id}`).length, def.id).toBeGreaterThanOrEqual(3);
    }
    const intents = new Set(messages.map((m) => m.intent));
    for (const kind of [
      "indicators",
      "indicator",
      "several",
      "definition",
      "news",
      "subscribe",
      "unsubscribe",
      "help",
      "how_to_file",
      "greeting",
      "unknown",
    ]) {
      expect(intents, kind).toContain(kind);
    }
  });

  it("understands 95 % or more of them, and 90 % or more of each intent", () => {
    expect(result.accuracy, JSON.stringify(result.misses, null, 1)).toBeGreaterThanOrEqual(0.95);
    for (const i of result.byIntent)
      expect(
        i.accuracy,
        `${i.intent}: ${JSON.stringify(result.misses.filter((m) => m.expected.startsWith(i.intent)))}`,
      ).toBeGreaterThanOrEqual(0.9);
  });
});
