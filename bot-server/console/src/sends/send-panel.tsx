import { useState } from "react";
import { Alert, Badge, Button, Group, Modal, Progress, SimpleGrid, Stack, Text, Textarea } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { post as call } from "../api/client";
import type { SendProgress } from "../api/types";
import { formatDateTime, formatDuration, formatViNumber } from "../format";
import { LIVE_STATES, postKey, useSend } from "../posts/queries";
import { useSession } from "../session/session";
import { Loading, NoteList, useAction } from "../ui";

const STATE_LABELS: Record<SendProgress["send"]["state"], string> = {
  scheduled: "Đã lên lịch",
  waiting_for_person: "Chờ người xác nhận",
  sending: "Đang gửi",
  paused: "Tạm dừng",
  cancelled: "Đã hủy",
  done: "Đã xong",
};
const BROADCAST_LABELS: Record<SendProgress["send"]["broadcast"]["state"], string> = {
  pending: "chờ gửi",
  article_created: "đã tạo bài viết, chờ Zalo xử lý",
  calling: "đang gửi",
  in_review: "đã gửi, Zalo đang duyệt (khoảng 30 phút)",
  uncertain: "chưa rõ đã gửi hay chưa",
  refused: "không gửi được",
  skipped: "không gửi",
};

type Action =
  { kind: "pause" | "resume" | "cancel" | "proceed" | "retry-failed" } | { kind: "broadcast"; wentOut: boolean };

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" data-figure={label}>
        {formatViNumber(value)}
      </Text>
    </Stack>
  );
}

