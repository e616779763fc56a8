// Every cell of the chosen log entry, and whether the chain breaks there.
import * as React from "react";
import { Text } from "@fluentui/react-components";
import { PATCH_LOG_COLUMNS, type PatchLogEntry } from "../../../core";
import { useLogStyles } from "./styles";

export function EntryDetails({
  entry,
  index,
  broken,
}: {
  entry: PatchLogEntry;
  index: number;
  broken: boolean;
}): React.ReactElement {
  const styles = useLogStyles();
  return (
    <section
      aria-label={`Entry ${entry.EntryID}`}
      data-testid="log-entry-details"
    >
      <Text weight="semibold">
        {entry.EntryID || `Row ${index + 1}`}
        {broken ? ": the chain breaks here" : ""}
      </Text>
      <dl className={styles.dl}>
        {PATCH_LOG_COLUMNS.map((c) => (
          <React.Fragment key={c}>
            <dt>{c}</dt>
            <dd className={styles.dd}>{entry[c] || "—"}</dd>
          </React.Fragment>
        ))}
      </dl>
    </section>
  );
}
