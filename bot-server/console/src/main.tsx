import "@mantine/core/styles.css";
import "@mantine/dates/styles.css";
import "@mantine/notifications/styles.css";
import "@mantine/dropzone/styles.css";
import "dayjs/locale/vi";
import { createRoot } from "react-dom/client";
import { MantineProvider, createTheme, type CSSVariablesResolver } from "@mantine/core";
import { DatesProvider } from "@mantine/dates";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { BrowserRouter } from "react-router-dom";
import { ApiError } from "./api/client";
import { App } from "./app";

const theme = createTheme({ primaryColor: "blue", primaryShade: 8, fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" });
// Mantine's dimmed grey is 3.3:1 on white: below WCAG AA for body text.
const resolver: CSSVariablesResolver = () => ({ variables: {}, light: { "--mantine-color-dimmed": "#495057" }, dark: {} });

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (403, 404) will not change by asking again; a network blip may.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});

createRoot(document.getElementById("root")!).render(
  <MantineProvider theme={theme} cssVariablesResolver={resolver}>
    <DatesProvider settings={{ locale: "vi", firstDayOfWeek: 1 }}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queries}>
        <BrowserRouter basename="/console">
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </DatesProvider>
  </MantineProvider>,
);
