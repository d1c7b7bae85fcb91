import type { ReactNode } from "react";
import { Alert, Center, Loader, Title, VisuallyHidden } from "@mantine/core";
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
