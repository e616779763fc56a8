// `sealed-run log PATH [--seals DIR|FILE...]`: the auditor's check of a PATCH_LOG on its own
// (issue 13): PATCH_LOG.csv or a workbook's PatchLogTable, the chain verdict with the first broken
// entry and how, the sealed files cross-checked against the log, and a count per action.
import { statSync } from "node:fs";
import path from "node:path";
// Narrow imports: the core's index loads the schema validators, which `log` does not need.
import {
  auditClean,
  auditLog,
  type LogAudit,
  type SealRef,
} from "../../core/log/audit";
import { verifyBytes } from "../../core/seal/verify";
import type { PatchLogEntry } from "../../core/types";
import { parse, UsageError } from "../args";
import { EXIT, makeOut } from "../output";
import { expandTargets } from "./verify";
import { readSealedFile, UnreadablePathError } from "../../node/files";
import { readLogSnapshot } from "../../node/patchLogCsv";

interface SealProblem {
  file: string;
  status: "invalid" | "unreadable";
  reason: string;
}

/** The sealed files named by --seals: verified ones as SealRefs, the others as problems. */
async function readSeals(
  args: string[],
): Promise<{ seals: SealRef[]; problems: SealProblem[] }> {
  const seals: SealRef[] = [];
  const problems: SealProblem[] = [];
  for (const t of await expandTargets(args)) {
    if (t.unreadable) {
      problems.push({
        file: t.file,
        status: "unreadable",
        reason: t.unreadable,
      });
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = readSealedFile(t.file);
    } catch (e) {
      if (!(e instanceof UnreadablePathError)) throw e;
      problems.push({ file: t.file, status: "unreadable", reason: e.message });
      continue;
    }
    const v = await verifyBytes(bytes);
    if (!v.valid) {
      problems.push({ file: t.file, status: "invalid", reason: v.reason });
      continue;
    }
    const doc = v.document as {
      meta?: { run_id?: unknown };
      reconstruction?: { patch_log_head?: unknown };
    };
    seals.push({
      file: t.file,
      hash: v.hash,
      runId: memberText(doc.meta?.run_id),
      head: memberText(doc.reconstruction?.patch_log_head),
    });
  }
  return { seals, problems };
}

/** A sealed file's member as text: a hash-valid file need not match the schema, so a number or
 * object shows as JSON rather than "[object Object]"; a missing member is "". */
function memberText(v: unknown): string {
  return v === undefined || v === null
    ? ""
    : typeof v === "string"
      ? v
      : JSON.stringify(v);
}

/** The log's entries and, in a workbook, the seals kept beside it. */
async function readTarget(
  file: string,
): Promise<{ entries: PatchLogEntry[]; kept: SealRef[] | null }> {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new UnreadablePathError(`cannot read ${file}: no such file`);
  }
  if (st.isDirectory())
    throw new UnreadablePathError(`cannot read ${file}: is a folder`);
  if (!/\.xls[xm]$/i.test(file))
    return { entries: readLogSnapshot(file).entries, kept: null };
  // The workbook layer (src/xlsx and the workbook model) loads only for a workbook.
  const { openWorkbookFile } = await import("../../node/xlsxSource");
  const { WorkbookError } = await import("../../workflows");
  const { SourceError } = await import("../../node/csvSource");
  const wb = await openWorkbookFile(file);
  try {
    const view = await wb.api.readLog();
    const kept = (await wb.api.listStoredSeals()).map((s) => ({
      file: `${path.basename(file)}: kept seal ${s.fileName}`,
      runId: s.runId,
      hash: s.hash,
      head: s.head,
    }));
    return { entries: view.entries, kept };
  } catch (e) {
    if (e instanceof WorkbookError)
      throw new SourceError(`${file}: ${e.message}`);
    throw e;
  }
}

const plural = (n: number, one: string, many = one + "s") =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function printAudit(
  out: ReturnType<typeof makeOut>,
  file: string,
  audit: LogAudit,
  problems: SealProblem[],
  sealCount: number | null,
): void {
  const { chain } = audit;
  out.line(
    `${file}: ${plural(chain.entries, "entry", "entries")}, head ${chain.head || '""'}`,
  );
  out.line(
    "  actions  " +
      Object.entries(audit.actions)
        .map(([a, n]) => `${a} ${n}`)
        .join(", "),
  );
  if (chain.intact) out.line("  chain    intact");
  else
    out.line(
      `  chain    BROKEN at ${chain.firstBreak!.entryId || "the end of the log"}: ${chain.firstBreak!.kind}: ${chain.firstBreak!.message}`,
    );
  if (sealCount !== null) {
    out.line(
      `  seals    ${plural(sealCount, "sealed file")} checked, ${audit.unlogged.length} without a SEAL entry, ${audit.missingFiles?.length ?? 0} SEAL entr${audit.missingFiles?.length === 1 ? "y" : "ies"} without their file`,
    );
    for (const u of audit.unlogged) out.line(`  UNLOGGED ${u.reason}`);
    for (const m of audit.missingFiles ?? [])
      out.line(
        `  MISSING  ${m.entryId} SEAL of ${m.runId} (${m.fileName || "no file name"}, ${m.sealHash}): that sealed file is not among those given`,
      );
  }
  for (const p of problems)
    out.line(
      `  ${p.status === "invalid" ? "INVALID " : "ERROR   "} ${p.file}: ${p.reason}`,
    );
}

export async function logCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { seals: { type: "string", multiple: true } },
    true,
  );
  const out = makeOut(!!values.json);
  // `--seals a b c`: parseArgs takes one value per flag, so the arguments after the log are seals
  // too, as long as --seals was given.
  const sealArgs: string[] = [...(values.seals ?? []), ...positionals.slice(1)];
  if (positionals.length === 0 || (positionals.length > 1 && !values.seals))
    throw new UsageError(
      "log needs exactly one PATCH_LOG.csv or BOOK.xlsx (sealed files go after --seals)",
    );
  const file = positionals[0];
  const { entries, kept } = await readTarget(file);
  const given = sealArgs.length ? await readSeals(sealArgs) : null;
  const seals =
    kept || given ? [...(kept ?? []), ...(given?.seals ?? [])] : null;
  const audit = auditLog(entries, seals);
  const problems = given?.problems ?? [];
  printAudit(out, file, audit, problems, seals ? seals.length : null);
  const unreadable = problems.some((p) => p.status === "unreadable");
  const clean = auditClean(audit) && !problems.length;
  out.line(clean ? `OK: ${file}` : `FAIL: ${file}`);
  out.result({
    file,
    ok: clean,
    entries: audit.chain.entries,
    head: audit.chain.head,
    chain: {
      intact: audit.chain.intact,
      first_break: audit.chain.firstBreak
        ? {
            entry_id: audit.chain.firstBreak.entryId,
            row: audit.chain.firstBreak.index + 1,
            kind: audit.chain.firstBreak.kind,
            message: audit.chain.firstBreak.message,
          }
        : null,
    },
    actions: audit.actions,
    seals_checked: seals ? seals.length : null,
    unlogged_seals: audit.unlogged.map((u) => ({
      file: u.file,
      run_id: u.runId,
      hash: u.hash,
      reason: u.reason,
    })),
    missing_seal_files:
      audit.missingFiles?.map((m) => ({
        entry_id: m.entryId,
        run_id: m.runId,
        seal_hash: m.sealHash,
        file_name: m.fileName,
      })) ?? null,
    seal_problems: problems,
  });
  return unreadable ? EXIT.usage : clean ? EXIT.ok : EXIT.refused;
}
