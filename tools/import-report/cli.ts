import { parseArgs } from "node:util";
import { defaultCatalogue, type ImportResult } from "@cds/shared";
import { ConfigError } from "../../bot-server/src/config";
import { ImportError } from "../../bot-server/src/domain/importer/import-error";
import { importReport, type ReportImport } from "../../bot-server/src/domain/importer/import-report";
import { readReportFile, type ReportDocument } from "../../bot-server/src/domain/importer/read-document";

/**
 * `npm run import-report -- <file> [--json]`: reads a weekly report (.txt or .docx).
 *   --json   prints what was read ({ period, periodLabel, values, missing, warnings, news }) and writes nothing
 *   default  saves the report and a draft snapshot for review in the console
 * Exit codes: 0 done; 1 the file cannot be read or is not a weekly report, or saving failed; 2 wrong usage
 * or configuration. Every failure is one line on stderr.
 */
const USAGE = "cách dùng / usage: npm run import-report -- <báo-cáo.txt|.docx> [--json]";

class UsageError extends Error {}

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

async function run(argv: string[]): Promise<void> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? oneLine(err.message) : String(err)}; ${USAGE}`);
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [file, ...extra] = args.positionals;
  if (file === undefined) throw new UsageError(`thiếu tệp báo cáo / missing report file; ${USAGE}`);
  if (extra.length > 0) throw new UsageError(`chỉ nhập một tệp / one file at a time; ${USAGE}`);

  let doc: ReportDocument;
  let read: ReportImport;
  try {
    doc = await readReportFile(file);
    read = importReport(doc.text);
  } catch (err) {
    throw err instanceof ImportError ? new Error(`${file}: ${err.message}`) : err;
  }
  const { period, periodLabel, values, missing, warnings, news } = read;
  const result: ImportResult = { period, periodLabel, values, missing, warnings };
  if (args.values.json) {
    process.stdout.write(`${JSON.stringify({ ...result, news }, null, 2)}\n`);
    return;
  }
  // Loaded only when saving: --json never touches the store, nor loads its client.
  const { saveDraft } = await import("./save-draft");
  const saved = await saveDraft({
    name: doc.name,
    text: doc.text,
    result,
    catalogueSize: defaultCatalogue.indicators.length,
  });
  const lines = [saved];
  if (missing.length > 0) lines.push(`Thiếu / missing: ${missing.join(", ")}`);
  for (const w of warnings) lines.push(`Cảnh báo / warning: ${w}`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
    strict: true,
  });
}

try {
  await run(process.argv.slice(2));
} catch (err) {
  const usage = err instanceof UsageError || err instanceof ConfigError;
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`import-report: ${oneLine(message)}\n`);
  // exitCode rather than exit(): stdout is flushed before the process ends.
  process.exitCode = usage ? 2 : 1;
}
