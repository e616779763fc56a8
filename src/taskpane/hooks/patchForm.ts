// The Patch form's pure parts: what stands for the file checked in Verify, the seal a patch
// names, and what is wrong with the form as it stands (one message per field, "" when right).
import type { SealedRun, lookupField } from "../../core";
import { typedValue, type PatchField } from "../patchFields";

/** The choice that stands for the file checked in Verify, beside the stored seals' ids. */
export const VERIFIED = "__verified__";

export interface PatchTarget {
  name: string;
  hash: string;
  doc: Record<string, unknown>;
  /** The verified file, sent with the patch so the log's old value is read from it. */
  file?: SealedRun;
}

export interface PatchProblems {
  target: string;
  field: string;
  value: string;
  reason: string;
}

/** The sealed value of the chosen field, or why it cannot be read. */
export type SealedValue = ReturnType<typeof lookupField> | null;

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function problemsOf(p: {
  target: PatchTarget | null;
  field?: PatchField;
  current: SealedValue;
  newValue: string;
  reason: string;
}): PatchProblems {
  const typed =
    p.field && p.newValue.trim() ? typedValue(p.field.kind, p.newValue) : null;
  return {
    target: !p.target ? "Choose the sealed run to patch." : "",
    field: !p.field
      ? "Choose what to correct."
      : p.current && !p.current.ok
        ? p.current.message
        : "",
    value: !p.field
      ? ""
      : !p.newValue.trim() && p.field.kind !== "text"
        ? "Give the corrected value."
        : typed && !typed.ok
          ? typed.message
          : "",
    reason: !p.reason.trim()
      ? "A patch needs a reason: say why the sealed value is corrected."
      : "",
  };
}
