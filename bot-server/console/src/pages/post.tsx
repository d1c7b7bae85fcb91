import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Alert, Anchor, Button, Grid, Group, Modal, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import type { PostInput, PostStatus } from "@cds/shared/schemas/posts";
import { api, patch, post as call } from "../api/client";
import type { Post } from "../api/types";
import { formatDateTime } from "../format";
import { CoverUpload } from "../posts/cover-upload";
import { DiffView } from "../posts/diff-view";
import { PlanView } from "../posts/plan-view";
import { PostForm } from "../posts/post-form";
import { FollowersPreview } from "../posts/preview";
import { postKey, postsKey, SEND_STATUSES, usePlan, usePost, usePreview } from "../posts/queries";
import { SchedulePanel } from "../posts/schedule-panel";
import { StatusBadge } from "../posts/status-badge";
import { TestSend } from "../posts/test-send";
import { SendPanel } from "../sends/send-panel";
import { useSession } from "../session/session";
import { fieldsOf, Loading, notifyDone, useAction } from "../ui";

const EDITABLE: readonly PostStatus[] = ["draft", "submitted", "approved", "scheduled"];

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function ReviewPlan({ post }: { post: Post }) {
  const plan = usePlan(post);
  return !plan.data ? <Loading error={plan.error} /> : <PlanView plan={plan.data.plan} />;
}

