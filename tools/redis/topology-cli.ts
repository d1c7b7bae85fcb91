import { startTopology, TOPOLOGIES, type TopologyKind } from "./topology";

/**
 * `npm run redis:cluster` / `npm run redis:sentinel`: a local Redis Cluster (3 masters, 3 replicas) or
 * Sentinel group (master, replica, 3 sentinels) of private redis-server processes on free loopback ports.
 * Prints the settings that point the server (or `TEST_REDIS_ENV` for tests) at it; Ctrl-C stops it all and
 * removes its data.
 */
const kind = process.argv[2] as TopologyKind;
if (!TOPOLOGIES.includes(kind) || kind === "single") {
  process.stderr.write("usage: tsx tools/redis/topology-cli.ts cluster|sentinel\n");
  process.exit(2);
}
const topology = await startTopology(kind, { log: (line) => process.stderr.write(`${line}\n`) });
process.stdout.write(
  [
    `Redis ${kind} ready. Point the bot server at it with:`,
    ...Object.entries(topology.env).map(([k, v]) => `  export ${k}=${v}`),
    "Stop with Ctrl-C.",
    "",
  ].join("\n"),
);
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void topology.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`could not stop cleanly: ${String(err)}\n`);
        process.exit(1);
      },
    );
  });
