import { launchBrowser } from "../../test/e2e/helpers/chromium";
import { startMiniAppServer } from "../../test/e2e/helpers/mini-app-server";
import { ensureMiniAppBuilt } from "./build";

const server = await startMiniAppServer(await ensureMiniAppBuilt());
const b = await launchBrowser();
b.page.on("pageerror", (e) => console.log("pageerror:", e.message));
b.page.on("console", (m) => console.log("console:", m.type(), m.text()));
await b.page.goto(server.appUrl + "groups/vbdlis");
await b.page.waitForTimeout(2000);
console.log(b.page.url());
console.log(await b.page.evaluate<string>(`[...document.querySelectorAll(".zaui-routes-item")].map(e => e.className + " :: " + (e.querySelector("h1")?.textContent ?? "")).join("\\n")`));
await b.close();
await server.close();
