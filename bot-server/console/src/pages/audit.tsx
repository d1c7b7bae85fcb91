import { useState } from "react";
import { Button, Code, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { DateTimePicker } from "@mantine/dates";
import { useInfiniteQuery } from "@tanstack/react-query";
import { get } from "../api/client";
import type { AuditEntry } from "../api/types";
import { formatDateTime, vnInstant } from "../format";
import { DataTable, Loading, PageTitle } from "../ui";

interface Filter {
  actor: string;
  post: string;
  from: string | null;
  to: string | null;
}

function query(f: Filter, before?: string): string {
  const q = new URLSearchParams({ limit: "50" });
  if (f.actor.trim()) q.set("actor", f.actor.trim());
  if (f.post.trim()) q.set("post", f.post.trim());
  if (f.from) q.set("from", vnInstant(f.from));
  if (f.to) q.set("to", vnInstant(f.to));
  if (before) q.set("before", before);
  return `/api/v1/admin/audit?${q}`;
}

/** Who did what, when, from where: newest first, filtered by person, post and time. */
export function AuditPage() {
  const [form, setForm] = useState<Filter>({ actor: "", post: "", from: null, to: null });
  const [filter, setFilter] = useState<Filter>(form);
  const entries = useInfiniteQuery({
    queryKey: ["audit", filter],
    queryFn: ({ pageParam }) => get<{ entries: AuditEntry[]; next?: string }>(query(filter, pageParam)),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next,
  });
  const rows = entries.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <Stack>
      <PageTitle>Nhật ký</PageTitle>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(form);
        }}
      >
        <Group align="flex-end">
          <TextInput
            label="Người thực hiện"
            value={form.actor}
            onChange={(e) => setForm({ ...form, actor: e.currentTarget.value })}
            w={180}
          />
          <TextInput
            label="Mã bài viết"
            value={form.post}
            onChange={(e) => setForm({ ...form, post: e.currentTarget.value })}
            w={220}
          />
          <DateTimePicker
            label="Từ (giờ Việt Nam)"
            valueFormat="DD/MM/YYYY HH:mm"
            value={form.from}
            onChange={(v) => setForm({ ...form, from: v ? String(v) : null })}
            clearable
            clearButtonProps={{ "aria-label": "Xóa thời điểm" }}
            w={190}
          />
          <DateTimePicker
            label="Đến (giờ Việt Nam)"
            valueFormat="DD/MM/YYYY HH:mm"
            value={form.to}
            onChange={(v) => setForm({ ...form, to: v ? String(v) : null })}
            clearable
            clearButtonProps={{ "aria-label": "Xóa thời điểm" }}
            w={190}
          />
          <Button type="submit">Lọc</Button>
        </Group>
      </form>
      {!entries.data ? (
        <Loading error={entries.error} />
      ) : rows.length === 0 ? (
        <Text>Không có mục nào.</Text>
      ) : (
        <DataTable
          label="Nhật ký thao tác"
          minWidth={800}
          headers={["Lúc", "Người", "Thao tác", "Đối tượng", "Chi tiết", "Địa chỉ"]}
        >
          {rows.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{formatDateTime(e.at)}</Table.Td>
              <Table.Td>{e.actor}</Table.Td>
              <Table.Td>
                <Code>{e.action}</Code>
              </Table.Td>
              <Table.Td>{e.target}</Table.Td>
              <Table.Td maw={360}>
                <Text size="xs" style={{ wordBreak: "break-word" }}>
                  {e.details ? JSON.stringify(e.details) : ""}
                </Text>
              </Table.Td>
              <Table.Td>{e.address}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {entries.hasNextPage && (
        <Button variant="default" loading={entries.isFetchingNextPage} onClick={() => void entries.fetchNextPage()}>
          Xem thêm
        </Button>
      )}
    </Stack>
  );
}
