import { citizenConfig } from "../config";
import { createHttpApi } from "./http-api";
import type { CitizenApi } from "./types";

/**
 * Loads the fake on first use, so it (and the catalogue and zod it brings) never reaches a citizen's download:
 * `VITE_API_MODE` is replaced at build time and the unused branch is dropped.
 */
function lazyFakeApi(): CitizenApi {
  const fake = import("./fake-api").then((m) => m.createFakeApi());
  return {
    indicators: () => fake.then((a) => a.indicators()),
    history: (id) => fake.then((a) => a.history(id)),
    catalogue: () => fake.then((a) => a.catalogue()),
    snapshots: () => fake.then((a) => a.snapshots()),
    posts: () => fake.then((a) => a.posts()),
    post: (id) => fake.then((a) => a.post(id)),
    subscription: (token) => fake.then((a) => a.subscription(token)),
    setSubscription: (token, on) => fake.then((a) => a.setSubscription(token, on)),
    openDataUrl: (file) => `/api/v1/open-data/${file}`,
  };
}

export const defaultApi: CitizenApi =
  import.meta.env.VITE_API_MODE === "fake" ? lazyFakeApi() : createHttpApi({ base: citizenConfig.apiBase });
