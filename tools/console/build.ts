import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildFromCommandLine, frontEndBuilder, root } from "../front-end/build";

const consoleApp = join(root, "bot-server/console");
export const consoleDist = join(consoleApp, "dist");

const builder = frontEndBuilder({
  name: "console",
  appDir: consoleApp,
  outDir: consoleDist,
  // The console bundles the shared package and the server's pure outgoing-post module.
  sources: [
    join(consoleApp, "src"),
    join(consoleApp, "index.html"),
    join(consoleApp, "vite.config.ts"),
    join(consoleApp, "package.json"),
    join(root, "shared/src"),
    join(root, "bot-server/src/domain/delivery/outgoing.ts"),
  ],
  marker: "index.html",
});

export const buildConsole = builder.build;
export const ensureConsoleBuilt = builder.ensureBuilt;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  buildFromCommandLine({ name: "console", build: buildConsole });
