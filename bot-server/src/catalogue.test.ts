import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { catalogueFor } from "./catalogue";
import { ConfigError } from "./config";

describe("the catalogue as configuration", () => {
  const dir = mkdtempSync(join(tmpdir(), "cds-catalogue-"));
  const shipped = JSON.parse(readFileSync(join(import.meta.dirname, "../../shared/src/catalogue/hai-duong.json"), "utf8"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("uses the shipped catalogue unless CATALOGUE_FILE names another province's", () => {
    expect(catalogueFor({ catalogueFile: undefined }).province.shortName).toBe("Hải Dương");
    const other = join(dir, "other.json");
    writeFileSync(other, JSON.stringify({ ...shipped, province: { ...shipped.province, name: "thành phố Hải Phòng", shortName: "Hải Phòng", zaloCityCode: "2" } }));
    const c = catalogueFor({ catalogueFile: other });
    expect(c.province.shortName).toBe("Hải Phòng");
    expect(c.byId.get("dvc.online_filing_rate")?.unit).toBe("percent");
  });

  it("stops start-up with the reason for a missing, unreadable or invalid file", () => {
    expect(() => catalogueFor({ catalogueFile: join(dir, "missing.json") })).toThrow(ConfigError);
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ not json");
    expect(() => catalogueFor({ catalogueFile: broken })).toThrow(/CATALOGUE_FILE: cannot read/);
    const duplicate = join(dir, "duplicate.json");
    writeFileSync(duplicate, JSON.stringify({ ...shipped, indicators: [...shipped.indicators, shipped.indicators[0]] }));
    expect(() => catalogueFor({ catalogueFile: duplicate })).toThrow(/duplicate indicator id dvc\.online_filing_rate/);
  });
});
