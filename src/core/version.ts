// Who made a seal (`reconstruction.exporter`). A test keeps it equal to package.json.
export const EXPORTER = { name: "sealed-run", version: "1.0.0" } as const;
export const SCHEMA_VERSION = "1.0" as const;
