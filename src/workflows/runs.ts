// The runs of LLMOutputTable with their state: unsealed, sealed, patched, or changed since the
// latest seal (its derived fields compared with the row's, matched by RunID).
import {
  cellToText,
  dateCell,
  findColumns,
  verifyBytes,
  type SealedRun,
} from "../core";
import { readAllRuns } from "../office/readRuns";
import { requireRuns } from "../office/tables";
import { readPartsSized } from "../office/readParts";
import { sealPartText } from "../office/sealStore";
import { translateOfficeError } from "../office/errors";
import { cellAddress } from "../office/cells";
import type { ExcelHost } from "../office/host";
import type { RunListItem } from "./api";
import { changesSince } from "./changes";
import { snapshotOf, rowSource } from "./context";

export async function listRunsInWorkbook(
  host: ExcelHost,
  onProgress?: (done: number, total: number) => void,
): Promise<RunListItem[]> {
  const snap = await snapshotOf(host, { seals: true });
  const runs = requireRuns(snap.runs);
  let rows;
  let docs: Map<string, SealedRun>;
  try {
    rows = await readAllRuns(host, runs, onProgress);
    docs = new Map<string, SealedRun>();
    for (const x of await readPartsSized(host, snap.sealPartIds)) {
      const v = await verifyBytes(
        new TextEncoder().encode(sealPartText(x.xml)),
      );
      if (v.valid) docs.set(v.hash, v.document as unknown as SealedRun);
    }
  } catch (e) {
    throw translateOfficeError(e, "Reading the runs");
  }
  const latestSeal = new Map<string, string>();
  const patched = new Set<string>();
  for (const e of snap.log.entries) {
    if (e.Action === "SEAL") latestSeal.set(e.RunID, e.SealHash);
    if (e.Action === "PATCH") patched.add(e.SealHash);
  }
  const cols = findColumns(runs.headers).index;
  const last = runs.bodyCol + runs.headers.length - 1;
  return rows.values.map((values, i) => {
    const runId = cols.RunID >= 0 ? cellToText(values[cols.RunID]) : "";
    const r0 = runs.bodyRow + i;
    const item: RunListItem = {
      runId,
      rowIndex: i,
      address: `${cellAddress(runs.sheet, r0, runs.bodyCol)}:${cellAddress(runs.sheet, r0, last).split("!")[1]}`,
      sessionDate:
        cols.SessionDate >= 0
          ? displayDate(values[cols.SessionDate], snap.dateSystem)
          : "",
      operator: cols.Operator >= 0 ? cellToText(values[cols.Operator]) : "",
      state: "unsealed",
    };
    const hash = latestSeal.get(runId);
    if (!hash) return item;
    item.sealHash = hash;
    item.state = patched.has(hash) ? "patched" : "sealed";
    const doc = docs.get(hash);
    if (doc) {
      const changes = changesSince(
        doc,
        rowSource(snap, "", values, rows.numberFormats[i]),
      );
      if (changes.length) {
        item.state = "changed";
        item.changedFields = changes.map((c) => c.field);
      }
    }
    return item;
  });
}

function displayDate(
  v: Parameters<typeof cellToText>[0],
  system: 1900 | 1904,
): string {
  const d = dateCell(v, "excel-table", system);
  return d.ok ? d.date : cellToText(v);
}
