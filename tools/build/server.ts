import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { root } from "../front-end/build";

/**
 * The bot server compiled for production: one ES module, `bot-server/dist/main.js`, run by plain `node`
 * (`npm run start:prod -- api|worker|all`). The project's own TypeScript (the server and `@cds/shared`) is
 * bundled in; the server's npm dependencies stay external and come from `npm ci --omit=dev`. The file sits
 * beside `src/`, so the server finds the built mini app and console where it always does.
 */
export const SERVER_OUT = join(root, "bot-server/dist/main.js");

export async function buildServer(): Promise<string> {
  const pkg = JSON.parse(readFileSync(join(root, "bot-server/package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith("@cds/"));
  await build({
    entryPoints: [join(root, "bot-server/src/main.ts")],
    outfile: SERVER_OUT,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    external,
    sourcemap: true,
    // Bundled CommonJS that calls require() (none of ours; a guard for dependencies' helpers) gets Node's.
    banner: {
      js: 'import { createRequire as __cdsCreateRequire } from "node:module"; const require = __cdsCreateRequire(import.meta.url);',
    },
    logLevel: "warning",
  });
  return SERVER_OUT;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  buildServer().then(
    (out) => console.log(`server built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${out}`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
