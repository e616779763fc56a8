// Patch: correct a sealed run's conclusions without touching the sealed file (CONTRACT §6). Only
// seals that verify are offered: those kept in the workbook (verified again when read) and the
// file checked in Verify when its content matched its hash. The old value shown is the one the
// log will record, read from the same document the patch names.
import * as React from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Spinner, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { logText, lookupField, parseStrictText, type SealedRun } from "../../core";
import type { Actor, PatchOutcome, StoredSeal, WorkbookApi } from "../../workflows/api";
import { messageOf } from "../errors";
import { patchFields, typedValue, type PatchField } from "../patchFields";
import { useAnnounce } from "../components/Announcer";
import { ActorForm } from "../components/ActorForm";
import { ResultHeading } from "../components/ResultHeading";

const useStyles = makeStyles({
  // minWidth 0 lets a long file name shrink inside the pane instead of widening it.
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, "& > *": { minWidth: 0 } },
  select: { width: "100%", minWidth: 0, "& select": { minWidth: 0, textOverflow: "ellipsis" } },
  mono: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
  result: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteGreenBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: "anywhere",
  },
});

const VERIFIED = "__verified__";

interface Target {
  name: string;
  hash: string;
  doc: Record<string, unknown>;
  /** The verified file, sent with the patch so the log's old value is read from it. */
  file?: SealedRun;
}

export interface PatchViewProps {
  api: WorkbookApi;
  actor: Actor | null;
  onActorChange: (actor: Actor) => void;
  /** The file checked in Verify, only when its content matched its hash. */
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
  const [fieldPath, setFieldPath] = React.useState("");
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

  // A newly verified file is what the user came to patch; a file that no longer qualifies is dropped.
  React.useEffect(() => {
    setChoice((c) => (verified ? VERIFIED : c === VERIFIED ? "" : c));
  }, [verified]);

  // Load the chosen seal's document to offer its fields.
  React.useEffect(() => {
    let alive = true;
    setTarget(null);
    setTargetError(null);
    setFieldPath("");
    if (choice === VERIFIED && verified) {
      setTarget({ name: verified.name, hash: verified.document.hash, doc: verified.document as unknown as Record<string, unknown>, file: verified.document });
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

  const fields = React.useMemo(() => (target ? patchFields(target.doc) : []), [target]);
  const field: PatchField | undefined = fields.find((f) => f.path === fieldPath);
  const current = target && field ? lookupField(target.doc, field.path) : null;
  const typed = field && newValue.trim() ? typedValue(field.kind, newValue) : null;

  const problems = {
    target: !target ? "Choose the sealed run to patch." : "",
    field: !field ? "Choose what to correct." : current && !current.ok ? current.message : "",
    value: !field ? "" : !newValue.trim() && field.kind !== "text" ? "Give the corrected value." : typed && !typed.ok ? typed.message : "",
    reason: !reason.trim() ? "A patch needs a reason: say why the sealed value is corrected." : "",
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    setError(null);
    const problem = Object.values(problems).find(Boolean);
    if (!actor || !target || !field || problem) {
      announce(problem || "Say who you are first.");
      return;
    }
    setBusy(true);
    try {
      const value = typedValue(field.kind, newValue);
      const outcome = await api.recordPatch({
        sealHash: target.hash,
        field: field.path,
        newValue: value.ok ? value.value : newValue,
        reason: reason.trim(),
        actor,
        ...(target.file ? { document: target.file } : {}),
      });
      setResult(outcome);
      setTried(false);
      setReason("");
      setNewValue("");
      announce(`Recorded ${outcome.logEntry.EntryID}: ${field.label} corrected from ${outcome.logEntry.OldValue} to ${outcome.logEntry.NewValue}.`);
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
  const labelOf = (path: string) => fields.find((f) => f.path === path)?.label ?? path;

  return (
    <div className={styles.view}>
      {result && (
        <section className={styles.result} aria-labelledby="patch-result-heading" data-testid="patch-result">
          <ResultHeading id="patch-result-heading" focusKey={result.logEntry.EntryID}>
            Recorded {result.logEntry.EntryID}: {labelOf(result.logEntry.Field)} corrected
          </ResultHeading>
          <div>
            {labelOf(result.logEntry.Field)} <span className={styles.mono}>({result.logEntry.Field})</span>: {result.logEntry.OldValue} →{" "}
            {result.logEntry.NewValue}
          </div>
          <div>Reason: {result.logEntry.Reason}</div>
          <div>The sealed file is unchanged; the correction is in PATCH_LOG.</div>
          {!result.saved && <div>The workbook is not saved yet: save it now (Ctrl+S or ⌘S) to keep this entry.</div>}
        </section>
      )}
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
        {seals && seals.length === 0 && !verified && (
          <Text size={200}>No seals are kept in this workbook yet; verify a sealed file to patch it.</Text>
        )}
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
            <Field label="What to correct" required validationMessage={show("field")}>
              <Select value={fieldPath} onChange={(_, d) => setFieldPath(d.value)} data-testid="patch-field">
                <option value="">Choose a field</option>
                {fields.map((f) => (
                  <option key={f.path} value={f.path}>
                    {f.label}
                  </option>
                ))}
              </Select>
            </Field>
            {current?.ok && (
              <Text data-testid="patch-current-value">
                Sealed value: <span className={styles.mono}>{logText(current.value)}</span>
              </Text>
            )}
            {field?.kind === "list" ? (
              <Field label="New value" hint="One item per line." validationMessage={newValue || tried ? problems.value || undefined : undefined}>
                <Textarea value={newValue} onChange={(_, d) => setNewValue(d.value)} data-testid="patch-new-value" />
              </Field>
            ) : (
              <Field
                label="New value"
                hint={field?.kind === "number" ? "A number from 0 to 100." : undefined}
                validationMessage={newValue || tried ? problems.value || undefined : undefined}
              >
                <Input
                  value={newValue}
                  inputMode={field?.kind === "number" ? "decimal" : undefined}
                  onChange={(_, d) => setNewValue(d.value)}
                  data-testid="patch-new-value"
                />
              </Field>
            )}
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
      </form>
    </div>
  );
}
