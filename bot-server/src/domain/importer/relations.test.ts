import { defaultCatalogue } from "@cds/shared";
import { describe, expect, it } from "vitest";
import type { ExtractedValue } from "./extract";
import { checkRelations } from "./relations";

const v = (value: number, extra: Partial<ExtractedValue> = {}): ExtractedValue => ({
  value,
  source_text: "…",
  ...extra,
});

const consistent = {
  "vbdlis.cases_total": v(28922),
  "vbdlis.cases_in_progress": v(18842),
  "vbdlis.cases_awaiting_supplement": v(3036),
  "vbdlis.cases_returned": v(10080),
  "infosec.dossiers": v(257),
  "infosec.approved": v(118),
  "infosec.pending": v(112),
  "infosec.to_supplement": v(27),
};

describe("checkRelations", () => {
  it("says nothing when totals and parts agree", () => {
    expect(checkRelations(consistent, defaultCatalogue)).toEqual([]);
  });

  it("warns when a total is not the sum of its parts", () => {
    expect(checkRelations({ ...consistent, "infosec.pending": v(102) }, defaultCatalogue)).toEqual([
      "infosec.dossiers: 257 khác tổng infosec.approved (118) + infosec.pending (102) + infosec.to_supplement (27) = 247 (Tổng = đã phê duyệt + chờ phê duyệt + cần bổ sung).",
    ]);
  });

  it("warns when a part is larger than its whole", () => {
    const warnings = checkRelations({ ...consistent, "vbdlis.cases_awaiting_supplement": v(30360) }, defaultCatalogue);
    expect(warnings).toEqual([
      "vbdlis.cases_awaiting_supplement: 30.360 lớn hơn vbdlis.cases_in_progress (18.842) mà nó là một phần (Một phần của số hồ sơ đang xử lý).",
    ]);
  });

  it("reports both sides of one broken total", () => {
    const warnings = checkRelations({ ...consistent, "vbdlis.cases_returned": v(30000) }, defaultCatalogue);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^vbdlis\.cases_total: 28\.922 khác tổng vbdlis\.cases_in_progress \(18\.842\) \+ vbdlis\.cases_returned \(30\.000\) = 48\.842/,
      ),
      expect.stringMatching(/^vbdlis\.cases_returned: 30\.000 lớn hơn vbdlis\.cases_total \(28\.922\)/),
    ]);
  });

  it("skips what it cannot check: a missing part, a lower bound", () => {
    const { "infosec.pending": _omitted, ...withoutPending } = consistent;
    expect(checkRelations({ ...withoutPending, "infosec.dossiers": v(999) }, defaultCatalogue)).toEqual([]);
    expect(
      checkRelations({ ...consistent, "infosec.dossiers": v(250, { qualifier: "more_than" }) }, defaultCatalogue),
    ).toEqual([]);
    expect(
      checkRelations({ ...consistent, "vbdlis.cases_total": v(1000, { qualifier: "more_than" }) }, defaultCatalogue),
    ).toEqual([]);
  });
});
