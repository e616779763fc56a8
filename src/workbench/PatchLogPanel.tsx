// PATCH_LOG as it stands in the simulated workbook, always on screen, so each seal and patch is
// seen landing as a new row (newest last, as in the sheet).
import * as React from "react";
import { Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { readText, type SimWorkbook } from "@sealed-run/workbook-model";
import { entries } from "../taskpane/plural";
import { useGridKeys, type GridCell } from "./useGridKeys";

export const LOG_SHEET = "PATCH_LOG";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minHeight: 0 },
  scroller: {
    overflow: "auto",
    maxHeight: "30vh",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, whiteSpace: "nowrap" },
  focusable: { ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" } },
  th: { position: "sticky", top: 0, backgroundColor: tokens.colorNeutralBackground3, textAlign: "left", padding: "2px 6px", borderBottom: `1px solid ${tokens.colorNeutralStroke1}` },
  td: { padding: "2px 6px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, maxWidth: "220px", overflow: "hidden", textOverflow: "ellipsis" },
});

/** The log sheet's text, header row first; null while the workbook has no PATCH_LOG. */
function logText(book: SimWorkbook): string[][] | null {
  const sheet = book.findSheet(LOG_SHEET);
  const used = sheet?.usedRect(true);
  return sheet && used ? readText(sheet.cells, { r0: 0, c0: 0, r1: used.r1, c1: used.c1 }, book.dateSystem) : null;
}

/** Read on every render: the workbench renders again after each batch that changed the workbook. */
export function PatchLogPanel({ book }: { book: SimWorkbook }): React.ReactElement {
  const styles = useStyles();
  const scroller = React.useRef<HTMLDivElement>(null);
  const rows = logText(book);
  const rowCount = rows?.length ?? 0;
  const colCount = rows?.[0]?.length ?? 0;

  // Keep the newest entry in view when one lands, as the sheet's last row is what just happened.
  React.useEffect(() => {
    // Only the panel scrolls: scrolling the page would take the task pane's result out of view.
    const box = scroller.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, [rowCount]);

  // The keyboard reaches every entry (WCAG 2.1.1) through the grid's cells; focus scrolls the panel.
  const [active, setActive] = React.useState<GridCell>({ r: 0, c: 0 });
  const at = { r: Math.min(active.r, Math.max(rowCount - 1, 0)), c: Math.min(active.c, Math.max(colCount - 1, 0)) };
  const keys = useGridKeys(scroller, at, rowCount, colCount, setActive);

  return (
    <section className={styles.panel} aria-label="PATCH_LOG" data-testid="patch-log-panel">
      <Text weight="semibold">
        PATCH_LOG {rows ? `(${entries(rows.length - 1)})` : ""}
      </Text>
      {!rows ? (
        <Text size={200} data-testid="patch-log-missing">
          No PATCH_LOG sheet yet: the first seal creates it.
        </Text>
      ) : (
        <div ref={scroller} className={styles.scroller}>
          <table className={styles.table} role="grid" aria-label="PATCH_LOG entries" aria-readonly="true">
            <thead>
              <tr>
                {rows[0].map((h, j) => (
                  <th key={j} className={mergeClasses(styles.th, styles.focusable)} scope="col" {...keys.cellProps(0, j)}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.slice(1).map((r, i) => (
                <tr key={i} data-testid={`patch-log-row-${i + 1}`}>
                  {r.map((t, j) => (
                    <td key={j} className={mergeClasses(styles.td, styles.focusable)} title={t} {...keys.cellProps(i + 1, j)}>
                      {t}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
