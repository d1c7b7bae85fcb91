import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Stack } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import type { PostInput } from "@cds/shared/schemas/posts";
import { post } from "../api/client";
import type { Post } from "../api/types";
import { PostForm } from "../posts/post-form";
import { postsKey } from "../posts/queries";
import { fieldsOf, PageTitle, useAction } from "../ui";

export function NewPostPage() {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const { busy, run } = useAction();
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const save = async (values: PostInput) => {
    const answer = await run(() => post<{ id: string; post: Post }>("/api/v1/admin/posts", values), {
      failed: "Chưa lưu được bài viết",
      onError: (err) => setServerErrors(fieldsOf(err)),
    });
    if (!answer) return;
    await queries.invalidateQueries({ queryKey: postsKey });
    navigate(`/bai-viet/${answer.id}`, { replace: true });
  };
  return (
    <Stack maw={820}>
      <PageTitle>Viết bài mới</PageTitle>
      <PostForm
        initial={{ title: "", summary: "", body: "" }}
        submitLabel="Lưu bản nháp"
        busy={busy}
        serverErrors={serverErrors}
        onSave={(v) => void save(v)}
      />
    </Stack>
  );
}
