import type { CitizenConfig } from "./config-types";

export const citizenConfig: CitizenConfig = __CITIZEN_CONFIG__;
