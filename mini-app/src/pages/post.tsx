import { useParams } from "react-router-dom";
import { AppPage } from "../components/app-page";
import { ShareButton } from "../components/share-button";
import { Skeleton } from "../components/skeleton";
import { ErrorState, StaleNotice } from "../components/status";
import { dayText, paragraphs } from "../format";
import { formatViDate } from "@cds/shared/format/dates";
import { paths } from "../routing";
import { usePost } from "../state/data";

/**
 * A post. Its body is plain text from the editors: it is rendered as text nodes, paragraph by paragraph,
 * never as HTML, so nothing in it can run or restyle the page.
 */
export default function PostPage() {
  const { id } = useParams();
  const post = usePost(id);
  const data = post.data;
  return (
    <AppPage title="Tin tức" up={paths.news}>
      {post.savedAt && post.error && <StaleNotice savedAt={post.savedAt} onRetry={post.retry} />}
      {data ? (
        <article className="post" aria-labelledby="post-title">
          <h1 id="post-title">{data.title}</h1>
          <p className="post-date">
            Đăng ngày <time dateTime={data.publishedAt}>{dayText(data.publishedAt)}</time>
          </p>
          {data.coverImageUrl && (
            <img className="post-cover" src={data.coverImageUrl} alt="" loading="lazy" decoding="async" />
          )}
          <p className="post-lead">{data.summary}</p>
          {data.highlights.length > 0 && (
            <section aria-labelledby="highlights-title">
              <h2 id="highlights-title" className="section-title">
                Số liệu nổi bật
              </h2>
              <ul className="bullets">
                {data.highlights.map((h) => (
                  <li key={h.text}>{h.text}</li>
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="body-title">
            <h2 id="body-title" className="sr-only">
              Nội dung
            </h2>
            <div className="post-body">
              {paragraphs(data.body).map((p, i) => (
                <p key={i}>{p}</p>
              ))}
            </div>
          </section>
          {data.events.length > 0 && (
            <section aria-labelledby="events-title">
              <h2 id="events-title" className="section-title">
                Sự kiện trong tuần
              </h2>
              <ul className="events">
                {data.events.map((e) => (
                  <li key={`${e.date}${e.text}`}>
                    <time dateTime={e.date} className="event-date">
                      {formatViDate(e.date)}
                    </time>
                    <span>{e.text}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <ShareButton
            label="Chia sẻ bản tin"
            title={data.title}
            description={data.summary}
            path={paths.post(data.id)}
          />
        </article>
      ) : post.error ? (
        <ErrorState error={post.error} onRetry={post.retry} />
      ) : (
        <Skeleton lines={2} label="Đang tải bản tin…" />
      )}
    </AppPage>
  );
}
