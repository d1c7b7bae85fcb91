import { useState } from "react";
import { Alert, Badge, Button, Group, Modal, SegmentedControl, Stack, Table, Text, Textarea } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { get, post } from "../api/client";
import type { Question } from "../api/types";
import { formatDateTime, zaloLength } from "../format";
import { useSession } from "../session/session";
import { DataTable, fieldsOf, Loading, PageTitle, useAction } from "../ui";

const REPLY_MAX = 2000;

/** What followers asked and the chatbot could not answer: read, answer in Zalo (once), or set aside. */
export function QuestionsPage() {
  const { can } = useSession();
  const [state, setState] = useState<"open" | "all">("open");
  const questions = useQuery({
    queryKey: ["questions", state],
    queryFn: () => get<{ questions: Question[]; canAnswer: boolean }>(`/api/v1/admin/questions?state=${state}`),
    refetchInterval: 15_000,
  });
  const queries = useQueryClient();
  const [answering, setAnswering] = useState<Question | null>(null);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | undefined>();
  const { busy, run } = useAction();

  const act = async (q: Question, action: "answer" | "handled") => {
    setError(undefined);
    const done = await run(
      () => post(`/api/v1/admin/questions/${encodeURIComponent(q.id)}/${action}`, action === "answer" ? { text } : {}),
      {
        done: action === "answer" ? "Đã gửi câu trả lời trong Zalo" : "Đã đánh dấu đã xử lý",
        onError: (err) => setError(fieldsOf(err).text),
      },
    );
    if (done === undefined) return;
    setAnswering(null);
    setText("");
    await queries.invalidateQueries({ queryKey: ["questions"] });
  };

  return (
    <Stack>
      <PageTitle>Câu hỏi của người dân</PageTitle>
      <SegmentedControl
        value={state}
        onChange={(v) => setState(v as "open" | "all")}
        data={[
          { value: "open", label: "Chưa xử lý" },
          { value: "all", label: "Tất cả" },
        ]}
        w={260}
        aria-label="Lọc câu hỏi"
      />
      {questions.data && !questions.data.canAnswer && (
        <Alert color="yellow">Chưa kết nối Zalo OA: đọc và đánh dấu được, chưa trả lời được trong Zalo.</Alert>
      )}
      {!questions.data ? (
        <Loading error={questions.error} />
      ) : questions.data.questions.length === 0 ? (
        <Text>Không có câu hỏi nào {state === "open" ? "chưa xử lý" : ""}.</Text>
      ) : (
        <DataTable
          label="Câu hỏi chatbot chưa trả lời được"
          minWidth={700}
          headers={["Lúc", "Câu hỏi", "Người hỏi", "Xử lý"]}
        >
          {questions.data.questions.map((q) => (
            <Table.Tr key={q.id}>
              <Table.Td>{formatDateTime(q.at)}</Table.Td>
              <Table.Td style={{ whiteSpace: "pre-wrap" }}>{q.text}</Table.Td>
              <Table.Td>
                <Text size="xs">{q.userId}</Text>
              </Table.Td>
              <Table.Td>
                {q.handled ? (
                  <Stack gap={2}>
                    <Badge color={q.handled.reply ? "green" : "gray"}>
                      {q.handled.reply ? "Đã trả lời" : "Đã xử lý"}
                    </Badge>
                    <Text size="xs">
                      {q.handled.by}, {formatDateTime(q.handled.at)}
                    </Text>
                    {q.handled.reply && <Text size="xs">“{q.handled.reply}”</Text>}
                  </Stack>
                ) : can("question.answer") ? (
                  <Group gap="xs">
                    {questions.data.canAnswer && (
                      <Button size="xs" onClick={() => setAnswering(q)}>
                        Trả lời
                      </Button>
                    )}
                    <Button size="xs" variant="default" loading={busy} onClick={() => void act(q, "handled")}>
                      Đã xử lý
                    </Button>
                  </Group>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <Modal opened={answering !== null} onClose={() => setAnswering(null)} title="Trả lời trong Zalo">
        {answering && (
          <Stack>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              “{answering.text}”
            </Text>
            <Text size="xs" c="dimmed">
              Gửi như tin tư vấn của OA: chỉ được khi người hỏi tương tác với OA trong 7 ngày qua.
            </Text>
            <Textarea
              label="Câu trả lời"
              required
              autosize
              minRows={3}
              value={text}
              error={error}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            <Text size="xs" c={zaloLength(text) > REPLY_MAX ? "red.9" : "dimmed"}>
              {zaloLength(text)} / {REPLY_MAX} ký tự
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAnswering(null)}>
                Quay lại
              </Button>
              <Button loading={busy} disabled={text.trim() === ""} onClick={() => void act(answering, "answer")}>
                Gửi trả lời
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
