// The Excel side of the workbench: ribbon, name box, the active sheet's grid with a tab per
// sheet, PATCH_LOG and a status bar. Everything reads the simulated workbook directly and redraws
// after each Excel.run batch the task pane or the ribbon runs.
import * as React from "react";
import {
  FluentProvider,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useSchemeTheme } from "../taskpane/theme";
import { formatAddress, type SimWorkbook } from "@sealed-run/workbook-model";
import type { Commands } from "../commands/commands";
import type { WorkbenchHost } from "./simHost";
import { Tabs } from "../taskpane/components/Tabs";
import { Ribbon } from "./Ribbon";
import { SheetGrid } from "./SheetGrid";
import { PatchLogPanel } from "./PatchLogPanel";

const useStyles = makeStyles({
  root: {
    height: "100%",
    display: "flex",
    flexDirection: "column",
    minWidth: 0,
  },
  nameBox: {
    display: "flex",
    gap: tokens.spacingHorizontalM,
    alignItems: "center",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    fontFamily: tokens.fontFamilyMonospace,
  },
  sheetArea: {
    display: "flex",
    flexDirection: "column",
    flexGrow: 1,
    minHeight: 0,
  },
  tabs: {
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  log: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  visuallyHidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
    margin: "-1px",
  },
  status: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
  },
});

export interface WorkbenchProps {
  book: SimWorkbook;
  wb: WorkbenchHost;
  commands: Commands;
}

export function Workbench({
  book,
  wb,
  commands,
}: WorkbenchProps): React.ReactElement {
  const styles = useStyles();
  const theme = useSchemeTheme();
  // The workbook is a mutable model: each batch that ran against it, and each selection here,
  // renders the bench again, and the grid and the log read what they show from it as they render.
  const [, bump] = React.useReducer((n: number) => n + 1, 0);
  React.useEffect(() => wb.onBatch(bump), [wb, bump]);

  const active = book.activeSheet;
  const visible = book.liveSheets.filter((s) => s.visibility === "Visible");

  const select = (ref: string) => {
    book.select(active.name, ref);
    bump();
    wb.selectionChanged();
  };

  const activate = (name: string) => {
    const sheet = book.sheet(name);
    book.activate(sheet);
    bump();
    wb.selectionChanged();
  };

  const selectionAddress = active.selection
    .map((r) => formatAddress(active.name, r))
    .join(",");

  return (
    <FluentProvider theme={theme} className={styles.root}>
      <h1 className={styles.visuallyHidden}>
        Sealed Run workbench: the sample workbook in an Excel simulator
      </h1>
      <Ribbon commands={commands} />
      <div className={styles.nameBox}>
        <Text size={200} as="span">
          Selection
        </Text>
        <output data-testid="name-box" aria-label="Selected cells">
          {selectionAddress}
        </output>
      </div>
      <div className={styles.sheetArea}>
        <SheetGrid
          key={active.name}
          sheet={active}
          onSelect={select}
          label={`Sheet ${active.name}`}
        />
        <Tabs
          tabs={visible.map((s) => ({
            value: s.name,
            label: s.name,
            testId: `sheet-tab-${s.name}`,
          }))}
          selected={active.name}
          onSelect={activate}
          label="Sheets"
          className={styles.tabs}
          testId="sheet-tabs"
        />
      </div>
      <div className={styles.log}>
        <PatchLogPanel book={book} />
      </div>
      <footer className={styles.status} data-testid="status-bar">
        <Text size={200}>{book.name}</Text>
        <Text size={200} data-testid="save-count">
          {book.saveCount === 0
            ? "Not saved yet (saves stay in memory)"
            : `Saved ${book.saveCount} time${book.saveCount === 1 ? "" : "s"} (in memory)`}
        </Text>
        <Text size={200}>Excel simulator · ExcelApi 1.11</Text>
      </footer>
    </FluentProvider>
  );
}
