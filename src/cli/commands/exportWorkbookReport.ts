// What `sealed-run export` of a workbook prints: the refusal with its checks and gates, or the
// sealed file and its SEAL entry in the workbook's PATCH_LOG.
import path from "node:path";
import { EXIT, type Out } from "../output";
import type { WorkbookExportResult } from "../../node/xlsxSource";

export function reportWorkbook(
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
