// The Patch form in a person's words: which parts of a sealed run can be corrected, what each is
// called ("Summary confidence (%)", "Top risk 1"), and how a typed number, text or list of lines
// becomes the value the log records. The identity of the seal (run id, export time, workbook
// version) is evidence, not a conclusion, so it is not offered.
import { canonicalize } from "../core";

export interface PatchField {
  /** The path the log records (`kpis.summary_confidence_pct`, `top_risks[0]`). */
  path: string;
  label: string;
  kind: "text" | "number" | "list";
}

const NAMES: Record<string, string> = {
  "meta.session_date": "Session date",
  "meta.operator": "Operator",
  "meta.model": "Model",
  "kpis.summary_confidence_pct": "Summary confidence (%)",
  "kpis.next_review_date": "Next review date",
};

const LISTS: Record<string, { whole: string; item: string }> = {
  top_risks: { whole: "Top risks (the whole list)", item: "Top risk" },
  top_actions: { whole: "Top actions (the whole list)", item: "Top action" },
  suggested_updates: {
    whole: "Suggested updates (the whole list)",
    item: "Suggested update",
  },
  system_observations: {
    whole: "System observations (the whole list)",
    item: "System observation",
  },
};

/** What a sealed document offers for correction, in the order a person reads the run. */
export function patchFields(doc: Record<string, unknown>): PatchField[] {
  const out: PatchField[] = [];
  const meta = (doc.meta ?? {}) as Record<string, unknown>;
  const kpis = (doc.kpis ?? {}) as Record<string, unknown>;
  for (const k of ["session_date", "operator", "model"])
    if (typeof meta[k] === "string")
      out.push({ path: `meta.${k}`, label: NAMES[`meta.${k}`], kind: "text" });
  for (const [key, names] of Object.entries(LISTS)) {
    const list = doc[key];
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      if (typeof item === "string")
        out.push({
          path: `${key}[${i}]`,
          label: `${names.item} ${i + 1}`,
          kind: "text",
        });
    });
    out.push({ path: key, label: names.whole, kind: "list" });
  }
  if (typeof kpis.summary_confidence_pct === "number")
    out.push({
      path: "kpis.summary_confidence_pct",
      label: NAMES["kpis.summary_confidence_pct"],
      kind: "number",
    });
  if (typeof kpis.next_review_date === "string")
    out.push({
      path: "kpis.next_review_date",
      label: NAMES["kpis.next_review_date"],
      kind: "text",
    });
  return out;
}

/** A value as the form shows it: a list one item per line, anything else as it reads. */
export function shownValue(kind: PatchField["kind"], value: unknown): string {
  if (kind === "list" && Array.isArray(value))
    return value.length ? value.join("\n") : "(empty)";
  return typeof value === "string" ? value : canonicalize(value);
}

/** What the person typed, as the patch request takes it (JSON for a number or a list), or why it cannot be. */
export function typedValue(
  kind: PatchField["kind"],
  typed: string,
): { ok: true; value: string } | { ok: false; message: string } {
  if (kind === "text") return { ok: true, value: typed };
  if (kind === "number") {
    const t = typed.trim().replace(/%$/, "").trim();
    const n = Number(t);
    if (!t || !Number.isFinite(n))
      return { ok: false, message: "Type a number, for example 72." };
    if (n < 0 || n > 100)
      return { ok: false, message: "A confidence is a number from 0 to 100." };
    return { ok: true, value: String(n) };
  }
  const items = typed
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return { ok: true, value: JSON.stringify(items) };
}
