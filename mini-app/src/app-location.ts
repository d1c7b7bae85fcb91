import { citizenConfig } from "./config";
import { locateApp, zaloHistoryApplies } from "./routing";

/** Where this copy of the app is served and which page its URL asked for, read once at start. */
export const appLocation = locateApp(window.location.pathname, citizenConfig.previewBase);

/** Zalo's own URL under /zapps/<APP_ID> drives the router; elsewhere it runs in memory. */
export const routerInMemory = !zaloHistoryApplies(appLocation, window.APP_ID);
