import { useState } from "react";
import { Link } from "react-router-dom";
import { Anchor, Button, Group, MultiSelect, Stack, Table, Text } from "@mantine/core";
import { POST_STATUSES, type PostStatus } from "@cds/shared/schemas/posts";
import { formatDateTime, STATUS_LABELS } from "../format";
import { usePosts } from "../posts/queries";
import { StatusBadge } from "../posts/status-badge";
import { useSession } from "../session/session";
import { DataTable, Loading, PageTitle } from "../ui";

export function PostsPage() {
  const { can } = useSession();
  const [statuses, setStatuses] = useState<PostStatus[]>([]);
  const posts = usePosts(statuses);
  return (
    <Stack>
      <Group justify="space-between">
        <PageTitle>Bài viết</PageTitle>
        {can("post.write") && (
          <Button component={Link} to="/bai-viet/moi">
            Viết bài mới
          </Button>
        )}
      </Group>
      <MultiSelect
        label="Lọc theo trạng thái"
        placeholder="Mọi trạng thái"
        data={POST_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        value={statuses}
        onChange={(v) => setStatuses(v as PostStatus[])}
        clearable
        clearButtonProps={{ "aria-label": "Bỏ lọc" }}
        maw={520}
      />
      {!posts.data ? (
        <Loading error={posts.error} />
      ) : posts.data.posts.length === 0 ? (
        <Text>Không có bài viết nào{statuses.length > 0 ? " ở trạng thái này" : ""}.</Text>
      ) : (
        <DataTable
          label="Danh sách bài viết"
          minWidth={700}
          headers={["Tiêu đề", "Trạng thái", "Sửa lần cuối", "Người viết"]}
        >
          {posts.data.posts.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Anchor component={Link} to={`/bai-viet/${p.id}`}>
                  {p.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={p.status} />
              </Table.Td>
              <Table.Td>{formatDateTime(p.updatedAt ?? p.createdAt)}</Table.Td>
              <Table.Td>{p.updatedBy ?? p.createdBy}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Stack>
  );
}
