// A workbook on disk as the CLI's source (CONTRACT §4 "CLI with an .xlsx"): read by the package
// layer (src/xlsx) into the workbook model and driven through the very workflows the add-in runs,
// over that model as their store (xlsxStore.ts), so its GOVERNANCE, PROMPTS, PATCH_LOG and kept
// seals are used and updated exactly as in Excel;
// then only the parts the workflows changed are written back, atomically, beside the others copied
// as they were. A workbook open in Excel (its owner file beside it) is never written.
import { existsSync, statSync, unlinkSync, type Stats } from "node:fs";
import path from "node:path";
import type { SimWorkbook } from "@sealed-run/workbook-model";
import {
  loadWorkbook,
  saveWorkbook,
  WorkbookFormatError,
  WorkbookWriteError,
  type LoadedPackage,
} from "../xlsx";
import {
  GOVERNANCE_TABLE,
  LOG_TABLE,
  PROMPTS_TABLE,
  RUN_TABLE,
} from "../office/names";
import {
  createStoreApi,
  WorkbookError,
  type SealOutcome,
  type StoreApi,
  type WorkbookStore,
} from "../workflows";
import { xlsxStore } from "./xlsxStore";
import { OutputExistsError, readBytes, writeExclusive } from "./files";
import {
  regularFileMode,
  replaceFileAtomically,
  type ReplaceOptions,
} from "./atomicReplace";
import { withLock, type HeldLock } from "./lock";
import { SourceError } from "./csvSource";
import { installSaxesXmlRootParser } from "./xmlRootSaxes";
import { priorSealsOf, scanSealFolders } from "./priorSeals";
import type { SealedRun } from "../core";

/** Files the CLI reads and writes as workbooks. */
export function isWorkbookPath(p: string): boolean {
  return /\.xls[xm]$/i.test(p);
}

/** Spreadsheet files the CLI refuses by name, with what to do instead. */
export function foreignSpreadsheetKind(p: string): string | null {
  const ext = /\.(xls|xlsb|ods|numbers|xltx|xltm|fods)$/i
    .exec(p)?.[1]
    ?.toLowerCase();
  if (!ext) return null;
  const what: Record<string, string> = {
    xls: "a legacy Excel 97-2003 workbook (.xls)",
    xlsb: "an Excel Binary Workbook (.xlsb)",
    ods: "an OpenDocument spreadsheet (.ods)",
    fods: "a flat OpenDocument spreadsheet (.fods)",
    numbers: "an Apple Numbers file",
    xltx: "an Excel template (.xltx)",
    xltm: "an Excel macro-enabled template (.xltm)",
  };
  return `${p} is ${what[ext]}, which sealed-run does not read: open it in Excel (or LibreOffice) and save it as an Excel Workbook (.xlsx), or .xlsm to keep macros`;
}

/**
 * Excel keeps an owner file `~$BOOK.xlsx` beside a workbook it has open (LibreOffice a lock file
 * `.~lock.BOOK.xlsx#`): writing the workbook then would be overwritten by Excel's next save, or
 * collide with it. Returns the refusal, or null when no such file is there.
 */
export function openElsewhere(file: string): string | null {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const owners = [
    { f: path.join(dir, `~$${base}`), who: "Excel" },
    { f: path.join(dir, `.~lock.${base}#`), who: "LibreOffice" },
  ];
  for (const o of owners)
    if (existsSync(o.f))
      return `${file} is open in ${o.who} (its owner file ${path.basename(o.f)} is beside it): close the workbook there and run this again; nothing was written. (If ${o.who} is not running, the owner file is a leftover of a crash: delete it.)`;
  return null;
}

export interface OpenWorkbook {
  book: SimWorkbook;
  api: StoreApi;
  /** The workbook as the workflows' store, for reads the API does not offer (kept signatures). */
  store: WorkbookStore;
  file: string;
  loaded: LoadedPackage;
}

export interface OpenOptions {
  /**
   * Seal one run: of the run table, keep only its header, RunID column and that run's row
   * (bounded memory on a large table); null keeps only the header (extract reads no run).
   */
  runId?: string | null;
}

