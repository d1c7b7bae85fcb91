import { useState } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { Alert, Anchor, Badge, Button, Group, Modal, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { formatPeriodRange } from "@cds/shared/format/dates";
import type { IndicatorValue } from "@cds/shared/schemas/indicators";
import { patch, post } from "../api/client";
import type { Snapshot } from "../api/types";
import { formatDateTime } from "../format";
import { useWeek, useWeeks, weekKey, weeksKey } from "../reports/queries";
import { changesFrom, WeekTable, type Edits } from "../reports/week-table";
import { useSession } from "../session/session";
import { DataTable, fieldsOf, Loading, NoteList, notifyDone, PageTitle, useAction } from "../ui";

export function WeekPage() {
  const { week = "" } = useParams();
  const location = useLocation();
  const importWarnings = (location.state as { warnings?: string[] } | null)?.warnings ?? [];
  const { can } = useSession();
  const weeks = useWeeks();
  const review = useWeek(week);
  const queries = useQueryClient();
  const [edits, setEdits] = useState<Edits>({});
  const [bulletin, setBulletin] = useState<string | null>(null);
  const { busy, run } = useAction();
  const [correcting, correction] = useDisclosure(false);
  // A published week is read as it is; correcting it is a deliberate step.
  const [amending, setAmending] = useState(false);
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | undefined>();

  if (!weeks.data || !review.data) return <Loading error={weeks.error ?? review.error} />;
  const { latest, published, revisions, missing } = review.data;
  const values = latest.values as Record<string, IndicatorValue>;
  const isDraft = latest.status === "draft";
  const editable = isDraft ? can("report.write") : can("report.publish") && amending;
  const changed = Object.keys(edits).length > 0;

  const onEdit = (id: string, field: "value" | "change", v: number | "") =>
    setEdits((e) => ({
      ...e,
      [id]: { ...(e[id] ?? { value: values[id]?.value ?? "", change: values[id]?.change ?? "" }), [field]: v },
    }));
  const refresh = async () => {
    setEdits({});
    setAmending(false);
    await Promise.all([
      queries.invalidateQueries({ queryKey: weekKey(week) }),
      queries.invalidateQueries({ queryKey: weeksKey }),
    ]);
  };
  const saveDraft = () =>
    run(async () => {
      const answer = await patch<{ snapshot: Snapshot }>(`/api/v1/admin/reports/${week}`, {
        revision: latest.revision,
        changes: changesFrom(edits, values),
      });
      notifyDone(`Đã lưu bản sửa (phiên bản ${answer.snapshot.revision})`);
      await refresh();
    });
  const publish = () =>
    run(async () => {
      const answer = await post<{ snapshot: Snapshot; bulletin?: string }>(`/api/v1/admin/reports/${week}/publish`, {
        revision: latest.revision,
      });
      setBulletin(answer.bulletin ?? null);
      notifyDone("Đã công bố số liệu tuần: người dân thấy ngay trên mini app");
      await refresh();
    });
  const correct = () =>
    run(
      async () => {
        await post(`/api/v1/admin/reports/${week}/corrections`, { changes: changesFrom(edits, values), note });
        correction.close();
        setNote("");
        notifyDone("Đã đính chính số liệu đã công bố");
        await refresh();
      },
      { onError: (err) => setNoteError(fieldsOf(err).note) },
    );

  return (
    <Stack>
      <Anchor component={Link} to="/bao-cao" size="sm">
        ← Báo cáo tuần
      </Anchor>
      <PageTitle>Số liệu tuần {formatPeriodRange(latest.period)}</PageTitle>
      <Group gap="xs">
        {published && <Badge color="green">Đã công bố phiên bản {published.revision}</Badge>}
        {isDraft && <Badge color="orange">Bản nháp phiên bản {latest.revision}, chưa công bố</Badge>}
        {missing.length > 0 && <Badge color="red">Thiếu {missing.length} chỉ số</Badge>}
        {Object.keys(review.data.flags).length > 0 && (
          <Badge color="red">{Object.keys(review.data.flags).length} chỉ số bất thường</Badge>
        )}
      </Group>
      <NoteList notes={importWarnings} color="yellow" title="Lưu ý khi đọc báo cáo" />
      {bulletin && (
        <Alert color="green" title="Bản tin tuần đã được soạn sẵn">
          Bản tin tự động từ báo cáo là điểm bắt đầu:{" "}
          <Anchor component={Link} to={`/bai-viet/${bulletin}`}>
            mở bản tin để biên tập
          </Anchor>
          .
        </Alert>
      )}
      <WeekTable catalogue={weeks.data.catalogue} review={review.data} {...(editable && { edits, onEdit })} />
      <Group>
        {isDraft && can("report.write") && (
          <Button variant="default" disabled={!changed} loading={busy} onClick={() => void saveDraft()}>
            Lưu bản sửa
          </Button>
        )}
        {isDraft && can("report.publish") && (
          <Button disabled={changed} loading={busy} onClick={() => void publish()}>
            Công bố phiên bản {latest.revision}
          </Button>
        )}
        {!isDraft && can("report.publish") && !amending && (
          <Button variant="default" onClick={() => setAmending(true)}>
            Sửa số liệu đã công bố…
          </Button>
        )}
        {!isDraft && amending && (
          <>
            <Button color="orange" disabled={!changed} onClick={correction.open}>
              Đính chính (cần ghi lý do)
            </Button>
            <Button
              variant="default"
              onClick={() => {
                setEdits({});
                setAmending(false);
              }}
            >
              Thôi
            </Button>
          </>
        )}
      </Group>
      {isDraft && changed && <Text size="sm">Lưu bản sửa trước khi công bố: chỉ công bố đúng phiên bản đã xem.</Text>}

      <Title order={3} mt="lg">
        Lịch sử phiên bản
      </Title>
      <DataTable
        label="Lịch sử phiên bản"
        minWidth={600}
        headers={["Phiên bản", "Trạng thái", "Tạo lúc", "Người tạo", "Ghi chú"]}
      >
        {[...revisions].reverse().map((r) => (
          <Table.Tr key={r.revision}>
            <Table.Td>{r.revision}</Table.Td>
            <Table.Td>{r.status === "published" ? `Đã công bố ${formatDateTime(r.publishedAt)}` : "Bản nháp"}</Table.Td>
            <Table.Td>{formatDateTime(r.createdAt)}</Table.Td>
            <Table.Td>{r.createdBy}</Table.Td>
            <Table.Td>{r.note ?? ""}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>

      <Modal opened={correcting} onClose={correction.close} title="Đính chính số liệu đã công bố">
        <Stack>
          <Text size="sm">Người dân sẽ thấy số liệu mới ngay. Lý do được ghi vào lịch sử phiên bản và nhật ký.</Text>
          <Textarea
            label="Lý do đính chính"
            required
            value={note}
            error={noteError}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={correction.close}>
              Hủy
            </Button>
            <Button color="orange" loading={busy} disabled={note.trim() === ""} onClick={() => void correct()}>
              Đính chính
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
