import { useState, type FormEvent, type ReactNode } from "react";
import { Button, Group, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { POST_LIMITS, postInputSchema, type PostInput } from "@cds/shared/schemas/posts";
import { formatViNumber, zaloLength } from "../format";

interface Props {
  initial: PostInput;
  submitLabel: string;
  busy: boolean;
  /** Messages per field from the server's answer. */
  serverErrors?: Record<string, string>;
  onSave(values: PostInput): void;
  onChange?(values: PostInput): void;
  children?: ReactNode;
}

function Counter({ used, limit }: { used: number; limit: number }) {
  return (
    <Text size="xs" c={used > limit ? "red.9" : "dimmed"} aria-live="polite">
      {formatViNumber(used)} / {formatViNumber(limit)} ký tự
      {used > limit ? ` — quá ${formatViNumber(used - limit)} ký tự so với giới hạn của Zalo` : ""}
    </Text>
  );
}

/** Title, description and body, checked with the same schema the server uses, with Zalo's limits counted as typed. */
export function PostForm({ initial, submitLabel, busy, serverErrors = {}, onSave, onChange, children }: Props) {
  const [values, setValues] = useState<PostInput>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (field: keyof PostInput, v: string) => {
    const next = { ...values, [field]: v };
    setValues(next);
    onChange?.(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = postInputSchema.safeParse(values);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[String(issue.path[0])] ??= issue.message;
      setErrors(found);
      return;
    }
    setErrors({});
    onSave(parsed.data);
  };
  const error = (f: string) => errors[f] ?? serverErrors[f];
  const digestLength = zaloLength(`${values.title}\n\n${values.summary}`);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <div>
          <TextInput
            label="Tiêu đề"
            required
            value={values.title}
            error={error("title")}
            onChange={(e) => set("title", e.currentTarget.value)}
          />
          <Counter used={zaloLength(values.title)} limit={POST_LIMITS.title} />
        </div>
        <div>
          <Textarea
            label="Mô tả (hiện dưới tiêu đề trong Zalo)"
            required
            autosize
            minRows={2}
            value={values.summary}
            error={error("summary")}
            onChange={(e) => set("summary", e.currentTarget.value)}
          />
          <Counter used={zaloLength(values.summary)} limit={POST_LIMITS.summary} />
        </div>
        <div>
          <Textarea
            label="Nội dung (mỗi đoạn cách nhau một dòng trống)"
            required
            autosize
            minRows={8}
            maxRows={24}
            value={values.body}
            error={error("body")}
            onChange={(e) => set("body", e.currentTarget.value)}
          />
          <Counter used={zaloLength(values.body)} limit={POST_LIMITS.body} />
        </div>
        <Text size="xs" c={digestLength > POST_LIMITS.digest ? "red.9" : "dimmed"}>
          Tin tóm tắt gửi người đăng ký (tiêu đề + mô tả): {formatViNumber(digestLength)} /{" "}
          {formatViNumber(POST_LIMITS.digest)} ký tự
        </Text>
        {serverErrors.digest && (
          <Text size="sm" c="red.9">
            {serverErrors.digest}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
          {children}
        </Group>
      </Stack>
    </form>
  );
}
