// Patch: correct a sealed run's conclusions without touching the sealed file (CONTRACT §6). Choose
// the seal (kept in the workbook, or the file just verified), the field, the new value and why.
import * as React from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Select, Spinner, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { logText, lookupField, newValueText, parseStrictText, type SealedRun } from "../../core";
import type { Actor, PatchOutcome, StoredSeal, WorkbookApi } from "../../workflows/api";
import { messageOf } from "../errors";
import { useAnnounce } from "../components/Announcer";
import { ActorForm } from "../components/ActorForm";

const useStyles = makeStyles({
  // minWidth 0 lets a long file name shrink inside the pane instead of widening it.
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, "& > *": { minWidth: 0 } },
  select: { width: "100%", minWidth: 0, "& select": { minWidth: 0, textOverflow: "ellipsis" } },
  mono: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
});

/** The parts of a sealed document a patch corrects: its conclusions, not its evidence. */
const PATCHABLE = ["meta", "top_risks", "top_actions", "suggested_updates", "system_observations", "kpis"] as const;

/** Leaf paths (`kpis.summary_confidence_pct`, `top_risks[0]`) plus each list as a whole, so an empty list can gain items. */
export function patchablePaths(doc: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) {
      out.push(path);
      v.forEach((x, i) => walk(x, `${path}[${i}]`));
    } else if (v && typeof v === "object") {
      for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], `${path}.${k}`);
    } else {
      out.push(path);
    }
  };
  for (const k of PATCHABLE) if (k in doc) walk(doc[k], k);
  return out;
}

const VERIFIED = "__verified__";

interface Target {
  name: string;
  hash: string;
  doc: Record<string, unknown>;
}

export interface PatchViewProps {
  api: WorkbookApi;
  actor: Actor | null;
  onActorChange: (actor: Actor) => void;
  /** The document shown in the Verify view, if any. */
  verified: { document: SealedRun; name: string } | null;
}

