// A workbook on disk as the CLI's source (CONTRACT §4 "CLI with an .xlsx"): loaded into the Excel
// simulator and driven through the very workflows the add-in runs, so its GOVERNANCE, PROMPTS,
// PATCH_LOG and kept seals are used and updated exactly as in Excel; then saved back atomically.
import { statSync, unlinkSync, type Stats } from "node:fs";
import path from "node:path";
import {
  createExcelHost,
  loadXlsx,
  saveXlsx,
  type SimWorkbook,
} from "../simulator";
import { excelHost, type RawRun } from "../office/host";
import {
  createWorkbookApi,
  WorkbookError,
  type SealOutcome,
  type WorkbookApi,
} from "../workflows";
import { OutputExistsError, readBytes, writeExclusive } from "./files";
import { regularFileMode, replaceFileAtomically } from "./atomicReplace";
import { withLock, type HeldLock } from "./lock";
import { SourceError } from "./csvSource";
import { priorSealsOf, scanSealFolders } from "./priorSeals";

export function isWorkbookPath(p: string): boolean {
  return /\.xlsx$/i.test(p);
}

export interface OpenWorkbook {
  book: SimWorkbook;
  api: WorkbookApi;
  file: string;
}

/** Loads BOOK.xlsx (UnreadablePathError when it cannot be read; SourceError when it is no workbook). */
export async function openWorkbookFile(file: string): Promise<OpenWorkbook> {
  const bytes = readBytes(file);
  let book: SimWorkbook;
  try {
    book = await loadXlsx(bytes);
  } catch (e) {
    throw new SourceError(
      `${file} cannot be read as an .xlsx workbook: ${(e as Error).message}`,
    );
  }
  book.name = path.basename(file); // Workbook.name, recorded as scope.workbook
  const sim = createExcelHost(book);
  const host = excelHost(sim.run as unknown as RawRun, (set, version) =>
    sim.isSetSupported(set, version),
  );
  return { book, api: createWorkbookApi(host), file };
}

/** Saves the workbook over `file` with replaceFileAtomically (never half-written, never through a link). */
export async function saveWorkbookFile(
  book: SimWorkbook,
  file: string,
): Promise<void> {
  replaceFileAtomically(file, await saveXlsx(book));
}

/** Saving over a workbook that changed since it was read (saved from Excel meanwhile) would lose that change. */
function assertUnchanged(file: string, read: Stats | undefined): void {
  const now = statSync(file, { throwIfNoEntry: false });
  if (
    !read ||
    !now ||
    now.ino !== read.ino ||
    now.size !== read.size ||
    now.mtimeMs !== read.mtimeMs
  )
    throw new SourceError(
      `${file} was changed by another program while it was being sealed; it was not saved over, so that change is kept. Run the command again.`,
    );
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
}

export type WorkbookExportResult =
  | {
      kind: "sealed";
      file: string;
      outcome: Extract<SealOutcome, { kind: "sealed" }>;
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
  regularFileMode(file); // a workbook that is a link is refused before anything is sealed
  const tookOver: string[] = [];
  const locked = (work: (lock: HeldLock) => Promise<WorkbookExportResult>) =>
    withLock(file, work, {
      command: `export --run-id ${req.runId} --source ${path.basename(file)}`,
      warn: (w) => tookOver.push(w),
    });
  return locked(async (lock) => {
    const before = statSync(file, { throwIfNoEntry: false }); // missing: openWorkbookFile says so
    const wb = await openWorkbookFile(file);
    const scan = await scanSealFolders(req.priorDirs);
    let outcome: SealOutcome;
    try {
      outcome = await wb.api.sealRun(req.runId, {
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
    outcome.warnings.unshift(...tookOver, ...scan.warnings);
    if (outcome.kind === "refused") {
      lock.assertHeld("saved");
      assertUnchanged(file, before);
      await saveWorkbookFile(wb.book, file);
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
    try {
      lock.assertHeld("saved");
      assertUnchanged(file, before);
      await saveWorkbookFile(wb.book, file);
    } catch (e) {
      unlinkSync(target);
      throw e;
    }
    return { kind: "sealed", file: target, outcome };
  });
}
