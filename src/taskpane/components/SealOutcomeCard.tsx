// One seal attempt's result: the file and its ways out, or what refused it and why.
import * as React from "react";
import {
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { Notice } from "./Notice";
import type { SealOutcome, WorkbookApi } from "../../workflows/api";
import { FileOut } from "./FileOut";
import { RefusalReasons } from "./RefusalReasons";
import { ResultHeading } from "./ResultHeading";

// Signing is offered under a sealed result only: its code (keys, DSSE, IndexedDB) loads then, not
// with the pane.
const SignaturePanel = React.lazy(() =>
  import("../signing/SignaturePanel").then((m) => ({
    default: m.SignaturePanel,
  })),
);

const useStyles = makeStyles({
  card: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
  dl: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  dd: { margin: 0 },
  // The outcome's colour is on the card's edge and in its heading's words, never in colour alone.
  sealed: {
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteGreenBorder2}`,
  },
  refused: {
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteRedBorder2}`,
  },
  h3: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
});

function Warnings({ warnings }: { warnings: string[] }) {
  if (!warnings.length) return null;
  return (
    <Notice intent="warning" data-testid="seal-warnings">
      <div>
        {warnings.map((w, i) => (
          <div key={i}>{w}</div>
        ))}
      </div>
    </Notice>
  );
}

export interface SealOutcomeCardProps {
  outcome: SealOutcome;
  /** Focus the card's heading when this changes (the newest result); null leaves focus alone. */
  focusKey?: unknown;
  /** Heading level: a lone result is the view's h2; cards under a batch summary are h3. */
  nested?: boolean;
  /** The workbook, for signing: the envelope is kept beside the seal, the key registered. */
  api?: WorkbookApi | null;
}

export function SealOutcomeCard({
  outcome,
  focusKey = null,
  nested = false,
  api = null,
}: SealOutcomeCardProps): React.ReactElement {
  const styles = useStyles();
  const title =
    outcome.kind === "sealed"
      ? `Sealed ${outcome.document.meta.run_id}`
      : `Refused ${outcome.runId || "the seal"}`;
  const heading = nested ? (
    <h3 className={styles.h3}>{title}</h3>
  ) : (
    <ResultHeading focusKey={focusKey}>{title}</ResultHeading>
  );
  if (outcome.kind === "sealed") {
    const d = outcome.document;
    return (
      <section
        className={mergeClasses(styles.card, styles.sealed)}
        data-testid="seal-result"
        aria-label={title}
      >
        {heading}
        <FileOut
          fileName={outcome.fileName}
          text={outcome.text}
          hash={d.hash}
          note={false}
        />
        <Text>
          Logged as {outcome.logEntry.EntryID}. The seal is also kept in the
          workbook.
        </Text>
        <dl className={styles.dl}>
          <dt>File</dt>
          <dd
            className={`${styles.dd} ${styles.mono}`}
            data-testid="sealed-file-name"
          >
            {outcome.fileName}
          </dd>
          <dt>Hash</dt>
          <dd
            className={`${styles.dd} ${styles.mono}`}
            data-testid="sealed-hash"
          >
            {d.hash}
          </dd>
          <dt>Log entry</dt>
          <dd className={styles.dd} data-testid="sealed-log-entry">
            {outcome.logEntry.EntryID} ({outcome.logEntry.Action}
            {outcome.logEntry.Reason
              ? `, reason: ${outcome.logEntry.Reason}`
              : ""}
            )
          </dd>
        </dl>
        {!outcome.saved && (
          <Notice intent="warning" data-testid="save-reminder">
            <div>
              The workbook is not saved yet: save it now (Ctrl+S or ⌘S) to keep
              the seal and its log entry.
            </div>
          </Notice>
        )}
        <Warnings warnings={outcome.warnings} />
        {outcome.undoNotice && (
          <Notice intent="info" data-testid="undo-notice">
            <div>{outcome.undoNotice}</div>
          </Notice>
        )}
        <React.Suspense fallback={null}>
          <SignaturePanel document={d} fileName={outcome.fileName} api={api} />
        </React.Suspense>
      </section>
    );
  }

  return (
    <section
      className={mergeClasses(styles.card, styles.refused)}
      data-testid="seal-refused"
      aria-label={title}
    >
      {heading}
      <Text>
        Nothing was sealed and no file was released.
        {outcome.logEntry
          ? ` The attempt is logged as ${outcome.logEntry.EntryID} (REFUSED).`
          : ""}
      </Text>
      <RefusalReasons outcome={outcome} />
      <Warnings warnings={outcome.warnings} />
    </section>
  );
}
