import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Stack } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import type { PostInput } from "@cds/shared/schemas/posts";
import { post } from "../api/client";
import type { Post } from "../api/types";
import { PostForm } from "../posts/post-form";
import { postsKey } from "../posts/queries";
import { fieldsOf, notifyError, PageTitle } from "../ui";

export function NewPostPage() {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const save = async (values: PostInput) => {
    setBusy(true);
    try {
      const answer = await post<{ id: string; post: Post }>("/api/v1/admin/posts", values);
      await queries.invalidateQueries({ queryKey: postsKey });
      navigate(`/bai-viet/${answer.id}`, { replace: true });
    } catch (err) {
      setServerErrors(fieldsOf(err));
      notifyError(err, "Chưa lưu được bài viết");
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack maw={820}>
      <PageTitle>Viết bài mới</PageTitle>
      <PostForm initial={{ title: "", summary: "", body: "" }} submitLabel="Lưu bản nháp" busy={busy} serverErrors={serverErrors} onSave={(v) => void save(v)} />
    </Stack>
  );
}
