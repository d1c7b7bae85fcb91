import { userInfo } from "node:os";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { ConfigError, parseConfig } from "../bot-server/src/config";
import { ROLES, type Role } from "../bot-server/src/domain/accounts/roles";
import { changePassword, createUser, updateUser, type UserDeps } from "../bot-server/src/domain/accounts/users";
import { createAuditStream } from "../bot-server/src/store/audit-stream";
import { keyspace } from "../bot-server/src/store/keys";
import { createRedis } from "../bot-server/src/store/redis";
import { createSessionRepository } from "../bot-server/src/store/session-repository";
import { createUserRepository } from "../bot-server/src/store/user-repository";
import { openStackRedis } from "./stack/stack-redis";

/**
 * `npm run user:add -- --username u --name "Họ tên" --role editor [--role approver]`,
 * `npm run user:passwd -- --username u`, `npm run user:disable -- --username u` (`--enable` undoes it).
 * The password is typed at the terminal (not shown) or piped on standard input: never a flag, which
 * would stay in the shell's history and the process list.
 */
const USAGE =
  "usage: npm run user:add -- --username <u> --name <name> --role <editor|approver|admin> …; user:passwd -- --username <u>; user:disable -- --username <u> [--enable]";

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = "";
    for await (const chunk of process.stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? "";
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Echo nothing while the password is typed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (s.includes(prompt)) process.stdout.write(s);
  };
  const answer = await new Promise<string>((resolve) => rl.question(prompt, resolve));
  rl.close();
  process.stdout.write("\n");
  return answer;
}

function operator(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return "cli";
  }
}

const [command, ...rest] = process.argv.slice(2);
let values: { username?: string; name?: string; role?: string[]; enable?: boolean };
try {
  ({ values } = parseArgs({
    args: rest,
    options: {
      username: { type: "string" },
      name: { type: "string" },
      role: { type: "string", multiple: true },
      enable: { type: "boolean" },
    },
    strict: true,
  }));
} catch (err) {
  fail(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
}
if (!["add", "passwd", "disable"].includes(command ?? "")) fail(USAGE);
if (!values.username) fail(`--username is required\n${USAGE}`);
const roles = values.role ?? [];
if (command === "add" && (roles.length === 0 || roles.some((r) => !(ROLES as readonly string[]).includes(r))))
  fail(`--role must be one or more of ${ROLES.join(", ")}\n${USAGE}`);

let config;
try {
  config = parseConfig();
} catch (err) {
  fail(err instanceof ConfigError ? err.message : String(err));
}
const stack = await openStackRedis(config, (m) => process.stderr.write(`${m}\n`));
const redis = createRedis(stack.target, "users-cli");
redis.on("error", () => {});
const keys = keyspace(config.keyPrefix);
const deps: UserDeps = {
  users: createUserRepository(redis, keys),
  sessions: createSessionRepository(redis, keys),
  audit: createAuditStream(redis, keys),
  now: () => new Date(),
};
const by = { username: operator(), address: "cli" };
let code = 0;
try {
  if (command === "add") {
    const password = await readPassword("Mật khẩu / Password: ");
    const user = await createUser(deps, by, {
      username: values.username,
      name: values.name ?? "",
      roles: roles as Role[],
      password,
    });
    process.stdout.write(`created ${user.username} (${user.roles.join(", ")})\n`);
  } else if (command === "passwd") {
    await changePassword(deps, by, values.username, await readPassword("Mật khẩu mới / New password: "));
    process.stdout.write(`password changed for ${values.username}; their sessions are ended\n`);
  } else {
    const user = await updateUser(deps, by, values.username, { disabled: !values.enable });
    process.stdout.write(`${user.username} ${user.disabled ? "disabled; their sessions are ended" : "enabled"}\n`);
  }
} catch (err) {
  code = 1;
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
} finally {
  await redis.quit().catch(() => redis.disconnect());
  await stack.stop();
}
process.exit(code);
