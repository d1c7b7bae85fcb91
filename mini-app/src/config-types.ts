/** What the build bakes into the app (vite.config.ts reads app-config.json's `citizen` block and the environment). */
export interface CitizenConfig {
  /** The mini app's title, from app-config.json `app.title`. */
  title: string;
  headerColor: string;
  /** The Official Account citizens are asked to follow (`ZALO_OA_ID` at build time overrides the file). */
  oaId: string;
  /** Origin of the public API; "" means the origin the app is served from (the bot server's /app/ preview). */
  apiBase: string;
  /** Where the bot server serves the build, so deep links under it open the right page. */
  previewBase: string;
  /** Absolute image URL Zalo shows on a shared card. */
  shareThumbnail: string;
}
