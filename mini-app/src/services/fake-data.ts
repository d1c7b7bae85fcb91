import { defaultCatalogue } from "@cds/shared/catalogue/index";
import { earlierValue, weekBefore } from "@cds/shared/demo/earlier-weeks";
import { FOUNDING_WEEK } from "@cds/shared/demo/founding-week";
import { holdsSample, presentIndicators } from "@cds/shared/present/indicators";
import type {
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

/** The founding week as the fake API publishes it. */
const founding: FakeWeek = { ...FOUNDING_WEEK, publishedAt: "2024-08-30T10:00:00.000Z" };

/** A number in [0, 1) fixed by indicator and week, so every run shows the same made-up history. */
function unit(id: string, k: number): number {
  let h = 2166136261;
  for (const ch of `${id}:${k}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h / 2 ** 32;
}

/** The founding week and `count - 1` weeks before it, newest first. */
export function fakeWeeks(count = 6, catalogue: CatalogueData = defaultCatalogue): FakeWeek[] {
  const weeks = [founding];
  for (let k = 1; k < count; k++) {
    const next = weeks[k - 1]!;
    const values: Record<string, IndicatorValue> = {};
    for (const def of catalogue.indicators) {
      const base = founding.values[def.id];
      const following = next.values[def.id];
      if (base && following) values[def.id] = earlierValue(def, base, following, unit(def.id, k));
    }
    const period = weekBefore(founding.period, k);
    weeks.push({ period, publishedAt: `${period.to}T10:00:00.000Z`, values });
  }
  return weeks;
}

/** `GET /api/v1/indicators` for `weeks[0]`, as the server presents a week (catalogue order, previous values). */
export function fakeIndicators(weeks: FakeWeek[], catalogue: CatalogueData = defaultCatalogue): IndicatorsResponse {
  const [week, previous] = weeks;
  if (!week) throw new Error("no week to present");
  return {
    period: week.period,
    revision: 1,
    publishedAt: week.publishedAt,
    ...presentIndicators(catalogue.indicators, week.values, previous?.values),
    ...(holdsSample(week.values) && { sample: true }),
  };
}

/** `GET /api/v1/indicators/:id/history`, oldest first; undefined for an id outside the catalogue. */
export function fakeHistory(
  weeks: FakeWeek[],
  id: string,
  catalogue: CatalogueData = defaultCatalogue,
): IndicatorHistoryResponse | undefined {
  const def = catalogue.indicators.find((d) => d.id === id);
  if (!def) return undefined;
  const points = [...weeks].reverse().flatMap((w) => {
    const x = w.values[id];
    if (!x) return [];
    return [
      {
        period: w.period,
        value: x.value,
        ...(x.qualifier && { qualifier: x.qualifier }),
        ...(x.change !== undefined && { change: x.change }),
        ...(x.sample && { sample: true }),
      },
    ];
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
      ...(holdsSample(w.values) && { sample: true }),
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
    summary:
      "Từ ngày 24/8 đến 30/8/2024, 93% hồ sơ thủ tục hành chính được nộp qua mạng; ứng dụng Smart-HaiDuong có thêm 90 tài khoản.",
    publishedAt: "2024-08-30T11:00:00.000Z",
    periodTo: "2024-08-30",
    highlights: [
      { indicatorId: "dvc.online_filing_rate", text: "Tỷ lệ hồ sơ nộp trực tuyến đạt 93%." },
      { indicatorId: "dvc.end_to_end_rate", text: "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 22%." },
      {
        indicatorId: "smart_hd.installs",
        text: "45.929 tài khoản Smart-HaiDuong, tăng 90 tài khoản so với tuần trước.",
      },
    ],
    events: [
      {
        date: "2024-08-27",
        text: 'UBND huyện Cẩm Giàng tập huấn tên miền quốc gia ".vn" cho các Tổ công nghệ số cộng đồng.',
      },
      {
        date: "2024-08-29",
        text: "UBND huyện Gia Lộc tập huấn kỹ năng số và thương mại điện tử cho doanh nghiệp, hộ kinh doanh.",
      },
    ],
    body: [
      "Theo Hệ thống giám sát, đo lường mức độ cung cấp và sử dụng dịch vụ Chính phủ số (EMC), trong tuần từ ngày 24/8 đến 30/8/2024, tỷ lệ hồ sơ nộp trực tuyến của tỉnh đạt 93%, trong đó 22% hồ sơ được giải quyết trực tuyến toàn trình.",
      "Tính đến ngày 30/8/2024, có 45.929 tài khoản cài đặt, sử dụng ứng dụng Smart-HaiDuong, tăng 90 tài khoản so với tuần trước.",
      'Sở Thông tin và Truyền thông đăng tải 3 tin, bài trên Trang chuyển đổi số của tỉnh <https://chuyendoiso.haiduong.gov.vn>.\nTrang Zalo "Chính quyền điện tử tỉnh Hải Dương" có trên 1,2 triệu tài khoản quan tâm theo dõi.',
    ].join("\n\n"),
  },
  {
    id: "tap-huan-ky-nang-so-thang-8-2024",
    title: "Tập huấn kỹ năng số cho cộng đồng tại Cẩm Giàng và Gia Lộc",
    summary:
      "Hai huyện tổ chức tập huấn cho Tổ công nghệ số cộng đồng, doanh nghiệp và hộ kinh doanh trong tuần cuối tháng 8/2024.",
    publishedAt: "2024-08-29T09:00:00.000Z",
    highlights: [],
    events: [],
    body: [
      'Ngày 27/8/2024, UBND huyện Cẩm Giàng tổ chức tập huấn triển khai ứng dụng tên miền quốc gia ".vn" và các dịch vụ số cho các Tổ công nghệ số cộng đồng trên địa bàn huyện.',
      "Ngày 29/8/2024, UBND huyện Gia Lộc tổ chức tập huấn phổ cập kỹ năng số cộng đồng, kỹ năng đưa sản phẩm lên sàn giao dịch điện tử cho doanh nghiệp, hộ kinh doanh trên địa bàn huyện.",
    ].join("\n\n"),
  },
];

/** `GET /api/v1/posts`. */
export function fakePostList(posts: PostResponse[] = FAKE_POSTS): PostListResponse {
  return {
    posts: posts.map(({ id, title, summary, publishedAt, periodTo, coverImageUrl }) => ({
      id,
      title,
      summary,
      publishedAt,
      ...(periodTo && { periodTo }),
      ...(coverImageUrl && { coverImageUrl }),
    })),
  };
}
