import { useState } from "react";
import { Button, List, Stack } from "@mantine/core";
import { post as call } from "../api/client";
import { useAction } from "../ui";

/** The digest to the department's own test accounts, now, exactly as subscribers will get it. */
export function TestSend({ postId }: { postId: string }) {
  const { busy, run: act } = useAction();
  const [results, setResults] = useState<Array<{ userId: string; outcome: string }> | null>(null);
  const run = async () => {
    const answer = await act(
      () =>
        call<{ results: Array<{ userId: string; outcome: string }> }>(
          `/api/v1/admin/posts/${encodeURIComponent(postId)}/test-send`,
        ),
      { failed: "Chưa gửi thử được" },
    );
    if (answer) setResults(answer.results);
  };
  return (
    <Stack gap={4}>
      <Button variant="default" loading={busy} onClick={() => void run()}>
        Gửi thử cho nhóm kiểm tra
      </Button>
      {results && (
        <List size="sm" aria-live="polite">
          {results.map((r) => (
            <List.Item key={r.userId}>
              {/* The server explains a failure in Vietnamese; "sent" is the one outcome it names by key. */}
              {r.userId}: {r.outcome === "sent" ? "đã nhận" : r.outcome}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
