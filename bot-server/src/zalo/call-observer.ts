import { localDayKey } from "@cds/shared";
import type { Logger } from "../logger";
import type { CsUsageStore } from "../store/cs-usage";
import type { TokenStore } from "../store/token-store";
import type { ZaloCallObserver } from "./client";
import { OPERATOR_KINDS, type ZaloApiError } from "./errors";

/** An alarm is written at most this often per name and process: a fan-out can meet the same refusal thousands of times. */
const RAISE_INTERVAL_MS = 60_000;
/** quota_type values of a CS message that was not free (ZALO-PLATFORM A.3). */
const BILLED = new Set(["sub_quota", "purchase_quota"]);

type AlarmStore = Pick<TokenStore, "raiseAlarm" | "clearAlarm">;

/**
 * Turns Zalo's answers into what an operator sees: a refusal only a person can fix (package, verification,
 * permission, billing, a used-up feature quota, refused content) becomes an alarm on /readyz with what to
 * do, and is never retried; the alarm clears when the same endpoint works again (for billing, when a billed
 * message goes through). CS messages are counted by quota type per local day.
 */
export function zaloCallObserver(deps: {
  alarms: AlarmStore;
  usage: CsUsageStore;
  logger: Logger;
  timeZone: string;
  now?: () => number;
}): ZaloCallObserver {
  const now = deps.now ?? Date.now;
  /** alarm name → when this process last wrote it. */
  const raised = new Map<string, number>();
  const ignoreFailure = (what: string) => (err: unknown) => deps.logger.warn({ err }, what);

  function alarmName(err: ZaloApiError): string {
    return err.kind === "billing" ? "zalo_billing" : `zalo_${err.kind}:${err.endpoint}`;
  }

  function clear(name: string): void {
    if (!raised.delete(name)) return;
    deps.alarms.clearAlarm(name).catch(ignoreFailure("could not clear a Zalo alarm"));
  }

  return {
    failed(err) {
      if (!OPERATOR_KINDS.has(err.kind)) return;
      const name = alarmName(err);
      const last = raised.get(name);
      if (last !== undefined && now() - last < RAISE_INTERVAL_MS) return;
      raised.set(name, now());
      const message = `Zalo ${err.endpoint}: ${err.code} (${err.meaning}). Zalo's words: ${err.zaloMessage}`;
      deps.logger.error({ alarm: name, code: err.code, endpoint: err.endpoint }, message);
      deps.alarms
        .raiseAlarm(name, { message, steps: err.action ? [err.action] : [] })
        .catch(ignoreFailure("could not raise a Zalo alarm"));
    },
    succeeded(endpoint) {
      if (raised.size === 0) return;
      for (const name of raised.keys()) if (name.endsWith(`:${endpoint}`)) clear(name);
    },
    csSent(quotaType) {
      if (BILLED.has(quotaType)) clear("zalo_billing");
      deps.usage
        .record(localDayKey(now(), deps.timeZone), quotaType)
        .catch(ignoreFailure("could not count a CS message"));
    },
  };
}
