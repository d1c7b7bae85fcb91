import { hexId } from "./ids";

export type ArticleType = "normal" | "video";

/** The article as validated at create time; served back by getdetail. */
export interface ArticleContent {
  type: ArticleType;
  title: string;
  description: string;
  status: "show" | "hide";
  comment: "show" | "hide";
  author?: string;
  cover?: Record<string, unknown>;
  body?: Record<string, unknown>[];
  video_id?: string;
  avatar?: string;
}

export interface ArticleRecord {
  id: string;
  token: string;
  createdAt: number;
  /** Simulator time from which verify answers the id (article processing is asynchronous). */
  readyAt: number;
  content: ArticleContent;
}

export type VerifyResult = { id: string } | "unknown" | "processing";

export class ArticleStore {
  private byToken = new Map<string, ArticleRecord>();
  private byId = new Map<string, ArticleRecord>();

  reset(): void {
    this.byToken.clear();
    this.byId.clear();
  }

  create(content: ArticleContent, now: number, processingMs: number): string {
    const rec: ArticleRecord = {
      id: hexId(),
      token: hexId() + hexId(),
      createdAt: now,
      readyAt: now + processingMs,
      content,
    };
    this.byToken.set(rec.token, rec);
    this.byId.set(rec.id, rec);
    return rec.token;
  }

  verify(token: string, now: number): VerifyResult {
    const rec = this.byToken.get(token);
    if (!rec) return "unknown";
    return now < rec.readyAt ? "processing" : { id: rec.id };
  }

  /** Only articles whose processing finished are visible by id (the id is unknown to clients before). */
  get(id: string, now: number): ArticleRecord | undefined {
    const rec = this.byId.get(id);
    return rec && now >= rec.readyAt ? rec : undefined;
  }

  get count(): number {
    return this.byId.size;
  }
}
