import { useState, type ReactNode } from "react";
import { Button, useSnackbar } from "zmp-ui";
import type { SnackbarContext } from "zmp-ui/snackbar-provider";
import type { ZaloOutcome } from "../zalo";

/**
 * A button for a Zalo action (follow, share) whose outcome is said twice: in a snackbar, and in a line under
 * the button that stays (older readers miss a toast, screen readers hear the live region).
 */
export function ActionButton({
  children,
  icon,
  action,
  variant = "primary",
}: {
  children: ReactNode;
  icon?: ReactNode;
  action: () => Promise<ZaloOutcome>;
  variant?: "primary" | "secondary";
}) {
  const snackbar: SnackbarContext = useSnackbar();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ZaloOutcome>();
  const run = async () => {
    setBusy(true);
    const result = await action();
    setBusy(false);
    setOutcome(result);
    if (result.message)
      snackbar.openSnackbar({ text: result.message, type: result.ok ? "success" : "error", duration: 4000 });
  };
  return (
    <div className="action">
      <Button variant={variant} size="large" fullWidth prefixIcon={icon} loading={busy} onClick={() => void run()}>
        {children}
      </Button>
      <p className={`action-status${outcome && !outcome.ok ? " action-status-error" : ""}`} role="status">
        {outcome?.message ?? ""}
      </p>
    </div>
  );
}
