/**
 * Every Redis key of the application, in one place. All keys share one hash tag, `{<prefix>}`, so the
 * whole data set lands in one slot and can move to Redis Cluster unchanged (BullMQ needs the same).
 *
 * Layout (prefix "cds"):
 *   {cds}:bull:<queue>:*           BullMQ queues
 *   {cds}:meta:seeded              hash: seed name → ISO time the demo data was seeded
 *   {cds}:report:<sha256>          hash: an imported weekly report (name, text, receivedAt)
 *   {cds}:reports                  sorted set: report hashes by time received
 */
export function keyspace(prefix: string) {
  const root = `{${prefix}}`;
  return {
    root,
    /** Pattern that matches every key of the application (backups, test clean-up). */
    all: `${root}:*`,
    bullPrefix: `${root}:bull`,
    seeded: `${root}:meta:seeded`,
    report: (sha256: string) => `${root}:report:${sha256}`,
    reports: `${root}:reports`,
  };
}

export type Keyspace = ReturnType<typeof keyspace>;
