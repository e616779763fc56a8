// The runs of LLMOutputTable: how many, Refresh, the list itself (or why it is not there) and
// what stopped the pane from following the Excel selection.
import * as React from "react";
import { Button, Spinner, Text } from "@fluentui/react-components";
import type { SealViewModel } from "../../hooks/useSealView";
import { Notice } from "../../components/Notice";
import { RunTable } from "../../components/RunTable";
import { useSealStyles } from "./styles";

export type RunsSectionProps = Pick<
  SealViewModel,
  | "runs"
  | "runsError"
  | "current"
  | "checked"
  | "selectionNote"
  | "loadRuns"
  | "setCurrent"
  | "toggle"
>;

export function RunsSection({
  runs,
  runsError,
  current,
  checked,
  selectionNote,
  loadRuns,
  setCurrent,
  toggle,
}: RunsSectionProps): React.ReactElement {
  const styles = useSealStyles();
  return (
    <>
      <div className={styles.row}>
        <h2 className={styles.h2}>Runs</h2>
        <Text size={200} className={styles.muted}>
          {runs ? `${runs.length} in LLMOutputTable` : ""}
        </Text>
        <Button
          size="small"
          appearance="subtle"
          onClick={() => void loadRuns()}
          data-testid="refresh-runs"
        >
          Refresh
        </Button>
      </div>
      {runsError && (
        <Notice intent="error" data-testid="runs-error">
          <div>{runsError}</div>
        </Notice>
      )}
      {runs === null && !runsError && (
        <Spinner size="small" label="Reading LLMOutputTable…" />
      )}
      {runs && runs.length === 0 && (
        <Text data-testid="no-runs">LLMOutputTable has no rows yet.</Text>
      )}
      {runs && runs.length > 0 && (
        <RunTable
          runs={runs}
          currentRunId={current}
          checked={checked}
          onCurrent={setCurrent}
          onToggle={toggle}
        />
      )}
      {selectionNote && (
        <Text size={200} className={styles.muted} data-testid="selection-note">
          Excel selection: {selectionNote}
        </Text>
      )}
    </>
  );
}
