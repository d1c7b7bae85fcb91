import {
  createMemoryPostRepository,
  createMemoryReportRepository,
  createMemorySessionRepository,
  createMemorySnapshotRepository,
  createMemoryUserRepository,
} from "../harness/memory-store";
import { repositoryContract } from "./repositories";

repositoryContract("in memory (the domain's unit tests)", async () => ({
  snapshots: createMemorySnapshotRepository(),
  reports: createMemoryReportRepository(),
  posts: createMemoryPostRepository(),
  users: createMemoryUserRepository(),
  sessions: createMemorySessionRepository(),
  close: async () => {},
}));
