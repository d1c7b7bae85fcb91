import type { Role } from "./roles";

export interface User {
  username: string;
  name: string;
  roles: Role[];
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  createdBy: string;
  passwordChangedAt: string;
}

export interface UserRepository {
  get(username: string): Promise<User | undefined>;
  /** False when the username is taken. */
  create(user: User): Promise<boolean>;
  save(user: User): Promise<void>;
  list(): Promise<User[]>;
}

export interface Session {
  id: string;
  username: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionRepository {
  create(session: Session, idleTtlMs: number): Promise<void>;
  get(id: string): Promise<Session | undefined>;
  touch(id: string, at: number, idleTtlMs: number): Promise<void>;
  delete(id: string): Promise<void>;
  /** Ends every session of the user; returns how many. */
  deleteAllOf(username: string): Promise<number>;
}

/** Failed sign-ins counted across every API process, per account and per address. */
export interface SignInThrottle {
  /** Seconds to wait before trying again, or 0 when a try is allowed. */
  retryAfter(username: string, address: string): Promise<number>;
  recordFailure(username: string, address: string): Promise<void>;
  clearAccount(username: string): Promise<void>;
}
