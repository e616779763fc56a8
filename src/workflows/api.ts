// What the ribbon command and the taskpane can ask of a workbook. Implemented in this folder over
// the Office.js adapter (src/office); UI code depends on these shapes only.
import type {
  ChainReport,
  CheckOutcome,
  GateOutcome,
  PatchLogEntry,
  PriorSeal,
  SealedRun,
} from "../core";
import type { ActorKeysRead, SignatureVerdict } from "../core/sign";
import type { AppendedKeyRow } from "../office/actorKeys";
import type { StoredSeal } from "../office/sealStore";

export interface Actor {
  name: string;
  role: string;
}

export interface SealOptions {
  actor: Actor;
  /** Seal a new version of an already sealed run, with this reason. */
  newVersionReason?: string;
  /** Fixed clock for tests. */
  now?: () => Date;
  /** CLI: seals of this run found outside the workbook (sealed files in its folders), for not_already_sealed. */
  priorSeals?: PriorSeal[];
  /** Where the run was in the last list read (RunListItem.rowIndex): saves a sync when still right. */
  rowHint?: number;
  /** CLI --out: the name the sealed file will bear, recorded in the SEAL entry and the kept seal. */
  fileName?: string;
}

export type SealOutcome =
  | {
      kind: "sealed";
      document: SealedRun;
      fileName: string;
      /** The file's exact text (indented JSON + newline) and bytes. */
      text: string;
      bytes: Uint8Array;
      logEntry: PatchLogEntry;
      /** False where Workbook.save is not available (ExcelApi < 1.11) or failed: the warnings say to save. */
      saved: boolean;
      /** Co-authoring fork, repaired orphans, etc.: shown to the user as-is. */
      warnings: string[];
      /** With the session's first seal: Excel cannot undo past a seal (shown once, as information). */
      undoNotice?: string;
    }
  | {
      kind: "refused";
      runId: string;
      checks: CheckOutcome[];
      gates: GateOutcome[];
      reason: string;
      logEntry: PatchLogEntry | null;
      warnings: string[];
    };

/** What sealing a run would give now (nothing written): shown before the user presses Seal. */
export type SealPreview =
  | {
      kind: "would-seal";
      document: SealedRun;
      fileName: string;
      text: string;
      warnings: string[];
    }
  | {
      kind: "would-refuse";
      runId: string;
      checks: CheckOutcome[];
      gates: GateOutcome[];
      reason: string;
      warnings: string[];
    };

export interface PatchRequest {
  sealHash: string;
  /** A path into the document: `kpis.summary_confidence_pct`, `top_risks[2]`. */
  field: string;
  /** As typed: for a non-string field, JSON (72, ["a"]). */
  newValue: string;
  reason: string;
  actor: Actor;
  /**
   * The sealed document patched, when it is a file rather than a seal kept in the workbook. It is
   * verified again before use (a document whose content no longer matches its hash is refused),
   * and the old value recorded is read from it.
   */
  document?: SealedRun;
  now?: () => Date;
}

export type RunState = "unsealed" | "sealed" | "patched" | "changed";

export interface RunListItem {
  runId: string;
  /** 0-based row in the table body. */
  rowIndex: number;
  /** `LLM_OUTPUT!A5:I5`. */
  address: string;
  sessionDate: string;
  operator: string;
  state: RunState;
  /** The latest seal's hash, when sealed. */
  sealHash?: string;
  /** Fields that differ from the latest seal (state "changed"). */
  changedFields?: string[];
}

export interface FieldChange {
  field: string;
  sealed: string;
  now: string;
}

/**
 * What the row was compared with. The file itself only when its content matches its hash; for an
 * altered file, the seal kept in the workbook with the hash the file claims (or the run's latest
 * kept seal); when none is kept, only the log's SealHash is known and no values are compared.
 */
export type CheckBasis =
  | { kind: "file" }
  | { kind: "kept-seal"; fileName: string; hash: string }
  | { kind: "log-only"; entryId: string; hash: string }
  | { kind: "none" };

