import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const sdk = vi.hoisted(() => ({
  followOA: vi.fn<(args: { id: string }) => Promise<void>>(),
  getAccessToken: vi.fn<() => Promise<string>>(),
  openShareSheet: vi.fn<(args: unknown) => Promise<unknown>>(),
  nativeStorage: { getItem: vi.fn<(key: string) => string>(), setItem: vi.fn<(key: string, value: string) => void>() },
}));
vi.mock("./sdk", () => sdk);

const { followOA, getAccessToken, insideZalo, share, storage } = await import("./index");

const ZALO_UA =
  "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36 Zalo android/12345 ZaloTheme/light";
const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36";

function browser(userAgent: string, extra: Record<string, unknown> = {}) {
  vi.stubGlobal("navigator", { userAgent, ...extra });
}

const local = new Map<string, string>();
beforeEach(() => {
  vi.stubGlobal("localStorage", {
    getItem: (k: string) => local.get(k) ?? null,
    setItem: (k: string, v: string) => void local.set(k, v),
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetAllMocks();
  local.clear();
});

describe("inside or outside Zalo", () => {
  it("recognises Zalo's in-app browser", () => {
    expect(insideZalo(ZALO_UA)).toBe(true);
    expect(insideZalo(BROWSER_UA)).toBe(false);
  });

  it("outside Zalo, follow and token explain instead of asking the SDK", async () => {
    browser(BROWSER_UA);
    expect(await followOA("123")).toMatchObject({
      ok: false,
      reason: "outside_zalo",
      message: expect.stringContaining("trong Zalo"),
    });
    expect(await getAccessToken()).toBeUndefined();
    expect(sdk.followOA).not.toHaveBeenCalled();
    expect(sdk.getAccessToken).not.toHaveBeenCalled();
  });
});

describe("inside Zalo", () => {
  beforeEach(() => browser(ZALO_UA));

  it("follows the configured OA and reads a refusal (-201) as the citizen's choice", async () => {
    sdk.followOA.mockResolvedValueOnce();
    expect(await followOA("123")).toMatchObject({ ok: true });
    expect(sdk.followOA).toHaveBeenCalledWith({ id: "123" });
    sdk.followOA.mockRejectedValueOnce(Object.assign(new Error("denied"), { code: -201 }));
    expect(await followOA("123")).toMatchObject({ ok: false, reason: "refused" });
    sdk.followOA.mockRejectedValueOnce(Object.assign(new Error("x"), { code: -1404 }));
    expect(await followOA("123")).toMatchObject({ ok: false, reason: "failed" });
    expect(await followOA("")).toMatchObject({ ok: false, reason: "not_configured" });
  });

  it("gives no token for Zalo's empty one or a failure", async () => {
    sdk.getAccessToken.mockResolvedValueOnce("abc").mockResolvedValueOnce("").mockRejectedValueOnce(new Error("x"));
    expect(await getAccessToken()).toBe("abc");
    expect(await getAccessToken()).toBeUndefined();
    expect(await getAccessToken()).toBeUndefined();
  });

  it("shares a deep link to the page through Zalo's sheet", async () => {
    sdk.openShareSheet.mockResolvedValueOnce({ status: 2 });
    const target = {
      title: "T",
      description: "D",
      path: "/news/a",
      url: "https://x/app/news/a",
      thumbnail: "https://x/logo.png",
    };
    expect(await share(target)).toEqual({ ok: true });
    expect(sdk.openShareSheet).toHaveBeenCalledWith({
      type: "zmp_deep_link",
      data: { title: "T", description: "D", thumbnail: "https://x/logo.png", path: "/news/a" },
    });
  });
});

describe("sharing outside Zalo", () => {
  const target = { title: "T", description: "D", path: "/news/a", url: "https://x/app/news/a", thumbnail: "" };

  it("uses the system share sheet, treating a dismissal as fine", async () => {
    const systemShare = vi
      .fn<(data: unknown) => Promise<void>>()
      .mockRejectedValueOnce(new DOMException("closed", "AbortError"));
    browser(BROWSER_UA, { share: systemShare });
    expect(await share(target)).toEqual({ ok: true });
    expect(systemShare).toHaveBeenCalledWith({ title: "T", text: "D", url: "https://x/app/news/a" });
  });

  it("copies the link when there is no share sheet, and shows it when copying fails", async () => {
    const writeText = vi
      .fn<(text: string) => Promise<void>>()
      .mockResolvedValueOnce()
      .mockRejectedValueOnce(new Error("denied"));
    browser(BROWSER_UA, { clipboard: { writeText } });
    expect(await share(target)).toMatchObject({ ok: true, message: expect.stringContaining("sao chép") });
    expect(await share(target)).toMatchObject({ ok: false, message: expect.stringContaining("https://x/app/news/a") });
  });
});

describe("storage", () => {
  it("uses Zalo's nativeStorage when it works", async () => {
    sdk.nativeStorage.getItem.mockReturnValueOnce("v");
    expect(await storage.get("k")).toBe("v");
    await storage.set("k", "w");
    expect(sdk.nativeStorage.setItem).toHaveBeenCalledWith("k", "w");
    expect(local.size).toBe(0);
  });

  it("falls back to localStorage where nativeStorage refuses (a browser, an older Zalo)", async () => {
    const unsupported = () => {
      throw Object.assign(new Error("clientNotSupport"), { code: -1404 });
    };
    sdk.nativeStorage.getItem.mockImplementation(unsupported);
    sdk.nativeStorage.setItem.mockImplementation(unsupported);
    await storage.set("k", "w");
    expect(local.get("k")).toBe("w");
    expect(await storage.get("k")).toBe("w");
  });
});
