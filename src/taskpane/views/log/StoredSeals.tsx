// The sealed files kept in this workbook, each with Export again, and the file exported.
import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarBody,
  Text,
} from "@fluentui/react-components";
import { FileOut } from "../../components/FileOut";
import type { LogViewModel } from "../../hooks/useLogView";
import { useLogStyles } from "./styles";

export type StoredSealsProps = Pick<
  LogViewModel,
  "seals" | "sealsError" | "exported" | "exportError" | "exportAgain"
>;

export function StoredSeals({
  seals,
  sealsError,
  exported,
  exportError,
  exportAgain,
}: StoredSealsProps): React.ReactElement {
  const styles = useLogStyles();
  return (
    <section
      aria-label="Sealed files kept in this workbook"
      data-testid="stored-seals"
    >
      <Text weight="semibold">Sealed files kept in this workbook</Text>
      {sealsError && (
        <MessageBar layout="multiline" intent="error">
          <MessageBarBody>{sealsError}</MessageBarBody>
        </MessageBar>
      )}
      {seals && seals.length === 0 && <Text> None yet.</Text>}
      {seals && seals.length > 0 && (
        <ul className={styles.list}>
          {seals.map((s) => (
            <li key={s.id} className={styles.row}>
              <span className={styles.mono}>{s.fileName}</span>
              <Button
                size="small"
                onClick={() => void exportAgain(s)}
                data-testid={`export-again-${s.id}`}
                aria-label={`Export again: ${s.fileName}`}
              >
                Export again
              </Button>
            </li>
          ))}
        </ul>
      )}
      {exportError && (
        <MessageBar
          layout="multiline"
          intent="error"
          data-testid="export-error"
        >
          <MessageBarBody>{exportError}</MessageBarBody>
        </MessageBar>
      )}
      {exported && (
        <FileOut
          fileName={exported.fileName}
          text={exported.text}
          hash={exported.hash}
        />
      )}
    </section>
  );
}
