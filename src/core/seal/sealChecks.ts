// The refusal checks sealRun judges from the request: not_already_sealed (the log and the seals
// found beside it) and the row checks (or what can be judged when no single row matched).
import { deriveFields } from "../row/derive";
import { findColumns } from "../row/columns";
import { latestSeal } from "../log/chain";
import { isVerifiedLog } from "../log/state";
import type { CheckOutcome, DerivedFields } from "../types";
import type { PriorSeal, SealRequest } from "./sealRequest";

export function notAlreadySealed(req: SealRequest): CheckOutcome {
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
/** The five row checks: from the row when one matched, else what can be judged without it. */
export function rowChecks(req: SealRequest): {
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
