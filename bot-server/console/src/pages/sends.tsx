import { Link } from "react-router-dom";
import { Anchor, Paper, Stack, Text, Title } from "@mantine/core";
import { SEND_STATUSES, usePosts } from "../posts/queries";
import { StatusBadge } from "../posts/status-badge";
import { SendPanel } from "../sends/send-panel";
import { Loading, PageTitle } from "../ui";

/** Every send, newest first: the ones under way update live, the finished ones show their report. */
export function SendsPage() {
  const posts = usePosts(SEND_STATUSES);
  return (
    <Stack>
      <PageTitle>Lượt gửi</PageTitle>
      {!posts.data ? (
        <Loading error={posts.error} />
      ) : posts.data.posts.length === 0 ? (
        <Text>Chưa có lượt gửi nào. Bài viết đã duyệt được lên lịch gửi ở trang của bài.</Text>
      ) : (
        posts.data.posts.map((p) => (
          <Paper key={p.id} withBorder p="md" radius="md" component="section" aria-label={p.title}>
            <Stack gap="xs">
              <Title order={3} size="h5">
                <Anchor component={Link} to={`/bai-viet/${p.id}`}>
                  {p.title}
                </Anchor>
              </Title>
              <StatusBadge status={p.status} />
              <SendPanel postId={p.id} />
            </Stack>
          </Paper>
        ))
      )}
      <Text size="xs" c="dimmed">
        Các lượt đang chạy, tạm dừng hoặc chờ xác nhận tự cập nhật mỗi 2 giây.
      </Text>
    </Stack>
  );
}
