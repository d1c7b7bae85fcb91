import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  dataDictionarySchema,
  defaultCatalogue,
  loadCatalogue,
  openDataResponseSchema,
  type Snapshot,
} from "@cds/shared";
import haiDuong from "../../../../shared/src/catalogue/hai-duong.json";
import { publishFounding } from "../../../../test/api/helpers";
import { createMemoryStore, type MemoryStore } from "../../../../test/harness/memory-store";
import { correctSnapshot } from "./correct-snapshot";
import {
  dataDictionary,
  lastUpdated,
  loadOpenData,
  OPEN_DATA_FIELDS,
  openDataCsv,
  openDataJson,
  openDataRows,
} from "./open-data";

const HEADER =
  "period_from,period_to,period_label,indicator_id,label,unit,value,qualifier,change,sample,revision,published_at";

/** RFC 4180 reader, to check that what we write reads back field for field. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

const week = (over: Partial<Snapshot> = {}): Snapshot => ({
  id: "2024-08-30",
  period: { from: "2024-08-24", to: "2024-08-30", label: "Tuần 5 tháng 8/2024" },
  values: {},
  status: "published",
  revision: 1,
  createdAt: "2024-08-30T09:00:00.000Z",
  createdBy: "editor",
  publishedAt: "2024-08-30T10:00:00.000Z",
  publishedBy: "approver",
  ...over,
});

describe("open data CSV", () => {
  it("starts with a BOM and the header, ends lines with CRLF, and quotes commas and quotes", () => {
    // A label with both a comma and a quote, and a unit with a comma.
    const data = structuredClone(haiDuong);
    data.indicators[0]!.label = 'Tỷ lệ "nộp", trực tuyến';
    const catalogue = loadCatalogue(data);
    const rows = openDataRows(catalogue, [
      week({
        values: {
          "dvc.online_filing_rate": { value: 94.5 },
          "media.portal_items": { value: 7, sample: true },
          "media.zalo_oa_followers": { value: 1_200_000, qualifier: "more_than" },
        },
      }),
      week({
        id: "2024-09-06",
        period: { from: "2024-08-31", to: "2024-09-06", label: "Tuần 1 tháng 9/2024" },
        revision: 2,
        values: { "smart_hd.installs": { value: 46_000, change: -3 } },
      }),
    ]);
    const csv = openDataCsv(rows);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split("\r\n")[0]).toBe(HEADER);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.replaceAll("\r\n", "")).not.toMatch(/\n/);
    expect(csv).toContain('"Tỷ lệ ""nộp"", trực tuyến"');

    const [header, ...records] = parseCsv(csv.slice(1));
    expect(header).toEqual(OPEN_DATA_FIELDS.map((f) => f.name));
    expect(records).toEqual([
      [
        "2024-08-24",
        "2024-08-30",
        "Tuần 5 tháng 8/2024",
        "dvc.online_filing_rate",
        'Tỷ lệ "nộp", trực tuyến',
        "%",
        "94.5",
        "",
        "",
        "false",
        "1",
        "2024-08-30T10:00:00.000Z",
      ],
      [
        "2024-08-24",
        "2024-08-30",
        "Tuần 5 tháng 8/2024",
        "media.portal_items",
        "Tin, bài trên Cổng/Trang thông tin điện tử của tỉnh, sở, ngành, huyện",
        "tin, bài",
        "7",
        "",
        "",
        "true",
        "1",
        "2024-08-30T10:00:00.000Z",
      ],
      [
        "2024-08-24",
        "2024-08-30",
        "Tuần 5 tháng 8/2024",
        "media.zalo_oa_followers",
        "Tài khoản Zalo quan tâm OA",
        "tài khoản",
        "1200000",
        "more_than",
        "",
        "false",
        "1",
        "2024-08-30T10:00:00.000Z",
      ],
      [
        "2024-08-31",
        "2024-09-06",
        "Tuần 1 tháng 9/2024",
        "smart_hd.installs",
        "Tài khoản cài đặt Smart-HaiDuong (lũy kế)",
        "tài khoản",
        "46000",
        "",
        "-3",
        "false",
        "2",
        "2024-08-30T10:00:00.000Z",
      ],
    ]);
  });

  it("is just the header before anything is published", () => {
    expect(openDataCsv([])).toBe(`\uFEFF${HEADER}\r\n`);
  });

  it("knows the latest publication time", () => {
    expect(lastUpdated([])).toBeNull();
    expect(
      lastUpdated([
        week({ publishedAt: "2024-09-01T00:00:00.000Z" }),
        week({ publishedAt: "2024-08-01T00:00:00.000Z" }),
      ]),
    ).toBe("2024-09-01T00:00:00.000Z");
  });
});

describe("data dictionary", () => {
  it("describes every catalogue indicator and every CSV column", () => {
    const dict = dataDictionarySchema.parse(dataDictionary(defaultCatalogue, "2024-08-30T10:00:00.000Z"));
    expect(dict.lastUpdated).toBe("2024-08-30T10:00:00.000Z");
    expect(dict.license).toBe("CC BY 4.0");
    expect(dict.csv.fields.map((f) => f.name).join(",")).toBe(HEADER);
    expect(dict.csv.encoding).toMatch(/BOM/);
    expect(dict.indicators).toHaveLength(30);
    expect(dict.indicators.find((i) => i.id === "vbdlis.cases_total")).toMatchObject({
      kind: "cumulative",
      group: "vbdlis",
      groupLabel: "Hồ sơ đất đai (VBDLIS)",
      unit: "count",
      relations: [{ type: "sum_of", ids: ["vbdlis.cases_in_progress", "vbdlis.cases_returned"] }],
    });
    for (const i of dict.indicators) expect(i.definition.length).toBeGreaterThan(20);
  });
});

describe("open data from the store", () => {
  let store: MemoryStore;
  beforeEach(() => {
    store = createMemoryStore();
  });
  afterEach(() => store.close());

  it("has one row per published week and indicator, with the corrected revision", async () => {
    await publishFounding(store);
    store.clock.set("2024-09-02T08:00:00Z");
    await correctSnapshot(
      { snapshots: store.snapshots, catalogue: defaultCatalogue, now: store.clock.now },
      { week: "2024-08-30", changes: { "infosec.units": { value: 247 } }, note: "sửa", by: "approver" },
    );
    const data = await loadOpenData({ snapshots: store.snapshots, catalogue: defaultCatalogue });
    expect(data.lastUpdated).toBe("2024-09-02T08:00:00.000Z");
    const json = openDataResponseSchema.parse(openDataJson(defaultCatalogue, data));
    expect(json.rows).toHaveLength(30);
    expect(json.rows.find((r) => r.indicator_id === "infosec.units")).toMatchObject({
      value: 247,
      revision: 2,
      published_at: "2024-09-02T08:00:00.000Z",
      sample: false,
    });
    expect(json.publisher).toBe("Sở Thông tin và Truyền thông tỉnh Hải Dương");
  });
});
