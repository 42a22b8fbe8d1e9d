export * from "./auth";
export * from "./groups";
export * from "./audit";
export * from "./instance";
export * from "./stories";
export * from "./actions";
export * from "./jobs";
export * from "./decisions";
