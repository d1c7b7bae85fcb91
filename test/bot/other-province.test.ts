import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { presentIndicators } from "@cds/shared";
import { catalogueFor } from "../../bot-server/src/catalogue";
import { matchIntent } from "../../bot-server/src/domain/chatbot/intents";
import { composeReply } from "../../bot-server/src/domain/chatbot/replies";
import { importReport } from "../../bot-server/src/domain/importer/import-report";

/**
 * Another province brings its own file, not code: a fictional province's catalogue (other indicators, other
 * names, its own report phrases and vocabulary) imports its own weekly report and is answered by the chatbot.
 */
const CATALOGUE = fileURLToPath(new URL("../fixtures/catalogues/an-phu.json", import.meta.url));
const REPORT = readFileSync(new URL("../fixtures/reports/an-phu-tuan-2-thang-3-2025.txt", import.meta.url), "utf8");

describe("a second province, by configuration alone", () => {
  const catalogue = catalogueFor({ catalogueFile: CATALOGUE });
  const imported = importReport(REPORT, catalogue);

  it("imports its report with its own phrases: every figure, its change, nothing missing", () => {
    expect(imported.period).toEqual({ from: "2025-03-08", to: "2025-03-14" });
    expect(imported.missing).toEqual([]);
    expect(imported.warnings).toEqual([]);
    const read = Object.fromEntries(
      Object.entries(imported.values).map(([id, v]) => [id, v.change === undefined ? v.value : [v.value, v.change]]),
    );
    expect(read).toEqual({
      "dvc.online_payment_rate": 61.5,
      "dvc.digitized_rate": 78,
      "smart_hd.app_users": [120450, 1205],
      "smart_hd.feedback_handled": 342,
      "smart_hd.feedback_pending": 27,
      "media.radio_items": 12,
      "infosec.incidents": 3,
    });
    expect(imported.values["smart_hd.app_users"]?.source_text).toContain("120.450 người dùng");
  });

  it("is understood by the chatbot in its own words, siblings told apart by their qualifiers", () => {
    const cases: Array<[string, unknown]> = [
      ["bao nhiêu người dùng An Phú Số", { kind: "indicator", id: "smart_hd.app_users" }],
      ["phản ánh đang chờ xử lý bao nhiêu", { kind: "indicator", id: "smart_hd.feedback_pending" }],
      ["phan anh da xu ly xong may cai", { kind: "indicator", id: "smart_hd.feedback_handled" }],
      ["thanh toán online bao nhiêu %", { kind: "indicator", id: "dvc.online_payment_rate" }],
      ["tuần này có mấy sự cố an toàn thông tin", { kind: "indicator", id: "infosec.incidents" }],
      ["số hóa là gì", { kind: "definition", id: "dvc.digitized_rate" }],
      ["tình hình chuyển đổi số tuần này", { kind: "indicators" }],
      ["ứng dụng An Phú Số", { kind: "indicators", group: "smart_hd" }],
      ["làm căn cước ở đâu", { kind: "unknown" }],
    ];
    for (const [text, intent] of cases) expect(matchIntent(text, catalogue), text).toEqual(intent);
  });

  it("answers with the province's figures, formatted the Vietnamese way", () => {
    const latest = {
      period: { ...imported.period, label: imported.periodLabel },
      revision: 1,
      publishedAt: "2025-03-14T10:00:00.000Z",
      ...presentIndicators(catalogue.indicators, imported.values),
    };
    const ctx = { catalogue, latest, miniAppUrl: (p: string) => `https://zalo.me/s/1${p}` };
    expect(composeReply(matchIntent("bao nhiêu người dùng An Phú Số", catalogue), ctx).text).toContain(
      "Người dùng ứng dụng An Phú Số (lũy kế): 120.450 người dùng",
    );
    expect(composeReply(matchIntent("thanh toán online bao nhiêu %", catalogue), ctx).text).toContain("61,5%");
  });
});
