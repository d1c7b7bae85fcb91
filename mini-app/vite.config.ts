import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import zaloMiniApp from "zmp-vite-plugin";
import type { CitizenConfig } from "./src/config-types";

const here = dirname(fileURLToPath(import.meta.url));
const appConfigPath = resolve(here, "../app-config.json");

interface AppConfigFile {
  app: { title: string; headerColor?: string };
  listCSS?: string[];
  listSyncJS?: string[];
  listAsyncJS?: string[];
  citizen?: Partial<CitizenConfig>;
}

/**
 * index.html is the entry only where the bot server serves the build (Zalo loads the assets listed in
 * www/app-config.json). That server answers every deep link (/app/news/x) with index.html, where the plugin's
 * relative "./assets/…" would resolve under /app/news/: a <base> pins them to the preview root. Chunks load
 * each other relative to their own URL, so the build stays relocatable for Zalo. The title comes from
 * app-config.json like the rest of the branding.
 */
function previewIndexHtml(base: string, title: string): Plugin {
  const escaped = title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return {
    name: "cds-preview-index-html",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler: (html) =>
        html
          .replace(/(<meta charset="[^"]*" \/>)/i, `$1\n    <base href="${base}/" />`)
          .replace(/<title>[^<]*<\/title>/, `<title>${escaped}</title>`),
    },
  };
}

export default defineConfig(() => {
  // Read here rather than by the plugin, which reads ./app-config.json from whatever the working directory is.
  const appConfig = JSON.parse(readFileSync(appConfigPath, "utf8")) as AppConfigFile;
  const custom = appConfig.citizen ?? {};
  // The OA and the API host differ per deployment: the environment overrides the file, the file is the default.
  const citizen: CitizenConfig = {
    title: appConfig.app.title,
    headerColor: appConfig.app.headerColor ?? "#0B4F9C",
    oaId: process.env.ZALO_OA_ID ?? custom.oaId ?? "",
    apiBase: process.env.MINI_APP_API_BASE ?? custom.apiBase ?? "",
    previewBase: custom.previewBase ?? "/app",
    shareThumbnail: process.env.MINI_APP_SHARE_THUMBNAIL ?? custom.shareThumbnail ?? "",
  };
  return {
    root: here,
    // zmp-vite-plugin makes builds relative ("./"), so one build serves /app/ and /zapps/<APP_ID>/ alike.
    plugins: [react(), zaloMiniApp(appConfig), previewIndexHtml(citizen.previewBase, citizen.title)],
    define: { __CITIZEN_CONFIG__: JSON.stringify(citizen) },
    build: {
      outDir: resolve(here, "www"),
      emptyOutDir: true,
      reportCompressedSize: false,
    },
    // Dev server on host localhost (zmp-sdk's web mode), the API proxied to a running bot server.
    server: { host: "localhost", proxy: { "/api": process.env.MINI_APP_DEV_API ?? "http://localhost:3000" } },
  };
});
