// A sheet of the simulated workbook as a grid: column letters, row numbers, the cells' displayed
// text (as Range.text gives it) and the current selection. Only the rows on screen are rendered,
// so a 50,000-run table scrolls as easily as the sample. Clicking a cell selects it in the
// simulator; a row number (a button, so Tab/Enter/Space reach it) selects that row's used cells.
// The cells are a WAI-ARIA grid: the selected cell is the grid's one Tab stop and the arrow keys
// move the selection from it, as in Excel (useGridKeys).
import * as React from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useVirtualizer } from "@tanstack/react-virtual";
import {
  columnLetters,
  formatRef,
  intersect,
  readText,
  type Rect,
  type SimSheet,
} from "@sealed-run/workbook-model";
import { useGridKeys, type GridCell } from "./useGridKeys";

const ROW_HEIGHT = 24;
const COL_WIDTH = 150;
const HEADER_WIDTH = 56;

const useStyles = makeStyles({
  scroller: {
    overflow: "auto",
    position: "relative",
    flexGrow: 1,
    minHeight: "120px",
    backgroundColor: tokens.colorNeutralBackground1,
    fontSize: tokens.fontSizeBase200,
  },
  row: {
    display: "flex",
    position: "absolute",
    left: 0,
    height: `${ROW_HEIGHT}px`,
  },
  head: {
    position: "sticky",
    top: 0,
    zIndex: 2,
    display: "flex",
    height: `${ROW_HEIGHT}px`,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  corner: {
    position: "sticky",
    left: 0,
    zIndex: 3,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  colHead: {
    textAlign: "center",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  cell: {
    boxSizing: "border-box",
    width: `${COL_WIDTH}px`,
    flexShrink: 0,
    height: `${ROW_HEIGHT}px`,
    lineHeight: `${ROW_HEIGHT - 1}px`,
    paddingLeft: "4px",
    paddingRight: "4px",
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
    cursor: "cell",
  },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    outline: `1px solid ${tokens.colorBrandStroke1}`,
    outlineOffset: "-1px",
    "@media (forced-colors: active)": {
      outline: "2px solid Highlight",
      outlineOffset: "-2px",
    },
  },
  visuallyHidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
  rowHeaderCell: {
    position: "sticky",
    left: 0,
    zIndex: 1,
    flexShrink: 0,
    display: "flex",
  },
  rowHeader: {
    boxSizing: "border-box",
    width: `${HEADER_WIDTH}px`,
    flexShrink: 0,
    height: `${ROW_HEIGHT}px`,
    border: "none",
    borderRight: `1px solid ${tokens.colorNeutralStroke1}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    font: "inherit",
    cursor: "pointer",
    ":focus-visible": {
      outline: `2px solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "-2px",
    },
  },
  rowHeaderSelected: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorNeutralForeground1,
    "@media (forced-colors: active)": {
      backgroundColor: "Highlight",
      color: "HighlightText",
      forcedColorAdjust: "none",
    },
  },
});

export interface SheetGridProps {
  /** Read on every render: the workbench renders again after each batch that changed the workbook. */
  sheet: SimSheet;
  /** Select `ref` (A1, no sheet) on this sheet. */
  onSelect: (ref: string) => void;
  /** Extra rows/columns past the used range, as Excel shows empty cells beyond the data. */
  margin?: number;
  label: string;
}

function isSelected(selection: readonly Rect[], r: number, c: number): boolean {
  return selection.some(
    (s) => r >= s.r0 && r <= s.r1 && c >= s.c0 && c <= s.c1,
  );
}

