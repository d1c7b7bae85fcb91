import { z } from "zod";
import { ROLES } from "../../../domain/accounts/roles";
import { changePassword, createUser, publicUser, updateUser, type UserDeps } from "../../../domain/accounts/users";
import { answering, parseInput } from "./input";
import type { AdminRoute } from "./route-table";
import { whoOf } from "./actor";

const roles = z
  .array(z.enum(ROLES, { message: `Vai trò là một trong: ${ROLES.join(", ")}` }))
  .min(1, "Cần ít nhất một vai trò");
const newUser = z.strictObject({
  username: z.string().trim().min(1, "Cần tên đăng nhập"),
  name: z.string().trim().max(100, "Họ tên tối đa 100 ký tự").default(""),
  roles,
  password: z.string().min(1, "Cần mật khẩu"),
});
const userChange = z.strictObject({
  roles: roles.optional(),
  disabled: z.boolean().optional(),
  name: z.string().trim().max(100).optional(),
});
const newPassword = z.strictObject({ password: z.string().min(1, "Cần mật khẩu") });

export function userRoutes(deps: UserDeps): AdminRoute[] {
  return [
    {
      method: "get",
      path: "/api/v1/admin/users",
      permission: "user.manage",
      async handle(_req, res) {
        res.json({ users: (await deps.users.list()).map(publicUser) });
      },
    },
    {
      method: "post",
      path: "/api/v1/admin/users",
      permission: "user.manage",
      async handle(req, res) {
        res.status(201).json({
          user: publicUser(await answering(createUser(deps, whoOf(req, res), parseInput(newUser, req.body)))),
        });
      },
    },
    {
      method: "patch",
      path: "/api/v1/admin/users/:username",
      permission: "user.manage",
      async handle(req, res) {
        const change = parseInput(userChange, req.body);
        res.json({
          user: publicUser(await answering(updateUser(deps, whoOf(req, res), String(req.params.username), change))),
        });
      },
    },
    {
      method: "post",
      path: "/api/v1/admin/users/:username/password",
      permission: "user.manage",
      async handle(req, res) {
        await answering(
          changePassword(
            deps,
            whoOf(req, res),
            String(req.params.username),
            parseInput(newPassword, req.body).password,
          ),
        );
        res.json({ ok: true });
      },
    },
  ];
}
