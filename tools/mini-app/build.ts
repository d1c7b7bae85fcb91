import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildFromCommandLine, frontEndBuilder, root } from "../front-end/build";

const miniApp = join(root, "mini-app");
const wwwDir = join(miniApp, "www");

const builder = frontEndBuilder({
  name: "mini-app",
  appDir: miniApp,
  outDir: wwwDir,
  sources: [
    join(miniApp, "src"),
    join(miniApp, "index.html"),
    join(miniApp, "vite.config.ts"),
    join(miniApp, "package.json"),
    join(root, "app-config.json"),
    join(root, "shared/src"),
  ],
  // What vite.config.ts reads from the environment.
  buildEnv: ["ZALO_OA_ID", "MINI_APP_API_BASE", "MINI_APP_SHARE_THUMBNAIL", "VITE_API_MODE"],
  // The Zalo plugin writes www/app-config.json last, after every asset.
  marker: "app-config.json",
});

export const buildMiniApp = builder.build;
export const ensureMiniAppBuilt = builder.ensureBuilt;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  buildFromCommandLine({ name: "mini app", build: buildMiniApp });
