import { useQuery } from "@tanstack/react-query";
import type { PostStatus } from "@cds/shared/schemas/posts";
import { get } from "../api/client";
import type { DeliveryPlan, OutgoingPost, Post, SendProgress } from "../api/types";

export const postKey = (id: string) => ["post", id] as const;
export const postsKey = ["posts"] as const;

/** A send still moving: its figures are fetched again every two seconds. */
export const LIVE_STATES: ReadonlyArray<SendProgress["send"]["state"]> = [
  "scheduled",
  "sending",
  "paused",
  "waiting_for_person",
];
export const SEND_STATUSES: readonly PostStatus[] = [
  "scheduled",
  "sending",
  "sent",
  "partially_sent",
  "failed",
  "uncertain",
  "cancelled",
];

export const usePosts = (statuses: readonly PostStatus[]) =>
  useQuery({
    queryKey: [...postsKey, statuses.join(",")],
    queryFn: () =>
      get<{ posts: Post[] }>(`/api/v1/admin/posts${statuses.length > 0 ? `?status=${statuses.join(",")}` : ""}`),
  });

/** A post on its way out changes status by itself (sending → sent): it is asked for again while it does. */
const MOVING: readonly PostStatus[] = ["scheduled", "sending"];

export const usePost = (id: string) =>
  useQuery({
    queryKey: postKey(id),
    queryFn: () => get<{ post: Post }>(`/api/v1/admin/posts/${encodeURIComponent(id)}`),
    refetchInterval: (q) => (q.state.data && MOVING.includes(q.state.data.post.status) ? 2000 : false),
  });

/** Asked again at each version: the cover's address changes with the cover. */
export const usePreview = (id: string, version: number | undefined) =>
  useQuery({
    queryKey: [...postKey(id), "preview", version],
    queryFn: () => get<{ preview: OutgoingPost }>(`/api/v1/admin/posts/${encodeURIComponent(id)}/preview`),
    enabled: version !== undefined,
  });

/** The plan for a time (absent: now, by the server's clock). */
export const usePlan = (post: Post, at?: string) =>
  useQuery({
    queryKey: [...postKey(post.id), "plan", post.version, at ?? "now"],
    queryFn: () =>
      get<{ plan: DeliveryPlan }>(
        `/api/v1/admin/posts/${encodeURIComponent(post.id)}/plan${at ? `?at=${encodeURIComponent(at)}` : ""}`,
      ),
  });

export const useSend = (id: string, enabled = true) =>
  useQuery({
    queryKey: [...postKey(id), "send"],
    queryFn: () => get<SendProgress>(`/api/v1/admin/posts/${encodeURIComponent(id)}/send`),
    enabled,
    refetchInterval: (q) => (q.state.data && !LIVE_STATES.includes(q.state.data.send.state) ? false : 2000),
  });
