import { useState } from "react";
import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { DateTimePicker } from "@mantine/dates";
import { post as send } from "../api/client";
import type { Post, SendRecord } from "../api/types";
import { formatDateTime, vnInstant, vnLocal } from "../format";
import { usePlan } from "./queries";
import { PlanView } from "./plan-view";
import { Loading, useAction } from "../ui";

/**
 * Scheduling an approved post: a time in Vietnam's hours, the plan for that time, and a refusal that says
 * why when the server would move it (Zalo sends nothing at night). "As soon as allowed" takes the server's
 * own first moment, so no browser clock decides.
 */
export function SchedulePanel({ post, onScheduled }: { post: Post; onScheduled(p: Post): void }) {
  const [local, setLocal] = useState<string | null>(null);
  const { busy, run } = useAction();
  const chosen = local ? vnInstant(local) : undefined;
  const plan = usePlan(post, chosen);
  const moved = plan.data && chosen && Date.parse(plan.data.plan.startsAt) !== Date.parse(chosen);

  const schedule = async (at: string) => {
    const answer = await run(
      () =>
        send<{ post: Post; send: SendRecord }>(`/api/v1/admin/posts/${encodeURIComponent(post.id)}/schedule`, { at }),
      { failed: "Chưa đặt được lịch gửi" },
    );
    if (answer) onScheduled(answer.post);
  };

  return (
    <Stack gap="sm">
      <DateTimePicker
        label="Thời điểm gửi (giờ Việt Nam)"
        placeholder="Chọn ngày và giờ"
        valueFormat="DD/MM/YYYY HH:mm"
        value={local}
        onChange={(v) => setLocal(v ? String(v) : null)}
        clearable
        clearButtonProps={{ "aria-label": "Xóa thời điểm" }}
        maw={320}
        minDate={new Date()}
      />
      {!plan.data ? <Loading error={plan.error} /> : <PlanView plan={plan.data.plan} />}
      {moved && plan.data && (
        <Alert color="red" title="Không gửi vào giờ này" role="alert">
          {plan.data.plan.warnings.join(" ")} Chọn giờ khác, hoặc gửi lúc {formatDateTime(plan.data.plan.startsAt)}.
        </Alert>
      )}
      <Group>
        {chosen && !moved && (
          <Button loading={busy} onClick={() => void schedule(chosen)}>
            Đặt lịch gửi lúc {formatDateTime(chosen)}
          </Button>
        )}
        {moved && plan.data && (
          <Button variant="default" onClick={() => setLocal(vnLocal(plan.data.plan.startsAt))}>
            Dùng {formatDateTime(plan.data.plan.startsAt)}
          </Button>
        )}
        {!chosen && plan.data && (
          <Button loading={busy} onClick={() => void schedule(plan.data.plan.startsAt)}>
            Gửi sớm nhất có thể ({formatDateTime(plan.data.plan.startsAt)})
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        Lịch gửi đã đặt vẫn hủy được trước giờ gửi.
      </Text>
    </Stack>
  );
}
