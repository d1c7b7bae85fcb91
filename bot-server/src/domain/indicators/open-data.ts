import type { Catalogue, DataDictionary, OpenDataResponse, OpenDataRow, Snapshot } from "@cds/shared";
import type { SnapshotRepository } from "./ports";

/** The columns of `indicators.csv`, in order; the JSON rows use the same names. */
export const OPEN_DATA_FIELDS = [
  { name: "period_from", type: "date", description: "Ngày đầu kỳ báo cáo (YYYY-MM-DD)" },
  {
    name: "period_to",
    type: "date",
    description: "Ngày cuối kỳ báo cáo (YYYY-MM-DD); mỗi tuần được xác định bằng ngày này",
  },
  { name: "period_label", type: "string", description: 'Tên kỳ báo cáo như báo cáo ghi, ví dụ "Tuần 5 tháng 8/2024"' },
  { name: "indicator_id", type: "string", description: "Mã ổn định của chỉ số (xem danh mục chỉ số)" },
  { name: "label", type: "string", description: "Tên chỉ số" },
  { name: "unit", type: "string", description: "Đơn vị tính" },
  { name: "value", type: "number", description: "Giá trị, dấu chấm là dấu thập phân" },
  {
    name: "qualifier",
    type: "string",
    description: '"more_than" khi báo cáo chỉ nêu mức tối thiểu ("trên 1,2 triệu"); để trống nếu là số chính xác',
  },
  {
    name: "change",
    type: "number",
    description: "Mức tăng (giảm) so với tuần trước như báo cáo nêu; để trống nếu báo cáo không nêu",
  },
  { name: "sample", type: "boolean", description: "true: số liệu minh họa, không do báo cáo nào nêu" },
  {
    name: "revision",
    type: "integer",
    description: "Phiên bản số liệu của tuần; lớn hơn 1 nghĩa là đã được đính chính",
  },
  { name: "published_at", type: "datetime", description: "Thời điểm công bố phiên bản này (ISO 8601, UTC)" },
] as const satisfies ReadonlyArray<{ name: keyof OpenDataRow; type: string; description: string }>;

/** Every published week and the time of the latest publication (null before the first). */
export interface OpenData {
  rows: OpenDataRow[];
  lastUpdated: string | null;
}

export async function loadOpenData(deps: { snapshots: SnapshotRepository; catalogue: Catalogue }): Promise<OpenData> {
  const published = await deps.snapshots.listPublished();
  return { rows: openDataRows(deps.catalogue, published), lastUpdated: lastUpdated(published) };
}

/** One row per published week and indicator: weeks oldest first, indicators in catalogue order. */
export function openDataRows(catalogue: Catalogue, published: Snapshot[]): OpenDataRow[] {
  return published.flatMap((s) =>
    catalogue.indicators.flatMap((def) => {
      const v = s.values[def.id];
      if (!v) return [];
      return [
        {
          period_from: s.period.from,
          period_to: s.period.to,
          period_label: s.period.label,
          indicator_id: def.id,
          label: def.label,
          unit: def.unitLabel,
          value: v.value,
          qualifier: v.qualifier ?? null,
          change: v.change ?? null,
          sample: v.sample ?? false,
          revision: s.revision,
          published_at: s.publishedAt ?? s.createdAt,
        },
      ];
    }),
  );
}

/** The latest publication time among the weeks the public sees. */
export function lastUpdated(published: Snapshot[]): string | null {
  let latest: string | null = null;
  for (const s of published) {
    const at = s.publishedAt ?? s.createdAt;
    if (latest === null || Date.parse(at) > Date.parse(latest)) latest = at;
  }
  return latest;
}

export function openDataJson(catalogue: Catalogue, data: OpenData): OpenDataResponse {
  return {
    publisher: catalogue.province.department,
    license: catalogue.province.openDataLicense,
    lastUpdated: data.lastUpdated,
    rows: data.rows,
  };
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(value: string | number | boolean | null): string {
  const text = value === null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The open data as CSV (RFC 4180: CRLF line ends, header row). It starts with a UTF-8 byte order mark:
 * without it Excel reads the file in the machine's legacy code page and garbles Vietnamese labels; other
 * CSV readers skip the mark. Numbers keep "." as decimal mark and dates are ISO 8601, for machines.
 */
export function openDataCsv(rows: OpenDataRow[]): string {
  const lines = [OPEN_DATA_FIELDS.map((f) => f.name).join(",")];
  for (const row of rows) lines.push(OPEN_DATA_FIELDS.map((f) => csvField(row[f.name])).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** What each indicator and each open-data column means, generated from the catalogue. */
export function dataDictionary(catalogue: Catalogue, updated: string | null): DataDictionary {
  const groupLabel = new Map(catalogue.groups.map((g) => [g.id, g.label]));
  return {
    publisher: catalogue.province.department,
    license: catalogue.province.openDataLicense,
    lastUpdated: updated,
    csv: {
      encoding: "UTF-8, có BOM (để Excel hiển thị đúng tiếng Việt)",
      delimiter: ",",
      lineEnding: "CRLF",
      fields: OPEN_DATA_FIELDS.map((f) => ({ ...f })),
    },
    indicators: catalogue.indicators.map((d) => ({
      id: d.id,
      label: d.label,
      unit: d.unit,
      unitLabel: d.unitLabel,
      kind: d.kind,
      group: d.group,
      groupLabel: groupLabel.get(d.group) ?? d.group,
      section: d.section,
      source: d.source,
      definition: d.definition,
      relations: d.relations,
    })),
  };
}
