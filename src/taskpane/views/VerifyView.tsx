// Verify: drop, choose or paste a sealed file; replay it (CONTRACT §5) with one line per rule; then,
// inside Excel, check it against this workbook's log and row. Needs nothing but the file, so it
// works outside Excel too.
import * as React from "react";
import { Button, Field, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, Textarea, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { MAX_SEALED_FILE_BYTES, REPLAY_RULE_TITLES, replayBytes, type ReplayReport, type RuleResult, type SealedRun } from "../../core";
import type { WorkbookApi, WorkbookCheck } from "../../workflows/api";
import { messageOf } from "../errors";
import { RULE_MEANING } from "../ruleTexts";
import { useAnnounce } from "../components/Announcer";
import { ResultHeading } from "../components/ResultHeading";
import { entries } from "../plural";

// Who signed the seal (the envelope kept in the workbook): loaded with the first check, not the pane.
const SignedByLine = React.lazy(() => import("../signing/SignedByLine").then((m) => ({ default: m.SignedByLine })));

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  drop: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    textAlign: "center",
    alignItems: "center",
  },
  dragging: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  rules: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  rule: { display: "grid", gridTemplateColumns: "5.5em 1fr", columnGap: tokens.spacingHorizontalS },
  pass: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  fail: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  skipped: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightSemibold },
  detail: { overflowWrap: "anywhere", color: tokens.colorNeutralForeground2 },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  mono: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

const STATUS_WORD: Record<RuleResult["status"], string> = { pass: "✓ passed", fail: "✗ failed", skipped: "– not checked" };

async function fileBytes(file: File): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return new Uint8Array(await file.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsArrayBuffer(file);
  });
}

export interface VerifyViewProps {
  api: WorkbookApi | null;
  /** The document now shown, for the Patch view; null when the last file had none. */
  onDocument: (doc: { document: SealedRun; name: string } | null) => void;
  onPatch: () => void;
}

type Checked = { name: string; report: ReplayReport };
type WorkbookState = { state: "idle" } | { state: "loading" } | { state: "error"; message: string } | { state: "ready"; check: WorkbookCheck };

