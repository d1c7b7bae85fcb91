import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { newReport } from "../reports/report";
import type { ReportRepository } from "../../store/report-repository";

export interface SeedResult {
  reportsAdded: number;
  reportsPresent: number;
}

/**
 * Demo data for a local stack: the founding weekly report(s) shipped in bot-server/seed/.
 * Idempotent: reports are content-addressed, so a second run adds nothing.
 */
export async function seedDemo(deps: { reports: ReportRepository; seedDir: string; now: () => Date }): Promise<SeedResult> {
  const dir = join(deps.seedDir, "reports");
  const names = (await readdir(dir)).filter((n) => n.endsWith(".txt")).sort();
  let added = 0;
  for (const name of names) {
    const text = await readFile(join(dir, name), "utf8");
    if (await deps.reports.addIfAbsent(newReport(name, text, deps.now()))) added++;
  }
  return { reportsAdded: added, reportsPresent: names.length - added };
}
