import { parseArgs } from "node:util";
import { runChatChaos } from "./chat";

/** `npm run chaos:chat -- --events N`: prints one JSON object; exits 1 if a reply was lost or doubled. */
let events: number;
try {
  const { values } = parseArgs({ options: { events: { type: "string", default: "2000" } }, strict: true });
  events = Number(values.events);
  if (!Number.isInteger(events) || events < 1 || events > 100_000)
    throw new Error("--events must be a whole number from 1 to 100,000");
} catch (err) {
  process.stderr.write(`chaos:chat: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}
const result = await runChatChaos({ events, log: (line) => process.stderr.write(`${line}\n`) });
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(
  result.answered_twice === 0 && result.lost === 0 && result.http_5xx_other_than_503 === 0 && result.ready_again
    ? 0
    : 1,
);
