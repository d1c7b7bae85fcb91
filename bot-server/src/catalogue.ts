import { readFileSync } from "node:fs";
import { defaultCatalogue, loadCatalogue, type Catalogue } from "@cds/shared";
import { ConfigError, type Config } from "./config";
import { compileRule } from "./domain/importer/rules";

/**
 * The deployment's indicator catalogue: the province, its OA, groups and indicators are data, so another
 * province points CATALOGUE_FILE at its own JSON instead of changing code. A bad file stops start-up with
 * the reason.
 */
export function catalogueFor(config: Pick<Config, "catalogueFile">): Catalogue {
  if (!config.catalogueFile) return defaultCatalogue;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(config.catalogueFile, "utf8"));
  } catch (err) {
    throw new ConfigError(
      `Invalid configuration:\n  CATALOGUE_FILE: cannot read ${config.catalogueFile} as JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  let catalogue: Catalogue;
  try {
    catalogue = loadCatalogue(data);
  } catch (err) {
    const issues =
      err instanceof Error && "issues" in err
        ? (err as { issues: Array<{ path: PropertyKey[]; message: string }> }).issues
        : [];
    const lines = issues.slice(0, 10).map((i) => `    ${i.path.map(String).join(".")}: ${i.message}`);
    throw new ConfigError(
      `Invalid configuration:\n  CATALOGUE_FILE: ${config.catalogueFile} is not a valid catalogue\n${lines.join("\n")}`,
    );
  }
  // A report rule that does not compile would fail the first import: say so at start-up instead.
  const broken = catalogue.indicators.flatMap((i) => {
    if (!i.report) return [];
    try {
      compileRule(i.report, catalogue.province.shortName);
      return [];
    } catch (err) {
      return [`    ${i.id}.report.pattern: ${err instanceof Error ? err.message : String(err)}`];
    }
  });
  if (broken.length > 0)
    throw new ConfigError(
      `Invalid configuration:\n  CATALOGUE_FILE: ${config.catalogueFile} has report rules that are not valid patterns\n${broken.join("\n")}`,
    );
  return catalogue;
}
