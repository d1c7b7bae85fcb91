import { useCallback, useState, type ReactNode } from "react";
import { Alert, Center, List, Loader, Table, Title, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { ApiError } from "./api/client";

const CLOSE = { "aria-label": "Đóng thông báo" };

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : "Đã có lỗi xảy ra";
}

/** Per-field messages of a refusal, for a form's inputs. */
export function fieldsOf(err: unknown): Record<string, string> {
  return err instanceof ApiError ? err.fields : {};
}

export function notifyError(err: unknown, title = "Không thực hiện được"): void {
  notifications.show({ color: "red", title, message: messageOf(err), autoClose: 8000, closeButtonProps: CLOSE });
}

export function notifyDone(message: string): void {
  notifications.show({ color: "green", title: "Đã xong", message, closeButtonProps: CLOSE });
}

export function PageTitle({ children }: { children: ReactNode }) {
  return (
    <Title order={2} mb="md">
      {children}
    </Title>
  );
}

/** What a page shows while its data loads, or why it could not. */
export function Loading({ error }: { error?: unknown }) {
  if (error) {
    return (
      <Alert color="red" title="Không tải được dữ liệu" role="alert">
        {messageOf(error)}
      </Alert>
    );
  }
  return (
    <Center py="xl" role="status">
      <Loader />
      <VisuallyHidden>Đang tải</VisuallyHidden>
    </Center>
  );
}

/**
 * One action at a time from a page or panel: `busy` while it runs, a toast when it is done or refused
 * (with the server's message); resolves to the work's result, or undefined when it failed.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <T,>(
      work: () => Promise<T>,
      o: { done?: string; failed?: string; onError?(err: unknown): void } = {},
    ): Promise<T | undefined> => {
      setBusy(true);
      try {
        const result = await work();
        if (o.done) notifyDone(o.done);
        return result;
      } catch (err) {
        o.onError?.(err);
        notifyError(err, o.failed);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [],
  );
  return { busy, run };
}

/** A table with its header row, scrolling sideways on a narrow screen rather than squeezing its columns. */
export function DataTable({
  label,
  minWidth,
  headers,
  children,
}: {
  label: string;
  minWidth: number;
  headers: string[];
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {headers.map((h) => (
              <Table.Th key={h}>{h}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Notes the server gave (warnings, reasons), as a list in a coloured box; nothing when there are none. */
export function NoteList({
  notes,
  color,
  title,
}: {
  notes: readonly string[] | undefined;
  color: string;
  title?: string;
}) {
  if (!notes || notes.length === 0) return null;
  return (
    <Alert color={color} title={title} p={title ? undefined : "xs"}>
      <List size="sm">
        {notes.map((n) => (
          <List.Item key={n}>{n}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
