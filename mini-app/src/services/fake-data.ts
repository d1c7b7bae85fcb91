import { defaultCatalogue } from "@cds/shared/catalogue/index";
import { formatWeekLabel, weekOfMonth } from "@cds/shared/format/dates";
import type {
  ApiIndicator,
  IndicatorDefinition,
  IndicatorHistoryResponse,
  IndicatorsResponse,
  IndicatorValue,
  Period,
  PostListResponse,
  PostResponse,
  SnapshotListResponse,
} from "@cds/shared";
import type { CatalogueData } from "./types";

/**
 * Data for the fake service (development without a server) and for the browser tests' fake API: the founding
 * week exactly as INDICATORS.md states it, and earlier weeks made up the way the server's demo seeding does
 * (flagged `sample`, except a value the following week's stated change fixes: 45.929 with +90 means 45.839).
 * Kept free of DOM and Node APIs so the app, the tests and the bench all use the same figures.
 */
export interface FakeWeek {
  period: Period;
  publishedAt: string;
  values: Record<string, IndicatorValue>;
}

const v = (value: number, extra: Omit<IndicatorValue, "value"> = {}): IndicatorValue => ({ value, ...extra });

export const FOUNDING_WEEK: FakeWeek = {
  period: { from: "2024-08-24", to: "2024-08-30", label: "Tuần 5 tháng 8/2024" },
  publishedAt: "2024-08-30T10:00:00.000Z",
  values: {
    "dvc.online_filing_rate": v(93),
    "dvc.end_to_end_rate": v(22),
    "dvc.services_with_online_filings_rate": v(79),
    "dvc.online_result_rate": v(100),
    "smart_hd.installs": v(45_929, { change: 90 }),
    "media.provincial_broadcast_items": v(4),
    "media.newspaper_items": v(4),
    "media.portal_items": v(7),
    "media.district_radio_sections": v(3),
    "media.district_radio_items": v(42),
    "media.commune_radio_items": v(229),
    "media.cds_page_items": v(3),
    "media.smart_hd_items": v(10),
    "media.zalo_oa_items": v(1),
    "media.zalo_oa_followers": v(1_200_000, { qualifier: "more_than" }),
    "media.facebook_items": v(8),
    "media.facebook_followers": v(83_974),
    "vbdlis.cases_total": v(28_922, { change: 1231 }),
    "vbdlis.cases_in_progress": v(18_842),
    "vbdlis.cases_awaiting_supplement": v(3036),
    "vbdlis.cases_returned": v(10_080),
    "vbdlis.tax_cases_total": v(9654, { change: 150 }),
    "vbdlis.tax_cases_in_progress": v(530),
    "vbdlis.tax_cases_supplement_requested": v(1553),
    "vbdlis.tax_notices_issued": v(7544),
    "infosec.units": v(246),
    "infosec.dossiers": v(257),
    "infosec.approved": v(118),
    "infosec.pending": v(112),
    "infosec.to_supplement": v(27),
  },
};

const DAY_MS = 86_400_000;

function shiftDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A number in [0, 1) fixed by indicator and week, so every run shows the same made-up history. */
function unit(id: string, k: number): number {
  let h = 2166136261;
  for (const ch of `${id}:${k}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h / 2 ** 32;
}

function earlierValue(def: IndicatorDefinition, base: IndicatorValue, next: IndicatorValue, u: number): IndicatorValue {
  if (next.change !== undefined && !next.sample && !next.qualifier) return { value: next.value - next.change };
  if (next.qualifier) return { value: next.value, qualifier: next.qualifier, sample: true };
  switch (def.kind) {
    case "rate":
      return { value: Math.min(100, Math.max(0, Math.round(next.value + (u - 0.5) * 4))), sample: true };
    case "weekly":
      return { value: Math.max(0, Math.round(base.value * (0.6 + 0.8 * u))), sample: true };
    case "stock":
      return { value: Math.max(0, Math.round(next.value * (1 + (u - 0.5) * 0.04))), sample: true };
    case "cumulative": {
      const typical = base.change !== undefined ? Math.abs(base.change) : Math.max(1, Math.round(base.value * 0.004));
      return { value: Math.max(0, next.value - Math.round(typical * (0.7 + 0.6 * u))), sample: true };
    }
  }
}

/** The founding week and `count - 1` weeks before it, newest first. */
export function fakeWeeks(count = 6, catalogue: CatalogueData = defaultCatalogue): FakeWeek[] {
  const weeks = [FOUNDING_WEEK];
  for (let k = 1; k < count; k++) {
    const next = weeks[k - 1]!;
    const values: Record<string, IndicatorValue> = {};
    for (const def of catalogue.indicators) {
      const base = FOUNDING_WEEK.values[def.id];
      const following = next.values[def.id];
      if (base && following) values[def.id] = earlierValue(def, base, following, unit(def.id, k));
    }
    const to = shiftDays(FOUNDING_WEEK.period.to, -7 * k);
    weeks.push({
      period: { from: shiftDays(FOUNDING_WEEK.period.from, -7 * k), to, label: formatWeekLabel(weekOfMonth(to)) },
      publishedAt: `${to}T10:00:00.000Z`,
      values,
    });
  }
  return weeks;
}

/** `GET /api/v1/indicators` for `weeks[0]`, as the server presents a week (catalogue order, previous values). */
export function fakeIndicators(weeks: FakeWeek[], catalogue: CatalogueData = defaultCatalogue): IndicatorsResponse {
  const [week, previous] = weeks;
  if (!week) throw new Error("no week to present");
  const indicators: ApiIndicator[] = [];
  const missing: string[] = [];
  for (const def of catalogue.indicators) {
    const value = week.values[def.id];
    if (!value) {
      missing.push(def.id);
      continue;
    }
    const before = previous?.values[def.id];
    indicators.push({
      id: def.id,
      group: def.group,
      label: def.label,
      shortLabel: def.shortLabel,
      unit: def.unit,
      unitLabel: def.unitLabel,
      value: value.value,
      ...(value.qualifier && { qualifier: value.qualifier }),
      ...(value.change !== undefined && { change: value.change }),
      ...(before && { previous: before.value }),
      source: def.source,
      definition: def.definition,
      ...(value.sample && { sample: true }),
    });
  }
  const sample = Object.values(week.values).some((x) => x.sample);
  return { period: week.period, revision: 1, publishedAt: week.publishedAt, indicators, missing, ...(sample && { sample: true }) };
}

/** `GET /api/v1/indicators/:id/history`, oldest first; undefined for an id outside the catalogue. */
export function fakeHistory(weeks: FakeWeek[], id: string, catalogue: CatalogueData = defaultCatalogue): IndicatorHistoryResponse | undefined {
  const def = catalogue.indicators.find((d) => d.id === id);
  if (!def) return undefined;
  const points = [...weeks].reverse().flatMap((w) => {
    const x = w.values[id];
    if (!x) return [];
    return [{ period: w.period, value: x.value, ...(x.qualifier && { qualifier: x.qualifier }), ...(x.change !== undefined && { change: x.change }), ...(x.sample && { sample: true }) }];
  });
  const { group, label, shortLabel, unit: u, unitLabel, source, definition } = def;
  return { indicator: { id, group, label, shortLabel, unit: u, unitLabel, source, definition }, points };
}

/** `GET /api/v1/snapshots`, newest first. */
export function fakeSnapshots(weeks: FakeWeek[]): SnapshotListResponse {
  return {
    snapshots: weeks.map((w) => ({
      period: w.period,
      revision: 1,
      publishedAt: w.publishedAt,
      ...(Object.values(w.values).some((x) => x.sample) && { sample: true }),
    })),
  };
}

/** `GET /api/v1/catalogue`. */
export function fakeCatalogue(catalogue: CatalogueData = defaultCatalogue): CatalogueData {
  return { province: catalogue.province, groups: catalogue.groups, indicators: catalogue.indicators };
}

/** Published posts, newest first, written from the founding report. */
export const FAKE_POSTS: PostResponse[] = [
  {
    id: "ban-tin-tuan-5-thang-8-2024",
    title: "Chuyển đổi số Hải Dương tuần 5 tháng 8/2024: 93% hồ sơ được nộp trực tuyến",
    summary: "Từ ngày 24/8 đến 30/8/2024, 93% hồ sơ thủ tục hành chính được nộp qua mạng; ứng dụng Smart-HaiDuong có thêm 90 tài khoản.",
    publishedAt: "2024-08-30T11:00:00.000Z",
    periodTo: "2024-08-30",
    highlights: [
      { indicatorId: "dvc.online_filing_rate", text: "Tỷ lệ hồ sơ nộp trực tuyến đạt 93%." },
      { indicatorId: "dvc.end_to_end_rate", text: "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 22%." },
      { indicatorId: "smart_hd.installs", text: "45.929 tài khoản Smart-HaiDuong, tăng 90 tài khoản so với tuần trước." },
    ],
    events: [
      { date: "2024-08-27", text: "UBND huyện Cẩm Giàng tập huấn tên miền quốc gia \".vn\" cho các Tổ công nghệ số cộng đồng." },
      { date: "2024-08-29", text: "UBND huyện Gia Lộc tập huấn kỹ năng số và thương mại điện tử cho doanh nghiệp, hộ kinh doanh." },
    ],
    body: [
      "Theo Hệ thống giám sát, đo lường mức độ cung cấp và sử dụng dịch vụ Chính phủ số (EMC), trong tuần từ ngày 24/8 đến 30/8/2024, tỷ lệ hồ sơ nộp trực tuyến của tỉnh đạt 93%, trong đó 22% hồ sơ được giải quyết trực tuyến toàn trình.",
      "Tính đến ngày 30/8/2024, có 45.929 tài khoản cài đặt, sử dụng ứng dụng Smart-HaiDuong, tăng 90 tài khoản so với tuần trước.",
      "Sở Thông tin và Truyền thông đăng tải 3 tin, bài trên Trang chuyển đổi số của tỉnh <https://chuyendoiso.haiduong.gov.vn>.\nTrang Zalo \"Chính quyền điện tử tỉnh Hải Dương\" có trên 1,2 triệu tài khoản quan tâm theo dõi.",
    ].join("\n\n"),
  },
  {
    id: "tap-huan-ky-nang-so-thang-8-2024",
    title: "Tập huấn kỹ năng số cho cộng đồng tại Cẩm Giàng và Gia Lộc",
    summary: "Hai huyện tổ chức tập huấn cho Tổ công nghệ số cộng đồng, doanh nghiệp và hộ kinh doanh trong tuần cuối tháng 8/2024.",
    publishedAt: "2024-08-29T09:00:00.000Z",
    highlights: [],
    events: [],
    body: [
      "Ngày 27/8/2024, UBND huyện Cẩm Giàng tổ chức tập huấn triển khai ứng dụng tên miền quốc gia \".vn\" và các dịch vụ số cho các Tổ công nghệ số cộng đồng trên địa bàn huyện.",
      "Ngày 29/8/2024, UBND huyện Gia Lộc tổ chức tập huấn phổ cập kỹ năng số cộng đồng, kỹ năng đưa sản phẩm lên sàn giao dịch điện tử cho doanh nghiệp, hộ kinh doanh trên địa bàn huyện.",
    ].join("\n\n"),
  },
];

/** `GET /api/v1/posts`. */
export function fakePostList(posts: PostResponse[] = FAKE_POSTS): PostListResponse {
  return { posts: posts.map(({ id, title, summary, publishedAt, periodTo, coverImageUrl }) => ({ id, title, summary, publishedAt, ...(periodTo && { periodTo }), ...(coverImageUrl && { coverImageUrl }) })) };
}
