import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/**
 * Ports are picked at random below the OS's ephemeral range (from which every `listen(0)` and outgoing
 * connection takes its port): a private redis-server that dies and is restarted on its port must find it
 * still free, not handed by the OS to the next test server started meanwhile.
 */
function pickRange(): [number, number] {
  try {
    const low = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    if (Number.isInteger(low) && low > 12_000) return [10_000, low];
  } catch {
    // Not Linux: macOS and Windows start their ephemeral range at 49152.
  }
  return [20_000, 49_152];
}

function tryListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port that was free a moment ago on the host, outside the range the OS hands out by itself. */
export async function findFreePort(host = "127.0.0.1"): Promise<number> {
  const [low, high] = pickRange();
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (await tryListen(port, host)) return port;
  }
  throw new Error(`no free port found between ${low} and ${high}`);
}
