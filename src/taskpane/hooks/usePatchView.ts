// Everything the Patch view holds: the seals kept in the workbook, the chosen one (or the file
// checked in Verify) and its document, the field, the new value and the reason, what is wrong with
// them, and the outcome of recording the patch (CONTRACT §6).
import * as React from "react";
import {
  checkSealedRunSchema,
  lookupField,
  parseStrictText,
  type SealedRun,
} from "../../core";
import type {
  Actor,
  PatchOutcome,
  StoredSeal,
  WorkbookApi,
} from "../../workflows/api";
import { messageOf } from "../errors";
import { patchFields, typedValue, type PatchField } from "../patchFields";
import { useAnnounce } from "../components/Announcer";
import type { VerifiedDocument } from "./useVerifyView";
import {
  VERIFIED,
  isObject,
  problemsOf,
  type PatchProblems,
  type PatchTarget,
  type SealedValue,
} from "./patchForm";

export { VERIFIED, type PatchProblems, type PatchTarget };

/** A stored seal's document as read back from the workbook (`sealed` once it follows the schema). */
type Loaded =
  | {
      id: string;
      fileName: string;
      doc: Record<string, unknown>;
      sealed: SealedRun | null;
    }
  | { id: string; error: string };

export interface PatchViewModel {
  seals: StoredSeal[] | null;
  sealsError: string | null;
  choice: string;
  setChoice: (choice: string) => void;
  target: PatchTarget | null;
  targetError: string | null;
  /** The chosen seal as a sealed run, for the line that says who signed it (null until known). */
  signable: SealedRun | null;
  fields: PatchField[];
  field: PatchField | undefined;
  fieldPath: string;
  setFieldPath: (path: string) => void;
  /** The sealed value of the chosen field, or why it cannot be read. */
  current: SealedValue;
  newValue: string;
  setNewValue: (value: string) => void;
  reason: string;
  setReason: (reason: string) => void;
  problems: PatchProblems;
  /** Whether Record patch was pressed since the last success: problems are then shown. */
  tried: boolean;
  busy: boolean;
  result: PatchOutcome | null;
  error: string | null;
  submit: (e: React.FormEvent) => Promise<void>;
}

export function usePatchView(
  api: WorkbookApi,
  actor: Actor | null,
  verified: VerifiedDocument | null,
): PatchViewModel {
  const announce = useAnnounce();
  const [seals, setSeals] = React.useState<StoredSeal[] | null>(null);
  const [sealsError, setSealsError] = React.useState<string | null>(null);
  const [choice, setChoice] = React.useState<string>(verified ? VERIFIED : "");
  const [loaded, setLoaded] = React.useState<Loaded | null>(null);
  const [picked, setPicked] = React.useState<{
    target: PatchTarget | null;
    path: string;
  }>({ target: null, path: "" });
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
      .catch((e: unknown) => alive && setSealsError(messageOf(e)));
    return () => {
      alive = false;
    };
  }, [api]);

  // A newly verified file is what the user came to patch; a file that no longer qualifies is dropped.
  const [seenVerified, setSeenVerified] = React.useState(verified);
  if (verified !== seenVerified) {
    setSeenVerified(verified);
    setChoice((c) => (verified ? VERIFIED : c === VERIFIED ? "" : c));
  }

  // Read the chosen stored seal's document to offer its fields.
  React.useEffect(() => {
    if (!choice || choice === VERIFIED) return;
    let alive = true;
    api
      .fetchStoredSeal(choice)
      .then(async ({ fileName, text }) => {
        if (!alive) return;
        const parsed = parseStrictText(text);
        if (parsed.ok && isObject(parsed.value)) {
          const doc = parsed.value;
          setLoaded({ id: choice, fileName, doc, sealed: null });
          // Who signed it is asked only of a document that has the parts a signature names.
          const schema = await checkSealedRunSchema(doc).catch(() => null);
          if (alive && schema?.valid)
            setLoaded({
              id: choice,
              fileName,
              doc,
              sealed: doc as unknown as SealedRun,
            });
        } else
          setLoaded({
            id: choice,
            error: `${fileName} kept in the workbook cannot be read: ${parsed.ok ? "it is not a JSON object" : parsed.error.message}`,
          });
      })
      .catch(
        (e: unknown) => alive && setLoaded({ id: choice, error: messageOf(e) }),
      );
    return () => {
      alive = false;
    };
  }, [choice, api]);

  const target = React.useMemo<PatchTarget | null>(() => {
    if (choice === VERIFIED)
      return (
        verified && {
          name: verified.name,
          hash: verified.document.hash,
          doc: verified.document as unknown as Record<string, unknown>,
          file: verified.document,
        }
      );
    if (!choice || loaded?.id !== choice || "error" in loaded) return null;
    const { doc } = loaded;
    const stored = seals?.find((s) => s.id === choice);
    return {
      name: loaded.fileName,
      hash: typeof doc.hash === "string" ? doc.hash : (stored?.hash ?? ""),
      doc,
    };
  }, [choice, verified, loaded, seals]);
  const targetError =
    choice && choice !== VERIFIED && loaded?.id === choice && "error" in loaded
      ? loaded.error
      : null;
  const signable =
    choice === VERIFIED
      ? (verified?.document ?? null)
      : loaded?.id === choice && !("error" in loaded)
        ? loaded.sealed
        : null;

  // The field chosen belongs to the target it was chosen on: a new target starts with none.
  const fieldPath = picked.target === target ? picked.path : "";
  const setFieldPath = (path: string) => setPicked({ target, path });
  const fields = React.useMemo(
    () => (target ? patchFields(target.doc) : []),
    [target],
  );
  const field = fields.find((f) => f.path === fieldPath);
  const current = target && field ? lookupField(target.doc, field.path) : null;
  const problems = problemsOf({ target, field, current, newValue, reason });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    setError(null);
    const problem = [
      problems.target,
      problems.field,
      problems.value,
      problems.reason,
    ].find(Boolean);
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
      announce(
        `Recorded ${outcome.logEntry.EntryID}: ${field.label} corrected from ${outcome.logEntry.OldValue} to ${outcome.logEntry.NewValue}.`,
      );
    } catch (err) {
      const m = messageOf(err);
      setError(m);
      setResult(null);
      announce(m);
    } finally {
      setBusy(false);
    }
  };

  return {
    seals,
    sealsError,
    choice,
    setChoice,
    target,
    targetError,
    signable,
    fields,
    field,
    fieldPath,
    setFieldPath,
    current,
    newValue,
    setNewValue,
    reason,
    setReason,
    problems,
    tried,
    busy,
    result,
    error,
    submit,
  };
}