export function PatchView({ api, actor, onActorChange, verified }: PatchViewProps): React.ReactElement {
  const styles = useStyles();
  const announce = useAnnounce();
  const [seals, setSeals] = React.useState<StoredSeal[] | null>(null);
  const [sealsError, setSealsError] = React.useState<string | null>(null);
  const [choice, setChoice] = React.useState<string>(verified ? VERIFIED : "");
  const [target, setTarget] = React.useState<Target | null>(null);
  const [targetError, setTargetError] = React.useState<string | null>(null);
  const [field, setField] = React.useState("");
  const [newValue, setNewValue] = React.useState("");
  const [reason, setReason] = React.useState("");
  const [tried, setTried] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const [result, setResult] = React.useState<PatchOutcome | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  React.useEffect(() => {
    let alive = true;
    api
      .listStoredSeals()
      .then((s) => alive && setSeals(s))
      .catch((e) => alive && setSealsError(messageOf(e)));
    return () => {
      alive = false;
    };
  }, [api]);

  // Load the chosen seal's document to offer its fields.
  React.useEffect(() => {
    let alive = true;
    setTarget(null);
    setTargetError(null);
    setField("");
    if (choice === VERIFIED && verified) {
      setTarget({ name: verified.name, hash: verified.document.hash, doc: verified.document as unknown as Record<string, unknown> });
    } else if (choice && choice !== VERIFIED) {
      const stored = seals?.find((s) => s.id === choice);
      api
        .fetchStoredSeal(choice)
        .then(({ fileName, text }) => {
          if (!alive) return;
          const parsed = parseStrictText(text);
          if (!parsed.ok || !parsed.value || typeof parsed.value !== "object" || Array.isArray(parsed.value)) {
            setTargetError(`${fileName} kept in the workbook cannot be read: ${parsed.ok ? "it is not a JSON object" : parsed.error.message}`);
            return;
          }
          const doc = parsed.value as Record<string, unknown>;
          setTarget({ name: fileName, hash: typeof doc.hash === "string" ? doc.hash : (stored?.hash ?? ""), doc });
        })
        .catch((e) => alive && setTargetError(messageOf(e)));
    }
    return () => {
      alive = false;
    };
  }, [choice, verified, seals, api]);

  const paths = React.useMemo(() => (target ? patchablePaths(target.doc) : []), [target]);
  const current = target && field ? lookupField(target.doc, field) : null;
  const typed = current?.ok ? newValueText(current.value, newValue) : null;

  const problems = {
    target: !target ? "Choose the sealed run to patch." : "",
    field: !field ? "Choose the field to correct." : current && !current.ok ? current.message : "",
    value: typed && !typed.ok ? typed.message : "",
    reason: !reason.trim() ? "A patch needs a reason: say why the sealed value is corrected." : "",
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    setError(null);
    if (!actor || !target || Object.values(problems).some(Boolean)) {
      announce(Object.values(problems).find(Boolean) || "Say who you are first.");
      return;
    }
    setBusy(true);
    try {
      const outcome = await api.recordPatch({ sealHash: target.hash, field, newValue, reason: reason.trim(), actor });
      setResult(outcome);
      setTried(false);
      setReason("");
      setNewValue("");
      announce(`Recorded ${outcome.logEntry.EntryID}: ${outcome.logEntry.Field} patched.`);
    } catch (err) {
      const m = messageOf(err);
      setError(m);
      setResult(null);
      announce(m);
    } finally {
      setBusy(false);
    }
  };

  const show = (k: keyof typeof problems) => (tried && problems[k] ? problems[k] : undefined);

  return (
    <div className={styles.view}>
      <Text>
        A patch corrects a sealed run&apos;s conclusions. The sealed file is never changed: the correction is logged in PATCH_LOG, naming the seal it
        corrects.
      </Text>
      <ActorForm actor={actor} onChange={onActorChange} />
      <form className={styles.view} onSubmit={submit} aria-label="Record a patch" noValidate>
      {sealsError && (
        <MessageBar layout="multiline" intent="error" data-testid="patch-seals-error">
          <MessageBarBody>{sealsError}</MessageBarBody>
        </MessageBar>
      )}
      <Field label="Sealed run" required validationMessage={show("target")}>
        <Select className={styles.select} value={choice} onChange={(_, d) => setChoice(d.value)} data-testid="patch-seal">
          <option value="">{seals === null && !sealsError ? "Reading the seals kept in this workbook…" : "Choose a sealed run"}</option>
          {verified && <option value={VERIFIED}>The file checked in Verify: {verified.name}</option>}
          {(seals ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.fileName}
            </option>
          ))}
        </Select>
      </Field>
      {seals && seals.length === 0 && !verified && <Text size={200}>No seals are kept in this workbook yet; verify a sealed file to patch it.</Text>}
      {targetError && (
        <MessageBar layout="multiline" intent="error" data-testid="patch-target-error">
          <MessageBarBody>{targetError}</MessageBarBody>
        </MessageBar>
      )}
      {choice && choice !== VERIFIED && !target && !targetError && <Spinner size="small" label="Reading the sealed file…" />}

      {target && (
        <>
          <Text size={200}>
            Seal <span className={styles.mono}>{target.hash}</span>
          </Text>
          <Field label="Field" required validationMessage={show("field")}>
            <Select value={field} onChange={(_, d) => setField(d.value)} data-testid="patch-field">
              <option value="">Choose a field</option>
              {paths.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </Select>
          </Field>
          {current?.ok && (
            <Text data-testid="patch-current-value">
              Sealed value: <span className={styles.mono}>{logText(current.value)}</span>
            </Text>
          )}
          <Field
            label="New value"
            hint={current?.ok && typeof current.value !== "string" ? "This field is not text: type JSON, e.g. 72 or [\"a\",\"b\"]." : undefined}
            validationMessage={newValue || tried ? problems.value || undefined : undefined}
          >
            <Input value={newValue} onChange={(_, d) => setNewValue(d.value)} data-testid="patch-new-value" />
          </Field>
          <Field label="Reason" required validationMessage={show("reason")}>
            <Textarea value={reason} onChange={(_, d) => setReason(d.value)} data-testid="patch-reason" />
          </Field>
        </>
      )}

      <div>
        <Button type="submit" appearance="primary" disabledFocusable={busy || !actor} data-testid="patch-submit">
          {busy ? "Recording…" : "Record patch"}
        </Button>
      </div>

      {error && (
        <MessageBar layout="multiline" intent="error" data-testid="patch-error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {result && (
        <MessageBar intent="success" data-testid="patch-result" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Recorded {result.logEntry.EntryID} (PATCH)</MessageBarTitle>
            <div>
              <span className={styles.mono}>{result.logEntry.Field}</span>: {result.logEntry.OldValue} → {result.logEntry.NewValue}
            </div>
            <div>Reason: {result.logEntry.Reason}</div>
            {!result.saved && <div>The workbook is not saved yet: save it now (Ctrl+S or ⌘S) to keep this entry.</div>}
          </MessageBarBody>
        </MessageBar>
      )}
      </form>
    </div>
  );
}
