import type { PostStatus } from "@cds/shared/schemas/posts";
import { formatViNumber } from "@cds/shared/format/numbers";

export { formatViNumber };

/** Every time an editor reads is Vietnam's, whatever the computer's zone. */
export const VN_ZONE = "Asia/Ho_Chi_Minh";

const dateTime = new Intl.DateTimeFormat("vi-VN", {
  timeZone: VN_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

export function formatDateTime(iso: string | undefined | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "—" : dateTime.format(d);
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  if (seconds < 60) return `${Math.round(seconds)} giây`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} phút` : `${Math.floor(minutes / 60)} giờ ${minutes % 60} phút`;
}

export const STATUS_LABELS: Record<PostStatus, string> = {
  draft: "Bản nháp",
  submitted: "Chờ duyệt",
  approved: "Đã duyệt",
  scheduled: "Đã lên lịch",
  sending: "Đang gửi",
  sent: "Đã gửi",
  partially_sent: "Gửi một phần",
  cancelled: "Đã hủy",
  failed: "Gửi lỗi",
  uncertain: "Cần xác nhận",
  published: "Đã đăng trên mini app",
};

/** Dark shades: the badges' text keeps a 4.5:1 contrast. */
export const STATUS_COLORS: Record<PostStatus, string> = {
  draft: "gray",
  submitted: "orange",
  approved: "teal",
  scheduled: "blue",
  sending: "indigo",
  sent: "green",
  partially_sent: "yellow",
  cancelled: "gray",
  failed: "red",
  uncertain: "red",
  published: "green",
};

/** Characters as Zalo counts them: after NFC normalisation. */
export const zaloLength = (s: string) => s.normalize("NFC").length;

export function formatVnd(n: number): string {
  return `${formatViNumber(Math.round(n))} đồng`;
}

/** "2026-12-04 09:00" in Vietnam → the instant, as the API takes it. Vietnam keeps +07:00 all year. */
export function vnInstant(local: string): string {
  const [date, time = "00:00"] = local.trim().split(/[ T]/);
  return `${date}T${time.slice(0, 5)}:00+07:00`;
}

/** The instant as "YYYY-MM-DD HH:mm" in Vietnam: the date picker's value. */
export function vnLocal(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: VN_ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour === "24" ? "00" : parts.hour}:${parts.minute}`;
}
