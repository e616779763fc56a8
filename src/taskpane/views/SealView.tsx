// Seal: pick a run (follows the Excel selection, or click/arrow in the list), say who you are, press
// Seal. Several ticked runs are sealed one after another with a progress bar and a summary. The
// state lives in useSealView; this file lays out its parts.
import * as React from "react";
import { Spinner } from "@fluentui/react-components";
import { Notice } from "../components/Notice";
import type { Actor, WorkbookApi } from "../../workflows/api";
import type { BusMessage } from "../bus";
import { ActorForm } from "../components/ActorForm";
import { useSealView } from "../hooks/useSealView";
import { RunsSection } from "./seal/RunsSection";
import { SealControls } from "./seal/SealControls";
import { SealTarget } from "./seal/SealTarget";
import {
  GovernanceMissing,
  InspectError,
  NoRunTable,
} from "./seal/WorkbookNotices";
import { useSealStyles } from "./seal/styles";

// The results' code (outcome cards, file download and copy, the lazy signing panel's door) is needed
// only after a seal: it loads once the view is up, not with the pane's first load.
const loadResults = () =>
  import(/* webpackChunkName: "seal-results" */ "./seal/SealResults");
const SealResults = React.lazy(() =>
  loadResults().then((r) => ({ default: r.SealResults })),
);

export interface SealViewProps {
  api: WorkbookApi;
  actor: Actor | null;
  onActorChange: (actor: Actor) => void;
  /** The latest message from a ribbon command (a seal made from the ribbon, or a request for the actor). */
  command: BusMessage | null;
}

export function SealView({
  api,
  actor,
  onActorChange,
  command,
}: SealViewProps): React.ReactElement {
  const styles = useSealStyles();
  const m = useSealView(api, actor, command);
  const viewRef = React.useRef<HTMLDivElement>(null);
  const { inspect } = m;
  React.useEffect(() => {
    // A failed early load does no harm: the chunk is asked for again when a result is shown.
    loadResults().catch(() => undefined);
  }, []);

  if (inspect.state === "loading")
    return <Spinner label="Reading the workbook…" />;
  if (inspect.state === "error")
    return <InspectError message={inspect.message} onRetry={m.check} />;
  const { info } = inspect;
  if (!info.hasRunTable) return <NoRunTable onCheck={m.check} />;

  const missing = [
    !info.hasGovernance && "GOVERNANCE",
    !info.hasPrompts && "PROMPTS",
  ].filter((s): s is string => Boolean(s));
  // Closing the results hands focus to the run list (or the Seal button), never to the page.
  const closeResults = () => {
    m.closeResults();
    viewRef.current
      ?.querySelector<HTMLElement>(
        '[data-testid="run-table"], [data-testid="seal-button"]',
      )
      ?.focus();
  };

  return (
    <div className={styles.view} ref={viewRef}>
      {m.results.length > 0 && (
        <React.Suspense
          fallback={<Spinner size="small" label="Showing the result…" />}
        >
          <SealResults
            results={m.results}
            resultSeq={m.resultSeq}
            onClose={closeResults}
            api={api}
          />
        </React.Suspense>
      )}
      {missing.length > 0 && (
        <GovernanceMissing
          missing={missing}
          busy={m.template.busy}
          error={m.template.error}
          onCreate={() => void m.createTemplate()}
        />
      )}
      {m.commandNote && (
        <Notice intent={m.commandNote.intent} data-testid="command-note">
          <div>{m.commandNote.text}</div>
        </Notice>
      )}
      <ActorForm actor={actor} onChange={onActorChange} />
      <RunsSection {...m} />
      <SealTarget {...m} api={api} actor={actor} />
      <SealControls {...m} />
    </div>
  );
}
