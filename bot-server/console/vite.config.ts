import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The editor console, served by the bot server at /console/ (its API is the same origin, so the session
 * cookie and CSRF token just work). `npm run dev` proxies the API to a stack started with `npm start`.
 */
export default defineConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  base: "/console/",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 900 },
  server: {
    proxy: {
      "/api": process.env.CONSOLE_API ?? "http://localhost:3000",
      "/media": process.env.CONSOLE_API ?? "http://localhost:3000",
    },
  },
});
