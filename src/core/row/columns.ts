// Which table columns §3 reads, and how a header row is matched against them.

/** A run id becomes part of a file name, so it is restricted to a safe alphabet (§3). */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The columns of `LLMOutputTable` that feed the sealed fields, in the order §3 lists them. */
export const USED_COLUMNS = [
  "RunID",
  "SessionDate",
  "Operator",
  "Model",
  "TopRisks",
  "TopActions",
  "SuggestedUpdates",
  "SummaryConfidence_pct",
  "NextReviewDate",
] as const;
export type UsedColumn = (typeof USED_COLUMNS)[number];

/** Every used column but `SuggestedUpdates`, which may be absent (it then gives `[]`). */
export const REQUIRED_COLUMNS: readonly Exclude<
  UsedColumn,
  "SuggestedUpdates"
>[] = USED_COLUMNS.filter(
  (c): c is Exclude<UsedColumn, "SuggestedUpdates"> => c !== "SuggestedUpdates",
);

/** Header comparison key: surrounding spaces ignored (ECMAScript trim), case ignored. */
export function normalizeHeader(h: string): string {
  return h.trim().toLowerCase();
}

const BY_NORMALIZED = new Map<string, UsedColumn>(
  USED_COLUMNS.map((c) => [normalizeHeader(c), c]),
);

/** The used column a header names, or undefined for an extra column. */
export function usedColumnOf(header: string): UsedColumn | undefined {
  return BY_NORMALIZED.get(normalizeHeader(header));
}

export interface ColumnMatch {
  /** Position of each used column in the header row; -1 when absent or ambiguous. */
  index: Record<UsedColumn, number>;
  /**
   * Columns that make `required_columns_present` trigger, in USED_COLUMNS order: required
   * columns not found, and any used column (optional ones too) whose header appears more than
   * once — reading either copy would be a guess, so an ambiguous column counts as missing.
   */
  missing: string[];
  /** The used columns that appear more than once (a subset of `missing`). */
  duplicated: UsedColumn[];
  /** One sentence naming every missing and duplicated column; "" when `missing` is empty. */
  message: string;
}

/** Matches a header row against USED_COLUMNS (case-insensitive, trimmed, any order). */
export function findColumns(headers: string[]): ColumnMatch {
  const positions = new Map<UsedColumn, number[]>();
  headers.forEach((h, i) => {
    const col = usedColumnOf(h);
    if (col !== undefined)
      positions.set(col, [...(positions.get(col) ?? []), i]);
  });

  const index = {} as Record<UsedColumn, number>;
  const missing: string[] = [];
  const duplicated: UsedColumn[] = [];
  const absent: string[] = [];
  const ambiguous: string[] = [];
  for (const col of USED_COLUMNS) {
    const at = positions.get(col) ?? [];
    index[col] = at.length === 1 ? at[0] : -1;
    if (at.length > 1) {
      missing.push(col);
      duplicated.push(col);
      const where = at
        .map((i) => `${i + 1} (${JSON.stringify(headers[i])})`)
        .join(", ");
      ambiguous.push(
        `column "${col}" appears ${at.length} times (columns ${where}); keep exactly one`,
      );
    } else if (at.length === 0 && col !== "SuggestedUpdates") {
      missing.push(col);
      absent.push(`"${col}"`);
    }
  }

  const parts: string[] = [];
  if (absent.length > 0) {
    parts.push(
      `missing required column${absent.length > 1 ? "s" : ""} ${absent.join(", ")}`,
    );
  }
  parts.push(...ambiguous);
  return { index, missing, duplicated, message: parts.join("; ") };
}
