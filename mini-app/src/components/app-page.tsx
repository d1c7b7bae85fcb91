import { createContext, useContext, useEffect, useRef, type ReactNode } from "react";
import { useLocation, useNavigationType } from "react-router-dom";
import { Header, Page, useNavigate } from "zmp-ui";
import { citizenConfig } from "../config";
import { Icon } from "./icons";
import { OfflineBanner } from "./status";

/** How many pages the citizen can go back through inside the app (a deep link starts at none). */
const DepthContext = createContext<{ current: number }>({ current: 0 });

export function HistoryDepthProvider({ children }: { children: ReactNode }) {
  const depth = useRef(0);
  const location = useLocation();
  const type = useNavigationType();
  useEffect(() => {
    if (type === "PUSH") depth.current += 1;
    else if (type === "POP") depth.current = Math.max(0, depth.current - 1);
  }, [location, type]);
  return <DepthContext.Provider value={depth}>{children}</DepthContext.Provider>;
}

/**
 * A page: zmp-ui's Header (with a labelled back button when `up` is given) over the content. Back goes to the
 * previous page when there is one, else up to `up`, so a page opened from a chat link still has a way out.
 */
export function AppPage({ title, up, children }: { title: string; up?: string; children: ReactNode }) {
  const navigate = useNavigate();
  const depth = useContext(DepthContext);
  const back = () => {
    if (depth.current > 0) navigate(-1);
    else if (up !== undefined) navigate(up, { replace: true, direction: "backward" });
  };
  return (
    <Page className="app-page">
      <Header
        title={title}
        showBackIcon={up !== undefined}
        backIcon={
          <>
            <Icon name="back" />
            <span className="sr-only">Quay lại</span>
          </>
        }
        onBackClick={back}
        backgroundColor={citizenConfig.headerColor}
        textColor="#ffffff"
      />
      <main className="page-body">
        <OfflineBanner />
        {children}
      </main>
    </Page>
  );
}
