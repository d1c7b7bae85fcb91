export { createSimulator, SANDBOX_CREDENTIALS } from "./server";
export type { RunningSimulator, SimCredentials, SimulatorOptions } from "./server";
export { appSecretProof } from "./routes/graph";
export { pkceChallenge } from "./state/tokens";
