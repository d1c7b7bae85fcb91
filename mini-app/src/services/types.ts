import type {
  Catalogue,
  IndicatorHistoryResponse,
  IndicatorsResponse,
  PostListResponse,
  SnapshotListResponse,
  PostResponse,
  SubscriptionResponse,
} from "@cds/shared";

/** `GET /api/v1/catalogue`: the province, its groups and indicators, as data. */
export type CatalogueData = Pick<Catalogue, "province" | "groups" | "indicators">;

/**
 * The public API as the app uses it. The runtime trusts the server's JSON shapes (the shared TypeScript types);
 * the zod schemas check them in the tests, which keeps zod out of the citizen's download.
 */
export interface CitizenApi {
  indicators(): Promise<IndicatorsResponse>;
  history(id: string): Promise<IndicatorHistoryResponse>;
  catalogue(): Promise<CatalogueData>;
  /** Published weeks, newest first, each saying whether it holds made-up demo values. */
  snapshots(): Promise<SnapshotListResponse>;
  posts(): Promise<PostListResponse>;
  post(id: string): Promise<PostResponse>;
  /** The digest subscription of the Zalo user whose access token is given. */
  subscription(token: string): Promise<SubscriptionResponse>;
  setSubscription(token: string, subscribed: boolean): Promise<SubscriptionResponse>;
  /** Where the open data can be downloaded. */
  openDataUrl(file: "indicators.csv" | "indicators.json" | "dictionary.json"): string;
}

/**
 * Why a request failed, in the terms the pages act on: `offline` and `timeout` mean "try again when the
 * network is back" and show saved data; `not_found` and `not_published` are answers, not faults.
 */
export type FailureKind = "offline" | "timeout" | "not_found" | "not_published" | "unauthorized" | "server";

const MESSAGES: Record<FailureKind, string> = {
  offline: "Không có kết nối mạng. Vui lòng kiểm tra kết nối rồi thử lại.",
  timeout: "Máy chủ phản hồi quá lâu. Vui lòng thử lại.",
  not_found: "Không tìm thấy nội dung này.",
  not_published: "Chưa có số liệu nào được công bố.",
  unauthorized: "Chưa xác thực được tài khoản Zalo của bạn.",
  server: "Hệ thống đang gặp sự cố nên chưa tải được dữ liệu. Vui lòng thử lại sau ít phút.",
};

export class ApiFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string = MESSAGES[kind],
    readonly status?: number,
  ) {
    super(message);
    this.name = "ApiFailure";
  }
}

/** Any thrown value as an ApiFailure, so pages have one thing to show. */
export function asFailure(err: unknown): ApiFailure {
  return err instanceof ApiFailure ? err : new ApiFailure("server");
}

/** Failures after which the last saved copy is worth showing. */
export function isConnectivity(failure: ApiFailure): boolean {
  return failure.kind === "offline" || failure.kind === "timeout" || failure.kind === "server";
}