/** A send as it happens: figures that update without reload, and the controls, each confirmed with who it affects. */
export function SendPanel({ postId }: { postId: string }) {
  const { can } = useSession();
  const progress = useSend(postId);
  const queries = useQueryClient();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [reason, setReason] = useState("");
  const { busy, run: act } = useAction();
  if (!progress.data) return <Loading error={progress.error} />;
  const p = progress.data;
  const { send } = p;
  const total = send.digest.recipients;
  const settled = p.sent + p.failed + p.skipped;
  const percent = total > 0 ? Math.round((settled / total) * 100) : send.state === "done" ? 100 : 0;
  const control = can("send.control");

  const run = async (a: Action) => {
    const path = `/api/v1/admin/posts/${encodeURIComponent(postId)}/send/${a.kind}`;
    const done = await act(
      () => call(path, a.kind === "pause" ? { reason } : a.kind === "broadcast" ? { wentOut: a.wentOut } : {}),
      { done: "Đã thực hiện" },
    );
    if (done === undefined) return;
    setConfirming(null);
    setReason("");
    await queries.invalidateQueries({ queryKey: postKey(postId) });
  };
  const confirmText = (a: Action): string => {
    switch (a.kind) {
      case "pause":
        return `Tạm dừng gửi: ${formatViNumber(p.remaining)} người chưa nhận sẽ chờ đến khi tiếp tục.`;
      case "resume":
        return `Tiếp tục gửi cho ${formatViNumber(p.remaining)} người chưa nhận.`;
      case "cancel":
        return `Hủy lượt gửi: ${formatViNumber(p.remaining)} người sẽ không nhận được bản tin này. Không hoàn tác được.`;
      case "proceed":
        return `Xác nhận gửi tiếp dù có lưu ý ở trên.`;
      case "retry-failed":
        return `Gửi lại cho ${formatViNumber(p.failed)} người gửi lỗi.`;
      case "broadcast":
        return a.wentOut
          ? "Xác nhận: tin quảng bá ĐÃ được gửi (đã kiểm tra trong OA Manager)."
          : "Xác nhận: tin quảng bá CHƯA được gửi (không có trong OA Manager).";
    }
  };

  return (
    <Stack gap="sm" aria-label="Tiến độ gửi">
      <Group gap="xs">
        <Badge
          size="lg"
          color={send.state === "done" ? "green" : send.state === "cancelled" ? "gray" : "blue"}
          data-send-state={send.state}
        >
          {STATE_LABELS[send.state]}
        </Badge>
        <Text size="sm">
          Lịch: {formatDateTime(send.scheduledFor)} · đặt bởi {send.scheduledBy}
        </Text>
      </Group>
      <Progress value={percent} size="xl" aria-label={`Đã xử lý ${percent}%`} />
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label="Đã gửi" value={p.sent} />
        <Figure label="Lỗi" value={p.failed} />
        <Figure label="Bỏ qua" value={p.skipped} />
        <Figure label="Còn lại" value={p.remaining} />
      </SimpleGrid>
      <Text size="sm">
        {LIVE_STATES.includes(send.state)
          ? `Tốc độ: ${formatViNumber(p.ratePerSecond)} tin/giây · dự kiến xong sau: ${formatDuration(p.etaSeconds)}`
          : `Bắt đầu ${formatDateTime(send.startedAt)} · kết thúc ${formatDateTime(send.finishedAt)}`}
      </Text>
      <Text size="sm">Tin quảng bá: {BROADCAST_LABELS[send.broadcast.state]}</Text>
      {send.digest.pausedReason && send.state === "paused" && (
        <Alert color="yellow">Lý do tạm dừng: {send.digest.pausedReason}</Alert>
      )}
      {send.state === "waiting_for_person" && (
        <NoteList notes={send.reasons} color="orange" title="Cần người xác nhận trước khi gửi" />
      )}
      {send.broadcast.state === "uncertain" && (
        <Alert color="red" title="Chưa rõ tin quảng bá đã được gửi hay chưa">
          <Text size="sm">
            Hệ thống đã gọi Zalo lúc {formatDateTime(send.broadcast.callingSince)} nhưng không ghi nhận được kết quả. Để
            không gửi hai lần, hệ thống không tự gửi lại. Mở OA Manager (oa.zalo.me) → Quản lý tin nhắn, tìm bài “
            {send.broadcast.articleId ?? "—"}” gửi khoảng thời gian trên rồi xác nhận.
          </Text>
          {send.broadcast.lastAnswer && <Text size="sm">Trả lời cuối của Zalo: {send.broadcast.lastAnswer}</Text>}
          {control && (
            <Group mt="xs">
              <Button color="red" onClick={() => setConfirming({ kind: "broadcast", wentOut: true })}>
                Đã gửi
              </Button>
              <Button variant="default" onClick={() => setConfirming({ kind: "broadcast", wentOut: false })}>
                Chưa gửi
              </Button>
            </Group>
          )}
        </Alert>
      )}
      {control && (
        <Group>
          {send.state === "sending" && (
            <Button variant="default" onClick={() => setConfirming({ kind: "pause" })}>
              Tạm dừng
            </Button>
          )}
          {send.state === "paused" && <Button onClick={() => setConfirming({ kind: "resume" })}>Tiếp tục</Button>}
          {send.state === "waiting_for_person" && (
            <Button onClick={() => setConfirming({ kind: "proceed" })}>Gửi tiếp</Button>
          )}
          {(send.state === "done" || send.state === "paused") && p.failed > 0 && (
            <Button variant="default" onClick={() => setConfirming({ kind: "retry-failed" })}>
              Gửi lại cho người bị lỗi
            </Button>
          )}
          {(send.state === "sending" || send.state === "paused" || send.state === "waiting_for_person") && (
            <Button color="red" variant="outline" onClick={() => setConfirming({ kind: "cancel" })}>
              Hủy lượt gửi
            </Button>
          )}
        </Group>
      )}
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title="Xác nhận">
        {confirming && (
          <Stack>
            <Text>{confirmText(confirming)}</Text>
            {confirming.kind === "pause" && (
              <Textarea
                label="Lý do tạm dừng"
                required
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
              />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)}>
                Quay lại
              </Button>
              <Button
                color={confirming.kind === "cancel" ? "red" : "blue"}
                loading={busy}
                disabled={confirming.kind === "pause" && reason.trim() === ""}
                onClick={() => void run(confirming)}
              >
                Xác nhận
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
