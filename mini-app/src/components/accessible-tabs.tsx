import { useEffect, useRef, type KeyboardEvent, type ReactNode } from "react";

/**
 * zmp-ui's tab bar items are focusable `role="tab"` elements that react to clicks only and do not say which
 * one is selected. This wrapper makes Enter and Space choose the focused tab and keeps `aria-selected` true
 * on the active one, so keyboard and screen-reader users can use the tabs too.
 */
export function AccessibleTabs({ children }: { children: ReactNode }) {
  const root = useRef<HTMLDivElement>(null);
  // After every render: the active tab changes with the route, and zmp-ui re-renders the bar.
  useEffect(() => {
    root.current?.querySelectorAll<HTMLElement>('[role="tab"]').forEach((tab) => {
      tab.setAttribute("aria-selected", String(tab.classList.contains("zaui-tabs-tabbar-item-active")));
    });
  });
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if ((e.key === "Enter" || e.key === " ") && target.getAttribute("role") === "tab") {
      e.preventDefault();
      target.click();
    }
  };
  return (
    <div ref={root} onKeyDown={onKeyDown}>
      {children}
    </div>
  );
}