/** Loads BOOK.xlsx (UnreadablePathError when it cannot be read; SourceError when it is no workbook we read). */
export async function openWorkbookFile(
  file: string,
  options: OpenOptions = {},
): Promise<OpenWorkbook> {
  installSaxesXmlRootParser(); // kept seals' parts are XML, and Node has no DOMParser
  const foreign = foreignSpreadsheetKind(file);
  if (foreign) throw new SourceError(foreign);
  regularFileMode(file); // a link is refused (UnsafeTargetError), even for reading
  const bytes = readBytes(file);
  let opened: Awaited<ReturnType<typeof loadWorkbook>>;
  try {
    opened = await loadWorkbook(bytes, {
      name: path.basename(file),
      focus:
        options.runId === undefined
          ? undefined
          : { table: RUN_TABLE, column: "RunID", value: options.runId },
    });
  } catch (e) {
    if (e instanceof WorkbookFormatError)
      throw new SourceError(
        `${file} cannot be read as a workbook: ${e.message}`,
      );
    throw e;
  }
  const { book, loaded } = opened;
  const ours = [RUN_TABLE, GOVERNANCE_TABLE, PROMPTS_TABLE, LOG_TABLE].map(
    (t) => t.toLowerCase(),
  );
  const headerless = loaded.headerless.find((h) =>
    ours.includes(h.table.toLowerCase()),
  );
  if (headerless)
    throw new SourceError(
      `${file}: table ${headerless.table} on sheet ${headerless.sheet} has no header row (headerRowCount="0"); sealed-run finds its columns by their headers: in Excel, turn on Table Design > Header Row and save`,
    );
  const store = xlsxStore(book);
  return { book, api: createStoreApi(store), store, file, loaded };
}

/**
 * Writes the workflows' changes back over `file`: only the changed parts are serialized, the
 * rest copied; the new package replaces the file in one rename (atomicReplace.ts). Refuses, writing
 * nothing, while the workbook is open in Excel or LibreOffice.
 */
export async function saveWorkbookFile(
  wb: OpenWorkbook,
  replace: ReplaceOptions = {},
): Promise<void> {
  const open = openElsewhere(wb.file);
  if (open) throw new SourceError(open);
  let bytes: Uint8Array;
  try {
    bytes = await saveWorkbook(wb.book, wb.loaded);
  } catch (e) {
    if (e instanceof WorkbookWriteError)
      throw new SourceError(`${wb.file}: ${e.message}`);
    throw e;
  }
  replaceFileAtomically(wb.file, bytes, replace);
}

/**
 * Said when signing from a workbook whose ActorKeysTable does not approve this key for this actor:
 * the seal is signed all the same (the auditor's list decides), but the workbook's own check will
 * say "not listed" until the governance owner approves it.
 */
async function notApprovedHere(
  wb: OpenWorkbook,
  keyId: string,
  actor: string,
): Promise<string | null> {
  const read = await wb.api.readActorKeys();
  if (read.keys.some((k) => k.keyId === keyId && k.actor === actor.trim()))
    return null;
  const row = read.rows.find((r) => r.keyId === keyId);
  const where = path.basename(wb.file);
  return !read.exists
    ? `${where} has no ActorKeysTable: the signing key ${keyId} is not listed there for ${actor}`
    : row
      ? `the signing key ${keyId} is ${row.status} for ${row.actor} in ${where}'s ActorKeysTable (${row.cell})${row.actor === actor.trim() ? "" : `, not listed for ${actor}`}${row.status === "pending" ? ": the governance owner approves it by setting its Status to approved" : ""}`
      : `the signing key ${keyId} is not in ${where}'s ActorKeysTable: register it (sealed-run keygen --register ${where} --public-key KEY.pub.pem --actor NAME) for the governance owner to approve`;
}

/** Saving over a workbook that changed since it was read (saved from Excel meanwhile) would lose that change. */
function assertUnchanged(
  file: string,
  read: Stats | undefined,
  doing: string,
): void {
  const now = statSync(file, { throwIfNoEntry: false });
  if (
    !read ||
    !now ||
    now.ino !== read.ino ||
    now.size !== read.size ||
    now.mtimeMs !== read.mtimeMs
  )
    throw new SourceError(
      `${file} was changed by another program while ${doing}; it was not saved over, so that change is kept. Run the command again.`,
    );
}

/** BOOK.xlsx under its lock, as read (`before`: its identity then, for `saveEdited`). */
export interface LockedWorkbook {
  lock: HeldLock;
  before: Stats | undefined;
  /** What taking the lock said (a lock taken over from a holder that is gone). */
  tookOver: string[];
}

/**
 * Runs `work` holding BOOK.xlsx's lock (`BOOK.xlsx.lock`, lock.ts); refused at once while the
 * workbook is open in Excel or LibreOffice, or when it is a link. Every command that writes a
 * workbook goes through here and saveEdited, so that all save it alike.
 */
export async function withWorkbookLock<T>(
  file: string,
  command: string,
  work: (locked: LockedWorkbook) => Promise<T>,
): Promise<T> {
  const open = openElsewhere(file);
  if (open) throw new SourceError(open);
  regularFileMode(file); // a workbook that is a link is refused before the lock is taken
  const tookOver: string[] = [];
  return withLock(
    file,
    (lock) => {
      const before = statSync(file, { throwIfNoEntry: false }); // missing: openWorkbookFile says so
      return work({ lock, before, tookOver });
    },
    { command, warn: (w) => tookOver.push(w) },
  );
}

