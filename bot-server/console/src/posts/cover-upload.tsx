import { Button, FileButton, Group, Text } from "@mantine/core";
import { upload } from "../api/client";
import type { Post } from "../api/types";
import { notifyError, useAction } from "../ui";

/** Zalo's limit for an article cover; the server checks the bytes themselves, this spares a wasted upload. */
const COVER_MAX_BYTES = 1024 * 1024;

export function CoverUpload({ post, onDone }: { post: Post; onDone(p: Post): void }) {
  const { busy, run } = useAction();
  const send = async (file: File | null) => {
    if (!file) return;
    if (file.size > COVER_MAX_BYTES)
      return notifyError(
        new Error(`Ảnh ${Math.round(file.size / 1024)} KB: ảnh bìa tối đa 1 MB (giới hạn của Zalo)`),
        "Ảnh quá lớn",
      );
    if (!["image/jpeg", "image/png"].includes(file.type))
      return notifyError(new Error("Ảnh bìa phải là ảnh JPEG hoặc PNG"), "Không nhận ảnh này");
    const answer = await run(
      () =>
        upload<{ post: Post }>(
          `/api/v1/admin/posts/${encodeURIComponent(post.id)}/cover?version=${post.version}`,
          file,
        ),
      { failed: "Chưa đặt được ảnh bìa" },
    );
    if (answer) onDone(answer.post);
  };
  return (
    <Group gap="xs">
      <FileButton onChange={(f) => void send(f)} accept="image/png,image/jpeg">
        {(props) => (
          <Button {...props} variant="default" loading={busy}>
            {post.coverImageUrl ? "Đổi ảnh bìa" : "Tải ảnh bìa"}
          </Button>
        )}
      </FileButton>
      <Text size="xs" c="dimmed">
        JPEG hoặc PNG, tối đa 1 MB
      </Text>
    </Group>
  );
}
