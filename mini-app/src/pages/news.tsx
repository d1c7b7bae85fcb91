import { AppLink } from "../components/app-link";
import { AppPage } from "../components/app-page";
import { Skeleton } from "../components/skeleton";
import { ErrorState, StaleNotice } from "../components/status";
import { dayText } from "../format";
import { paths } from "../routing";
import { usePosts } from "../state/data";

/** Published posts, newest first. */
export default function NewsPage() {
  const posts = usePosts();
  return (
    <AppPage title="Tin tức" up={paths.home}>
      <section className="intro" aria-labelledby="news-title">
        <h1 id="news-title">Bản tin chuyển đổi số</h1>
      </section>
      {posts.savedAt && <StaleNotice savedAt={posts.savedAt} onRetry={posts.retry} />}
      {posts.data ? (
        posts.data.posts.length === 0 ? (
          <p className="notice">Chưa có bản tin nào được đăng.</p>
        ) : (
          <ul className="cards" data-testid="posts">
            {posts.data.posts.map((p) => (
              <li key={p.id} className="card">
                <AppLink to={paths.post(p.id)} className="card-link">
                  <h2 className="post-title">{p.title}</h2>
                  <p className="post-date">
                    <time dateTime={p.publishedAt}>{dayText(p.publishedAt)}</time>
                  </p>
                  <p className="post-summary">{p.summary}</p>
                </AppLink>
              </li>
            ))}
          </ul>
        )
      ) : posts.error ? (
        <ErrorState error={posts.error} onRetry={posts.retry} />
      ) : (
        <Skeleton lines={3} label="Đang tải bản tin…" />
      )}
    </AppPage>
  );
}