/**
 * Saves the workflows' changes over BOOK.xlsx (saveWorkbookFile), unless the lock was lost or the
 * file changed since `withWorkbookLock` read it; `doing` ends "changed by another program while …".
 */
export async function saveEdited(
  wb: OpenWorkbook,
  locked: LockedWorkbook,
  doing: string,
  replace?: ReplaceOptions,
): Promise<void> {
  locked.lock.assertHeld("saved");
  assertUnchanged(wb.file, locked.before, doing);
  await saveWorkbookFile(wb, replace);
}

export interface WorkbookExport {
  runId: string;
  actor: { name: string; role: string };
  now: () => Date;
  newVersionReason?: string;
  /** --out resolved, or null for `<outDir>/<run>_<stamp>.json`. */
  outPath: string | null;
  outDir: string;
  /** Folders whose *.json count for not_already_sealed. */
  priorDirs: string[];
  /** Fault injection in tests: called before each step of replacing the workbook. */
  replace?: ReplaceOptions;
  /**
   * --sign-key: the envelope's text for the sealed file. It is kept in the workbook beside the
   * seal (saved with it) and returned, for the CLI to write the same text beside the file.
   */
  sign?: (doc: SealedRun, fileName: string) => Promise<string>;
}

export type WorkbookExportResult =
  | {
      kind: "sealed";
      file: string;
      outcome: Extract<SealOutcome, { kind: "sealed" }>;
      /** With `sign`: the envelope kept in the workbook. */
      envelope?: string;
    }
  | { kind: "refused"; outcome: Extract<SealOutcome, { kind: "refused" }> }
  | { kind: "exists"; file: string };

/**
 * Seal one run of BOOK.xlsx as the add-in would, then: the sealed file is created exclusively
 * (an existing name leaves the workbook as it was: nothing written, nothing logged); then the
 * workbook, with its SEAL entry and kept seal (or its REFUSED entry), is saved back. Should that
 * save fail, the new file is removed again, so that no file exists that the workbook never logged.
 */
export async function exportFromWorkbook(
  file: string,
  req: WorkbookExport,
): Promise<WorkbookExportResult> {
  const command = `export --run-id ${req.runId} --source ${path.basename(file)}`;
  return withWorkbookLock(file, command, async (locked) => {
    const { lock, tookOver } = locked;
    const wb = await openWorkbookFile(file, { runId: req.runId });
    const scan = await scanSealFolders(req.priorDirs);
    let sealed: SealOutcome;
    try {
      sealed = await wb.api.sealRun(req.runId, {
        actor: req.actor,
        now: req.now,
        newVersionReason: req.newVersionReason,
        priorSeals: priorSealsOf(scan, req.runId),
        fileName: req.outPath ? path.basename(req.outPath) : undefined,
      });
    } catch (e) {
      if (e instanceof WorkbookError)
        throw new SourceError(`${file}: ${e.message}`);
      throw e;
    }
    // What the lock and the folder scan found comes first, beside the seal's own warnings.
    const outcome: SealOutcome = {
      ...sealed,
      warnings: [...tookOver, ...scan.warnings, ...sealed.warnings],
    };
    if (outcome.kind === "refused") {
      await saveEdited(wb, locked, "it was being sealed", req.replace);
      return { kind: "refused", outcome };
    }
    const target = req.outPath ?? path.join(req.outDir, outcome.fileName);
    try {
      lock.assertHeld("written");
      writeExclusive(target, outcome.bytes);
    } catch (e) {
      if (e instanceof OutputExistsError)
        return { kind: "exists", file: target };
      throw e;
    }
    let envelope: string | undefined;
    let unlisted: string | null = null;
    try {
      if (req.sign) {
        envelope = await req.sign(outcome.document, path.basename(target));
        const kept = await wb.api.keepSignature(
          outcome.document,
          path.basename(target),
          envelope,
        );
        unlisted = await notApprovedHere(wb, kept.keyId, req.actor.name);
      }
      await saveEdited(wb, locked, "it was being sealed", req.replace);
    } catch (e) {
      unlinkSync(target);
      if (e instanceof WorkbookError)
        throw new SourceError(`${file}: ${e.message}`);
      throw e;
    }
    return {
      kind: "sealed",
      file: target,
      outcome: unlisted
        ? { ...outcome, warnings: [...outcome.warnings, unlisted] }
        : outcome,
      envelope,
    };
  });
}
