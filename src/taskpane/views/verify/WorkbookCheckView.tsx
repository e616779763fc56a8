// Inside Excel, a verified file against this workbook: whether its SEAL entry is in the log, how
// the run's row compares with the seal, the patches naming it and the state of the log's chain.
import * as React from "react";
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import type { WorkbookCheck } from "../../../workflows/api";
import { entries } from "../../plural";
import { useVerifyStyles } from "./styles";

function basisText(
  check: WorkbookCheck,
  runId: string,
  claimed: string,
): string {
  const b = check.basis;
  if (b.kind === "kept-seal")
    return b.hash === claimed
      ? `The row of ${runId} is compared with the seal kept in this workbook, ${b.fileName}, which the file claims to be.`
      : `The seal the file claims is not kept in this workbook; the row of ${runId} is compared with its latest seal kept here, ${b.fileName}.`;
  if (b.kind === "log-only")
    return `The log records ${runId}'s seal as ${b.entryId} (${b.hash}), but no copy of it is kept in this workbook, so the row is not compared.`;
  return `No seal of ${runId} is kept in this workbook or named in its log, so the row is not compared.`;
}

export function WorkbookCheckView({
  check,
  runId,
  claimed,
}: {
  check: WorkbookCheck;
  runId: string;
  claimed: string;
}): React.ReactElement {
  const styles = useVerifyStyles();
  const compared =
    check.basis.kind === "file" || check.basis.kind === "kept-seal";
  return (
    <section
      className={styles.section}
      aria-labelledby="workbook-check-heading"
      data-testid="workbook-check"
    >
      <h3 id="workbook-check-heading" className={styles.heading}>
        Against this workbook
      </h3>
      {!check.fileIntact && (
        <MessageBar
          layout="multiline"
          intent="error"
          data-testid="wb-file-altered"
        >
          <MessageBarBody>
            <MessageBarTitle>The file was altered</MessageBarTitle>
            Its content no longer matches its hash, so its values are not the
            seal&apos;s and are not compared with the workbook.{" "}
            {basisText(check, runId, claimed)}
            {check.fileEdits.length > 0 && (
              <ul className={styles.list} data-testid="wb-file-edits">
                {check.fileEdits.map((c) => (
                  <li key={c.field}>
                    <span className={styles.mono}>{c.field}</span>: sealed{" "}
                    {c.sealed}, the file says {c.now}
                  </li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      <div data-testid="wb-seal-entry">
        {check.sealEntry
          ? `${check.fileIntact ? "In the log" : "The hash the file claims is in the log"} as ${check.sealEntry.EntryID} (SEAL, ${check.sealEntry.Timestamp}, by ${check.sealEntry.Actor}).`
          : "Not in this workbook's log: it was sealed elsewhere, or its SEAL entry is gone."}
      </div>
      <div data-testid="wb-row">
        {!check.rowFound ? (
          `No row of LLMOutputTable has the run id ${runId} any more.`
        ) : !compared ? null : check.changes.length === 0 ? (
          `The row of ${runId} still holds exactly the sealed values.`
        ) : (
          <>
            The row of {runId} changed since the seal:
            <ul className={styles.list}>
              {check.changes.map((c) => (
                <li key={c.field}>
                  <span className={styles.mono}>{c.field}</span>: sealed{" "}
                  {c.sealed}, now {c.now}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div data-testid="wb-patches">
        {check.patches.length === 0 ? (
          "No patch names this seal."
        ) : (
          <>
            Patches naming this seal:
            <ul className={styles.list}>
              {check.patches.map((p) => (
                <li key={p.EntryID}>
                  {p.EntryID}: <span className={styles.mono}>{p.Field}</span>{" "}
                  {p.OldValue} → {p.NewValue} ({p.Reason}, by {p.Actor},{" "}
                  {p.Timestamp})
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div data-testid="wb-chain">
        {check.chain.intact
          ? `The log's hash chain is intact (${entries(check.chain.entries)}).`
          : `The log's hash chain is broken${check.chain.firstBreak?.entryId ? ` at ${check.chain.firstBreak.entryId}` : ""}: ${check.chain.firstBreak?.message ?? "no details"}`}
      </div>
    </section>
  );
}
