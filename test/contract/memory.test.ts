import { memoryReportRepository, memorySnapshotRepository } from "../harness/memory-store";
import { repositoryContract } from "./repositories";

repositoryContract("in memory (the domain's unit tests)", async () => ({
  snapshots: memorySnapshotRepository(),
  reports: memoryReportRepository(),
  close: async () => {},
}));
