import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { Navigate, useLocation, useNavigate } from "react-router-dom";
import { Center, Loader, VisuallyHidden } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { api, ApiError, setCsrfToken, whenSessionLost } from "../api/client";
import type { Me, Permission, SessionAnswer } from "../api/types";

interface Session {
  me: Me | null;
  /** Why the person is on the sign-in page, when the console sent them there. */
  notice: string | null;
  signedIn(answer: SessionAnswer): void;
  signOut(everywhere: boolean): Promise<void>;
  can(p: Permission): boolean;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}

/** Where sign-in returns to: the page the person was on when their session ended. */
export const signInPath = (from: string) => `/dang-nhap?tiep=${encodeURIComponent(from)}`;

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checked, setChecked] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const queries = useQueryClient();

  const signedIn = useCallback((answer: SessionAnswer) => {
    setCsrfToken(answer.csrfToken);
    setMe(answer.user);
    setNotice(null);
  }, []);

  useEffect(() => {
    api<SessionAnswer>("GET", "/api/v1/session")
      .then(signedIn)
      .catch(() => setMe(null))
      .finally(() => setChecked(true));
  }, [signedIn]);

  useEffect(() => {
    whenSessionLost(() => {
      setMe(null);
      queries.clear();
      setNotice("Phiên làm việc đã hết hạn: đăng nhập lại để tiếp tục đúng chỗ đang làm.");
      const here = `${window.location.pathname.replace(/^\/console/, "")}${window.location.search}`;
      if (!here.startsWith("/dang-nhap")) navigate(signInPath(here || "/"), { replace: true });
    });
  }, [navigate, queries]);

  const signOut = useCallback(
    async (everywhere: boolean) => {
      await api("DELETE", "/api/v1/session", { body: { everywhere } }).catch((err: unknown) => {
        if (!(err instanceof ApiError && err.status === 401)) throw err;
      });
      setMe(null);
      queries.clear();
      setNotice(everywhere ? "Đã đăng xuất khỏi mọi thiết bị." : "Đã đăng xuất.");
      navigate("/dang-nhap", { replace: true });
    },
    [navigate, queries],
  );

  const value = useMemo<Session>(
    () => ({ me, notice, signedIn, signOut, can: (p) => me?.permissions.includes(p) ?? false }),
    [me, notice, signedIn, signOut],
  );
  if (!checked) {
    return (
      <Center h="100vh" role="status">
        <Loader />
        <VisuallyHidden>Đang tải</VisuallyHidden>
      </Center>
    );
  }
  // A page opened without a session goes to sign-in, and comes back after it.
  if (!me && !location.pathname.startsWith("/dang-nhap"))
    return <Navigate to={signInPath(`${location.pathname}${location.search}`)} replace />;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
