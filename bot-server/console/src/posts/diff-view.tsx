import { Box, Stack, Text } from "@mantine/core";
import { diffWords } from "diff";
import type { Post } from "../api/types";

function Changes({ label, before, after }: { label: string; before: string; after: string }) {
  const parts = diffWords(before, after);
  const changed = parts.some((p) => p.added || p.removed);
  return (
    <Box>
      <Text size="sm" fw={700}>
        {label}
        {changed ? "" : " (không đổi)"}
      </Text>
      {changed && (
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
          {parts.map((p, i) =>
            p.added ? (
              <ins key={i} style={{ background: "#d3f9d8", textDecoration: "none" }} aria-label={`thêm: ${p.value}`}>
                {p.value}
              </ins>
            ) : p.removed ? (
              <del key={i} style={{ background: "#ffe3e3" }} aria-label={`bỏ: ${p.value}`}>
                {p.value}
              </del>
            ) : (
              <span key={i}>{p.value}</span>
            ),
          )}
        </Text>
      )}
    </Box>
  );
}

/** What changed since the last approval: words added (green) and removed (struck through). */
export function DiffView({ post }: { post: Post }) {
  const last = post.lastApproved;
  if (!last) return <Text size="sm">Bài viết chưa được duyệt lần nào: toàn bộ nội dung là mới.</Text>;
  return (
    <Stack gap="xs">
      <Text size="sm">So với bản đã duyệt bởi {last.by}:</Text>
      <Changes label="Tiêu đề" before={last.title} after={post.title} />
      <Changes label="Mô tả" before={last.summary} after={post.summary} />
      <Changes label="Nội dung" before={last.body} after={post.body} />
      {(last.coverImageUrl ?? "") !== (post.coverImageUrl ?? "") && (
        <Text size="sm" fw={700}>
          Ảnh bìa đã thay đổi
        </Text>
      )}
    </Stack>
  );
}
