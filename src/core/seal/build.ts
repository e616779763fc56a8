// Sealing (CONTRACT §1, §4, §5): evaluate every refusal check, build the document with its
// authority envelope and reconstruction record, hash it, then run the gates on the final bytes.
// Pure: the shells (CLI, workbook workflows) read the inputs and write what comes out.
import { deriveFields } from "../row/derive";
import { findColumns } from "../row/columns";
import { latestSeal, type ChainReport, type KnownHead } from "../log/chain";
import { makeEntryAfter } from "../log/newEntry";
import {
  checkLog,
  isVerifiedLog,
  logEnd,
  type VerifiedLog,
} from "../log/state";
import { checkSealedRunSchema } from "../schema";
import { readStrict } from "../json/strictParse";
import {
  CHECK_NAMES,
  type CheckName,
  type CheckOutcome,
  type DerivedFields,
  type GateOutcome,
  type PatchLogEntry,
  type SealedRun,
  type SourceRecord,
} from "../types";
import { EXPORTER, SCHEMA_VERSION } from "../version";
import {
  checkActorAuthorized,
  checkPolicySnapshotComplete,
  policySnapshot,
  type Governance,
} from "./governance";
import { computeSealHash, verifyBytes, verifyDocument } from "./verify";
import { sealFileName } from "./timestamp";

export interface PriorSeal {
  hash: string;
  exportTimestamp: string;
  /** Where it was found, for messages: a log entry id or a file name. */
  where: string;
}

export interface SealRequest {
  /** The run id asked for. */
  runId: string;
  /** `run_id_valid` of the lookup (pattern of the requested id, no row, several rows). */
  lookup: CheckOutcome;
  /** The used columns of the matched row; null when no single row matched. */
  source: SourceRecord | null;
  /** Cell names parallel to `source.headers`, for messages. */
  cellNames?: string[];
  /** All headers of the table (required columns are judged on them even without a row). */
  tableHeaders: string[];
  governance: Governance;
  actor: string;
  role: string;
  scope: { workbook: string; sheet: string; table: string };
  /**
   * The log as it stands (a LogState's entries): whole, or its verified checkpoint and the entries
   * after it (a workbook's seal reads no more); null where no log is kept (then
   * `patch_log_intact` is not a gate).
   */
  log: readonly PatchLogEntry[] | VerifiedLog | null;
  /** Heads named by seals kept beside the log (a cut tail shows against them). */
  knownHeads?: readonly KnownHead[];
  /** Seals of this run found outside the log (the CLI's sealed-runs folder). */
  priorSeals?: readonly PriorSeal[];
  /** A non-empty reason makes this a new version of an already sealed run. */
  newVersionReason?: string;
  exportTimestamp: string;
  /** The name the sealed file will bear (CLI --out), named by the SEAL entry; by default `<run>_<stamp>.json`. */
  fileName?: string;
}

export type SealResult =
  | {
      sealed: true;
      document: SealedRun;
      /** The bytes to write: indented JSON and a final newline (the hash covers the canonical form, not these bytes). */
      text: string;
      bytes: Uint8Array;
      fileName: string;
      checks: CheckOutcome[];
      gates: GateOutcome[];
      /** The SEAL entry to append, when a log is kept. */
      logEntry: PatchLogEntry | null;
      /** The chain check of the log (null without a log): a shell keeping a checkpoint advances it only when intact. */
      chain?: ChainReport | null;
    }
  | {
      sealed: false;
      checks: CheckOutcome[];
      gates: GateOutcome[];
      /** Triggered check names or `gate:<name>`, joined by `; ` (the REFUSED entry's Reason). */
      reason: string;
      /** The REFUSED entry to append, when a log is kept. */
      logEntry: PatchLogEntry | null;
      chain?: ChainReport | null;
    };

function notAlreadySealed(req: SealRequest): CheckOutcome {
  const log = req.log;
  const logged = !log
    ? undefined
    : isVerifiedLog(log)
      ? log.latestSeal(req.runId)
      : latestSeal(log, req.runId);
  const priors: PriorSeal[] = [...(req.priorSeals ?? [])];
  if (logged)
    priors.push({
      hash: logged.SealHash,
      exportTimestamp: logged.Timestamp,
      where: logged.EntryID,
    });
  const out = (triggered: boolean, detail: string): CheckOutcome => ({
    check: "not_already_sealed",
    triggered,
    detail,
  });
  if (priors.length === 0) return out(false, "");
  // The log is the record of order; outside it, the newest export_timestamp is the latest seal.
  const latest = logged
    ? { hash: logged.SealHash, where: logged.EntryID }
    : priors.reduce((a, b) => (b.exportTimestamp > a.exportTimestamp ? b : a));
  const reason = req.newVersionReason?.trim();
  if (reason) return out(false, `supersedes ${latest.hash}; reason: ${reason}`);
  return out(
    true,
    `${req.runId} is already sealed (${latest.hash}, ${latest.where}); a seal is never replaced: seal a new version with a reason, or record a patch`,
  );
}

const encoder = new TextEncoder();

/** The five row checks: from the row when one matched, else what can be judged without it. */
function rowChecks(req: SealRequest): {
  fields: DerivedFields | null;
  checks: CheckOutcome[];
} {
  if (req.source) {
    const d = deriveFields(req.source, req.cellNames);
    // The lookup decides run_id_valid unless it passed; then the row's own RunID cell does.
    return {
      fields: req.lookup.triggered ? null : d.fields,
      checks: d.checks.map((c) =>
        c.check === "run_id_valid" && req.lookup.triggered ? req.lookup : c,
      ),
    };
  }
  const { missing } = findColumns(req.tableHeaders);
  const checks: CheckOutcome[] = [
    req.lookup,
    {
      check: "required_columns_present",
      triggered: missing.length > 0,
      detail: missing.length ? `missing column(s): ${missing.join(", ")}` : "",
    },
  ];
  return { fields: null, checks };
}

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
