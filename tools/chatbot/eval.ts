import { defaultCatalogue } from "@cds/shared";
import { evaluate, loadEvalMessages } from "./evaluate";

/**
 * `npm run eval:chatbot`: accuracy on the evaluation messages, overall and per intent, the confusions, and
 * one JSON line { messages, correct, accuracy }. Exits 1 below 95 % overall or 90 % for any intent.
 */
const OVERALL = 0.95;
const PER_INTENT = 0.9;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

const result = evaluate(loadEvalMessages(), defaultCatalogue);
console.log("per intent:");
for (const i of result.byIntent)
  console.log(
    `  ${i.intent.padEnd(14)} ${String(i.correct).padStart(4)} / ${String(i.messages).padEnd(4)} ${pct(i.accuracy)}`,
  );
const pairs = new Map<string, string[]>();
for (const m of result.misses)
  pairs.set(`${m.expected}  →  ${m.got}`, [...(pairs.get(`${m.expected}  →  ${m.got}`) ?? []), m.text]);
console.log(`\nconfusions (expected → understood), ${result.misses.length} messages:`);
for (const [pair, texts] of [...pairs].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  ${pair}`);
  for (const t of texts) console.log(`      “${t}”`);
}
console.log(`\noverall ${result.correct} / ${result.messages} = ${pct(result.accuracy)}`);
console.log(
  `held out (written after tuning): ${result.heldOut.correct} / ${result.heldOut.messages} = ${pct(result.heldOut.accuracy)}`,
);
console.log(
  JSON.stringify({ messages: result.messages, correct: result.correct, accuracy: Number(result.accuracy.toFixed(4)) }),
);
if (result.accuracy < OVERALL || result.byIntent.some((i) => i.accuracy < PER_INTENT)) process.exit(1);
