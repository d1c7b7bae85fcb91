import { DAY_MS } from "../config";

/**
 * Followers in parallel typed arrays indexed by a dense integer, so 1.2 M of them cost ~30 B each
 * instead of a JS object each. Synthetic ids are derived from the index ("73" + 17-digit index:
 * 19 digits, > 2^53); ids that arrive from outside (events) are appended and mapped explicitly.
 */
const SYNTHETIC_PREFIX = "73";
const APP_SCOPED_PREFIX = "55";
const INDEX_DIGITS = 17;
const SYNTHETIC_ID = /^73\d{17}$/;

const FOLLOWER = 1;
const SUBSCRIBED = 2;
const EXTERNAL = 4;

/** Seeded PRNG: the same seeding call yields the same followers, run after run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SEED = 0x5a10;

function padIndex(i: number): string {
  return String(i).padStart(INDEX_DIGITS, "0");
}

export interface SeedOptions {
  count: number;
  subscribed: boolean;
  /** Last interaction random within this many days; absent = older than the CS window. */
  activeWithinDays?: number;
  /** Everyone in this city (a Zalo city code); absent = a realistic spread around `homeCity`. */
  city?: number;
  homeCity: number;
  now: number;
  csWindowDays: number;
}

/**
 * Where a provincial OA's followers live: most in the province, some in the two big cities where people
 * from the province work, the rest anywhere (outside Vietnam included). A shares table, not data: its
 * point is that a wrong city code in configuration reaches a different, visibly wrong audience.
 */
const HOME_SHARE = 0.8;
const BIG_CITIES: ReadonlyArray<readonly [code: number, share: number]> = [
  [9, 0.08], // Hà Nội
  [4, 0.04], // Hồ Chí Minh
];
const CITY_CODES = 64;

export interface FollowerView {
  index: number;
  userId: string;
  userIdByApp: string;
  isFollower: boolean;
  subscribed: boolean;
  city: string;
  /** Epoch ms; 0 = never followed. */
  followedAt: number;
  /** Epoch ms; 0 = never interacted. */
  lastInteractionAt: number;
  broadcastMonth: number;
  broadcastMonthCount: number;
  broadcastDay: number;
  broadcastDayCount: number;
}

export interface ListFilter {
  subscribed?: boolean;
  follower?: boolean;
}

export class FollowerStore {
  private size = 0;
  private capacity = 0;
  private followerTotal = 0;
  private followedAt = new Float64Array(0);
  private lastInteractionAt = new Float64Array(0);
  private flags = new Uint8Array(0);
  private cityCodes = new Uint8Array(0);
  /** Broadcast counters: local month as yyyymm / day as yyyymmdd, and how many received in it. */
  private bcMonth = new Uint32Array(0);
  private bcMonthCount = new Uint8Array(0);
  private bcDay = new Uint32Array(0);
  private bcDayCount = new Uint8Array(0);
  private externalIds = new Map<number, string>();
  private externalIndex = new Map<string, number>();
  private random = mulberry32(SEED);

  get count(): number {
    return this.size;
  }

  get followers(): number {
    return this.followerTotal;
  }

  reset(): void {
    this.size = 0;
    this.capacity = 0;
    this.followerTotal = 0;
    this.followedAt = new Float64Array(0);
    this.lastInteractionAt = new Float64Array(0);
    this.flags = new Uint8Array(0);
    this.cityCodes = new Uint8Array(0);
    this.bcMonth = new Uint32Array(0);
    this.bcMonthCount = new Uint8Array(0);
    this.bcDay = new Uint32Array(0);
    this.bcDayCount = new Uint8Array(0);
    this.externalIds = new Map();
    this.externalIndex = new Map();
    this.random = mulberry32(SEED);
  }

  private spreadCity(home: number): number {
    let r = this.random();
    if (r < HOME_SHARE) return home;
    r -= HOME_SHARE;
    for (const [code, share] of BIG_CITIES) {
      if (r < share) return code;
      r -= share;
    }
    return Math.floor(this.random() * CITY_CODES);
  }

  /** Appends `count` synthetic followers; returns the index of the first and how many went to each city. */
  seed(o: SeedOptions): { first: number; byCity: Record<string, number> } {
    const first = this.size;
    const byCity: Record<string, number> = {};
    this.ensureCapacity(first + o.count);
    const flags = FOLLOWER | (o.subscribed ? SUBSCRIBED : 0);
    // "Inactive" followers sit at least a day beyond the CS window, so they are unambiguously out of it.
    const staleAge = (o.csWindowDays + 1) * DAY_MS;
    const rnd = this.random;
    for (let i = first; i < first + o.count; i++) {
      const last =
        o.activeWithinDays !== undefined
          ? o.now - rnd() * o.activeWithinDays * DAY_MS
          : o.now - staleAge - rnd() * 180 * DAY_MS;
      this.lastInteractionAt[i] = Math.ceil(last);
      this.followedAt[i] = Math.ceil(last - rnd() * 365 * DAY_MS);
      this.flags[i] = flags;
      const city = o.city ?? this.spreadCity(o.homeCity);
      this.cityCodes[i] = city;
      byCity[city] = (byCity[city] ?? 0) + 1;
    }
    this.size += o.count;
    this.followerTotal += o.count;
    return { first, byCity };
  }

