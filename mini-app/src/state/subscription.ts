import { asFailure, type CitizenApi } from "../services/types";

/** What the settings page shows about the weekly digest. */
export type SubscriptionView =
  | { kind: "outside_zalo"; message: string }
  | { kind: "ready"; subscribed: boolean; following: boolean; message?: string }
  | { kind: "error"; message: string };

export interface SubscriptionDeps {
  api: Pick<CitizenApi, "subscription" | "setSubscription">;
  insideZalo: () => boolean;
  accessToken: () => Promise<string | undefined>;
}

const OUTSIDE: SubscriptionView = {
  kind: "outside_zalo",
  message: "Đăng ký nhận bản tin cần tài khoản Zalo. Hãy mở ứng dụng này trong Zalo để đăng ký hoặc hủy đăng ký.",
};
const NO_TOKEN: SubscriptionView = {
  kind: "error",
  message: "Chưa lấy được thông tin tài khoản Zalo. Vui lòng cho phép ứng dụng truy cập rồi thử lại.",
};

/** The citizen's subscription, asked of the server with their Zalo access token. */
export async function readSubscription(deps: SubscriptionDeps): Promise<SubscriptionView> {
  if (!deps.insideZalo()) return OUTSIDE;
  const token = await deps.accessToken();
  if (!token) return NO_TOKEN;
  try {
    return { kind: "ready", ...(await deps.api.subscription(token)) };
  } catch (err) {
    return { kind: "error", message: asFailure(err).message };
  }
}

/** Subscribes or unsubscribes; the answer is the server's state, with a line saying what happened. */
export async function changeSubscription(deps: SubscriptionDeps, subscribe: boolean): Promise<SubscriptionView> {
  if (!deps.insideZalo()) return OUTSIDE;
  const token = await deps.accessToken();
  if (!token) return NO_TOKEN;
  try {
    const state = await deps.api.setSubscription(token, subscribe);
    const message = state.subscribed
      ? state.following
        ? "Bạn đã đăng ký nhận bản tin hằng tuần."
        : "Bạn đã đăng ký. Hãy quan tâm Official Account để nhận được bản tin qua Zalo."
      : "Bạn đã hủy đăng ký nhận bản tin.";
    return { kind: "ready", ...state, message };
  } catch (err) {
    return { kind: "error", message: asFailure(err).message };
  }
}
