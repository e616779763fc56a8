// Verify: drop, choose or paste a sealed file; replay it (CONTRACT §5) with one line per rule; then,
// inside Excel, check it against this workbook's log and row. Needs nothing but the file, so it
// works outside Excel too. The state lives in useVerifyView; this file lays out its parts.
import * as React from "react";
import {
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
} from "@fluentui/react-components";
import type { WorkbookApi } from "../../workflows/api";
import {
  isIntact,
  useVerifyView,
  type VerifiedDocument,
} from "../hooks/useVerifyView";
import { VerifyInput } from "./verify/VerifyInput";
import { VerifyOutcome } from "./verify/VerifyOutcome";
import { WorkbookCheckView } from "./verify/WorkbookCheckView";
import { useVerifyStyles } from "./verify/styles";
import { LazySignedByLine } from "../signing/LazySignedByLine";

export interface VerifyViewProps {
  api: WorkbookApi | null;
  /** The document now shown, for the Patch view; null when the last file had none. */
  onDocument: (doc: VerifiedDocument | null) => void;
  onPatch: () => void;
}

export function VerifyView({
  api,
  onDocument,
  onPatch,
}: VerifyViewProps): React.ReactElement {
  const styles = useVerifyStyles();
  const m = useVerifyView(api, onDocument);
  const { checked, workbook } = m;
  const document = checked?.report.document;
  return (
    <div className={styles.view}>
      <VerifyInput {...m} />

      {m.busy && <Spinner size="small" label="Checking…" />}
      {m.readError && (
        <MessageBar
          layout="multiline"
          intent="error"
          data-testid="verify-read-error"
        >
          <MessageBarBody>{m.readError}</MessageBarBody>
        </MessageBar>
      )}

      {checked && (
        <VerifyOutcome
          checked={checked}
          canPatch={api !== null}
          onPatch={onPatch}
        />
      )}

      {document && !api && (
        <Text size={200} data-testid="workbook-check-unavailable">
          Open this add-in in Excel to also check the file against the
          workbook&apos;s log and the run&apos;s row.
        </Text>
      )}
      {workbook.state === "loading" && (
        <Spinner size="small" label="Checking against this workbook…" />
      )}
      {workbook.state === "error" && (
        <MessageBar
          layout="multiline"
          intent="error"
          data-testid="workbook-check-error"
        >
          <MessageBarBody>{workbook.message}</MessageBarBody>
        </MessageBar>
      )}
      {workbook.state === "ready" && document && (
        <WorkbookCheckView
          check={workbook.check}
          runId={document.meta.run_id}
          claimed={document.hash}
        />
      )}
      {/* A file whose content no longer matches its hash is not said to be signed by anyone. */}
      {workbook.state === "ready" &&
        api &&
        document &&
        isIntact(checked.report) && (
          <LazySignedByLine api={api} document={document} />
        )}
    </div>
  );
}
