import { ApiFailure, asFailure, isConnectivity } from "../services/types";

/**
 * A small store of API answers by key, shared by every page (going back to the home page does not fetch
 * again). The last good answer is saved: a repeat visit shows it at once while the fresh one loads (a phone on
 * a slow network sees last week's figures at once, then this week's); when the network or the server fails,
 * the saved copy stays, with the time it was saved, and the failure is visible with a retry.
 */
export interface ResourceState<T> {
  data?: T;
  error?: ApiFailure;
  loading: boolean;
  /** ISO time the shown data was saved, when it comes from storage rather than from this session's fetch. */
  savedAt?: string;
}

export interface KeyValueStorage {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

interface Saved<T> {
  savedAt: string;
  data: T;
}

const IDLE: ResourceState<never> = { loading: false };
/** Bumped when a saved shape changes, so an old copy is ignored rather than misread. */
const STORAGE_PREFIX = "cds.v1.";

export class ResourceStore {
  private readonly states = new Map<string, ResourceState<unknown>>();
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly now: () => Date = () => new Date(),
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get<T>(key: string): ResourceState<T> {
    return (this.states.get(key) as ResourceState<T> | undefined) ?? IDLE;
  }

  /** Fetches unless an answer is present or on its way; `force` fetches again (retry). */
  load<T>(key: string, fetcher: () => Promise<T>, options: { force?: boolean } = {}): Promise<void> {
    const current = this.get<T>(key);
    const running = this.inflight.get(key);
    if (running) return running;
    if (!options.force && current.data !== undefined && current.savedAt === undefined && !current.error)
      return Promise.resolve();
    this.set(key, { ...current, loading: true });
    if (current.data === undefined) void this.showSaved(key);
    const run = this.fetchInto(key, fetcher).finally(() => this.inflight.delete(key));
    this.inflight.set(key, run);
    return run;
  }

  private async fetchInto<T>(key: string, fetcher: () => Promise<T>): Promise<void> {
    try {
      const data = await fetcher();
      this.set(key, { data, loading: false });
      await this.storage.set(
        STORAGE_PREFIX + key,
        JSON.stringify({ savedAt: this.now().toISOString(), data } satisfies Saved<T>),
      );
    } catch (err) {
      const error = asFailure(err);
      const saved = isConnectivity(error) ? await this.readSaved<T>(key) : undefined;
      const current = this.get<T>(key);
      if (current.data !== undefined && current.savedAt === undefined) {
        // Fetched earlier in this session: keep showing it, with the failure beside it.
        this.set(key, { data: current.data, error, loading: false });
      } else if (saved) {
        this.set(key, { data: saved.data, savedAt: saved.savedAt, error, loading: false });
      } else {
        this.set(key, { error, loading: false });
      }
    }
  }

  /** The saved copy while the fetch is on its way; never over an answer that came first. */
  private async showSaved(key: string): Promise<void> {
    const saved = await this.readSaved(key);
    const now = this.get(key);
    if (saved && now.loading && now.data === undefined)
      this.set(key, { data: saved.data, savedAt: saved.savedAt, loading: true });
  }

  private async readSaved<T>(key: string): Promise<Saved<T> | undefined> {
    try {
      const raw = await this.storage.get(STORAGE_PREFIX + key);
      if (!raw) return undefined;
      const parsed = JSON.parse(raw) as Partial<Saved<T>>;
      return typeof parsed.savedAt === "string" && parsed.data !== undefined
        ? { savedAt: parsed.savedAt, data: parsed.data }
        : undefined;
    } catch {
      return undefined;
    }
  }

  private set(key: string, state: ResourceState<unknown>): void {
    this.states.set(key, state);
    for (const listener of this.listeners) listener();
  }
}
