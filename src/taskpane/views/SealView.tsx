// Seal: pick a run (follows the Excel selection, or click/arrow in the list), say who you are, press
// Seal. Several ticked runs are sealed one after another with a progress bar and a summary.
import * as React from "react";
import {
  Button,
  Checkbox,
  Field,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Notice, NoticeTitle, NoticeActions } from "../components/Notice";
import type { Actor, RunListItem, SealOutcome, WorkbookApi } from "../../workflows/api";
import type { BusMessage } from "../bus";
import { messageOf } from "../errors";
import { STATE_TEXT, refusalSentence } from "../texts";
import { counted } from "../plural";
import { downloadNote } from "../components/FileOut";
import { ResultHeading } from "../components/ResultHeading";
import { useAnnounce } from "../components/Announcer";
import { ActorForm } from "../components/ActorForm";
import { RunTable } from "../components/RunTable";
import { SealOutcomeCard } from "../components/SealOutcomeCard";
import { SealPreview } from "../components/SealPreview";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  muted: { color: tokens.colorNeutralForeground3 },
  dl: { display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  dd: { margin: 0, overflowWrap: "anywhere" },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  results: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  progress: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  // The native bar: announced by screen readers as a progress bar, drawn in the theme's brand colour.
  bar: { width: "100%", accentColor: tokens.colorCompoundBrandBackground },
  h2: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

type Inspect = Awaited<ReturnType<WorkbookApi["inspect"]>>;

interface SealItem {
  runId: string;
  outcome?: SealOutcome;
  /** A WorkbookError (or fault) that stopped this attempt before any outcome. */
  error?: string;
}

export interface SealViewProps {
  api: WorkbookApi;
  actor: Actor | null;
  onActorChange: (actor: Actor) => void;
  /** The latest message from a ribbon command (a seal made from the ribbon, or a request for the actor). */
  command: BusMessage | null;
}

function summarize(items: SealItem[]): string {
  const sealed = items.filter((i) => i.outcome?.kind === "sealed").length;
  const refused = items.filter((i) => i.outcome?.kind === "refused").length;
  const failed = items.filter((i) => i.error !== undefined).length;
  if (items.length === 1) {
    const [i] = items;
    if (i.outcome?.kind === "sealed") return `Sealed ${i.runId} as ${i.outcome.fileName}.`;
    if (i.outcome?.kind === "refused") return `${i.runId} refused: ${refusalSentence(i.outcome)}.`;
    return `Could not seal ${i.runId}: ${i.error}`;
  }
  return `${counted(items.length, "run", "runs")}: ${sealed} sealed, ${refused} refused${failed ? `, ${failed} failed` : ""}.`;
}

export function SealView({ api, actor, onActorChange, command }: SealViewProps): React.ReactElement {
  const styles = useStyles();
  const announce = useAnnounce();
  const [inspect, setInspect] = React.useState<{ state: "loading" } | { state: "error"; message: string } | { state: "ready"; info: Inspect }>({
    state: "loading",
  });
  const [runs, setRuns] = React.useState<RunListItem[] | null>(null);
  const [runsError, setRunsError] = React.useState<string | null>(null);
  const [current, setCurrent] = React.useState<string | null>(null);
  const [selectionNote, setSelectionNote] = React.useState<string>("");
  const [checked, setChecked] = React.useState<Set<string>>(() => new Set());
  const [newVersion, setNewVersion] = React.useState(false);
  const [reason, setReason] = React.useState("");
  const [progress, setProgress] = React.useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = React.useState<SealItem[]>([]);
  // Increases with every new set of results: their heading then takes focus.
  const [resultSeq, setResultSeq] = React.useState(0);
  const viewRef = React.useRef<HTMLDivElement>(null);
  const [commandNote, setCommandNote] = React.useState<{ intent: "warning" | "error"; text: string } | null>(null);
  const [templateState, setTemplateState] = React.useState<{ busy: boolean; error?: string }>({ busy: false });

  const showRuns = React.useCallback(async (listing: Promise<RunListItem[]>) => {
    try {
      setRuns(await listing);
      setRunsError(null);
    } catch (e) {
      setRunsError(messageOf(e));
    }
  }, []);

  const loadRuns = React.useCallback(() => showRuns(api.listRuns()), [api, showRuns]);

  const check = React.useCallback(async () => {
    setInspect({ state: "loading" });
    // The list is asked for at once, beside the inspection, so that a large table is on screen
    // sooner; it is shown only if the workbook has the table.
    const listing = api.listRuns();
    listing.catch(() => undefined);
    try {
      const info = await api.inspect();
      setInspect({ state: "ready", info });
      if (info.hasRunTable) await showRuns(listing);
    } catch (e) {
      setInspect({ state: "error", message: messageOf(e) });
    }
  }, [api, showRuns]);

  React.useEffect(() => {
    void check();
  }, [check]);

  // Follow the Excel selection: the row under it becomes the current run. Only the latest answer
  // counts when the selection moves faster than Excel answers.
  React.useEffect(() => {
    let alive = true;
    let asked = 0;
    let unsubscribe: (() => void) | null = null;
    const follow = async () => {
      const mine = ++asked;
      try {
        const id = await api.selectedRunId();
        if (!alive || mine !== asked) return;
        setCurrent(id);
        setSelectionNote("");
      } catch (e) {
        if (!alive || mine !== asked) return;
        setSelectionNote(messageOf(e));
      }
    };
    void follow();
    api
      .onSelectionChanged(() => void follow())
      .then((off) => {
        if (alive) unsubscribe = off;
        else off();
      })
      .catch((e) => alive && setSelectionNote(messageOf(e)));
    return () => {
      alive = false;
      unsubscribe?.();
    };
  }, [api]);

  // A seal made from the ribbon shows here like one made from this pane.
  const handledSeq = React.useRef(0);
  React.useEffect(() => {
    if (!command || command.seq === handledSeq.current || !command.notice) return;
    handledSeq.current = command.seq;
    const n = command.notice;
    if (n.kind === "seal") {
      const items = [{ runId: n.outcome.kind === "sealed" ? n.outcome.document.meta.run_id : n.outcome.runId, outcome: n.outcome }];
      setResults(items);
      setResultSeq((n) => n + 1);
      setCommandNote(null);
      announce(summarize(items));
      void loadRuns();
    } else {
      setCommandNote({ intent: n.kind === "need-actor" ? "warning" : "error", text: n.message });
      announce(n.message);
    }
  }, [command, announce, loadRuns]);

  const runsById = React.useMemo(() => new Map((runs ?? []).map((r) => [r.runId, r])), [runs]);
  const targets = checked.size ? (runs ?? []).filter((r) => checked.has(r.runId)).map((r) => r.runId) : current ? [current] : [];
  const currentRun = current ? runsById.get(current) : undefined;

  const blocked = !actor
    ? "Say who is sealing first: your name and role, above."
    : targets.length === 0
      ? "Select a row of LLMOutputTable in Excel, or choose a run in the list."
      : newVersion && !reason.trim()
        ? "A new version needs a reason: say why this run is sealed again."
        : progress
          ? "Sealing…"
          : "";

  const seal = async () => {
    if (blocked || !actor) return;
    const list = targets;
    const opts = { actor, newVersionReason: newVersion ? reason.trim() : undefined };
    const items: SealItem[] = [];
    setResults([]);
    setCommandNote(null);
    setProgress({ done: 0, total: list.length });
    for (const runId of list) {
      try {
        // rowHint saves Excel a lookup when the row has not moved since the list was read.
        const rowHint = runsById.get(runId)?.rowIndex;
        items.push({ runId, outcome: await api.sealRun(runId, rowHint === undefined ? opts : { ...opts, rowHint }) });
      } catch (e) {
        items.push({ runId, error: messageOf(e) });
      }
      setProgress({ done: items.length, total: list.length });
    }
    setProgress(null);
    setResults(items);
    setResultSeq((n) => n + 1);
    setChecked(new Set());
    announce(summarize(items));
    await loadRuns();
  };

  // Closing the results hands focus to the run list (or the Seal button), never to the page.
  const closeResults = () => {
    setResults([]);
    const next = viewRef.current?.querySelector<HTMLElement>('[data-testid="run-table"], [data-testid="seal-button"]');
    next?.focus();
  };

  const createTemplate = async () => {
    setTemplateState({ busy: true });
    try {
      await api.createGovernanceTemplate();
      setTemplateState({ busy: false });
      announce("Created GOVERNANCE and PROMPTS: fill in PolicyVersion, PolicyBaseline and your prompts before sealing.");
      await check();
    } catch (e) {
      setTemplateState({ busy: false, error: messageOf(e) });
    }
  };

  const toggle = (runId: string) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (next.has(runId)) next.delete(runId);
      else next.add(runId);
      return next;
    });

  if (inspect.state === "loading") return <Spinner label="Reading the workbook…" />;
  if (inspect.state === "error") {
    return (
      <Notice intent="error" data-testid="inspect-error">
        <div>{inspect.message}</div>
        <NoticeActions>
          <Button onClick={() => void check()}>Try again</Button>
        </NoticeActions>
      </Notice>
    );
  }
  const info = inspect.info;
  if (!info.hasRunTable) {
    return (
      <Notice intent="warning" data-testid="no-run-table">
        <div>
          <NoticeTitle>No runs to seal in this workbook</NoticeTitle>
          Sealed Run seals rows of a table named LLMOutputTable on a sheet named LLM_OUTPUT, and this workbook has none. Create it (Insert → Table,
          then Table Design → Table Name) with the columns RunID, SessionDate, Operator, Model, TopRisks, TopActions, SummaryConfidence_pct and
          NextReviewDate (SuggestedUpdates is optional), then check again.
        </div>
        <NoticeActions>
          <Button onClick={() => void check()}>Check again</Button>
        </NoticeActions>
      </Notice>
    );
  }

  const missing = [!info.hasGovernance && "GOVERNANCE", !info.hasPrompts && "PROMPTS"].filter(Boolean) as string[];
  const summary = results.length > 1 ? summarize(results) : "";

  return (
    <div className={styles.view} ref={viewRef}>
      {results.length > 0 && (
        <section className={styles.results} data-testid="seal-results" aria-label={results.length > 1 ? "Results of the batch" : "Result"}>
          {summary && (
            <div className={styles.results} data-testid="seal-summary">
              <ResultHeading focusKey={resultSeq}>{summary}</ResultHeading>
              {results.some((r) => r.outcome?.kind !== "sealed") && (
                <ul className={styles.list}>
                  {results
                    .filter((r) => r.outcome?.kind !== "sealed")
                    .map((r) => (
                      <li key={r.runId}>
                        {r.runId}: {r.outcome?.kind === "refused" ? `refused: ${refusalSentence(r.outcome)}` : r.error}
                      </li>
                    ))}
                </ul>
              )}
            </div>
          )}
          {results.map((r, i) =>
            r.outcome ? (
              <SealOutcomeCard key={`${r.runId}-${i}`} outcome={r.outcome} nested={results.length > 1} focusKey={results.length > 1 ? null : resultSeq} api={api} />
            ) : (
              <React.Fragment key={`${r.runId}-${i}`}>
                {results.length === 1 && <ResultHeading focusKey={resultSeq}>Could not seal {r.runId}</ResultHeading>}
                <Notice intent="error" data-testid="seal-error">
                  <div>
                    {results.length > 1 && <NoticeTitle>Could not seal {r.runId}</NoticeTitle>}
                    {r.error}
                  </div>
                </Notice>
              </React.Fragment>
            ),
          )}
          {results.some((r) => r.outcome?.kind === "sealed") && (
            <Text size={200} className={styles.muted} data-testid="download-note">
              {downloadNote(results.length === 1 && results[0].outcome?.kind === "sealed" ? results[0].outcome.fileName : undefined)}
            </Text>
          )}
          <div>
            <Button size="small" onClick={closeResults} data-testid="close-results">
              {results.length > 1 ? "Close these results" : "Close this result"}
            </Button>
          </div>
        </section>
      )}

      {missing.length > 0 && (
        <Notice intent="warning" data-testid="no-governance">
          <div>
            <NoticeTitle>{missing.join(" and ")} missing</NoticeTitle>
            A seal records the policy version and baseline from GOVERNANCE and the prompts from PROMPTS; without them every seal is refused
            (policy_snapshot_complete). Create them from a template, then fill in your policy and prompts.
            {templateState.error && <div role="alert">{templateState.error}</div>}
          </div>
          <NoticeActions>
            <Button data-testid="create-governance" disabled={templateState.busy} onClick={() => void createTemplate()}>
              {templateState.busy ? "Creating…" : `Create ${missing.join(" and ")} from a template`}
            </Button>
          </NoticeActions>
        </Notice>
      )}

      {commandNote && (
        <Notice intent={commandNote.intent} data-testid="command-note">
          <div>{commandNote.text}</div>
        </Notice>
      )}

      <ActorForm actor={actor} onChange={onActorChange} />

      <div className={styles.row}>
        <h2 className={styles.h2}>Runs</h2>
        <Text size={200} className={styles.muted}>
          {runs ? `${runs.length} in LLMOutputTable` : ""}
        </Text>
        <Button size="small" appearance="subtle" onClick={() => void loadRuns()} data-testid="refresh-runs">
          Refresh
        </Button>
      </div>
      {runsError && (
        <Notice intent="error" data-testid="runs-error">
          <div>{runsError}</div>
        </Notice>
      )}
      {runs === null && !runsError && <Spinner size="small" label="Reading LLMOutputTable…" />}
      {runs && runs.length === 0 && <Text data-testid="no-runs">LLMOutputTable has no rows yet.</Text>}
      {runs && runs.length > 0 && <RunTable runs={runs} currentRunId={current} checked={checked} onCurrent={setCurrent} onToggle={toggle} />}
      {selectionNote && (
        <Text size={200} className={styles.muted} data-testid="selection-note">
          Excel selection: {selectionNote}
        </Text>
      )}

      <section aria-label="Run to seal" data-testid="seal-target">
        {checked.size > 0 ? (
          <Text>
            {checked.size} run{checked.size === 1 ? "" : "s"} ticked: {targets.slice(0, 5).join(", ")}
            {targets.length > 5 ? ", …" : ""}{" "}
            <Button size="small" appearance="subtle" onClick={() => setChecked(new Set())}>
              Clear ticks
            </Button>
          </Text>
        ) : currentRun ? (
          <dl className={styles.dl} data-testid="current-run">
            <dt>Run</dt>
            <dd className={styles.dd}>
              {currentRun.runId} <span className={styles.muted}>({currentRun.address})</span>
            </dd>
            <dt>Session</dt>
            <dd className={styles.dd}>{currentRun.sessionDate}</dd>
            <dt>Operator</dt>
            <dd className={styles.dd}>{currentRun.operator}</dd>
            <dt>State</dt>
            <dd className={styles.dd}>
              {STATE_TEXT[currentRun.state]}
              {currentRun.changedFields?.length ? `: ${currentRun.changedFields.join(", ")}` : ""}
            </dd>
            {currentRun.sealHash && (
              <>
                <dt>Sealed as</dt>
                <dd className={`${styles.dd} ${styles.mono}`}>{currentRun.sealHash}</dd>
              </>
            )}
          </dl>
        ) : current ? (
          <Text>Run {current}</Text>
        ) : null}
        {checked.size === 0 && current && !progress && (
          <SealPreview
            api={api}
            runId={current}
            rowHint={currentRun?.rowIndex}
            actor={actor}
            newVersionReason={newVersion && reason.trim() ? reason.trim() : undefined}
            refreshKey={runs}
          />
        )}
      </section>

      <Checkbox
        label="Seal a new version of an already sealed run"
        checked={newVersion}
        onChange={(_, d) => setNewVersion(Boolean(d.checked))}
        data-testid="new-version"
      />
      {newVersion && (
        <Field label="Why is this run sealed again?" required validationMessage={reason.trim() ? undefined : "A new version needs a reason."}>
          <Textarea value={reason} onChange={(_, d) => setReason(d.value)} data-testid="new-version-reason" />
        </Field>
      )}

      <div className={styles.row}>
        <Button
          appearance="primary"
          data-testid="seal-button"
          disabledFocusable={Boolean(blocked)}
          aria-describedby={blocked ? "seal-blocked-reason" : undefined}
          onClick={() => void seal()}
        >
          {checked.size > 0 ? `Seal ${counted(targets.length, "run", "runs")}` : current ? `Seal ${current}` : "Seal"}
        </Button>
        {blocked && (
          <Text id="seal-blocked-reason" size={200} className={styles.muted} data-testid="seal-blocked-reason">
            {blocked}
          </Text>
        )}
      </div>

      {progress && (
        <div className={styles.progress}>
          <Text id="seal-progress-label">{`Sealing ${progress.done} of ${progress.total}…`}</Text>
          <progress
            className={styles.bar}
            aria-labelledby="seal-progress-label"
            value={progress.done}
            max={Math.max(progress.total, 1)}
            data-testid="seal-progress"
          />
        </div>
      )}

    </div>
  );
}
