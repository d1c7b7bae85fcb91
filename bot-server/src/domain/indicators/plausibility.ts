import { formatViNumber, type Catalogue, type IndicatorValue } from "@cds/shared";

/** A change larger than this share of last week's figure is worth a second look (configurable per call). */
export const DEFAULT_MAX_CHANGE_SHARE = 0.5;

/**
 * What looks wrong in a week's figures, compared with the week before: a rate over 100 %, a negative count,
 * a cumulative total that went down, a change larger than `maxChangeShare` of last week's figure. Flags
 * are for the editor to check, not refusals: a real figure can be surprising.
 */
export function plausibilityFlags(
  values: Record<string, IndicatorValue>,
  previous: Record<string, IndicatorValue> | undefined,
  catalogue: Catalogue,
  maxChangeShare = DEFAULT_MAX_CHANGE_SHARE,
): Record<string, string[]> {
  const flags: Record<string, string[]> = {};
  const flag = (id: string, text: string) => (flags[id] ??= []).push(text);
  for (const [id, v] of Object.entries(values)) {
    const def = catalogue.byId.get(id);
    if (!def) continue;
    if (def.unit === "percent" && v.value > 100) flag(id, `Tỷ lệ ${formatViNumber(v.value)}% lớn hơn 100%`);
    if (v.value < 0) flag(id, `Số âm (${formatViNumber(v.value)})`);
    const before = previous?.[id];
    if (!before || before.sample) continue;
    if (def.kind === "cumulative" && v.value < before.value)
      flag(id, `Số lũy kế giảm so với tuần trước (${formatViNumber(before.value)} → ${formatViNumber(v.value)})`);
    const base = Math.abs(before.value);
    if (base > 0 && Math.abs(v.value - before.value) / base > maxChangeShare) {
      const share = Math.round((Math.abs(v.value - before.value) / base) * 100);
      flag(
        id,
        `Thay đổi ${formatViNumber(share)}% so với tuần trước (${formatViNumber(before.value)} → ${formatViNumber(v.value)}): kiểm tra lại`,
      );
    }
  }
  return flags;
}
