import type { MouseEvent, ReactNode } from "react";
import { useNavigate } from "zmp-ui";
import { appLocation } from "../app-location";

/**
 * A real link (focusable, announced as a link, its address copyable) that navigates inside the app. The router
 * lives in memory, so the click is handled here; a modified click keeps the browser's behaviour.
 */
export function AppLink({
  to,
  className,
  children,
  label,
}: {
  to: string;
  className?: string;
  children: ReactNode;
  label?: string;
}) {
  const navigate = useNavigate();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={`${appLocation.base}${to}`} className={className} onClick={onClick} aria-label={label}>
      {children}
    </a>
  );
}
