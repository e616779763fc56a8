// A windowed table body: only the rows in view (plus a few) are in the DOM, so a table of 50,000
// runs or log entries scrolls as smoothly as one of ten. Rows have one fixed height, which keeps
// scrolling free of measuring.
import * as React from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  frame: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    display: "flex",
    flexDirection: "column",
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
  },
  header: {
    display: "grid",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalXS,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    minHeight: "28px",
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    // A narrow pane shortens a heading rather than letting it run into the next one.
    "& > *": {
      overflow: "hidden",
      textOverflow: "ellipsis",
      whiteSpace: "nowrap",
    },
  },
  scroller: { overflowY: "auto", position: "relative" },
  row: {
    display: "grid",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalXS,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    position: "absolute",
    left: 0,
    right: 0,
    boxSizing: "border-box",
    overflow: "hidden",
    whiteSpace: "nowrap",
  },
});

export interface VirtualRowsProps {
  count: number;
  rowHeight: number;
  /** The scroll area's height in px at most; shorter lists take only what they need. */
  maxHeight: number;
  /** CSS grid columns shared by header and rows. */
  columns: string;
  header: React.ReactNode;
  label: string;
  renderRow: (index: number) => {
    key: string;
    cells: React.ReactNode;
    props?: React.HTMLAttributes<HTMLDivElement> & Record<string, unknown>;
  };
  /** Bring this row into view when it changes. */
  scrollToIndex?: number | null;
  /** id of the active row, for keyboard users (aria-activedescendant). */
  activeId?: string;
  onKeyDown?: (e: React.KeyboardEvent<HTMLDivElement>) => void;
  testId?: string;
}

export function VirtualRows(p: VirtualRowsProps): React.ReactElement {
  const styles = useStyles();
  const scrollRef = React.useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: p.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => p.rowHeight,
    overscan: 10,
  });

  React.useEffect(() => {
    if (
      p.scrollToIndex !== null &&
      p.scrollToIndex !== undefined &&
      p.scrollToIndex >= 0 &&
      p.scrollToIndex < p.count
    ) {
      virtualizer.scrollToIndex(p.scrollToIndex, { align: "auto" });
    }
  }, [p.scrollToIndex, p.count, virtualizer]);

  const height = Math.min(p.maxHeight, Math.max(p.count, 1) * p.rowHeight);
  return (
    <div
      className={styles.frame}
      role="grid"
      aria-label={p.label}
      aria-rowcount={p.count + 1}
      data-testid={p.testId}
      tabIndex={0}
      aria-activedescendant={p.activeId}
      onKeyDown={p.onKeyDown}
    >
      <div
        role="row"
        aria-rowindex={1}
        className={styles.header}
        style={{ gridTemplateColumns: p.columns }}
      >
        {p.header}
      </div>
      <div
        ref={scrollRef}
        className={styles.scroller}
        style={{ height }}
        role="rowgroup"
      >
        <div
          style={{ height: virtualizer.getTotalSize(), position: "relative" }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const row = p.renderRow(item.index);
            return (
              <div
                key={row.key}
                role="row"
                aria-rowindex={item.index + 2}
                {...row.props}
                className={`${styles.row} ${row.props?.className ?? ""}`}
                style={{
                  top: item.start,
                  height: item.size,
                  gridTemplateColumns: p.columns,
                  ...(row.props?.style ?? {}),
                }}
              >
                {row.cells}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
