import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { broadcastCities, describeCityCodes } from "@cds/shared";
import { catalogueFor } from "./catalogue";
import { ConfigError } from "./config";

describe("the catalogue as configuration", () => {
  const dir = mkdtempSync(join(tmpdir(), "cds-catalogue-"));
  const shipped = JSON.parse(
    readFileSync(join(import.meta.dirname, "../../shared/src/catalogue/hai-duong.json"), "utf8"),
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("uses the shipped catalogue unless CATALOGUE_FILE names another province's", () => {
    expect(catalogueFor({ catalogueFile: undefined }).province.shortName).toBe("Hải Dương");
    const other = join(dir, "other.json");
    writeFileSync(
      other,
      JSON.stringify({
        ...shipped,
        province: {
          ...shipped.province,
          name: "thành phố Hải Phòng",
          shortName: "Hải Phòng",
          zaloCityCodes: ["57", "10"],
        },
      }),
    );
    const c = catalogueFor({ catalogueFile: other });
    expect(c.province.shortName).toBe("Hải Phòng");
    expect(broadcastCities(c.province)).toBe("57,10");
    expect(describeCityCodes(c.province.zaloCityCodes)).toBe("Hải Phòng (57), Hải Dương (10)");
    expect(c.byId.get("dvc.online_filing_rate")?.unit).toBe("percent");
  });

  it("stops start-up with the reason for a missing, unreadable or invalid file", () => {
    expect(() => catalogueFor({ catalogueFile: join(dir, "missing.json") })).toThrow(ConfigError);
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ not json");
    expect(() => catalogueFor({ catalogueFile: broken })).toThrow(/CATALOGUE_FILE: cannot read/);
    const duplicate = join(dir, "duplicate.json");
    writeFileSync(
      duplicate,
      JSON.stringify({ ...shipped, indicators: [...shipped.indicators, shipped.indicators[0]] }),
    );
    expect(() => catalogueFor({ catalogueFile: duplicate })).toThrow(/duplicate indicator id dvc\.online_filing_rate/);
    for (const [codes, reason] of [
      [["64"], /province\.zaloCityCodes\.0: must be one of Zalo's city codes/],
      [["010"], /must be one of Zalo's city codes/],
      [[], /needs at least one Zalo city code/],
      [["10", "10"], /lists a city code twice/],
    ] as const) {
      const wrong = join(dir, "wrong-city.json");
      writeFileSync(wrong, JSON.stringify({ ...shipped, province: { ...shipped.province, zaloCityCodes: codes } }));
      expect(() => catalogueFor({ catalogueFile: wrong }), JSON.stringify(codes)).toThrow(reason);
    }
    const badRule = join(dir, "bad-rule.json");
    const withRule = (report: object) => ({
      ...shipped,
      indicators: shipped.indicators.map((i: { id: string }, n: number) => (n === 0 ? { ...i, report } : i)),
    });
    writeFileSync(badRule, JSON.stringify(withRule({ pattern: "tỷ lệ (nộp {N}%" })));
    expect(() => catalogueFor({ catalogueFile: badRule })).toThrow(
      /dvc\.online_filing_rate\.report\.pattern: .*Invalid regular expression/,
    );
    writeFileSync(badRule, JSON.stringify(withRule({ pattern: "tỷ lệ nộp 93%" })));
    expect(() => catalogueFor({ catalogueFile: badRule })).toThrow(/report\.pattern: the pattern needs \{N\}/);
    writeFileSync(badRule, JSON.stringify(withRule({ pattern: "{N}", within: "([" })));
    expect(() => catalogueFor({ catalogueFile: badRule })).toThrow(/report\.within: not a valid regular expression/);
  });

  it("ships Hải Dương's own broadcast code, not another province's", () => {
    const c = catalogueFor({ catalogueFile: undefined });
    expect(broadcastCities(c.province)).toBe("10");
    expect(describeCityCodes(c.province.zaloCityCodes)).toBe("Hải Dương (10)");
  });
});
