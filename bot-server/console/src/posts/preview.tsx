import { AspectRatio, Box, Button, Card, Image, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { outgoingPost } from "../../../src/domain/delivery/outgoing";
import type { OutgoingPost, Post } from "../api/types";
import { formatDateTime } from "../format";

interface Props {
  /** The post as being edited (unsaved changes included). */
  content: Pick<Post, "title" | "summary" | "body" | "coverImageUrl">;
  /** The server's view of the saved post: where the post lives and the article's author. */
  saved: OutgoingPost;
  at?: string;
}

const ZALO_BLUE = "#0068ff";

/**
 * What followers will get, built by the same function the send uses: the article card and its page, the
 * CS digest with its button, and the post's page in the mini app. Text is rendered as text: nothing a writer
 * types becomes markup.
 */
export function FollowersPreview({ content, saved, at }: Props) {
  const view = outgoingPost(content, saved.postUrl, saved.article.author);
  const paragraphs = content.body.split(/\n\s*\n/).filter((p) => p.trim() !== "");
  return (
    <Stack gap="md" aria-label="Xem trước">
      <Title order={3} size="h4">
        Người theo dõi sẽ nhận được
      </Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder p="sm" radius="md" aria-label="Tin bài viết (article) trong Zalo">
          <Text size="xs" fw={700} mb={6}>
            Bài viết gửi quảng bá (Zalo)
          </Text>
          <Card withBorder padding={0} radius="md">
            {view.article.coverUrl ? (
              <AspectRatio ratio={16 / 9}>
                <Image src={view.article.coverUrl} alt="Ảnh bìa" />
              </AspectRatio>
            ) : (
              <Box p="sm" bg="gray.1">
                <Text size="xs">Chưa có ảnh bìa: bài sẽ không được gửi quảng bá, chỉ gửi tin tóm tắt.</Text>
              </Box>
            )}
            <Box p="sm">
              <Text fw={700} data-preview="article-title">
                {view.article.title}
              </Text>
              <Text size="sm" lineClamp={3}>
                {view.article.description}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                {view.article.author}
              </Text>
            </Box>
          </Card>
        </Paper>
        <Paper withBorder p="sm" radius="md" aria-label="Tin tóm tắt gửi người đăng ký">
          <Text size="xs" fw={700} mb={6}>
            Tin tóm tắt gửi người đăng ký (tin tư vấn)
          </Text>
          <Paper bg="gray.1" p="sm" radius="lg">
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-preview="digest-text">
              {view.digest.text}
            </Text>
          </Paper>
          <Button
            fullWidth
            mt={6}
            variant="outline"
            color="blue"
            style={{ color: ZALO_BLUE, borderColor: ZALO_BLUE }}
            component="a"
            href={view.digest.button.url}
            target="_blank"
            rel="noreferrer"
          >
            {view.digest.button.title}
          </Button>
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="md" radius="md" aria-label="Trang bài viết trong mini app">
        <Text size="xs" fw={700} mb={6}>
          Trang bài viết trong mini app
        </Text>
        <Stack gap={6} maw={420}>
          {view.article.coverUrl && <Image src={view.article.coverUrl} alt="" radius="sm" />}
          <Text fw={700} size="lg" data-preview="mini-app-title">
            {content.title}
          </Text>
          <Text size="xs" c="dimmed">
            {at ? formatDateTime(at) : "Ngày đăng"}
          </Text>
          <Text size="sm" fw={600}>
            {content.summary}
          </Text>
          {paragraphs.map((p, i) => (
            <Text key={i} size="sm" data-preview="mini-app-paragraph">
              {p}
            </Text>
          ))}
        </Stack>
      </Paper>
    </Stack>
  );
}
