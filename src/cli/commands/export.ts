// `sealed-run export`: seal one run of a CSV or workbook into a new file and log it (CONTRACT §4, §7).
import { unlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  pickSource,
  sealRun,
  selectRun,
  exportTimestamp,
  type LogStore,
  type SealResult,
} from "../../core";
import { parse, required, UsageError } from "../args";
import { EXIT, makeOut, said, type Out } from "../output";
import {
  readCsvSource,
  SourceError,
  type SourceTable,
} from "../../node/csvSource";
import { readGovernanceFiles } from "../../node/governanceFiles";
import { csvLogStore } from "../../node/patchLogCsv";
import { OutputExistsError, writeExclusive } from "../../node/files";
import { pauseForTest, withLock, type HeldLock } from "../../node/lock";
import {
  headsToCheck,
  priorSealsOf,
  scanSealFolders,
} from "../../node/priorSeals";
import { loadSigner } from "../../node/signingKey";
import { writeSignature } from "./exportSignature";
import { signSeal, type Signer } from "../../core/sign";
import {
  exportFromWorkbook,
  foreignSpreadsheetKind,
  isWorkbookPath,
  type WorkbookExportResult,
} from "../../node/xlsxSource";

export const DEFAULT_SOURCE =
  "artifacts/sample_data/prompt_os_v2/llm_output.csv";
export const DEFAULT_OUT_DIR = "artifacts/sealed_runs";

export function now(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== "") {
    if (!/^\d+$/.test(epoch))
      throw new UsageError(
        `SOURCE_DATE_EPOCH=${JSON.stringify(epoch)} is not a whole number of seconds`,
      );
    return new Date(Number(epoch) * 1000);
  }
  return new Date();
}

function defaultActor(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? "";
  }
}

