/**
 * The one wrapper over zmp-sdk. Everything here degrades instead of throwing: outside the Zalo app (a desktop
 * browser, the server's /app/ preview, the tests) the SDK either fails with -1404 or answers canned values
 * (on host `localhost`, ZALO-PLATFORM E.6), so follow, token and share are asked of the SDK only inside Zalo,
 * and say so in Vietnamese otherwise.
 *
 * The SDK is loaded on first use: it bundles its own zod and is not needed to show the week's figures.
 */
type Sdk = typeof import("./sdk");

let sdkLoad: Promise<Sdk | undefined> | undefined;

function sdk(): Promise<Sdk | undefined> {
  sdkLoad ??= import("./sdk").catch(() => undefined);
  return sdkLoad;
}

/** Zalo's in-app browser names itself in the user agent; zmp-sdk reads the same. */
export function insideZalo(userAgent: string = navigator.userAgent): boolean {
  return /zalo/i.test(userAgent);
}

export type ZaloOutcome =
  | { ok: true; message?: string }
  | { ok: false; reason: "outside_zalo" | "refused" | "not_configured" | "failed"; message: string };

export const OUTSIDE_ZALO: ZaloOutcome = {
  ok: false,
  reason: "outside_zalo",
  message: "Tính năng này chỉ dùng được khi mở ứng dụng trong Zalo. Hãy mở ứng dụng này từ Zalo rồi thử lại.",
};

const failed = (message: string): ZaloOutcome => ({ ok: false, reason: "failed", message });

/** zmp-sdk rejects with an AppError carrying a numeric `code`. */
function errorCode(err: unknown): number | undefined {
  const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === "number" ? code : undefined;
}

/** Follow the Official Account; -201 is the citizen declining the prompt. */
export async function followOA(oaId: string): Promise<ZaloOutcome> {
  if (!insideZalo()) return OUTSIDE_ZALO;
  if (oaId === "")
    return {
      ok: false,
      reason: "not_configured",
      message: "Ứng dụng chưa được cấu hình Official Account để quan tâm.",
    };
  const api = await sdk();
  if (!api) return failed("Không tải được thư viện Zalo. Vui lòng thử lại.");
  try {
    await api.followOA({ id: oaId });
    return { ok: true, message: "Cảm ơn bạn đã quan tâm Official Account." };
  } catch (err) {
    if (errorCode(err) === -201)
      return { ok: false, reason: "refused", message: "Bạn chưa quan tâm Official Account." };
    return failed("Chưa quan tâm được Official Account. Vui lòng thử lại.");
  }
}

/** The Zalo access token the server verifies; undefined outside Zalo or when Zalo gives none ("" in a browser). */
export async function getAccessToken(): Promise<string | undefined> {
  if (!insideZalo()) return undefined;
  const api = await sdk();
  try {
    const token = await api?.getAccessToken();
    return token ? token : undefined;
  } catch {
    return undefined;
  }
}

export interface ShareTarget {
  title: string;
  description: string;
  /** The in-app route ("/indicators/…"). */
  path: string;
  /** The same page as a web address, for sharing outside Zalo. */
  url: string;
  /** Absolute image URL for Zalo's share card. */
  thumbnail: string;
}

/**
 * Inside Zalo: Zalo's share sheet with a deep link to the page. Elsewhere: the system share sheet when the
 * browser has one, else the link is copied.
 */
export async function share(target: ShareTarget): Promise<ZaloOutcome> {
  if (insideZalo()) {
    const api = await sdk();
    if (!api) return failed("Không tải được thư viện Zalo. Vui lòng thử lại.");
    try {
      const data = {
        title: target.title,
        description: target.description,
        thumbnail: target.thumbnail,
        path: target.path,
      };
      await api.openShareSheet({ type: "zmp_deep_link", data });
      return { ok: true };
    } catch {
      return failed("Chưa mở được màn hình chia sẻ của Zalo. Vui lòng thử lại.");
    }
  }
  if (typeof navigator.share === "function") {
    try {
      await navigator.share({ title: target.title, text: target.description, url: target.url });
      return { ok: true };
    } catch (err) {
      // Closing the share sheet is a choice, not a failure.
      if (err instanceof DOMException && err.name === "AbortError") return { ok: true };
    }
  }
  try {
    await navigator.clipboard.writeText(target.url);
    return { ok: true, message: "Đã sao chép liên kết. Bạn có thể dán để gửi cho người khác." };
  } catch {
    return failed(`Chưa chia sẻ được. Liên kết: ${target.url}`);
  }
}

/**
 * Key–value storage that survives restarts: Zalo's nativeStorage (localStorage and cookies are not supported
 * inside mini apps), falling back to localStorage where nativeStorage is missing or refuses (a browser, an
 * older Zalo). A full or broken storage loses the cache, never the page.
 */
export const storage = {
  async get(key: string): Promise<string | undefined> {
    const api = await sdk();
    try {
      const value = api?.nativeStorage.getItem(key);
      if (typeof value === "string" && value !== "") return value;
    } catch {
      // nativeStorage unsupported here: the browser's storage below.
    }
    try {
      return globalThis.localStorage?.getItem(key) ?? undefined;
    } catch {
      return undefined;
    }
  },
  async set(key: string, value: string): Promise<void> {
    const api = await sdk();
    try {
      if (api) {
        api.nativeStorage.setItem(key, value);
        return;
      }
    } catch {
      // nativeStorage unsupported here: the browser's storage below.
    }
    try {
      globalThis.localStorage?.setItem(key, value);
    } catch {
      // Storage full or disabled: the page still shows what it fetched.
    }
  },
};
