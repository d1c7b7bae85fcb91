/**
 * Every Redis key of the application, in one place. All keys share one hash tag, `{<prefix>}`, so the
 * whole data set lands in one slot and can move to Redis Cluster unchanged (BullMQ needs the same).
 *
 * Layout (prefix "cds"):
 *   {cds}:bull:<queue>:*           BullMQ queues
 *   {cds}:report:<sha256>          hash: an imported weekly report (name, text, receivedAt)
 *   {cds}:reports                  sorted set: report hashes by time received
 *   {cds}:snapshot:<to>            hash: one week's indicator snapshot, keyed by the period's last day:
 *                                    head → latest revision number, published → revision the public sees,
 *                                    rev:<n> → JSON of revision n (never changed once written),
 *                                    pub:<n> → JSON {publishedAt, publishedBy} once revision n is published
 *   {cds}:snapshots:weeks          sorted set: every week with a snapshot (drafts too), score = day number of <to>
 *   {cds}:snapshots:published      sorted set: weeks with a published revision, score = day number of <to>
 *   {cds}:snapshots:by-from        hash: period's first day → <to> (the API accepts either date)
 *   {cds}:snapshots:version        counter: bumped by every snapshot publish or correction and every post
 *                                    publication (public caches compare it)
 *   {cds}:zalo:tokens              string: the OA token pair as one JSON value (old or new, never half)
 *   {cds}:zalo:tokens:lock         string: holder of the single-flight refresh lock (PX expiry)
 *   {cds}:zalo:budget              hash: the global send budget's token bucket (t = tokens, ts = ms)
 *   {cds}:fl:ix:<bucket>           hash (listpack-sized): follower user id → dense index; 32,768 buckets
 *   {cds}:fl:next                  counter: next dense index
 *   {cds}:fl:ids                   string: user id of index i as 8 bytes big-endian at offset 8·i
 *   {cds}:fl:last                  string: last interaction of index i, u32 epoch seconds (BITFIELD #i)
 *   {cds}:fl:follow-at             string: when index i last followed or unfollowed, u48 epoch ms (BITFIELD #i);
 *                                    an older follow/unfollow event leaves the following bit alone
 *   {cds}:fl:following             bitmap: index i follows the OA
 *   {cds}:fl:subscribed            bitmap: index i subscribed to the weekly digest (only ever set with following)
 *   {cds}:webhook:seen:<key>       string with TTL: a webhook event already accepted (dedupe of retries)
 *   {cds}:rl:<limit>:<who>         string with TTL: requests counted by a rate limit (rate-limit-redis), per
 *                                    address or verified Zalo user, shared by every API process
 *   {cds}:chat:unanswered          list: JSON questions the bot could not answer, newest first (≤ 10,000)
 *   {cds}:chat:handled             hash: question id → JSON { by, at, reply? }: an editor answered it or set it aside
 *   {cds}:chat:answered:<key>      string with TTL: a reply already given (key: the user's msg id, or follow:<user>:<ms>)
 *   {cds}:chat:inflight:<key>      string with TTL: JSON { textHash, atMs } of a reply whose send began and is not
 *                                    yet recorded; a retry settles it through the OA's conversation before sending
 *   {cds}:post:<id>                string: JSON news post (draft or published)
 *   {cds}:posts:published          sorted set: published post ids by publication time
 *   {cds}:posts:all                sorted set: every post id by creation time (the editors' list)
 *   {cds}:cover:<post>-<hash>.<ext> string: a post's cover image bytes (JPEG/PNG ≤ 1 MB)
 *   {cds}:send:<post>              string: JSON of the post's send (schedule, approved plan, state, digest size)
 *   {cds}:send:<post>:broadcast    string: JSON of its broadcast's state (each step recorded before the next)
 *   {cds}:send:<post>:finished     string: set once, by the one caller that finishes the send
 *   {cds}:send:<post>:audience     bitmap by dense follower index: the digest's recipients, frozen at start
 *   {cds}:send:<post>:sent|failed|skipped|inflight  bitmaps by dense index: the ledger
 *   {cds}:send:<post>:flags        hash: paused, cancelled ("1"/"0"), checked before every call
 *   {cds}:send:<post>:streak       counter: failures in a row
 *   {cds}:delivery:broadcasts      hash: broadcasts sent per local month (YYYY-MM) and day (YYYY-MM-DD)
 *   {cds}:delivery:active          set: posts whose send is under way (for /metrics)
 *   {cds}:alarms                   hash: alarm name → JSON { since, message, steps } for operators
 *   {cds}:users                    hash: username → JSON user (roles, scrypt hash, disabled)
 *   {cds}:session:<id>             string with idle TTL: JSON session (user, CSRF token, created, last seen)
 *   {cds}:user-sessions:<username> set: the user's session ids (sign out everywhere)
 *   {cds}:signin-fail:<u:name|a:ip> counter with TTL: failed sign-ins per account and per address
 *   {cds}:audit                    stream: the append-only audit log, one JSON field "entry" per event
 *   {cds}:zalo:cs-usage:<day>      hash with TTL: CS messages sent on a local day (YYYY-MM-DD) by Zalo's
 *                                    quota_type (reply = free, sub_quota = package allowance, purchase_quota = billed)
 */