export async function exportCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    "run-id": { type: "string" },
    source: { type: "string" },
    out: { type: "string" },
    actor: { type: "string" },
    role: { type: "string" },
    prompt: { type: "string", multiple: true },
    "new-version": { type: "boolean" },
    reason: { type: "string" },
    "sign-key": { type: "string" },
  });
  const out = makeOut(!!values.json);
  // Loaded first: a key that cannot sign stops the export before anything is written or logged.
  const signer = values["sign-key"]
    ? await loadSigner(values["sign-key"])
    : null;
  const runId = required(values, "run-id");
  if (values["new-version"] && !values.reason?.trim())
    throw new UsageError(
      "--new-version needs --reason TEXT (why this run is sealed again)",
    );
  if (values.reason !== undefined && !values["new-version"])
    throw new UsageError("--reason goes with --new-version");
  const sourcePath = values.source ?? DEFAULT_SOURCE;
  const cwd = process.cwd();

  const outPath = values.out ? path.resolve(cwd, values.out) : null;
  const outDir = outPath
    ? path.dirname(outPath)
    : path.resolve(cwd, DEFAULT_OUT_DIR);
  const foreign = foreignSpreadsheetKind(sourcePath);
  if (foreign) throw new SourceError(foreign);
  if (isWorkbookPath(sourcePath)) {
    // The workbook's own GOVERNANCE, PROMPTS and PATCH_LOG, through the add-in's workflow (CONTRACT §4).
    if (values.prompt)
      throw new UsageError(
        "--prompt goes with a CSV source; a workbook's prompts are its PROMPTS table",
      );
    const actor = {
      name: values.actor ?? defaultActor(),
      role: values.role ?? "operator",
    };
    const r = await exportFromWorkbook(sourcePath, {
      runId,
      actor,
      now,
      newVersionReason: values.reason,
      outPath,
      outDir,
      priorDirs: [path.resolve(cwd, DEFAULT_OUT_DIR), outDir],
      sign: signer
        ? (doc, fileName) => signSeal(doc, fileName, signer)
        : undefined,
    });
    // The workbook is saved by now, with the envelope kept beside its seal: the same text is
    // written beside the file.
    const sig =
      r.kind === "sealed" && signer
        ? await writeSignature(
            r.file,
            r.outcome.document,
            signer,
            undefined,
            r.envelope,
          )
        : null;
    if (sig && !sig.ok) return sig.code;
    const code = reportWorkbook(out, r, sourcePath);
    if (sig)
      out.line(
        `  signed  ${sig.line}, kept in ${path.basename(sourcePath)} beside the seal`,
      );
    return code;
  }
  const table: SourceTable = readCsvSource(sourcePath, runId);
  const logFile = path.join(outDir, "PATCH_LOG.csv");
  const governance =
    table.governance ?? readGovernanceFiles(cwd, values.prompt ?? []);
  const actor = values.actor ?? defaultActor();

  return withLock(
    logFile,
    async (lock) => {
      pauseForTest("locked");
      const store = csvLogStore(logFile, {
        beforeWrite: () => lock.assertHeld("logged"),
      });
      const log = await store.read();
      const scan = await scanSealFolders([
        path.resolve(cwd, DEFAULT_OUT_DIR),
        outDir,
      ]);
      scan.warnings.forEach(out.warn);
      const found = selectRun(
        { headers: table.headers, rows: table.rows },
        runId,
        (i) => table.locationOf(i),
      );
      // Rows the bounded read did not keep still count among the duplicates.
      const notKept = table.matchesNotKept ?? 0;
      const lookup =
        notKept && found.check.triggered
          ? {
              ...found,
              check: {
                ...found.check,
                detail: found.check.detail.replace(
                  /matches (\d+) rows \(/,
                  (_, n) =>
                    `matches ${Number(n) + notKept} rows (the first ${n}: `,
                ),
              },
            }
          : found;
      const i = lookup.rowIndex;
      const source =
        i === null
          ? null
          : pickSource({
              kind: table.kind,
              location: table.locationOf(i),
              headers: table.headers,
              values: table.rows[i],
              numberFormats: table.numberFormats?.[i],
              dateSystem: table.dateSystem,
            });
      const usedIdx = table.headers
        .map((_, c) => c)
        .filter((c) => source?.headers.includes(table.headers[c]));
      const result = await sealRun({
        runId,
        lookup: lookup.check,
        source,
        cellNames:
          i === null ? undefined : usedIdx.map((c) => table.cellName(i, c)),
        tableHeaders: table.headers,
        governance,
        actor,
        role: values.role ?? "operator",
        scope: {
          workbook: table.fileName,
          sheet: table.sheet,
          table: table.table,
        },
        log: log.entries,
        knownHeads: headsToCheck(scan, outDir),
        priorSeals: priorSealsOf(scan, runId),
        newVersionReason: values.reason,
        exportTimestamp: exportTimestamp(now()),
        // With --out the file bears the name the user chose, and the SEAL entry names that file.
        fileName: outPath ? path.basename(outPath) : undefined,
      });
      pauseForTest("read");
      return report(
        out,
        result,
        outPath ?? (result.sealed ? path.join(outDir, result.fileName) : ""),
        { file: logFile, store },
        lock,
        signer,
      );
    },
    { command: `export --run-id ${runId}`, warn: out.warn },
  );
}

