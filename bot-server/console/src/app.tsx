import { lazy, Suspense, type ComponentType } from "react";
import { Navigate, Route, Routes } from "react-router-dom";
import { Shell } from "./layout/shell";
import { SessionProvider } from "./session/session";
import { SignInPage } from "./pages/sign-in";
import { Loading } from "./ui";

/** Each page is its own chunk: the sign-in page loads without the editors' tools. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const Page = lazy<ComponentType>(async () => ({ default: (await load())[name] }));
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Routes>
        <Route path="/dang-nhap" element={<SignInPage />} />
        <Route element={<Shell />}>
          <Route index element={<Navigate to="/bai-viet" replace />} />
          <Route path="/bao-cao" element={page(() => import("./pages/reports"), "ReportsPage")} />
          <Route path="/bao-cao/:week" element={page(() => import("./pages/week"), "WeekPage")} />
          <Route path="/bai-viet" element={page(() => import("./pages/posts"), "PostsPage")} />
          <Route path="/bai-viet/moi" element={page(() => import("./pages/new-post"), "NewPostPage")} />
          <Route path="/bai-viet/:id" element={page(() => import("./pages/post"), "PostPage")} />
          <Route path="/gui-tin" element={page(() => import("./pages/sends"), "SendsPage")} />
          <Route path="/cau-hoi" element={page(() => import("./pages/questions"), "QuestionsPage")} />
          <Route path="/nhat-ky" element={page(() => import("./pages/audit"), "AuditPage")} />
          <Route path="/nguoi-dung" element={page(() => import("./pages/users"), "UsersPage")} />
          <Route path="*" element={page(() => import("./pages/not-found"), "NotFoundPage")} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}