export function SheetGrid({
  sheet,
  onSelect,
  margin = 2,
  label,
}: SheetGridProps): React.ReactElement {
  const styles = useStyles();
  const scroller = React.useRef<HTMLDivElement>(null);
  // Cheap on every render (a scroll renders too): the model keeps the answer until its cells change.
  const used = sheet.usedRect();
  const rowCount = (used ? used.r1 + 1 : 0) + margin;
  const colCount = Math.max((used ? used.c1 + 1 : 0) + 1, 4);
  const lastUsedCol = used ? used.c1 : 0;
  const selection = sheet.selection;
  const system = sheet.book.dateSystem;

  const rows = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const width = HEADER_WIDTH + colCount * COL_WIDTH;

  const first = selection[0];
  const active: GridCell = {
    r: Math.min(first?.r0 ?? 0, rowCount - 1),
    c: Math.min(first?.c0 ?? 0, colCount - 1),
  };
  const refOf = (r: number, c: number) => `${columnLetters(c)}${r + 1}`;
  const keys = useGridKeys(scroller, active, rowCount, colCount, (to) => {
    rows.scrollToIndex(to.r);
    onSelect(refOf(to.r, to.c));
  });

  const renderRow = (r: number, top: number) => {
    const text = readText(
      sheet.cells,
      { r0: r, r1: r, c0: 0, c1: colCount - 1 },
      system,
    )[0];
    const rowSelected = selection.some((s) =>
      intersect(s, { r0: r, r1: r, c0: 0, c1: colCount - 1 }),
    );
    const rowRef = formatRef({ r0: r, r1: r, c0: 0, c1: lastUsedCol });
    return (
      <div
        key={r}
        role="row"
        aria-rowindex={r + 2}
        className={styles.row}
        style={{ top: top + ROW_HEIGHT, width }}
        data-testid={`grid-row-${r + 1}`}
      >
        <div role="rowheader" className={styles.rowHeaderCell}>
          <button
            type="button"
            className={mergeClasses(
              styles.rowHeader,
              rowSelected && styles.rowHeaderSelected,
            )}
            aria-label={`Select row ${r + 1} (${rowRef})${text[0] ? `: ${text[0]}` : ""}`}
            aria-pressed={rowSelected}
            data-testid={`row-header-${r + 1}`}
            onClick={() => onSelect(rowRef)}
          >
            {r + 1}
          </button>
        </div>
        {text.map((t, c) => {
          const ref = refOf(r, c);
          const { onKeyDown, tabIndex, ...gridMark } = keys.cellProps(r, c);
          const selected = isSelected(selection, r, c);
          return (
            <div
              key={c}
              role="gridcell"
              title={t}
              aria-selected={selected}
              className={mergeClasses(styles.cell, selected && styles.selected)}
              data-cell={ref}
              tabIndex={tabIndex}
              {...gridMark}
              onClick={() => onSelect(ref)}
              onKeyDown={(e) => {
                if (e.key === "Enter" || e.key === " ") {
                  e.preventDefault();
                  onSelect(ref);
                } else onKeyDown(e);
              }}
            >
              {t}
            </div>
          );
        })}
      </div>
    );
  };

  return (
    <div
      ref={scroller}
      className={styles.scroller}
      role="grid"
      aria-label={label}
      aria-rowcount={rowCount + 1}
      aria-colcount={colCount + 1}
      data-testid={`grid-${sheet.name}`}
    >
      <div
        style={{
          height: rows.getTotalSize() + ROW_HEIGHT,
          width,
          position: "relative",
        }}
      >
        <div
          role="row"
          aria-rowindex={1}
          className={styles.head}
          style={{ width }}
        >
          <div
            role="columnheader"
            className={mergeClasses(styles.cell, styles.corner)}
            style={{ width: HEADER_WIDTH }}
          >
            <span className={styles.visuallyHidden}>Row</span>
          </div>
          {Array.from({ length: colCount }, (_, c) => (
            <div
              key={c}
              role="columnheader"
              className={mergeClasses(styles.cell, styles.colHead)}
            >
              {columnLetters(c)}
            </div>
          ))}
        </div>
        {rows.getVirtualItems().map((v) => renderRow(v.index, v.start))}
      </div>
    </div>
  );
}
