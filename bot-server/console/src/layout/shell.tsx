import {
  AppShell,
  Badge,
  Burger,
  Group,
  Menu,
  NavLink,
  Text,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Link, Outlet, useLocation } from "react-router-dom";
import type { Permission, Role } from "../api/types";
import { useSession } from "../session/session";

const ROLE_NAMES: Record<Role, string> = { editor: "Biên tập viên", approver: "Người phê duyệt", admin: "Quản trị" };

/** The console's pages, each shown to those who may use it. */
const PAGES: Array<{ to: string; label: string; permission: Permission }> = [
  { to: "/bao-cao", label: "Báo cáo tuần", permission: "report.read" },
  { to: "/bai-viet", label: "Bài viết", permission: "post.read" },
  { to: "/gui-tin", label: "Lượt gửi", permission: "post.read" },
  { to: "/cau-hoi", label: "Câu hỏi của người dân", permission: "question.read" },
  { to: "/nhat-ky", label: "Nhật ký", permission: "audit.read" },
  { to: "/nguoi-dung", label: "Người dùng", permission: "user.manage" },
];

export function Shell() {
  const { me, can, signOut } = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  if (!me) return null;
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: "md", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label="Mở menu" />
            <Title order={1} size="h4">
              Bàn biên tập
            </Title>
          </Group>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <UnstyledButton>
                <Group gap="xs" wrap="nowrap">
                  <VisuallyHidden>Tài khoản:</VisuallyHidden>
                  <Text fw={600} size="sm">
                    {me.name || me.username}
                  </Text>
                  {me.roles.map((r) => (
                    <Badge key={r} variant="outline" color="dark" size="sm">
                      {ROLE_NAMES[r]}
                    </Badge>
                  ))}
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>Đăng nhập là {me.username}</Menu.Label>
              <Menu.Item onClick={() => void signOut(false)}>Đăng xuất</Menu.Item>
              <Menu.Item color="red" onClick={() => void signOut(true)}>
                Đăng xuất khỏi mọi thiết bị
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Các trang">
        {PAGES.filter((p) => can(p.permission)).map((p) => (
          <NavLink
            key={p.to}
            component={Link}
            to={p.to}
            label={p.label}
            active={location.pathname.startsWith(p.to)}
            variant="filled"
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
