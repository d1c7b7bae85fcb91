import { describe, expect, it } from "vitest";
import { ApiFailure } from "../services/types";
import { ResourceStore, type KeyValueStorage } from "./resource-store";

function memoryStorage(): KeyValueStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, get: async (k) => items.get(k), set: async (k, v) => void items.set(k, v) };
}

const at = (iso: string) => () => new Date(iso);

describe("ResourceStore", () => {
  it("keeps a fetched answer for the session and saves it", async () => {
    const storage = memoryStorage();
    const store = new ResourceStore(storage, at("2024-08-30T10:00:00Z"));
    let calls = 0;
    const fetcher = async () => ({ n: ++calls });
    await store.load("k", fetcher);
    await store.load("k", fetcher);
    expect(store.get("k")).toEqual({ data: { n: 1 }, loading: false });
    expect(JSON.parse(storage.items.get("cds.v1.k") ?? "")).toEqual({
      savedAt: "2024-08-30T10:00:00.000Z",
      data: { n: 1 },
    });
    await store.load("k", fetcher, { force: true });
    expect(store.get("k").data).toEqual({ n: 2 });
  });

  it("shares one request between simultaneous callers and tells listeners", async () => {
    const store = new ResourceStore(memoryStorage());
    let calls = 0;
    const seen: boolean[] = [];
    store.subscribe(() => seen.push(store.get("k").loading));
    const fetcher = async () => ++calls;
    await Promise.all([store.load("k", fetcher), store.load("k", fetcher)]);
    expect(calls).toBe(1);
    expect(seen).toEqual([true, false]);
  });

  it("answers a repeat visit from the saved copy first, then with the fresh answer", async () => {
    const storage = memoryStorage();
    await new ResourceStore(storage, at("2024-08-30T10:00:00Z")).load("k", async () => "last week");
    const store = new ResourceStore(storage);
    let answer: (v: string) => void = () => {};
    const loading = store.load("k", () => new Promise<string>((resolve) => (answer = resolve)));
    await expect
      .poll(() => store.get("k"))
      .toEqual({ data: "last week", savedAt: "2024-08-30T10:00:00.000Z", loading: true });
    answer("this week");
    await loading;
    expect(store.get("k")).toEqual({ data: "this week", loading: false });
  });

  it("shows the saved copy, with its time, when the network fails", async () => {
    const storage = memoryStorage();
    await new ResourceStore(storage, at("2024-08-30T10:00:00Z")).load("k", async () => "saved");
    const store = new ResourceStore(storage);
    await store.load("k", () => Promise.reject(new ApiFailure("offline")));
    expect(store.get("k")).toMatchObject({
      data: "saved",
      savedAt: "2024-08-30T10:00:00.000Z",
      loading: false,
      error: { kind: "offline" },
    });
  });

  it("keeps this session's answer rather than an older saved one when a retry fails", async () => {
    const storage = memoryStorage();
    const store = new ResourceStore(storage);
    await store.load("k", async () => "fresh");
    await store.load("k", () => Promise.reject(new ApiFailure("server")), { force: true });
    expect(store.get("k")).toMatchObject({ data: "fresh", error: { kind: "server" } });
    expect(store.get("k").savedAt).toBeUndefined();
  });

  it("does not stand a saved copy in for an answer such as 'nothing published'", async () => {
    const storage = memoryStorage();
    await new ResourceStore(storage).load("k", async () => "old");
    const store = new ResourceStore(storage);
    await store.load("k", () => Promise.reject(new ApiFailure("not_published")));
    expect(store.get("k")).toEqual({ error: expect.objectContaining({ kind: "not_published" }), loading: false });
  });

  it("fails plainly without a saved copy, and survives a broken one", async () => {
    const storage = memoryStorage();
    storage.items.set("cds.v1.k", "{not json");
    const store = new ResourceStore(storage);
    await store.load("k", () => Promise.reject(new Error("boom")));
    expect(store.get("k")).toEqual({ error: expect.objectContaining({ kind: "server" }), loading: false });
  });
});