  /** A user first seen through an event (follow, message) with an id chosen outside the simulator. */
  addExternal(userId: string, city: number): number {
    const i = this.size;
    this.ensureCapacity(i + 1);
    this.flags[i] = EXTERNAL;
    this.cityCodes[i] = city;
    this.externalIds.set(i, userId);
    this.externalIndex.set(userId, i);
    this.size += 1;
    return i;
  }

  /** Synthetic-looking ids that do not exist cannot be adopted by events: they would collide later. */
  isReservedId(userId: string): boolean {
    return SYNTHETIC_ID.test(userId) && this.indexOf(userId) < 0;
  }

  indexOf(userId: string): number {
    if (SYNTHETIC_ID.test(userId)) {
      const i = Number(userId.slice(SYNTHETIC_PREFIX.length));
      if (i < this.size && (this.flags[i]! & EXTERNAL) === 0) return i;
    }
    return this.externalIndex.get(userId) ?? -1;
  }

  idOf(i: number): string {
    return this.externalIds.get(i) ?? SYNTHETIC_PREFIX + padIndex(i);
  }

  /** The app-scoped id (`user_id_by_app`, mini-app `id`), derived from the index for every user. */
  appIdOf(i: number): string {
    return APP_SCOPED_PREFIX + padIndex(i);
  }

  displayNameOf(i: number): string {
    return `Người dùng mô phỏng ${i + 1}`;
  }

  isFollower(i: number): boolean {
    return (this.flags[i]! & FOLLOWER) !== 0;
  }

  setFollower(i: number, follower: boolean, now: number): void {
    if (this.isFollower(i) === follower) return;
    if (follower) {
      this.flags[i] = this.flags[i]! | FOLLOWER;
      this.followedAt[i] = now;
      this.followerTotal += 1;
    } else {
      this.flags[i] = this.flags[i]! & ~FOLLOWER;
      this.followerTotal -= 1;
    }
  }

  lastInteraction(i: number): number {
    return this.lastInteractionAt[i]!;
  }

  touch(i: number, now: number): void {
    this.lastInteractionAt[i] = now;
  }

  /** The Zalo city code (0–63) the user's profile places them in. */
  cityOf(i: number): number {
    return this.cityCodes[i]!;
  }

  broadcastCounts(i: number, month: number, day: number): { month: number; day: number } {
    return {
      month: this.bcMonth[i] === month ? this.bcMonthCount[i]! : 0,
      day: this.bcDay[i] === day ? this.bcDayCount[i]! : 0,
    };
  }

  /** Delivers one broadcast if the follower is under both caps; counters roll over with the local month/day. */
  receiveBroadcast(i: number, month: number, day: number, monthlyCap: number, dailyCap: number): boolean {
    const monthCount = this.bcMonth[i] === month ? this.bcMonthCount[i]! : 0;
    const dayCount = this.bcDay[i] === day ? this.bcDayCount[i]! : 0;
    if (monthCount >= monthlyCap || dayCount >= dailyCap) return false;
    this.bcMonth[i] = month;
    this.bcMonthCount[i] = Math.min(255, monthCount + 1);
    this.bcDay[i] = day;
    this.bcDayCount[i] = Math.min(255, dayCount + 1);
    return true;
  }

  view(i: number): FollowerView {
    return {
      index: i,
      userId: this.idOf(i),
      userIdByApp: this.appIdOf(i),
      isFollower: this.isFollower(i),
      subscribed: (this.flags[i]! & SUBSCRIBED) !== 0,
      city: String(this.cityCodes[i]!),
      followedAt: this.followedAt[i]!,
      lastInteractionAt: this.lastInteractionAt[i]!,
      broadcastMonth: this.bcMonth[i]!,
      broadcastMonthCount: this.bcMonthCount[i]!,
      broadcastDay: this.bcDay[i]!,
      broadcastDayCount: this.bcDayCount[i]!,
    };
  }

  /** Ids in index order after `afterIndex`, matching the filter; `next` is the last index returned. */
  list(filter: ListFilter, afterIndex: number, limit: number): { ids: string[]; next: number | null } {
    const ids: string[] = [];
    let i = afterIndex + 1;
    for (; i < this.size && ids.length < limit; i++) {
      const f = this.flags[i]!;
      if (filter.subscribed !== undefined && ((f & SUBSCRIBED) !== 0) !== filter.subscribed) continue;
      if (filter.follower !== undefined && ((f & FOLLOWER) !== 0) !== filter.follower) continue;
      ids.push(this.idOf(i));
    }
    return { ids, next: ids.length === limit && i < this.size ? i - 1 : null };
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.capacity) return;
    const cap = Math.max(needed, Math.ceil(this.capacity * 1.5), 1024);
    const n = this.size;
    const f64 = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(cap);
      b.set(a.subarray(0, n));
      return b;
    };
    const u8 = (a: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> => {
      const b = new Uint8Array(cap);
      b.set(a.subarray(0, n));
      return b;
    };
    const u32 = (a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> => {
      const b = new Uint32Array(cap);
      b.set(a.subarray(0, n));
      return b;
    };
    this.followedAt = f64(this.followedAt);
    this.lastInteractionAt = f64(this.lastInteractionAt);
    this.flags = u8(this.flags);
    this.cityCodes = u8(this.cityCodes);
    this.bcMonth = u32(this.bcMonth);
    this.bcMonthCount = u8(this.bcMonthCount);
    this.bcDay = u32(this.bcDay);
    this.bcDayCount = u8(this.bcDayCount);
    this.capacity = cap;
  }
}
