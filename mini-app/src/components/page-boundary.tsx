import { Component, Suspense, type ReactNode } from "react";
import { Button, Page } from "zmp-ui";
import { Skeleton } from "./skeleton";

interface State {
  failed: boolean;
}

/**
 * A lazily loaded page: a skeleton while its code arrives, and a way out when it cannot arrive (the phone went
 * offline before the page's code was fetched) instead of a blank screen.
 */
export class PageBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render() {
    if (this.state.failed) {
      return (
        <Page className="app-page">
          <main className="page-body">
            <div className="notice notice-error" role="alert">
              <h1>Chưa mở được trang</h1>
              <p>Không tải được trang này, có thể do mất kết nối mạng. Vui lòng thử lại.</p>
              <Button variant="primary" onClick={() => window.location.reload()}>
                Thử lại
              </Button>
            </div>
          </main>
        </Page>
      );
    }
    return (
      <Suspense
        fallback={
          <Page className="app-page">
            <main className="page-body">
              <Skeleton lines={3} label="Đang mở trang…" />
            </main>
          </Page>
        }
      >
        {this.props.children}
      </Suspense>
    );
  }
}
