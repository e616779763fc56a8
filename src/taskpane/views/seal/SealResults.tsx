// The results of the last seal or batch: a summary with what did not seal (for a batch), a card
// per outcome, the download note and the button that closes them.
import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import { Notice, NoticeTitle } from "../../components/Notice";
import { downloadNote } from "../../components/FileOut";
import { ResultHeading } from "../../components/ResultHeading";
import { SealOutcomeCard } from "../../components/SealOutcomeCard";
import type { WorkbookApi } from "../../../workflows/api";
import { refusalSentence } from "../../texts";
import { summarize, type SealItem } from "../../hooks/sealState";
import { useSealStyles } from "./styles";

export interface SealResultsProps {
  results: SealItem[];
  /** Increases with every new set of results: their heading then takes focus. */
  resultSeq: number;
  onClose: () => void;
  /** The workbook, for signing a sealed result (the envelope is kept beside its seal). */
  api: WorkbookApi;
}

export function SealResults({
  results,
  resultSeq,
  onClose,
  api,
}: SealResultsProps): React.ReactElement {
  const styles = useSealStyles();
  const batch = results.length > 1;
  const notSealed = results.filter((r) => r.outcome?.kind !== "sealed");
  const lone = results.length === 1 ? results[0].outcome : undefined;
  return (
    <section
      className={styles.results}
      data-testid="seal-results"
      aria-label={batch ? "Results of the batch" : "Result"}
    >
      {batch && (
        <div className={styles.results} data-testid="seal-summary">
          <ResultHeading focusKey={resultSeq}>
            {summarize(results)}
          </ResultHeading>
          {notSealed.length > 0 && (
            <ul className={styles.list}>
              {notSealed.map((r) => (
                <li key={r.runId}>
                  {r.runId}:{" "}
                  {r.outcome?.kind === "refused"
                    ? `refused: ${refusalSentence(r.outcome)}`
                    : r.error}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {results.map((r, i) =>
        r.outcome ? (
          <SealOutcomeCard
            key={`${r.runId}-${i}`}
            outcome={r.outcome}
            nested={batch}
            focusKey={batch ? null : resultSeq}
            api={api}
          />
        ) : (
          <React.Fragment key={`${r.runId}-${i}`}>
            {!batch && (
              <ResultHeading focusKey={resultSeq}>
                Could not seal {r.runId}
              </ResultHeading>
            )}
            <Notice intent="error" data-testid="seal-error">
              <div>
                {batch && <NoticeTitle>Could not seal {r.runId}</NoticeTitle>}
                {r.error}
              </div>
            </Notice>
          </React.Fragment>
        ),
      )}
      {results.some((r) => r.outcome?.kind === "sealed") && (
        <Text size={200} className={styles.muted} data-testid="download-note">
          {downloadNote(lone?.kind === "sealed" ? lone.fileName : undefined)}
        </Text>
      )}
      <div>
        <Button size="small" onClick={onClose} data-testid="close-results">
          {batch ? "Close these results" : "Close this result"}
        </Button>
      </div>
    </section>
  );
}
