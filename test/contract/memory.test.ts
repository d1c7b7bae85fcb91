import {
  memoryPostRepository,
  memoryReportRepository,
  memorySessionRepository,
  memorySnapshotRepository,
  memoryUserRepository,
} from "../harness/memory-store";
import { repositoryContract } from "./repositories";

repositoryContract("in memory (the domain's unit tests)", async () => ({
  snapshots: memorySnapshotRepository(),
  reports: memoryReportRepository(),
  posts: memoryPostRepository(),
  users: memoryUserRepository(),
  sessions: memorySessionRepository(),
  close: async () => {},
}));
