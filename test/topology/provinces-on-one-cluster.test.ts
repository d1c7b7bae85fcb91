import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../bot-server/src/config";
import { createLogger } from "../../bot-server/src/logger";
import { startBotServer, type RunningBotServer } from "../../bot-server/src/server";
import { keyspace } from "../../bot-server/src/store/keys";
import { findFreePort } from "../../tools/redis/find-free-port";
import { startCluster, type RedisTopology } from "../../tools/redis/topology";
import { addUser, signIn } from "../admin/helpers";

/**
 * Two provinces' deployments on one Redis Cluster: each KEY_PREFIX is its own hash tag, so each
 * deployment's keys live in one slot, possibly on different masters, and neither sees the other's data.
 */
const AN_PHU = fileURLToPath(new URL("../fixtures/catalogues/an-phu.json", import.meta.url));
const REPORTS = {
  haiDuong: readFileSync(new URL("../fixtures/reports/bao-cao-tuan-5-thang-8-2024.txt", import.meta.url)),
  anPhu: readFileSync(new URL("../fixtures/reports/an-phu-tuan-2-thang-3-2025.txt", import.meta.url)),
};

describe("several provinces on one Redis Cluster", () => {
  let cluster: RedisTopology;
  const servers: RunningBotServer[] = [];
  const prefixes = { haiDuong: "hai-duong", anPhu: "" };

  beforeAll(async () => {
    cluster = await startCluster();
    // A prefix whose slot another master serves: what a second province usually gets.
    const haiDuongMaster = (await cluster.masterOf(keyspace(prefixes.haiDuong).users)).port;
    for (let n = 1; !prefixes.anPhu; n++) {
      const candidate = `an-phu-${n}`;
      if ((await cluster.masterOf(keyspace(candidate).users)).port !== haiDuongMaster) prefixes.anPhu = candidate;
    }
    for (const [prefix, catalogue] of [
      [prefixes.haiDuong, undefined],
      [prefixes.anPhu, AN_PHU],
    ] as const) {
      const config = parseConfig({
        ...cluster.env,
        KEY_PREFIX: prefix,
        PORT: String(await findFreePort()),
        LOG_LEVEL: "silent",
        ...(catalogue && { CATALOGUE_FILE: catalogue }),
      });
      const server = await startBotServer(config, "api", createLogger("silent"));
      await addUser(server, "editor", ["editor"]);
      await addUser(server, "approver", ["approver"]);
      servers.push(server);
    }
  }, 120_000);
  afterAll(async () => {
    for (const s of servers) await s.close();
    await cluster?.stop();
  });

  it("keeps each province's keys on its own master, and each serves only its own week", async () => {
    const [haiDuong, anPhu] = servers as [RunningBotServer, RunningBotServer];
    for (const [server, report, name] of [
      [haiDuong, REPORTS.haiDuong, "bao-cao.txt"],
      [anPhu, REPORTS.anPhu, "an-phu.txt"],
    ] as const) {
      const editor = await signIn(server.url!, "editor");
      const imported = await editor.call("POST", `/api/v1/admin/reports?name=${name}`, report);
      expect(imported.status, JSON.stringify(imported.body)).toBe(201);
      const week = (imported.body.snapshot as { id: string }).id;
      const approver = await signIn(server.url!, "approver");
      expect((await approver.call("POST", `/api/v1/admin/reports/${week}/publish`, { revision: 1 })).status).toBe(200);
    }

    const latest = async (s: RunningBotServer) =>
      (await (await fetch(`${s.url}/api/v1/indicators`)).json()) as {
        period: { to: string };
        indicators: Array<{ id: string }>;
      };
    const [hd, ap] = [await latest(haiDuong), await latest(anPhu)];
    expect(hd.period.to).toBe("2024-08-30");
    expect(ap.period.to).toBe("2025-03-14");
    expect(hd.indicators.map((i) => i.id)).toContain("vbdlis.tax_cases_total");
    expect(ap.indicators.map((i) => i.id)).toContain("dvc.online_payment_rate");
    expect(ap.indicators.map((i) => i.id)).not.toContain("vbdlis.tax_cases_total");

    // Where the keys are: every key of a prefix on its slot's master, none of them on the other's.
    const masters = {
      haiDuong: await cluster.masterOf(keyspace(prefixes.haiDuong).users),
      anPhu: await cluster.masterOf(keyspace(prefixes.anPhu).users),
    };
    expect(masters.haiDuong.port).not.toBe(masters.anPhu.port);
    const keysOn = async (port: number, prefix: string) => {
      const r = new Redis({ port, host: "127.0.0.1" });
      try {
        return (await r.keys(keyspace(prefix).all)).length;
      } finally {
        r.disconnect();
      }
    };
    expect(await keysOn(masters.haiDuong.port, prefixes.haiDuong)).toBeGreaterThan(10);
    expect(await keysOn(masters.anPhu.port, prefixes.anPhu)).toBeGreaterThan(10);
    expect(await keysOn(masters.haiDuong.port, prefixes.anPhu)).toBe(0);
    expect(await keysOn(masters.anPhu.port, prefixes.haiDuong)).toBe(0);
  });
});
