// The PATCH entry just recorded: which field of which seal, old and new value, the reason, and
// that the sealed file itself is unchanged.
import * as React from "react";
import type { PatchOutcome } from "../../../workflows/api";
import { ResultHeading } from "../../components/ResultHeading";
import { usePatchStyles } from "./styles";

export interface PatchResultProps {
  result: PatchOutcome;
  /** A field's name in a person's words, from its path. */
  labelOf: (path: string) => string;
}

export function PatchResult({
  result,
  labelOf,
}: PatchResultProps): React.ReactElement {
  const styles = usePatchStyles();
  const entry = result.logEntry;
  return (
    <section
      className={styles.result}
      aria-labelledby="patch-result-heading"
      data-testid="patch-result"
    >
      <ResultHeading id="patch-result-heading" focusKey={entry.EntryID}>
        Recorded {entry.EntryID}: {labelOf(entry.Field)} corrected
      </ResultHeading>
      <div>
        {labelOf(entry.Field)}{" "}
        <span className={styles.mono}>({entry.Field})</span>: {entry.OldValue} →{" "}
        {entry.NewValue}
      </div>
      <div>Reason: {entry.Reason}</div>
      <div>The sealed file is unchanged; the correction is in PATCH_LOG.</div>
      {!result.saved && (
        <div>
          The workbook is not saved yet: save it now (Ctrl+S or ⌘S) to keep this
          entry.
        </div>
      )}
    </section>
  );
}
