import { launchBrowser, screenshot } from "../../test/e2e/helpers/chromium";
import { startMiniAppServer } from "../../test/e2e/helpers/mini-app-server";
import { ensureMiniAppBuilt } from "./build";

const www = await ensureMiniAppBuilt();
const server = await startMiniAppServer(www);
const b = await launchBrowser();
b.page.on("console", (m) => console.log("console:", m.type(), m.text(), JSON.stringify(m.location())));
b.page.on("pageerror", (e) => console.log("pageerror:", e.message));
b.page.on("response", (r) => { if (r.status() >= 400) console.log("status:", r.status(), r.url()); });
b.page.on("requestfailed", (r) => console.log("failed:", r.url(), r.failure()?.errorText));
const paths = (process.argv[2] ?? "").split(",").filter(Boolean);
for (const p of paths.length ? paths : [""]) {
  await b.page.goto(server.appUrl + p);
  await b.page.waitForTimeout(2500);
  const name = "scratch-" + (p.replace(/\W+/g, "-") || "home");
  await screenshot(b.page, name);
  await b.page.screenshot({ path: `artifacts/screenshots/${name}-full.png`, fullPage: true });
  console.log(name, await b.page.evaluate<string>("document.body.innerText.slice(0, 1500)"));
}
await b.close();
await server.close();
