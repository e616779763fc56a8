// The shared core: one module for the taskpane, the ribbon command and the CLI. Pure TypeScript:
// no Office, DOM or Node imports (Web Crypto, TextEncoder and TextDecoder are globals in both).
export * from "./types";
export * from "./version";
export * from "./hash";
export * from "./sha256";
export * from "./json/canonical";
export * from "./json/strictParse";
export * from "./schema";
export * from "./row";
export * from "./seal/timestamp";
export * from "./seal/governance";
export * from "./seal/verify";
export * from "./seal/verifyFast";
export * from "./json/canonicalScan";
export * from "./seal/build";
export * from "./seal/sealRequest";
export * from "./seal/replay";
export * from "./seal/fields";
export * from "./log/chain";
export {
  computeEntryHash,
  entryCanonicalText,
  entryHashSync,
  type TextDigest,
} from "./log/entryHash";
export { entryId } from "./log/entryId";
export * from "./log/newEntry";
export * from "./log/state";
export * from "./log/patchField";
export * from "./log/audit";
