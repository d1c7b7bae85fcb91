import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Redis } from "../../bot-server/src/store/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withoutRedisSettings } from "../redis/env";
import { connectTestRedis, dropPrefix, redisEnv, uniquePrefix } from "../../test/harness/redis";

const root = fileURLToPath(new URL("../../", import.meta.url));
const fixtures = join(root, "test/fixtures/reports");
const tsx = join(root, "node_modules/.bin/tsx");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done) => {
    execFile(
      command,
      args,
      { cwd: root, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        done({ code: err ? (typeof err.code === "number" ? err.code : null) : 0, stdout, stderr });
      },
    );
  });
}

// Each case starts a tsx process (about a second, more on a busy machine).
describe("npm run import-report", { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "cds-import-cli-"));
  const prefix = uniquePrefix("importcli");
  const dataDir = join(dir, "data");
  // The test Redis and a prefix of its own: a run that saves by mistake would be seen.
  const env = { ...redisEnv(), KEY_PREFIX: prefix, DATA_DIR: dataDir, PORT: "3999" };
  const cli = (...args: string[]) => run(tsx, ["tools/import-report/cli.ts", ...args], env);
  let redis: Redis;

  beforeAll(() => {
    redis = connectTestRedis();
    mkdirSync(join(dir, "a-folder"));
    const report = readFileSync(join(fixtures, "bao-cao-tuan-5-thang-8-2024.txt"));
    const size = 50 * 1024 * 1024;
    writeFileSync(
      join(dir, "50mb.txt"),
      Buffer.concat(Array.from({ length: Math.ceil(size / report.length) }, () => report)).subarray(0, size),
    );
  });
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  const keysWritten = async () => (await redis.keys(`{${prefix}}:*`)).length;

  describe.concurrent("--json", () => {
    it("prints what the founding report holds, and writes nothing", async () => {
      const r = await cli(join(fixtures, "bao-cao-tuan-5-thang-8-2024.txt"), "--json");
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as Record<string, unknown> & { values: Record<string, Record<string, unknown>> };
      expect(Object.keys(out)).toEqual(["period", "periodLabel", "values", "missing", "warnings", "news"]);
      expect(out.period).toEqual({ from: "2024-08-24", to: "2024-08-30" });
      expect(out.periodLabel).toBe("Tuần 5 tháng 8/2024");
      expect(Object.keys(out.values)).toHaveLength(30);
      expect(out.values["smart_hd.installs"]).toEqual({
        value: 45929,
        change: 90,
        source_text: expect.stringContaining("có 45.929 tài khoản cài đặt"),
      });
      expect(out.values["media.zalo_oa_followers"]).toMatchObject({ value: 1200000, qualifier: "more_than" });
      expect(out.missing).toEqual([]);
      expect(out.news).toMatchObject({ title: "Chuyển đổi số Hải Dương tuần 5 tháng 8/2024" });
      expect(await keysWritten()).toBe(0);
      expect(existsSync(dataDir)).toBe(false);
    });

    it("reads a .docx and a CRLF text of another week", async () => {
      const [docx, crlf] = await Promise.all([
        cli(join(fixtures, "bao-cao-tuan-5-thang-8-2024.docx"), "--json"),
        cli("--json", join(fixtures, "bao-cao-tuan-1-thang-9-2024-crlf.txt")),
      ]);
      expect(docx.code).toBe(0);
      expect(
        (JSON.parse(docx.stdout) as { values: Record<string, { value: number }> }).values[
          "vbdlis.cases_awaiting_supplement"
        ]?.value,
      ).toBe(3036);
      expect(crlf.code).toBe(0);
      const other = JSON.parse(crlf.stdout) as {
        period: unknown;
        values: Record<string, { value: number; change?: number }>;
      };
      expect(other.period).toEqual({ from: "2024-08-31", to: "2024-09-06" });
      expect(other.values["vbdlis.cases_in_progress"]).toMatchObject({ value: 18811, change: -31 });
    });

    it("lists what a report with a section removed does not give", async () => {
      const r = await cli(join(fixtures, "bao-cao-tuan-5-thang-8-2024-khong-muc-4-3.txt"), "--json");
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { missing: string[]; values: Record<string, unknown> };
      expect(out.missing).toHaveLength(8);
      expect(Object.keys(out.values)).toHaveLength(22);
    });

    it("works through the npm script", async () => {
      const r = await run(
        "npm",
        ["run", "--silent", "import-report", "--", join(fixtures, "bao-cao-tuan-1-thang-9-2024.txt"), "--json"],
        env,
      );
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as { periodLabel: string }).periodLabel).toBe("Tuần 1 tháng 9/2024");
    });
  });

  const badInputs: Array<[string, number, string[], RegExp]> = [
    ["no file", 2, [], /thiếu tệp báo cáo \/ missing report file; cách dùng \/ usage: npm run import-report/],
    ["two files", 2, ["a.txt", "b.txt"], /one file at a time/],
    ["an unknown option", 2, ["--jsn", "a.txt"], /Unknown option '--jsn'.*usage/],
    ["a missing file", 1, ["no-such-report.txt"], /no-such-report\.txt: Không tìm thấy tệp \/ File not found$/],
    ["a directory", 1, ["$DIR/a-folder"], /a-folder: .* \/ Not a regular file/],
    ["an empty file", 1, ["$FIXTURES/empty.txt"], /empty\.txt: Tệp rỗng.* \/ The file is empty$/],
    [
      "a binary file",
      1,
      ["$FIXTURES/binary.bin"],
      /binary\.bin: .* \/ Not a text \(UTF-8 \.txt\) or Word \(\.docx\) document$/,
    ],
    [
      "a corrupt .docx",
      1,
      ["$FIXTURES/corrupt.docx"],
      /corrupt\.docx: Tệp \.docx bị hỏng.* \/ The \.docx file is damaged/,
    ],
    ["a 50 MB file", 1, ["$DIR/50mb.txt"], /50mb\.txt: Tệp quá lớn \(50,0 MB, tối đa 5 MB\) \/ File too large/],
    [
      "a text that is not a report",
      1,
      ["$FIXTURES/not-a-report.txt"],
      /not-a-report\.txt: Không tìm thấy kỳ báo cáo.* \/ No reporting period found/,
    ],
  ];

  describe.concurrent.each(["--json", "saving"])("bad input (%s)", (mode) => {
    it.each(badInputs)("%s: one line on stderr, exit %i, nothing saved", async (_what, code, args, message) => {
      const paths = args.map((a) => a.replace("$DIR", dir).replace("$FIXTURES", fixtures));
      const r = await cli(...(mode === "--json" ? [...paths, "--json"] : paths));
      expect(r.code).toBe(code);
      expect(r.stdout).toBe("");
      expect(r.stderr.endsWith("\n")).toBe(true);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^import-report: /);
      expect(r.stderr.trimEnd()).toMatch(message);
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
      expect(await keysWritten()).toBe(0);
    });
  });

  describe("saving", () => {
    it("stores the report and a draft, and says where to review it", async () => {
      const r = await cli(resolve(fixtures, "bao-cao-tuan-5-thang-8-2024-khong-muc-4-3.txt"));
      expect(r.code).toBe(0);
      const lines = r.stdout.trimEnd().split("\n");
      expect(lines[0]).toBe(
        "Bản nháp đã lưu: tuần 5 tháng 8/2024 (2024-08-24 → 2024-08-30), 22/30 chỉ số; xem lại tại http://localhost:3999/console/#/snapshots/2024-08-30",
      );
      expect(lines[1]).toMatch(/^Thiếu \/ missing: vbdlis\.cases_total, /);
      expect(lines[2]).toBe("Cảnh báo / warning: Báo cáo không có mục 4.3: các chỉ số của mục này để trống.");
      expect(await redis.zcard(`{${prefix}}:reports`)).toBe(1);
    });

    it("says in one line when the store cannot be reached", async () => {
      // The run's Redis settings (a Cluster's, a Sentinel group's) replaced by one unreachable server.
      const unreachable = withoutRedisSettings(env);
      const r = await run(tsx, ["tools/import-report/cli.ts", join(fixtures, "bao-cao-tuan-5-thang-8-2024.txt")], {
        ...unreachable,
        REDIS_URL: "redis://127.0.0.1:1",
      });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(
        "import-report: Không kết nối được Redis / Cannot reach Redis: connect ECONNREFUSED 127.0.0.1:1\n",
      );
    });

    it("refuses a wrong configuration as a usage error", async () => {
      const r = await run(tsx, ["tools/import-report/cli.ts", join(fixtures, "bao-cao-tuan-5-thang-8-2024.txt")], {
        ...env,
        PORT: "abc",
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^import-report: Invalid configuration: PORT: .*\n$/);
      expect(await redis.zcard(`{${prefix}}:reports`)).toBe(1);
    });
  });
});