export function VerifyView({ api, onDocument, onPatch }: VerifyViewProps): React.ReactElement {
  const styles = useStyles();
  const announce = useAnnounce();
  const [dragging, setDragging] = React.useState(false);
  const [pasted, setPasted] = React.useState("");
  const [busy, setBusy] = React.useState(false);
  const [readError, setReadError] = React.useState<string | null>(null);
  const [checked, setChecked] = React.useState<Checked | null>(null);
  const [workbook, setWorkbook] = React.useState<WorkbookState>({ state: "idle" });
  const run = React.useRef(0);

  const verify = async (name: string, read: () => Promise<Uint8Array>) => {
    const mine = ++run.current;
    setBusy(true);
    setReadError(null);
    setChecked(null);
    setWorkbook({ state: "idle" });
    let report: ReplayReport;
    try {
      report = await replayBytes(await read());
    } catch (e) {
      if (mine !== run.current) return;
      setBusy(false);
      const message = `${name} could not be read: ${e instanceof Error ? e.message : String(e)}`;
      setReadError(message);
      onDocument(null);
      announce(message);
      return;
    }
    if (mine !== run.current) return;
    setBusy(false);
    setChecked({ name, report });
    // Only a file whose content is what was sealed may be patched from: an edited file's values are not the seal's.
    const intact = report.rules.some((r) => r.rule === "hash" && r.status === "pass");
    onDocument(report.document && intact ? { document: report.document, name } : null);
    const failed = report.rules.filter((r) => r.status === "fail").map((r) => REPLAY_RULE_TITLES[r.rule]);
    announce(report.admissible ? `${name} holds: every rule passed.` : `${name} does not hold: ${failed.join("; ")} failed.`);
    if (api && report.document) {
      setWorkbook({ state: "loading" });
      try {
        const check = await api.checkAgainstWorkbook(report.document);
        if (mine === run.current) setWorkbook({ state: "ready", check });
      } catch (e) {
        if (mine === run.current) setWorkbook({ state: "error", message: messageOf(e) });
      }
    }
  };

  const verifyFile = (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_SEALED_FILE_BYTES) {
      const message = `${file.name} is ${file.size} bytes; sealed files are at most 5 MiB (${MAX_SEALED_FILE_BYTES} bytes), so it is not a sealed file.`;
      setChecked(null);
      setWorkbook({ state: "idle" });
      setReadError(message);
      onDocument(null);
      announce(message);
      return;
    }
    void verify(file.name, () => fileBytes(file));
  };

  const report = checked?.report;
  return (
    <div className={styles.view}>
      <div
        className={mergeClasses(styles.drop, dragging && styles.dragging)}
        data-testid="verify-drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = "copy";
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          verifyFile(e.dataTransfer.files?.[0]);
        }}
      >
        <Text weight="semibold">Drop a sealed .json file here</Text>
        <Text size={200}>or choose one:</Text>
        <input
          type="file"
          accept=".json,application/json"
          aria-label="Choose a sealed file to verify"
          data-testid="verify-file-input"
          onChange={(e) => {
            verifyFile(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </div>

      <Field label="…or paste the file's JSON text">
        <Textarea value={pasted} onChange={(_, d) => setPasted(d.value)} resize="vertical" data-testid="verify-paste" />
      </Field>
      <div>
        <Button
          data-testid="verify-paste-button"
          disabled={!pasted.trim() || busy}
          onClick={() => void verify("the pasted text", async () => new TextEncoder().encode(pasted))}
        >
          Check pasted text
        </Button>
      </div>

      {busy && <Spinner size="small" label="Checking…" />}
      {readError && (
        <MessageBar layout="multiline" intent="error" data-testid="verify-read-error">
          <MessageBarBody>{readError}</MessageBarBody>
        </MessageBar>
      )}

      {checked && report && (
        <section className={styles.section} aria-label={`Result for ${checked.name}`} data-testid="verify-result">
          <MessageBar layout="multiline" intent={report.admissible ? "success" : "error"} data-testid="verify-verdict">
            <MessageBarBody>
              <ResultHeading focusKey={checked}>{`${report.admissible ? "Holds" : "Does not hold"}: ${checked.name}`}</ResultHeading>
              {report.admissible
                ? `${checked.name} is admissible: every rule below passed.`
                : `${checked.name} is not admissible: see the failed rule${report.rules.filter((r) => r.status === "fail").length > 1 ? "s" : ""} below.`}
            </MessageBarBody>
          </MessageBar>
          {report.document && (
            <Text>
              {report.document.meta.run_id}, sealed {report.document.meta.export_timestamp} by {report.document.authority_envelope.actor} (
              {report.document.authority_envelope.role})
            </Text>
          )}
          <ol className={styles.rules} aria-label="Replay rules">
            {report.rules.map((r) => (
              <li key={r.rule} className={styles.rule} data-testid={`rule-${r.rule}`} data-status={r.status}>
                <span className={styles[r.status]}>{STATUS_WORD[r.status]}</span>
                <span>
                  <Text weight="semibold">{REPLAY_RULE_TITLES[r.rule]}</Text>
                  <div>{r.status === "skipped" ? "Not checked, because an earlier rule failed." : RULE_MEANING[r.rule][r.status]}</div>
                  {r.detail && <div className={styles.detail}>{r.detail}</div>}
                </span>
              </li>
            ))}
          </ol>
          {api && report.document && report.rules.some((r) => r.rule === "hash" && r.status === "pass") && (
            <div>
              <Button onClick={onPatch} data-testid="verify-patch">
                Record a patch for this run
              </Button>
            </div>
          )}
        </section>
      )}

      {checked && report?.document && !api && (
        <Text size={200} data-testid="workbook-check-unavailable">
          Open this add-in in Excel to also check the file against the workbook's log and the run's row.
        </Text>
      )}
      {workbook.state === "loading" && <Spinner size="small" label="Checking against this workbook…" />}
      {workbook.state === "error" && (
        <MessageBar layout="multiline" intent="error" data-testid="workbook-check-error">
          <MessageBarBody>{workbook.message}</MessageBarBody>
        </MessageBar>
      )}
      {workbook.state === "ready" && report?.document && <WorkbookCheckView check={workbook.check} runId={report.document.meta.run_id} claimed={report.document.hash} />}
      {/* A file whose content no longer matches its hash is not said to be signed by anyone. */}
      {workbook.state === "ready" && api && report?.document && report.rules.some((r) => r.rule === "hash" && r.status === "pass") && (
        <React.Suspense fallback={null}>
          <SignedByLine api={api} document={report.document} />
        </React.Suspense>
      )}
    </div>
  );
}

function basisText(check: WorkbookCheck, runId: string, claimed: string): string {
  const b = check.basis;
  if (b.kind === "kept-seal")
    return b.hash === claimed
      ? `The row of ${runId} is compared with the seal kept in this workbook, ${b.fileName}, which the file claims to be.`
      : `The seal the file claims is not kept in this workbook; the row of ${runId} is compared with its latest seal kept here, ${b.fileName}.`;
  if (b.kind === "log-only")
    return `The log records ${runId}'s seal as ${b.entryId} (${b.hash}), but no copy of it is kept in this workbook, so the row is not compared.`;
  return `No seal of ${runId} is kept in this workbook or named in its log, so the row is not compared.`;
}

function WorkbookCheckView({ check, runId, claimed }: { check: WorkbookCheck; runId: string; claimed: string }): React.ReactElement {
  const styles = useStyles();
  const compared = check.basis.kind === "file" || check.basis.kind === "kept-seal";
  return (
    <section className={styles.section} aria-labelledby="workbook-check-heading" data-testid="workbook-check">
      <h3 id="workbook-check-heading" className={styles.heading}>
        Against this workbook
      </h3>
      {!check.fileIntact && (
        <MessageBar layout="multiline" intent="error" data-testid="wb-file-altered">
          <MessageBarBody>
            <MessageBarTitle>The file was altered</MessageBarTitle>
            Its content no longer matches its hash, so its values are not the seal&apos;s and are not compared with the workbook. {basisText(check, runId, claimed)}
            {check.fileEdits.length > 0 && (
              <ul className={styles.list} data-testid="wb-file-edits">
                {check.fileEdits.map((c) => (
                  <li key={c.field}>
                    <span className={styles.mono}>{c.field}</span>: sealed {c.sealed}, the file says {c.now}
                  </li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      <div data-testid="wb-seal-entry">
        {check.sealEntry
          ? `${check.fileIntact ? "In the log" : "The hash the file claims is in the log"} as ${check.sealEntry.EntryID} (SEAL, ${check.sealEntry.Timestamp}, by ${check.sealEntry.Actor}).`
          : "Not in this workbook's log: it was sealed elsewhere, or its SEAL entry is gone."}
      </div>
      <div data-testid="wb-row">
        {!check.rowFound ? (
          `No row of LLMOutputTable has the run id ${runId} any more.`
        ) : !compared ? null : check.changes.length === 0 ? (
          `The row of ${runId} still holds exactly the sealed values.`
        ) : (
          <>
            The row of {runId} changed since the seal:
            <ul className={styles.list}>
              {check.changes.map((c) => (
                <li key={c.field}>
                  <span className={styles.mono}>{c.field}</span>: sealed {c.sealed}, now {c.now}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div data-testid="wb-patches">
        {check.patches.length === 0 ? (
          "No patch names this seal."
        ) : (
          <>
            Patches naming this seal:
            <ul className={styles.list}>
              {check.patches.map((p) => (
                <li key={p.EntryID}>
                  {p.EntryID}: <span className={styles.mono}>{p.Field}</span> {p.OldValue} → {p.NewValue} ({p.Reason}, by {p.Actor}, {p.Timestamp})
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div data-testid="wb-chain">
        {check.chain.intact
          ? `The log's hash chain is intact (${entries(check.chain.entries)}).`
          : `The log's hash chain is broken${check.chain.firstBreak?.entryId ? ` at ${check.chain.firstBreak.entryId}` : ""}: ${check.chain.firstBreak?.message ?? "no details"}`}
      </div>
    </section>
  );
}
