// What sealRun is asked (SealRequest) and what it answers (SealResult): a sealed document with
// its bytes and SEAL entry, or the refusal with its REFUSED entry.
import type { ChainReport, KnownHead } from "../log/chain";
import type { VerifiedLog } from "../log/state";
import type {
  CheckOutcome,
  GateOutcome,
  PatchLogEntry,
  SealedRun,
  SourceRecord,
} from "../types";
import type { Governance } from "./governance";

export interface PriorSeal {
  hash: string;
  exportTimestamp: string;
  /** Where it was found, for messages: a log entry id or a file name. */
  where: string;
}

export interface SealRequest {
  /** The run id asked for. */
  runId: string;
  /** `run_id_valid` of the lookup (pattern of the requested id, no row, several rows). */
  lookup: CheckOutcome;
  /** The used columns of the matched row; null when no single row matched. */
  source: SourceRecord | null;
  /** Cell names parallel to `source.headers`, for messages. */
  cellNames?: string[];
  /** All headers of the table (required columns are judged on them even without a row). */
  tableHeaders: string[];
  governance: Governance;
  actor: string;
  role: string;
  scope: { workbook: string; sheet: string; table: string };
  /**
   * The log as it stands (a LogState's entries): whole, or its verified checkpoint and the entries
   * after it (a workbook's seal reads no more); null where no log is kept (then
   * `patch_log_intact` is not a gate).
   */
  log: readonly PatchLogEntry[] | VerifiedLog | null;
  /** Heads named by seals kept beside the log (a cut tail shows against them). */
  knownHeads?: readonly KnownHead[];
  /** Seals of this run found outside the log (the CLI's sealed-runs folder). */
  priorSeals?: readonly PriorSeal[];
  /** A non-empty reason makes this a new version of an already sealed run. */
  newVersionReason?: string;
  exportTimestamp: string;
  /** The name the sealed file will bear (CLI --out), named by the SEAL entry; by default `<run>_<stamp>.json`. */
  fileName?: string;
}

export type SealResult =
  | {
      sealed: true;
      document: SealedRun;
      /** The bytes to write: indented JSON and a final newline (the hash covers the canonical form, not these bytes). */
      text: string;
      bytes: Uint8Array;
      fileName: string;
      checks: CheckOutcome[];
      gates: GateOutcome[];
      /** The SEAL entry to append, when a log is kept. */
      logEntry: PatchLogEntry | null;
      /** The chain check of the log (null without a log): a shell keeping a checkpoint advances it only when intact. */
      chain?: ChainReport | null;
    }
  | {
      sealed: false;
      checks: CheckOutcome[];
      gates: GateOutcome[];
      /** Triggered check names or `gate:<name>`, joined by `; ` (the REFUSED entry's Reason). */
      reason: string;
      /** The REFUSED entry to append, when a log is kept. */
      logEntry: PatchLogEntry | null;
      chain?: ChainReport | null;
    };
