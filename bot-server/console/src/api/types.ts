/**
 * The admin API's answers, typed from the server's own definitions (type-only imports: no server code
 * reaches the browser) and the shared schemas.
 */
import type { Post } from "@cds/shared/schemas/posts";
import type { Snapshot } from "@cds/shared/schemas/indicators";
import type { DeliveryPlan } from "../../../src/domain/delivery/plan";
import type { SendRecord } from "../../../src/domain/delivery/ports";
import type { OutgoingPost } from "../../../src/domain/delivery/outgoing";
import type { sendProgress } from "../../../src/domain/delivery/send";
import type { AuditEntry } from "../../../src/domain/audit/audit-log";
import type { Permission, Role } from "../../../src/domain/accounts/roles";
import type { publicUser } from "../../../src/domain/accounts/users";
import type { Question } from "../../../src/domain/questions/questions";
import type { weekForReview, weeksForReview, uploadReport } from "../../../src/domain/indicators/weekly-report";

export type { AuditEntry, DeliveryPlan, OutgoingPost, Permission, Post, Question, Role, SendRecord, Snapshot };

export interface Me {
  username: string;
  name: string;
  roles: Role[];
  permissions: Permission[];
}
export interface SessionAnswer {
  csrfToken: string;
  user: Me;
}
export type SendProgress = Awaited<ReturnType<typeof sendProgress>>;
export type WeekList = Awaited<ReturnType<typeof weeksForReview>>;
export type WeekReview = Awaited<ReturnType<typeof weekForReview>>;
export type UploadAnswer = Awaited<ReturnType<typeof uploadReport>>;
export type UserRow = ReturnType<typeof publicUser>;
