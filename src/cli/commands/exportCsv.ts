// `sealed-run export` of a CSV source: under the log's lock, read the log and the sealed files
// beside it, find the run, seal it, then write, sign and log it (exportCsvReport.ts).
import path from "node:path";
import { pickSource, sealRun, selectRun, exportTimestamp } from "../../core";
import type { Signer } from "../../core/sign";
import type { Out } from "../output";
import { readCsvSource, type SourceTable } from "../../node/csvSource";
import { readGovernanceFiles } from "../../node/governanceFiles";
import { csvLogStore } from "../../node/patchLogCsv";
import { pauseForTest, withLock } from "../../node/lock";
import {
  headsToCheck,
  priorSealsOf,
  scanSealFolders,
} from "../../node/priorSeals";
import { report } from "./exportCsvReport";
import { DEFAULT_OUT_DIR, defaultActor, now } from "./exportDefaults";

export interface CsvExport {
  out: Out;
  runId: string;
  sourcePath: string;
  /** --out, resolved; null for the default name in outDir. */
  outPath: string | null;
  outDir: string;
  prompts: string[];
  actor?: string;
  role?: string;
  /** --reason of --new-version. */
  reason?: string;
  signer: Signer | null;
}

export async function exportCsv(o: CsvExport): Promise<number> {
  const { out, runId, sourcePath, outPath, outDir, signer } = o;
  const cwd = process.cwd();
  const table: SourceTable = readCsvSource(sourcePath, runId);
  const logFile = path.join(outDir, "PATCH_LOG.csv");
  const governance = table.governance ?? readGovernanceFiles(cwd, o.prompts);
  const actor = o.actor ?? defaultActor();

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
        role: o.role ?? "operator",
        scope: {
          workbook: table.fileName,
          sheet: table.sheet,
          table: table.table,
        },
        log: log.entries,
        knownHeads: headsToCheck(scan, outDir),
        priorSeals: priorSealsOf(scan, runId),
        newVersionReason: o.reason,
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
