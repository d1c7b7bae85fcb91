import { createContext, useCallback, useContext, useEffect, useRef, useSyncExternalStore, type ReactNode } from "react";
import type { CitizenApi } from "../services/types";
import type { ResourceState, ResourceStore } from "./resource-store";

interface Data {
  api: CitizenApi;
  store: ResourceStore;
}

const DataContext = createContext<Data | null>(null);

/** Gives pages the service (real or fake) and the shared store of answers. */
export function DataProvider({ api, store, children }: Data & { children: ReactNode }) {
  return <DataContext.Provider value={{ api, store }}>{children}</DataContext.Provider>;
}

export function useData(): Data {
  const data = useContext(DataContext);
  if (!data) throw new Error("useData outside DataProvider");
  return data;
}

export type Resource<T> = ResourceState<T> & { retry: () => void };

/**
 * An API answer by key, fetched on first use, kept for the session and saved for offline use.
 * A null key waits (e.g. for a route parameter).
 */
export function useResource<T>(key: string | null, fetcher: (api: CitizenApi) => Promise<T>): Resource<T> {
  const { api, store } = useData();
  const state = useSyncExternalStore(store.subscribe, () => (key === null ? store.get<T>("") : store.get<T>(key)));
  // The key names the request: a new closure for the same key is the same request, so it does not refetch.
  const latest = useRef(fetcher);
  latest.current = fetcher;
  const run = useCallback(
    (force: boolean) => {
      if (key !== null) void store.load(key, () => latest.current(api), { force });
    },
    [key, api, store],
  );
  useEffect(() => run(false), [run]);
  const retry = useCallback(() => run(true), [run]);
  return { ...state, retry };
}

export const useIndicators = () => useResource("indicators", (api) => api.indicators());
export const useCatalogue = () => useResource("catalogue", (api) => api.catalogue());
export const useHistory = (id: string | undefined) =>
  useResource(id === undefined ? null : `history:${id}`, (api) => api.history(id ?? ""));
export const useSnapshots = () => useResource("snapshots", (api) => api.snapshots());
export const usePosts = () => useResource("posts", (api) => api.posts());
export const usePost = (id: string | undefined) =>
  useResource(id === undefined ? null : `post:${id}`, (api) => api.post(id ?? ""));
