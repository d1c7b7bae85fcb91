import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The benchmark's yardstick: a bare Node `http` server answering every request with the bytes and headers
 * the bot server sent (read from the JSON file given as argument). Prints "READY <url>"; stops when its
 * parent closes stdin.
 */
const file = process.argv[2];
if (!file) throw new Error("usage: bare-server-child.ts <captured-response.json>");
const captured = JSON.parse(readFileSync(file, "utf8")) as { headers: Record<string, string>; body: string };
const body = Buffer.from(captured.body, "base64");
const server = createServer((_req, res) => {
  res.writeHead(200, captured.headers);
  res.end(body);
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
