// What the workflows that a shell without Excel also runs (seal, the log view, the kept seals)
// read from a workbook and write to it, whoever keeps it: the open workbook through Office.js
// (officeStore.ts, in the syncs its README counts) or a workbook file loaded into the in-memory
// workbook model (src/node/xlsxStore.ts, for the CLI). The shapes are the office layer's reads,
// which are plain data; an adapter fills them its own way.
import type { LogCheckpoint, PatchLogEntry } from "../core";
import type { ActorKeyColumn, ActorKeysRead } from "../core/sign";
import type { AppendedKeyRow } from "../office/actorKeys";
import type { Details } from "../office/details";
import type { SaveResult } from "../office/save";
import type { StoredSeal } from "../office/sealStore";
import type { KeptSignature } from "../office/signatureStore";
import type { Snapshot, SnapshotOptions } from "../office/snapshot";

/** One seal's writes: its kept copy (none for a refusal) and the entries after the log as read. */
export interface SealWrite {
  part: { meta: Omit<StoredSeal, "id">; text: string } | null;
  entries: PatchLogEntry[];
  /** Moves the verified checkpoint to the last of `entries` (the chain before them checked intact). */
  checkpoint?: LogCheckpoint;
}

export interface WorkbookStore {
  /**
   * The tables' shape, governance, the log (or its index), the kept seals' ids, the selection
   * (first read; errors are WorkbookErrors a user can act on).
   */
  snapshot(opts: SnapshotOptions): Promise<Snapshot>;
  /** One row of the runs table and its RunID column, the kept seals, the log's tail (second read). */
  details(
    s: Snapshot,
    row: number | null,
    runId?: string,
    selected?: boolean,
  ): Promise<Details>;
  /** One entry by position, when only the log's index was read. */
  logEntry(s: Snapshot, at: number): Promise<PatchLogEntry | undefined>;
  /** The whole log, when the index and tail do not suffice. */
  wholeLog(s: Snapshot): Promise<PatchLogEntry[]>;
  /** Store the seal and append its entries, all or nothing as far as the store allows; returns warnings. */
  commit(s: Snapshot, write: SealWrite, doing: string): Promise<string[]>;
  save(): Promise<SaveResult>;
  /** The exact text of one kept seal. */
  sealText(id: string): Promise<string>;
  /** The signatures kept beside the seals (docs/SIGNING.md). */
  keptSignatures(): Promise<KeptSignature[]>;
  /** Keeps one more (the caller has checked it is not kept already); returns its part's id. */
  addSignature(
    meta: Omit<KeptSignature, "partId" | "envelope">,
    envelope: string,
  ): Promise<string>;
  /** The workbook's ActorKeysTable; a workbook without it lists none. */
  actorKeys(): Promise<ActorKeysRead>;
  /**
   * Appends `row` to ActorKeysTable, its cells as text, unless the table already lists its key id
   * (for anyone) or lacks a column a row is judged by; a workbook without the table gets none.
   */
  addActorKeyRow(row: Record<ActorKeyColumn, string>): Promise<AppendedKeyRow>;
}
