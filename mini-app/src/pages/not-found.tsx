import { AppLink } from "../components/app-link";
import { AppPage } from "../components/app-page";
import { paths } from "../routing";

export default function NotFoundPage() {
  return (
    <AppPage title="Không tìm thấy trang" up={paths.home}>
      <h1>Không tìm thấy trang</h1>
      <p>Đường dẫn này không còn hoặc chưa đúng.</p>
      <AppLink to={paths.home} className="more-link">
        Về trang chủ
      </AppLink>
    </AppPage>
  );
}
