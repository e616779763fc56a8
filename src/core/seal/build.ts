// Sealing (CONTRACT §1, §4, §5): evaluate every refusal check, build the document with its
// authority envelope and reconstruction record, hash it, then run the gates on the final bytes.
// Pure: the shells (CLI, workbook workflows) read the inputs and write what comes out.
import { makeEntryAfter } from "../log/newEntry";
import { checkLog, logEnd } from "../log/state";
import { checkSealedRunSchema } from "../schema";
import { readStrict } from "../json/strictParse";
import {
  CHECK_NAMES,
  type CheckName,
  type CheckOutcome,
  type GateOutcome,
  type SealedRun,
} from "../types";
import { EXPORTER, SCHEMA_VERSION } from "../version";
import {
  checkActorAuthorized,
  checkPolicySnapshotComplete,
  policySnapshot,
} from "./governance";
import { computeSealHash, verifyBytes, verifyDocument } from "./verify";
import { sealFileName } from "./timestamp";
import { notAlreadySealed, rowChecks } from "./sealChecks";
import type { SealRequest, SealResult } from "./sealRequest";

const encoder = new TextEncoder();
export async function sealRun(req: SealRequest): Promise<SealResult> {
  const log = req.log;
  const derived = rowChecks(req);
  const byName = new Map<CheckName, CheckOutcome>(
    derived.checks.map((c) => [c.check, c]),
  );
  byName.set(
    "policy_snapshot_complete",
    checkPolicySnapshotComplete(req.governance),
  );
  byName.set(
    "actor_authorized",
    checkActorAuthorized(req.actor, req.role, req.governance),
  );
  byName.set("not_already_sealed", notAlreadySealed(req));
  const checks = CHECK_NAMES.map(
    (n) => byName.get(n) ?? { check: n, triggered: false, detail: "" },
  );

  const chain = log ? await checkLog(log, req.knownHeads) : null;
  const gateNames = chain
    ? (["schema_valid", "hash_recomputed", "patch_log_intact"] as const)
    : (["schema_valid", "hash_recomputed"] as const);
  const written: GateOutcome[] = gateNames.map((gate) => ({
    gate,
    result: "pass",
    detail: "",
  }));

  const refuse = async (
    reason: string,
    gates: GateOutcome[],
  ): Promise<SealResult> => ({
    sealed: false,
    checks,
    gates,
    reason,
    chain,
    logEntry: log
      ? await makeEntryAfter(logEnd(log), {
          Timestamp: req.exportTimestamp,
          Action: "REFUSED",
          RunID: req.runId,
          Actor: req.actor.trim(),
          Reason: reason,
        })
      : null,
  });

  const triggered = checks.filter((c) => c.triggered);
  if (triggered.length || !derived.fields || !req.source) {
    return refuse(
      triggered.map((c) => c.check).join("; ") || "run_id_valid",
      [],
    );
  }

  const f = derived.fields;
  const doc: SealedRun = {
    schema_version: SCHEMA_VERSION,
    meta: {
      run_id: f.run_id,
      session_date: f.session_date,
      operator: f.operator,
      model: f.model,
      workbook_version: "v2",
      export_timestamp: req.exportTimestamp,
    },
    top_risks: f.top_risks,
    top_actions: f.top_actions,
    system_observations: [],
    suggested_updates: f.suggested_updates,
    kpis: {
      summary_confidence_pct: f.summary_confidence_pct,
      next_review_date: f.next_review_date,
    },
    authority_envelope: {
      actor: req.actor.trim(),
      role: req.role.trim(),
      scope: { ...req.scope, run_id: f.run_id, action: "seal" },
      policy_snapshot: await policySnapshot(req.governance, SCHEMA_VERSION),
      refusal: { refused: false, checks_performed: checks },
      enforcement: { enforcement_emitted: true, gate_outcomes: written },
    },
    reconstruction: {
      exporter: { ...EXPORTER },
      source: req.source,
      policy_texts: {
        baseline: req.governance.baseline,
        prompts: sortedCopy(req.governance.prompts),
      },
      patch_log_head: chain ? chain.head : "",
    },
    hash: "",
  };
  doc.hash = await computeSealHash(doc as unknown as Record<string, unknown>);
  const text = JSON.stringify(doc, null, 2) + "\n";
  const bytes = encoder.encode(text);

  // The gates run on the final bytes, as a consumer will read them.
  const reread = readStrict(bytes);
  const schema = await checkSealedRunSchema(
    reread.ok ? reread.value : undefined,
  );
  // One strict read serves both gates (verifyBytes would read the bytes again).
  const v = reread.ok ? reread.value : undefined;
  const verified =
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? await verifyDocument(v as Record<string, unknown>)
      : await verifyBytes(bytes);
  const results: GateOutcome[] = [
    {
      gate: "schema_valid",
      result: schema.valid ? "pass" : "fail",
      detail: schema.errors.join("; "),
    },
    {
      gate: "hash_recomputed",
      result: verified.valid ? "pass" : "fail",
      detail: verified.valid ? "" : verified.reason,
    },
  ];
  if (chain)
    results.push({
      gate: "patch_log_intact",
      result: chain.intact ? "pass" : "fail",
      detail: chain.firstBreak?.message ?? "",
    });
  const failed = results.filter((g) => g.result === "fail");
  if (failed.length)
    return refuse(failed.map((g) => `gate:${g.gate}`).join("; "), results);

  const fileName = req.fileName ?? sealFileName(f.run_id, req.exportTimestamp);
  const reason = req.newVersionReason?.trim() ?? "";
  const superseding = checks.find((c) => c.check === "not_already_sealed");
  const logEntry = log
    ? await makeEntryAfter(logEnd(log), {
        Timestamp: req.exportTimestamp,
        Action: "SEAL",
        RunID: f.run_id,
        SealHash: doc.hash,
        FileName: fileName,
        Actor: req.actor.trim(),
        // A new version's reason is logged only when there was a seal to supersede.
        Reason: superseding?.detail ? reason : "",
      })
    : null;
  return {
    sealed: true,
    document: doc,
    text,
    bytes,
    fileName,
    checks,
    gates: results,
    logEntry,
    chain,
  };
}

function sortedCopy(m: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}
