import { Link, useNavigate } from "react-router-dom";
import { Anchor, Badge, Group, Stack, Table, Text } from "@mantine/core";
import { Dropzone } from "@mantine/dropzone";
import { useQueryClient } from "@tanstack/react-query";
import { formatPeriodRange } from "@cds/shared/format/dates";
import { upload } from "../api/client";
import type { UploadAnswer } from "../api/types";
import { useSession } from "../session/session";
import { useWeeks, weekKey, weeksKey } from "../reports/queries";
import { DataTable, Loading, notifyError, PageTitle, useAction } from "../ui";

const ACCEPT = {
  "text/plain": [".txt"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": [".docx"],
};
const MAX_BYTES = 5 * 1024 * 1024;

export function ReportsPage() {
  const { can } = useSession();
  const weeks = useWeeks();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const { busy, run } = useAction();

  const send = async (file: File) => {
    const answer = await run(
      () => upload<UploadAnswer>(`/api/v1/admin/reports?name=${encodeURIComponent(file.name)}`, file),
      { failed: "Không nhập được báo cáo" },
    );
    if (!answer) return;
    await queries.invalidateQueries({ queryKey: weeksKey });
    await queries.invalidateQueries({ queryKey: weekKey(answer.snapshot.id) });
    navigate(`/bao-cao/${answer.snapshot.id}`, { state: { warnings: answer.warnings } });
  };

  return (
    <Stack>
      <PageTitle>Báo cáo tuần</PageTitle>
      {can("report.write") && (
        <Dropzone
          onDrop={(files) => files[0] && void send(files[0])}
          onReject={(rejected) =>
            notifyError(
              new Error(
                rejected[0]?.errors[0]?.code === "file-too-large"
                  ? "Tệp quá lớn (tối đa 5 MB)"
                  : "Chỉ nhận tệp .txt hoặc .docx",
              ),
              "Không nhận tệp này",
            )
          }
          accept={ACCEPT}
          maxSize={MAX_BYTES}
          maxFiles={1}
          loading={busy}
          inputProps={{ "aria-label": "Chọn tệp báo cáo tuần (.txt hoặc .docx)" }}
        >
          <Stack align="center" gap={4} py="lg">
            <Text fw={600}>Kéo thả báo cáo tuần vào đây, hoặc bấm để chọn tệp</Text>
            <Text size="sm" c="dimmed">
              Tệp .docx hoặc .txt, tối đa 5 MB. Số liệu đọc được sẽ thành bản nháp để kiểm tra trước khi công bố.
            </Text>
          </Stack>
        </Dropzone>
      )}
      {!weeks.data ? (
        <Loading error={weeks.error} />
      ) : weeks.data.weeks.length === 0 ? (
        <Text>Chưa có tuần nào. Tải lên báo cáo tuần đầu tiên để bắt đầu.</Text>
      ) : (
        <DataTable
          label="Các tuần có số liệu"
          minWidth={600}
          headers={["Tuần", "Trạng thái", "Phiên bản", "Số chỉ số"]}
        >
          {weeks.data.weeks.map((w) => (
            <Table.Tr key={w.id}>
              <Table.Td>
                <Anchor component={Link} to={`/bao-cao/${w.id}`}>
                  {formatPeriodRange(w.period)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {w.publishedRevision !== null && <Badge color="green">Đã công bố (bản {w.publishedRevision})</Badge>}
                  {w.status === "draft" && <Badge color="orange">Bản nháp chờ công bố</Badge>}
                </Group>
              </Table.Td>
              <Table.Td>{w.revision}</Table.Td>
              <Table.Td>
                {w.values} / {weeks.data.catalogue.indicators.length}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Stack>
  );
}
