// Keyboard reach for the workbench's grids, as the WAI-ARIA grid pattern asks: one cell of the grid
// is in the Tab order (tabIndex 0, the "roving" tab stop), the others are -1, and the arrow keys,
// Home/End (row start/end), Ctrl+Home/End (first/last cell) and PageUp/PageDown move it. Moving
// is the caller's business (the sheet selects the cell, as Excel's arrow keys do); this hook
// focuses the cell that became active once it is rendered, which a virtualized grid may do a
// render later, after scrolling it into view.
// https://www.w3.org/WAI/ARIA/apg/patterns/grid/ (keyboard interaction, "Data Grids").
import * as React from "react";

export interface GridCell {
  r: number;
  c: number;
}

const PAGE = 10;

/** Where a key moves the active cell in a grid of `rows` × `cols`, or null when it does not move it. */
export function nextCell(
  key: string,
  ctrl: boolean,
  at: GridCell,
  rows: number,
  cols: number,
): GridCell | null {
  const clamp = (r: number, c: number): GridCell => ({
    r: Math.max(0, Math.min(rows - 1, r)),
    c: Math.max(0, Math.min(cols - 1, c)),
  });
  switch (key) {
    case "ArrowUp":
      return clamp(at.r - 1, at.c);
    case "ArrowDown":
      return clamp(at.r + 1, at.c);
    case "ArrowLeft":
      return clamp(at.r, at.c - 1);
    case "ArrowRight":
      return clamp(at.r, at.c + 1);
    case "PageUp":
      return clamp(at.r - PAGE, at.c);
    case "PageDown":
      return clamp(at.r + PAGE, at.c);
    case "Home":
      return ctrl ? clamp(0, 0) : clamp(at.r, 0);
    case "End":
      return ctrl ? clamp(rows - 1, cols - 1) : clamp(at.r, cols - 1);
    default:
      return null;
  }
}

export interface GridKeys {
  /** Attributes of the cell at (r, c): its tab stop, its key handler and the mark focus finds it by. */
  cellProps(
    r: number,
    c: number,
  ): {
    tabIndex: 0 | -1;
    onKeyDown: (e: React.KeyboardEvent) => void;
    "data-grid-cell": string;
  };
}

/**
 * `active` is the cell holding the tab stop; `move` makes another cell active (and scrolls it into
 * view where the grid is virtualized). `container` holds the cells.
 */
export function useGridKeys(
  container: React.RefObject<HTMLElement | null>,
  active: GridCell,
  rows: number,
  cols: number,
  move: (to: GridCell) => void,
): GridKeys {
  const pending = React.useRef<GridCell | null>(null);

  // After each render: focus the cell a key moved to, once it is in the page.
  React.useEffect(() => {
    const want = pending.current;
    if (!want) return;
    const el = container.current?.querySelector<HTMLElement>(
      `[data-grid-cell="${want.r}:${want.c}"]`,
    );
    if (!el) return;
    pending.current = null;
    el.focus();
  });

  return {
    cellProps: (r, c) => ({
      tabIndex: r === active.r && c === active.c ? 0 : -1,
      "data-grid-cell": `${r}:${c}`,
      onKeyDown: (e) => {
        const to = nextCell(
          e.key,
          e.ctrlKey || e.metaKey,
          { r, c },
          rows,
          cols,
        );
        if (!to) return;
        e.preventDefault();
        pending.current = to;
        move(to);
      },
    }),
  };
}
