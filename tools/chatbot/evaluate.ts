import { readFileSync } from "node:fs";
import type { Catalogue } from "@cds/shared";
import { z } from "zod";
import { matchIntent, type Intent } from "../../bot-server/src/domain/chatbot/intents";

/**
 * The chatbot's evaluation: follower messages written for it (test/fixtures/chatbot/eval-messages.json),
 * each with what a person would answer, compared with what the matcher understands. Shared by
 * `npm run eval:chatbot` and the test that keeps accuracy from sliding.
 */
export const EVAL_FILE = new URL("../../test/fixtures/chatbot/eval-messages.json", import.meta.url);

const messageSchema = z.union([
  z.tuple([z.string(), z.string()]),
  z.tuple([z.string(), z.string(), z.union([z.string(), z.array(z.string()).min(2)])]),
]);
const fileSchema = z.object({
  about: z.string(),
  heldOutFrom: z.number().int().min(0),
  messages: z.array(messageSchema).min(1),
});

export interface Expected {
  text: string;
  /** Written after the matcher was tuned on the others: how it does on messages it was not shaped by. */
  heldOut: boolean;
  /** "intent" or "intent target": what is compared. */
  label: string;
  intent: string;
}

export function loadEvalMessages(file: URL = EVAL_FILE): Expected[] {
  const parsed = fileSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  return parsed.messages.map(([text, intent, target], i) => ({
    text,
    intent,
    label: labelOf(intent, target),
    heldOut: i >= parsed.heldOutFrom,
  }));
}

function labelOf(intent: string, target?: string | string[]): string {
  if (target === undefined || target === "") return intent;
  return `${intent} ${Array.isArray(target) ? [...target].sort().join("+") : target}`;
}

/** The matcher's answer in the fixture's terms. */
export function intentLabel(intent: Intent): string {
  switch (intent.kind) {
    case "indicators":
      return labelOf("indicators", intent.group);
    case "indicator":
    case "definition":
      return labelOf(intent.kind, intent.id);
    case "several":
      return labelOf("several", intent.ids);
    default:
      return intent.kind;
  }
}

export interface Evaluation {
  messages: number;
  correct: number;
  accuracy: number;
  byIntent: Array<{ intent: string; messages: number; correct: number; accuracy: number }>;
  heldOut: { messages: number; correct: number; accuracy: number };
  misses: Array<{ text: string; expected: string; got: string }>;
}

export function evaluate(messages: readonly Expected[], catalogue: Catalogue): Evaluation {
  const misses: Evaluation["misses"] = [];
  const heldOut = { messages: 0, correct: 0 };
  const tally = new Map<string, { messages: number; correct: number }>();
  for (const m of messages) {
    const got = intentLabel(matchIntent(m.text, catalogue));
    const t = tally.get(m.intent) ?? { messages: 0, correct: 0 };
    t.messages++;
    if (m.heldOut) heldOut.messages++;
    if (got === m.label) {
      t.correct++;
      if (m.heldOut) heldOut.correct++;
    } else misses.push({ text: m.text, expected: m.label, got });
    tally.set(m.intent, t);
  }
  const correct = messages.length - misses.length;
  return {
    messages: messages.length,
    correct,
    accuracy: correct / messages.length,
    heldOut: { ...heldOut, accuracy: heldOut.messages === 0 ? 1 : heldOut.correct / heldOut.messages },
    byIntent: [...tally]
      .map(([intent, t]) => ({ intent, ...t, accuracy: t.correct / t.messages }))
      .sort((a, b) => a.accuracy - b.accuracy),
    misses,
  };
}
