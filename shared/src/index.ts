export * from "./zalo/platform";
export * from "./zalo/mac";
export * from "./time/zone";
export * from "./catalogue/index";
export * from "./schemas/indicators";
