import type { CitizenConfig } from "./config-types";

declare global {
  /** Baked in by vite.config.ts from app-config.json and the environment. */
  const __CITIZEN_CONFIG__: CitizenConfig;
}

export {};
