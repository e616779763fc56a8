// The end of a CSV export: a refusal logged and explained, or the sealed file written (never over
// another), signed and logged, in that order, and what was done printed.
import { unlinkSync } from "node:fs";
import path from "node:path";
import type { LogStore, SealResult } from "../../core";
import type { Signer } from "../../core/sign";
import { EXIT, said, type Out } from "../output";
import { OutputExistsError, writeExclusive } from "../../node/files";
import { pauseForTest, type HeldLock } from "../../node/lock";
import { writeSignature } from "./exportSignature";

export async function report(
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