async function report(
  out: Out,
  result: SealResult,
  file: string,
  log: { file: string; store: LogStore },
  lock: HeldLock,
  signer: Signer | null,
): Promise<number> {
  const logFile = log.file;
  const append = (entry: NonNullable<SealResult["logEntry"]>) =>
    log.store.append([entry]);
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  const checkLines = () =>
    result.checks.map(
      (c) =>
        `  ${c.triggered ? "✗" : "✓"} ${c.check}${c.detail ? `: ${c.detail}` : ""}`,
    );
  if (!result.sealed) {
    if (result.logEntry) await append(result.logEntry);
    out.error(`refused: ${result.reason}`);
    for (const l of checkLines()) out.error(l);
    for (const g of result.gates.filter((g) => g.result === "fail"))
      out.error(`  ✗ gate ${g.gate}: ${g.detail}`);
    if (result.logEntry)
      out.error(`logged ${result.logEntry.EntryID} REFUSED in ${rel(logFile)}`);
    out.result({
      sealed: false,
      reason: result.reason,
      checks: result.checks,
      gates: result.gates,
      log_entry: result.logEntry,
      ...said(out.warnings),
    });
    return EXIT.refused;
  }
  try {
    lock.assertHeld("written");
    writeExclusive(file, result.bytes);
  } catch (e) {
    if (e instanceof OutputExistsError) {
      out.error(
        `refused: ${rel(file)} already exists; a sealed file is never overwritten (nothing was written or logged)`,
      );
      out.result({
        sealed: false,
        reason: "output exists",
        file: rel(file),
        ...said(out.warnings),
      });
      return EXIT.exists;
    }
    throw e;
  }
  pauseForTest("sealed");
  // The envelope before the log entry: a failure removes the seal again, and nothing is logged.
  const sig = signer
    ? await writeSignature(file, result.document, signer, () =>
        unlinkSync(file),
      )
    : null;
  if (sig && !sig.ok) return sig.code;
  if (result.logEntry) {
    try {
      await append(result.logEntry);
    } catch (e) {
      unlinkSync(file); // this process made it a moment ago: no seal stays that the log lacks
      (e as Error).message +=
        ` The sealed file ${rel(file)} was removed again.`;
      throw e;
    }
  }
  pauseForTest("logged");
  const d = result.document;
  out.line(`sealed ${d.meta.run_id} → ${rel(file)}`);
  out.line(`  hash    ${d.hash}`);
  const superseded = result.checks.find(
    (c) => c.check === "not_already_sealed",
  )?.detail;
  out.line(
    `  checks  ${result.checks.length}/${result.checks.length} passed${superseded ? ` (${superseded})` : ""}`,
  );
  out.line(
    `  gates   ${result.gates.map((g) => `${g.gate} ${g.result}`).join(", ")}`,
  );
  if (result.logEntry)
    out.line(`  logged  ${result.logEntry.EntryID} SEAL in ${rel(logFile)}`);
  if (sig) out.line(`  signed  ${sig.line}`);
  out.result({
    sealed: true,
    file: rel(file),
    signature: sig ? { file: rel(sig.file), key_id: sig.keyId } : null,
    hash: d.hash,
    run_id: d.meta.run_id,
    export_timestamp: d.meta.export_timestamp,
    log_entry: result.logEntry,
    ...said(out.warnings),
  });
  return EXIT.ok;
}

function reportWorkbook(
  out: Out,
  r: WorkbookExportResult,
  book: string,
): number {
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  if (r.kind === "exists") {
    out.error(
      `refused: ${rel(r.file)} already exists; a sealed file is never overwritten (nothing was written or logged)`,
    );
    out.result({ sealed: false, reason: "output exists", file: rel(r.file) });
    return EXIT.exists;
  }
  for (const w of r.outcome.warnings) out.error(`warning: ${w}`);
  if (r.kind === "refused") {
    const o = r.outcome;
    out.error(`refused: ${o.reason}`);
    for (const c of o.checks)
      out.error(
        `  ${c.triggered ? "✗" : "✓"} ${c.check}${c.detail ? `: ${c.detail}` : ""}`,
      );
    for (const g of o.gates.filter((g) => g.result === "fail"))
      out.error(`  ✗ gate ${g.gate}: ${g.detail}`);
    if (o.logEntry)
      out.error(`logged ${o.logEntry.EntryID} REFUSED in ${book} (PATCH_LOG)`);
    out.result({
      sealed: false,
      reason: o.reason,
      checks: o.checks,
      gates: o.gates,
      log_entry: o.logEntry,
    });
    return EXIT.refused;
  }
  const o = r.outcome;
  const d = o.document;
  out.line(`sealed ${d.meta.run_id} → ${rel(r.file)}`);
  out.line(`  hash    ${d.hash}`);
  out.line(
    `  logged  ${o.logEntry.EntryID} SEAL in ${book} (PATCH_LOG); the seal is kept in the workbook too`,
  );
  out.result({
    sealed: true,
    file: rel(r.file),
    hash: d.hash,
    run_id: d.meta.run_id,
    export_timestamp: d.meta.export_timestamp,
    log_entry: o.logEntry,
    workbook: book,
  });
  return EXIT.ok;
}
