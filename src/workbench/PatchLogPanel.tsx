// PATCH_LOG as it stands in the simulated workbook, always on screen, so each seal and patch is
// seen landing as a new row (newest last, as in the sheet).
import * as React from "react";
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { readText, type SimWorkbook } from "@sealed-run/workbook-model";
import { entries } from "../taskpane/plural";

export const LOG_SHEET = "PATCH_LOG";

const useStyles = makeStyles({
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    minHeight: 0,
  },
  scroller: {
    overflow: "auto",
    maxHeight: "30vh",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  table: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    whiteSpace: "nowrap",
  },
  th: {
    position: "sticky",
    top: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    textAlign: "left",
    padding: "2px 6px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  td: {
    padding: "2px 6px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    maxWidth: "220px",
    overflow: "hidden",
    textOverflow: "ellipsis",
  },
});

/** The log sheet's text, header row first; null while the workbook has no PATCH_LOG. */
function logText(book: SimWorkbook): string[][] | null {
  const sheet = book.findSheet(LOG_SHEET);
  const used = sheet?.usedRect(true);
  return sheet && used
    ? readText(
        sheet.cells,
        { r0: 0, c0: 0, r1: used.r1, c1: used.c1 },
        book.dateSystem,
      )
    : null;
}

/** Read on every render: the workbench renders again after each batch that changed the workbook. */
export function PatchLogPanel({
  book,
}: {
  book: SimWorkbook;
}): React.ReactElement {
  const styles = useStyles();
  const scroller = React.useRef<HTMLDivElement>(null);
  const rows = logText(book);
  const rowCount = rows?.length ?? 0;

  // Keep the newest entry in view when one lands, as the sheet's last row is what just happened.
  React.useEffect(() => {
    // Only the panel scrolls: scrolling the page would take the task pane's result out of view.
    const box = scroller.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, [rowCount]);

  return (
    <section
      className={styles.panel}
      aria-label="PATCH_LOG"
      data-testid="patch-log-panel"
    >
      <Text weight="semibold">
        PATCH_LOG {rows ? `(${entries(rows.length - 1)})` : ""}
      </Text>
      {!rows ? (
        <Text size={200} data-testid="patch-log-missing">
          No PATCH_LOG sheet yet: the first seal creates it.
        </Text>
      ) : (
        // A region that scrolls must take focus, or the keyboard cannot scroll it (WCAG 2.1.1; axe's
        // scrollable-region-focusable); test/browser/auditor.test.ts holds it to that.
        <div
          ref={scroller}
          className={styles.scroller}
          tabIndex={0}
          role="region"
          aria-label="PATCH_LOG entries"
        >
          <table className={styles.table}>
            <thead>
              <tr>
                {rows[0].map((h, j) => (
                  <th key={j} className={styles.th} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.slice(1).map((r, i) => (
                <tr key={i} data-testid={`patch-log-row-${i + 1}`}>
                  {r.map((t, j) => (
                    <td key={j} className={styles.td} title={t}>
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
