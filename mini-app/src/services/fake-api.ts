import {
  FAKE_POSTS,
  fakeCatalogue,
  fakeHistory,
  fakeIndicators,
  fakePostList,
  fakeSnapshots,
  fakeWeeks,
} from "./fake-data";
import { ApiFailure, type CitizenApi } from "./types";

/**
 * The service without a server (`VITE_API_MODE=fake`): the founding week, its made-up history and two posts,
 * answered after a short delay so loading states show. The subscription lives in memory and, like the real
 * API, refuses an empty token (what zmp-sdk gives outside Zalo).
 */
export function createFakeApi(options: { latencyMs?: number } = {}): CitizenApi {
  const weeks = fakeWeeks();
  const latency = options.latencyMs ?? 300;
  const subscribed = new Set<string>();
  const answer = <T>(make: () => T): Promise<T> =>
    new Promise((resolve, reject) =>
      setTimeout(() => {
        try {
          resolve(make());
        } catch (err) {
          reject(err);
        }
      }, latency),
    );
  const user = (token: string): string => {
    if (token === "") throw new ApiFailure("unauthorized");
    return token;
  };
  const me = (token: string) => ({ subscribed: subscribed.has(user(token)), following: true });

  return {
    indicators: () => answer(() => fakeIndicators(weeks)),
    history: (id) =>
      answer(() => {
        const history = fakeHistory(weeks, id);
        if (!history) throw new ApiFailure("not_found", `Không có chỉ số "${id}" trong danh mục`, 404);
        return history;
      }),
    catalogue: () => answer(() => fakeCatalogue()),
    snapshots: () => answer(() => fakeSnapshots(weeks)),
    posts: () => answer(() => fakePostList()),
    post: (id) =>
      answer(() => {
        const post = FAKE_POSTS.find((p) => p.id === id);
        if (!post) throw new ApiFailure("not_found", "Không tìm thấy bản tin này", 404);
        return post;
      }),
    subscription: (token) => answer(() => me(token)),
    setSubscription: (token, on) =>
      answer(() => {
        if (on) subscribed.add(user(token));
        else subscribed.delete(user(token));
        return me(token);
      }),
    openDataUrl: (file) => `/api/v1/open-data/${file}`,
  };
}
