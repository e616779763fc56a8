// PATCH_LOG's entries as a virtual list: one tab stop, arrow and Page keys choose the entry whose
// details are shown; the entry that breaks the chain is marked.
import * as React from "react";
import type { PatchLogEntry } from "../../../core";
import { VirtualRows } from "../../components/VirtualRows";
import { entryAfterKey } from "../../hooks/logNavigation";
import { useLogStyles } from "./styles";

const ROW_HEIGHT = 30;
// Four columns fit a 320 px pane; time, actor and hashes are in the details of the chosen entry.
const COLUMNS = "84px 70px minmax(64px, 1fr) minmax(90px, 2fr)";

function detailOf(e: PatchLogEntry): string {
  if (e.Action === "SEAL")
    return e.FileName + (e.Reason ? ` (new version: ${e.Reason})` : "");
  if (e.Action === "PATCH")
    return (
      `${e.Field}: ${e.OldValue} → ${e.NewValue}` +
      (e.Reason ? ` (${e.Reason})` : "")
    );
  return e.Reason;
}

export interface LogTableProps {
  entries: PatchLogEntry[];
  active: number;
  /** The index of the entry that breaks the chain, or -1. */
  brokenAt: number;
  setActive: (index: number) => void;
}

export function LogTable({
  entries,
  active,
  brokenAt,
  setActive,
}: LogTableProps): React.ReactElement {
  const styles = useLogStyles();
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const to = entryAfterKey(e.key, active, entries.length);
    if (to === null || e.target !== e.currentTarget) return;
    e.preventDefault();
    setActive(to);
  };
  return (
    <VirtualRows
      count={entries.length}
      rowHeight={ROW_HEIGHT}
      maxHeight={360}
      columns={COLUMNS}
      label="PATCH_LOG entries: arrow keys show an entry's details"
      testId="log-table"
      scrollToIndex={active}
      activeId={active >= 0 ? `log-row-at-${active}` : undefined}
      onKeyDown={onKeyDown}
      header={
        <>
          <span role="columnheader">Entry</span>
          <span role="columnheader">Action</span>
          <span role="columnheader">Run</span>
          <span role="columnheader">Detail</span>
        </>
      }
      renderRow={(i) => {
        const e = entries[i];
        const isBroken = i === brokenAt;
        return {
          key: `${i}-${e.EntryHash}`,
          props: {
            id: `log-row-at-${i}`,
            "data-testid": `log-row-${e.EntryID || `row-${i + 1}`}`,
            "aria-selected": i === active,
            className: `${styles.clickable} ${isBroken ? styles.broken : i === active ? styles.active : ""}`,
            onClick: () => setActive(i),
          },
          cells: (
            <>
              <span role="gridcell" className={styles.cell}>
                {isBroken ? "⚠ " : ""}
                {e.EntryID}
              </span>
              <span role="gridcell" className={styles.cell}>
                {e.Action}
              </span>
              <span role="gridcell" className={styles.cell}>
                {e.RunID}
              </span>
              <span role="gridcell" className={styles.cell} title={detailOf(e)}>
                {detailOf(e)}
              </span>
            </>
          ),
        };
      }}
    />
  );
}
