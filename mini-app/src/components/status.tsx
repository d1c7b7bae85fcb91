import { Button } from "zmp-ui";
import type { ApiFailure, FailureKind } from "../services/types";
import { useOnline } from "../state/online";
import { dateTimeText } from "../format";
import { Icon } from "./icons";

const TITLES: Record<FailureKind, string> = {
  offline: "Không có kết nối mạng",
  timeout: "Máy chủ phản hồi chậm",
  not_found: "Không tìm thấy",
  not_published: "Chưa có số liệu",
  unauthorized: "Chưa xác thực được tài khoản",
  server: "Chưa tải được dữ liệu",
};

/** A failure with nothing to show instead: what happened, in Vietnamese, and a retry. */
export function ErrorState({ error, onRetry }: { error: ApiFailure; onRetry?: () => void }) {
  const retryable = error.kind !== "not_found" && error.kind !== "not_published";
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{TITLES[error.kind]}</p>
      <p>{error.message}</p>
      {retryable && onRetry && (
        <Button variant="primary" size="medium" prefixIcon={<Icon name="retry" size={20} />} onClick={onRetry}>
          Thử lại
        </Button>
      )}
    </div>
  );
}

/** Shown over data read from storage because the network or the server failed. */
export function StaleNotice({ savedAt, onRetry }: { savedAt: string; onRetry: () => void }) {
  return (
    <div className="notice notice-stale" role="status">
      <p>
        Đang hiển thị dữ liệu lưu lúc <strong>{dateTimeText(savedAt)}</strong>. Kết nối lại mạng để xem số liệu mới
        nhất.
      </p>
      <Button variant="secondary" size="medium" prefixIcon={<Icon name="retry" size={20} />} onClick={onRetry}>
        Tải lại
      </Button>
    </div>
  );
}

/** The device says it is offline: said once, at the top, whatever page is open. */
export function OfflineBanner() {
  const online = useOnline();
  if (online) return null;
  return (
    <div className="offline-banner" role="status">
      Bạn đang ngoại tuyến. Số liệu hiển thị là bản đã lưu trên máy.
    </div>
  );
}
