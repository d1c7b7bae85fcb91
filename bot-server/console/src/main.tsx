import "@mantine/core/styles.css";
import "@mantine/dates/styles.css";
import "@mantine/notifications/styles.css";
import "@mantine/dropzone/styles.css";
import "dayjs/locale/vi";
import { createRoot } from "react-dom/client";
import { MantineProvider, Notification, createTheme, type CSSVariablesResolver } from "@mantine/core";
import { DatesProvider } from "@mantine/dates";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { BrowserRouter } from "react-router-dom";
import { ApiError } from "./api/client";
import { App } from "./app";

// Filled badges and buttons pick black or white text by their colour's luminance: 4.5:1 either way (WCAG AA).
const theme = createTheme({
  primaryColor: "blue",
  primaryShade: 8,
  autoContrast: true,
  luminanceThreshold: 0.2,
  // No sliding or fading for people who asked their system for less motion.
  respectReducedMotion: true,
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  // A notification's text is grey-6 by default: 3.3:1 on white.
  components: {
    Notification: Notification.extend({ styles: { description: { color: "var(--mantine-color-gray-8)" } } }),
  },
});
// Mantine's dimmed and placeholder greys are about 3:1 on white: below WCAG AA for text.
const resolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "#495057", "--mantine-color-placeholder": "#6c757d" },
  dark: {},
});

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
