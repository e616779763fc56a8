// The runs of LLMOutputTable with their seal state. One tab stop: arrow keys move the current run
// (the one Seal acts on), Space ticks it for sealing several at once; a click does the same.
import * as React from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { RunListItem } from "../../workflows/api";
import { STATE_SHORT, STATE_TEXT } from "../texts";
import { VirtualRows } from "./VirtualRows";

const ROW_HEIGHT = 34;
// Fits a 320 px pane: run id, date and state keep their full width (RUN-000001, 2026-02-15,
// "unsealed"); the operator gives way, with its full text in a tooltip.
const COLUMNS = "20px 84px 80px minmax(0, 1fr) 76px";

const useStyles = makeStyles({
  current: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    fontWeight: tokens.fontWeightSemibold,
    // Under forced colours backgrounds are dropped: an outline keeps the current run visible.
    boxShadow: `inset ${tokens.strokeWidthThicker} 0 0 ${tokens.colorCompoundBrandStroke}`,
    "@media (forced-colors: active)": {
      outline: "2px solid Highlight",
      outlineOffset: "-2px",
    },
  },
  clickable: {
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  cell: {
    overflow: "hidden",
    textOverflow: "ellipsis",
    fontSize: tokens.fontSizeBase200,
  },
  // The state as a small tinted label (Fluent's Badge look, without its code in the first load).
  state: {
    display: "inline-block",
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusCircular,
    lineHeight: "18px",
    fontWeight: tokens.fontWeightSemibold,
  },
  unsealed: {
    backgroundColor: tokens.colorNeutralBackground4,
    color: tokens.colorNeutralForeground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  sealed: {
    backgroundColor: tokens.colorPaletteGreenBackground1,
    color: tokens.colorPaletteGreenForeground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteGreenBorder1}`,
  },
  patched: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke2}`,
  },
  changed: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    color: tokens.colorPaletteRedForeground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteRedBorder1}`,
  },
});

export interface RunTableProps {
  runs: RunListItem[];
  currentRunId: string | null;
  checked: ReadonlySet<string>;
  onCurrent: (runId: string) => void;
  onToggle: (runId: string) => void;
}

export function RunTable({
  runs,
  currentRunId,
  checked,
  onCurrent,
  onToggle,
}: RunTableProps): React.ReactElement {
  const styles = useStyles();
  const indexOf = React.useMemo(
    () => new Map(runs.map((r, i) => [r.runId, i])),
    [runs],
  );
  const currentIndex =
    currentRunId === null ? -1 : (indexOf.get(currentRunId) ?? -1);

  const move = (to: number) => {
    if (!runs.length) return;
    const i = Math.max(0, Math.min(runs.length - 1, to));
    onCurrent(runs[i].runId);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const at = currentIndex < 0 ? -1 : currentIndex;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(at < 0 ? 0 : at - 1),
      PageDown: () => move(at + 10),
      PageUp: () => move(at - 10),
      Home: () => move(0),
      End: () => move(runs.length - 1),
      " ": () => {
        if (currentRunId !== null && at >= 0) onToggle(currentRunId);
      },
    };
    const act = keys[e.key];
    if (act && e.target === e.currentTarget) {
      e.preventDefault();
      act();
    }
  };

  return (
    <VirtualRows
      count={runs.length}
      rowHeight={ROW_HEIGHT}
      maxHeight={320}
      columns={COLUMNS}
      label="Runs in LLMOutputTable: arrow keys choose the run to seal, Space ticks it"
      testId="run-table"
      scrollToIndex={currentIndex}
      activeId={currentIndex >= 0 ? `run-row-at-${currentIndex}` : undefined}
      onKeyDown={onKeyDown}
      header={
        <>
          <span role="columnheader" aria-label="Ticked for sealing" />
          <span role="columnheader">Run</span>
          <span role="columnheader">Session</span>
          <span role="columnheader">Operator</span>
          <span role="columnheader">State</span>
        </>
      }
      renderRow={(i) => {
        const r = runs[i];
        const isCurrent = i === currentIndex;
        const changed =
          r.state === "changed" && r.changedFields?.length
            ? `changed: ${r.changedFields.join(", ")}`
            : undefined;
        return {
          key: r.runId + "@" + r.rowIndex,
          props: {
            id: `run-row-at-${i}`,
            "data-testid": `run-row-${r.runId}`,
            "aria-selected": isCurrent,
            className: `${styles.clickable} ${isCurrent ? styles.current : ""}`,
            onClick: () => onCurrent(r.runId),
          },
          cells: (
            <>
              <span role="gridcell">
                <input
                  type="checkbox"
                  tabIndex={-1}
                  aria-label={`Tick ${r.runId} for sealing`}
                  checked={checked.has(r.runId)}
                  onChange={() => onToggle(r.runId)}
                  onClick={(e) => e.stopPropagation()}
                  data-testid={`run-check-${r.runId}`}
                />
              </span>
              <span
                role="gridcell"
                className={styles.cell}
                title={r.address}
                data-full
              >
                {r.runId}
              </span>
              <span role="gridcell" className={styles.cell} data-full>
                {r.sessionDate}
              </span>
              <span role="gridcell" className={styles.cell} title={r.operator}>
                {r.operator}
              </span>
              <span
                role="gridcell"
                className={styles.cell}
                title={changed ?? STATE_TEXT[r.state]}
                data-full
              >
                <span
                  className={mergeClasses(styles.state, styles[r.state])}
                  data-testid={`run-state-${r.runId}`}
                >
                  {STATE_SHORT[r.state]}
                </span>
              </span>
            </>
          ),
        };
      }}
    />
  );
}
