// A workbook on disk as the CLI's source (CONTRACT §4 "CLI with an .xlsx"): loaded into the Excel
// simulator and driven through the very workflows the add-in runs, so its GOVERNANCE, PROMPTS,
// PATCH_LOG and kept seals are used and updated exactly as in Excel; then saved back atomically.
import { renameSync, unlinkSync, writeFileSync } from "node:fs";
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
import {
  OutputExistsError,
  readBytes,
  withLock,
  writeExclusive,
} from "./files";
import { SourceError } from "./csvSource";
import { findPriorSeals } from "./priorSeals";

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

/**
 * Saves the workbook over `file` without a window in which it is half-written: the bytes go to a
 * temporary file beside it, which then replaces it in one rename.
 */
export async function saveWorkbookFile(
  book: SimWorkbook,
  file: string,
): Promise<void> {
  const bytes = await saveXlsx(book);
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.tmp`,
  );
  try {
    writeFileSync(tmp, bytes, { flag: "wx" });
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* never created */
    }
    throw e;
  }
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
  return withLock(file, async () => {
    const wb = await openWorkbookFile(file);
    let outcome: SealOutcome;
    try {
      outcome = await wb.api.sealRun(req.runId, {
        actor: req.actor,
        now: req.now,
        newVersionReason: req.newVersionReason,
        priorSeals: findPriorSeals([...new Set(req.priorDirs)], req.runId),
        fileName: req.outPath ? path.basename(req.outPath) : undefined,
      });
    } catch (e) {
      if (e instanceof WorkbookError)
        throw new SourceError(`${file}: ${e.message}`);
      throw e;
    }
    if (outcome.kind === "refused") {
      await saveWorkbookFile(wb.book, file);
      return { kind: "refused", outcome };
    }
    const target = req.outPath ?? path.join(req.outDir, outcome.fileName);
    try {
      writeExclusive(target, outcome.bytes);
    } catch (e) {
      if (e instanceof OutputExistsError)
        return { kind: "exists", file: target };
      throw e;
    }
    try {
      await saveWorkbookFile(wb.book, file);
    } catch (e) {
      unlinkSync(target);
      throw e;
    }
    return { kind: "sealed", file: target, outcome };
  });
}
