export * from "./bytes";
export * from "./der";
export * from "./keys";
export * from "./statement";
export * from "./envelope";
export * from "./actorKeysTable";