export function PostPage() {
  const { id = "" } = useParams();
  const { can, me } = useSession();
  const loaded = usePost(id);
  const queries = useQueryClient();
  const [draft, setDraft] = useState<PostInput | null>(null);
  const { busy, run } = useAction();
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState("");
  const preview = usePreview(id, loaded.data?.post.version);

  if (!loaded.data) return <Loading error={loaded.error} />;
  const post = loaded.data.post;
  const path = `/api/v1/admin/posts/${encodeURIComponent(post.id)}`;
  const mine = post.createdBy === me?.username || post.updatedBy === me?.username;

  const changed = async (next: Post, message?: string) => {
    queries.setQueryData(postKey(post.id), { post: next });
    await queries.invalidateQueries({ queryKey: postKey(post.id) });
    await queries.invalidateQueries({ queryKey: postsKey });
    setDraft(null);
    if (message) notifyDone(message);
  };
  /** A change of the post: the server's answer is the post as it now is. */
  const act = async (work: () => Promise<{ post: Post }>, message: string) => {
    setServerErrors({});
    const answer = await run(work, { onError: (err) => setServerErrors(fieldsOf(err)) });
    if (answer) await changed(answer.post, message);
    return answer;
  };
  const save = (v: PostInput) =>
    act(() => patch<{ post: Post }>(path, { ...v, version: post.version }), "Đã lưu bài viết");

  const editable = can("post.write") && EDITABLE.includes(post.status);
  const content = { ...post, ...(draft ?? {}) };

  return (
    <Stack>
      <Anchor component={Link} to="/bai-viet" size="sm">
        ← Bài viết
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2} data-testid="post-title">
            {post.title}
          </Title>
          <Group gap="xs">
            <StatusBadge status={post.status} />
            <Text size="sm">
              Phiên bản {post.version} · viết bởi {post.createdBy} lúc {formatDateTime(post.createdAt)}
              {post.updatedBy && post.updatedBy !== post.createdBy ? ` · sửa bởi ${post.updatedBy}` : ""}
            </Text>
          </Group>
        </Stack>
      </Group>
      {post.rejection && post.status === "draft" && (
        <Alert color="orange" title={`Bị trả lại bởi ${post.rejection.by} lúc ${formatDateTime(post.rejection.at)}`}>
          {post.rejection.note}
        </Alert>
      )}
      {post.approval && (
        <Text size="sm">
          Đã duyệt bởi {post.approval.by} lúc {formatDateTime(post.approval.at)}.
        </Text>
      )}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            {editable ? (
              <Section title="Nội dung">
                <Stack>
                  {post.status !== "draft" && (
                    <Alert color="yellow">
                      Sửa nội dung sẽ đưa bài viết về bản nháp: cần gửi duyệt và được duyệt lại.
                    </Alert>
                  )}
                  <PostForm
                    key={post.version}
                    initial={{ title: post.title, summary: post.summary, body: post.body }}
                    submitLabel="Lưu"
                    busy={busy}
                    serverErrors={serverErrors}
                    onSave={(v) => void save(v)}
                    onChange={setDraft}
                  >
                    {post.status === "draft" && can("post.submit") && (
                      <Button
                        variant="filled"
                        color="teal"
                        disabled={draft !== null}
                        loading={busy}
                        onClick={() => void act(() => call<{ post: Post }>(`${path}/submit`), "Đã gửi duyệt")}
                      >
                        Gửi duyệt
                      </Button>
                    )}
                  </PostForm>
                  <CoverUpload post={post} onDone={(p) => void changed(p, "Đã đặt ảnh bìa")} />
                  {draft !== null && <Text size="sm">Lưu thay đổi trước khi gửi duyệt.</Text>}
                </Stack>
              </Section>
            ) : null}
            {post.status === "submitted" && can("post.approve") && (
              <Section title="Phê duyệt">
                <Stack>
                  <DiffView post={post} />
                  <Title order={4} size="h5">
                    Kế hoạch gửi nếu gửi ngay
                  </Title>
                  <ReviewPlan post={post} />
                  {mine && <Alert color="orange">Bạn đã viết hoặc sửa bài này: người khác phải phê duyệt.</Alert>}
                  <Group>
                    <Button
                      color="teal"
                      loading={busy}
                      disabled={mine}
                      onClick={() => void act(() => call<{ post: Post }>(`${path}/approve`), "Đã phê duyệt")}
                    >
                      Phê duyệt
                    </Button>
                    <Button variant="default" onClick={() => setRejecting(true)}>
                      Trả lại
                    </Button>
                  </Group>
                </Stack>
              </Section>
            )}
            {post.status === "approved" && can("post.schedule") && (
              <Section title="Lên lịch gửi">
                <SchedulePanel post={post} onScheduled={(p) => void changed(p, "Đã đặt lịch gửi")} />
              </Section>
            )}
            {post.status === "approved" && can("post.publish") && (
              <Button
                variant="default"
                loading={busy}
                onClick={() => void act(() => call<{ post: Post }>(`${path}/publish`), "Đã đăng trên mini app")}
              >
                Chỉ đăng trên mini app, không gửi tin
              </Button>
            )}
            {post.status === "scheduled" && can("post.schedule") && (
              <Button
                variant="default"
                color="red"
                loading={busy}
                onClick={() =>
                  void act(() => api<{ post: Post }>("DELETE", `${path}/schedule`, { body: {} }), "Đã hủy lịch gửi")
                }
              >
                Hủy lịch gửi
              </Button>
            )}
            {SEND_STATUSES.includes(post.status) && (
              <Section title="Lượt gửi">
                <SendPanel postId={post.id} />
              </Section>
            )}
            {can("post.test_send") && EDITABLE.includes(post.status) && (
              <Section title="Gửi thử">
                <TestSend postId={post.id} />
              </Section>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          {!preview.data ? (
            <Loading error={preview.error} />
          ) : (
            <FollowersPreview
              content={content}
              saved={preview.data.preview}
              at={post.publishedAt ?? post.approval?.at}
            />
          )}
        </Grid.Col>
      </Grid>
      <Modal opened={rejecting} onClose={() => setRejecting(false)} title="Trả lại bài viết">
        <Stack>
          <Textarea
            label="Lý do (người viết sẽ thấy)"
            required
            autosize
            minRows={3}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={serverErrors.note}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRejecting(false)}>
              Quay lại
            </Button>
            <Button
              color="orange"
              loading={busy}
              disabled={note.trim() === ""}
              onClick={() =>
                void act(() => call<{ post: Post }>(`${path}/reject`, { note }), "Đã trả lại bài viết").then(
                  (answer) => {
                    if (!answer) return;
                    setRejecting(false);
                    setNote("");
                  },
                )
              }
            >
              Trả lại
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
