import "zmp-ui/zaui.css";
import "./styles.css";
import { createRoot } from "react-dom/client";
import { App, SnackbarProvider, ZMPRouter } from "zmp-ui";
import { routerInMemory } from "./app-location";
import { Layout } from "./components/layout";
import { defaultApi } from "./services";
import { DataProvider } from "./state/data";
import { ResourceStore } from "./state/resource-store";
import { storage } from "./zalo";

const container = document.getElementById("app");
if (!container) throw new Error("index.html lacks #app");

const store = new ResourceStore(storage);

// See routing.ts: the browser's history inside Zalo, memory elsewhere (the /app/ preview, tests, dev server).
createRoot(container).render(
  <App theme="light">
    <SnackbarProvider>
      <DataProvider api={defaultApi} store={store}>
        <ZMPRouter memoryRouter={routerInMemory}>
          <Layout />
        </ZMPRouter>
      </DataProvider>
    </SnackbarProvider>
  </App>,
);