export function keyspace(prefix: string) {
  const root = `{${prefix}}`;
  return {
    /** Pattern that matches every key of the application (backups, test clean-up). */
    all: `${root}:*`,
    bullPrefix: `${root}:bull`,
    report: (sha256: string) => `${root}:report:${sha256}`,
    reports: `${root}:reports`,
    /** `to` must be a validated YYYY-MM-DD date: it becomes part of the key. */
    snapshot: (to: string) => `${root}:snapshot:${to}`,
    snapshotWeeks: `${root}:snapshots:weeks`,
    publishedWeeks: `${root}:snapshots:published`,
    weekByFrom: `${root}:snapshots:by-from`,
    publishedVersion: `${root}:snapshots:version`,
    zaloTokens: `${root}:zalo:tokens`,
    zaloTokenLock: `${root}:zalo:tokens:lock`,
    sendBudget: `${root}:zalo:budget`,
    alarms: `${root}:alarms`,
    users: `${root}:users`,
    session: (id: string) => `${root}:session:${id}`,
    userSessions: (username: string) => `${root}:user-sessions:${username}`,
    signInFailures: (who: string) => `${root}:signin-fail:${who}`,
    audit: `${root}:audit`,
    /** `day` must be a validated YYYY-MM-DD date. */
    csUsage: (day: string) => `${root}:zalo:cs-usage:${day}`,
    followerBucket: (bucket: number) => `${root}:fl:ix:${bucket}`,
    followerNext: `${root}:fl:next`,
    followerIds: `${root}:fl:ids`,
    followerLast: `${root}:fl:last`,
    followerFollowAt: `${root}:fl:follow-at`,
    followerFollowing: `${root}:fl:following`,
    followerSubscribed: `${root}:fl:subscribed`,
    post: (id: string) => `${root}:post:${id}`,
    postsPublished: `${root}:posts:published`,
    postsAll: `${root}:posts:all`,
    send: (postId: string) => {
      const base = `${root}:send:${postId}`;
      return {
        record: base,
        broadcast: `${base}:broadcast`,
        finished: `${base}:finished`,
        audience: `${base}:audience`,
        sent: `${base}:sent`,
        failed: `${base}:failed`,
        skipped: `${base}:skipped`,
        inflight: `${base}:inflight`,
        flags: `${base}:flags`,
        streak: `${base}:streak`,
      };
    },
    broadcastsSent: `${root}:delivery:broadcasts`,
    activeSends: `${root}:delivery:active`,
    /** `file` must match COVER_FILE (store/cover-store.ts). */
    cover: (file: string) => `${root}:cover:${file}`,
    unanswered: `${root}:chat:unanswered`,
    questionsHandled: `${root}:chat:handled`,
    answered: (replyKey: string) => `${root}:chat:answered:${replyKey}`,
    replyInFlight: (replyKey: string) => `${root}:chat:inflight:${replyKey}`,
    webhookSeen: (eventKey: string) => `${root}:webhook:seen:${eventKey}`,
    /** A prefix: rate-limit-redis appends who is counted. */
    rateLimit: (limit: string) => `${root}:rl:${limit}:`,
  };
}

export type Keyspace = ReturnType<typeof keyspace>;