export interface WorkbookCheck {
  /** Whether the file's content still matches its own hash; when false, its values are not the seal's. */
  fileIntact: boolean;
  basis: CheckBasis;
  /** For an altered file compared with a kept seal: the fields where the file differs from that seal. */
  fileEdits: FieldChange[];
  /** The SEAL entry of this document's hash, if the log has it. */
  sealEntry: PatchLogEntry | null;
  /** Whether the row with this run id still exists, and what changed since the seal (the basis). */
  rowFound: boolean;
  changes: FieldChange[];
  /** PATCH entries naming this seal's hash. */
  patches: PatchLogEntry[];
  chain: ChainReport;
}

export interface LogView {
  entries: PatchLogEntry[];
  chain: ChainReport;
  /** Seals stored in the workbook without a SEAL entry (a seal interrupted between its two writes). */
  orphans: StoredSeal[];
}

export interface PatchOutcome {
  logEntry: PatchLogEntry;
  /** False when the workbook could not be saved after the entry was written (see warnings). */
  saved: boolean;
  /** A failed save: the entry stands, the workbook must be saved by hand. */
  warnings: string[];
}

export interface KeptSignatureCheck {
  /** The verdict on the best kept envelope for this seal; null when the workbook keeps none. */
  verdict: SignatureVerdict | null;
  /** The kept envelope's file name (`<seal>.intoto.json`), when there is one. */
  envelopeName?: string;
  /** One line: "signed by …, a key listed for … in the workbook's ActorKeysTable", or why not. */
  line: string;
  /** What ActorKeysTable says of this key besides the verdict (pending, revoked), and its unreadable rows. */
  notes: string[];
}

export type KeepSignatureResult =
  | { kind: "kept"; partId: string; keyId: string }
  | { kind: "already-kept"; partId: string; keyId: string };

/** Thrown for anything the user must act on: raised by the Office.js adapter and the workflows alike. */
export { WorkbookError, type WorkbookErrorCode } from "../office/workbookError";
export type { StoredSeal } from "../office/sealStore";

/** Everything the UI can do with the open workbook. `createWorkbookApi(host)` builds it. */
export interface WorkbookApi {
  listRuns(): Promise<RunListItem[]>;
  /** The run id under the Excel selection, or a WorkbookError saying why there is none. */
  selectedRunId(): Promise<string>;
  sealSelectedRun(opts: SealOptions): Promise<SealOutcome>;
  sealRun(runId: string, opts: SealOptions): Promise<SealOutcome>;
  /** The document sealRun would write now, or the checks that would refuse it; writes nothing. */
  previewSeal(runId: string, opts: SealOptions): Promise<SealPreview>;
  recordPatch(req: PatchRequest): Promise<PatchOutcome>;
  checkAgainstWorkbook(doc: SealedRun): Promise<WorkbookCheck>;
  readLog(): Promise<LogView>;
  listStoredSeals(): Promise<StoredSeal[]>;
  fetchStoredSeal(id: string): Promise<{ fileName: string; text: string }>;
  /** Append the missing SEAL entries of orphaned stored seals; returns how many. */
  repairOrphans(actor: Actor): Promise<number>;
  /** Whether LLM_OUTPUT/LLMOutputTable, GOVERNANCE and PROMPTS exist. */
  inspect(): Promise<{
    hasRunTable: boolean;
    hasGovernance: boolean;
    hasPrompts: boolean;
    hasLog: boolean;
  }>;
  /** Adds GOVERNANCE, PROMPTS and ACTOR_KEYS (ActorKeysTable), each only where missing. */
  createGovernanceTemplate(): Promise<void>;
  /** Keeps a seal's DSSE envelope in the workbook beside the seal (docs/SIGNING.md). */
  keepSignature(
    doc: SealedRun,
    fileName: string,
    envelope: string,
  ): Promise<KeepSignatureResult>;
  /** Who signed `doc` by the envelopes this workbook keeps, against its ActorKeysTable. */
  checkKeptSignature(doc: SealedRun): Promise<KeptSignatureCheck>;
  /** Appends a pending "I am <actor> and this is my key" row to ActorKeysTable (requested `now()`). */
  registerActorKey(
    actor: string,
    spki: Uint8Array,
    now?: () => Date,
  ): Promise<AppendedKeyRow>;
  /** The workbook's ActorKeysTable: approved keys, every row, unreadable rows by cell. */
  readActorKeys(): Promise<ActorKeysRead>;
  /** Call back when the Excel selection moves; returns an unsubscribe function. */
  onSelectionChanged(cb: () => void): Promise<() => void>;
}
