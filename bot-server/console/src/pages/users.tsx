import { useState } from "react";
import {
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  PasswordInput,
  Stack,
  Switch,
  Table,
  TextInput,
} from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { get, patch, post } from "../api/client";
import type { Role, UserRow } from "../api/types";
import { useSession } from "../session/session";
import { DataTable, fieldsOf, Loading, PageTitle, useAction } from "../ui";

const ROLE_OPTIONS: Array<{ value: Role; label: string }> = [
  { value: "editor", label: "Biên tập viên" },
  { value: "approver", label: "Người phê duyệt" },
  { value: "admin", label: "Quản trị" },
];

type Dialog = { kind: "create" } | { kind: "password"; user: UserRow } | null;

/** Accounts, for admins: create, change roles, disable (ends their sessions), set a new password. */
export function UsersPage() {
  const { me } = useSession();
  const users = useQuery({ queryKey: ["users"], queryFn: () => get<{ users: UserRow[] }>("/api/v1/admin/users") });
  const queries = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form, setForm] = useState({ username: "", name: "", roles: ["editor"] as Role[], password: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { busy, run: act } = useAction();

  const run = async (work: () => Promise<unknown>, message: string) => {
    setErrors({});
    if ((await act(work, { done: message, onError: (err) => setErrors(fieldsOf(err)) })) === undefined) return;
    setDialog(null);
    setForm({ username: "", name: "", roles: ["editor"], password: "" });
    await queries.invalidateQueries({ queryKey: ["users"] });
  };
  const change = (u: UserRow, body: { roles?: Role[]; disabled?: boolean }) =>
    run(
      () => patch(`/api/v1/admin/users/${encodeURIComponent(u.username)}`, body),
      `Đã cập nhật tài khoản ${u.username}`,
    );

  return (
    <Stack>
      <Group justify="space-between">
        <PageTitle>Người dùng</PageTitle>
        <Button onClick={() => setDialog({ kind: "create" })}>Thêm người dùng</Button>
      </Group>
      {!users.data ? (
        <Loading error={users.error} />
      ) : (
        <DataTable
          label="Tài khoản"
          minWidth={760}
          headers={["Tên đăng nhập", "Họ tên", "Vai trò", "Hoạt động", "Mật khẩu"]}
        >
          {users.data.users.map((u) => (
            <Table.Tr key={u.username}>
              <Table.Td>
                {u.username} {u.username === me?.username && <Badge variant="outline">bạn</Badge>}
              </Table.Td>
              <Table.Td>{u.name}</Table.Td>
              <Table.Td>
                <MultiSelect
                  aria-label={`Vai trò của ${u.username}`}
                  data={ROLE_OPTIONS}
                  value={u.roles}
                  onChange={(v) => v.length > 0 && void change(u, { roles: v as Role[] })}
                  w={300}
                  size="xs"
                />
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={`Cho phép ${u.username} đăng nhập`}
                  checked={!u.disabled}
                  onChange={(e) => void change(u, { disabled: !e.currentTarget.checked })}
                />
              </Table.Td>
              <Table.Td>
                <Button size="xs" variant="default" onClick={() => setDialog({ kind: "password", user: u })}>
                  Đặt mật khẩu mới
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        title={
          dialog?.kind === "create"
            ? "Thêm người dùng"
            : `Mật khẩu mới cho ${dialog?.kind === "password" ? dialog.user.username : ""}`
        }
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (dialog?.kind === "create")
              void run(() => post("/api/v1/admin/users", form), `Đã tạo tài khoản ${form.username}`);
            if (dialog?.kind === "password")
              void run(
                () =>
                  post(`/api/v1/admin/users/${encodeURIComponent(dialog.user.username)}/password`, {
                    password: form.password,
                  }),
                "Đã đặt mật khẩu mới; các phiên cũ đã kết thúc",
              );
          }}
        >
          <Stack>
            {dialog?.kind === "create" && (
              <>
                <TextInput
                  label="Tên đăng nhập"
                  required
                  value={form.username}
                  error={errors.username}
                  onChange={(e) => setForm({ ...form, username: e.currentTarget.value })}
                />
                <TextInput
                  label="Họ tên"
                  value={form.name}
                  error={errors.name}
                  onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
                />
                <MultiSelect
                  label="Vai trò"
                  required
                  data={ROLE_OPTIONS}
                  value={form.roles}
                  error={errors.roles}
                  onChange={(v) => setForm({ ...form, roles: v as Role[] })}
                />
              </>
            )}
            <PasswordInput
              label="Mật khẩu (ít nhất 12 ký tự)"
              required
              autoComplete="new-password"
              value={form.password}
              error={errors.password}
              onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(null)}>
                Quay lại
              </Button>
              <Button type="submit" loading={busy}>
                Lưu
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
