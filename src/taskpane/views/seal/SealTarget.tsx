// "Run to seal": the ticked runs, or the current run's row and seal state with a preview of its
// seal.
import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import type { Actor, RunListItem, WorkbookApi } from "../../../workflows/api";
import { SealPreview } from "../../components/SealPreview";
import { STATE_TEXT } from "../../texts";
import type { SealViewModel } from "../../hooks/useSealView";
import { useSealStyles } from "./styles";

export interface SealTargetProps extends Pick<
  SealViewModel,
  | "checked"
  | "targets"
  | "current"
  | "currentRun"
  | "runs"
  | "newVersion"
  | "reason"
  | "progress"
  | "clearTicks"
> {
  api: WorkbookApi;
  actor: Actor | null;
}

function CurrentRun({ run }: { run: RunListItem }): React.ReactElement {
  const styles = useSealStyles();
  return (
    <dl className={styles.dl} data-testid="current-run">
      <dt>Run</dt>
      <dd className={styles.dd}>
        {run.runId} <span className={styles.muted}>({run.address})</span>
      </dd>
      <dt>Session</dt>
      <dd className={styles.dd}>{run.sessionDate}</dd>
      <dt>Operator</dt>
      <dd className={styles.dd}>{run.operator}</dd>
      <dt>State</dt>
      <dd className={styles.dd}>
        {STATE_TEXT[run.state]}
        {run.changedFields?.length ? `: ${run.changedFields.join(", ")}` : ""}
      </dd>
      {run.sealHash && (
        <>
          <dt>Sealed as</dt>
          <dd className={`${styles.dd} ${styles.mono}`}>{run.sealHash}</dd>
        </>
      )}
    </dl>
  );
}

export function SealTarget(p: SealTargetProps): React.ReactElement {
  const { checked, targets, current, currentRun } = p;
  return (
    <section aria-label="Run to seal" data-testid="seal-target">
      {checked.size > 0 ? (
        <Text>
          {checked.size} run{checked.size === 1 ? "" : "s"} ticked:{" "}
          {targets.slice(0, 5).join(", ")}
          {targets.length > 5 ? ", …" : ""}{" "}
          <Button size="small" appearance="subtle" onClick={p.clearTicks}>
            Clear ticks
          </Button>
        </Text>
      ) : currentRun ? (
        <CurrentRun run={currentRun} />
      ) : current ? (
        <Text>Run {current}</Text>
      ) : null}
      {checked.size === 0 && current && !p.progress && (
        <SealPreview
          api={p.api}
          runId={current}
          rowHint={currentRun?.rowIndex}
          actor={p.actor}
          newVersionReason={
            p.newVersion && p.reason.trim() ? p.reason.trim() : undefined
          }
          refreshKey={p.runs}
        />
      )}
    </section>
  );
}
