export * from "./zalo/platform";
export * from "./zalo/mac";
export * from "./time/zone";
