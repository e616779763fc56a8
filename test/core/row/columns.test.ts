import {
  REQUIRED_COLUMNS,
  RUN_ID_PATTERN,
  USED_COLUMNS,
  findColumns,
  normalizeHeader,
} from "../../../src/core/row";

const ALL = [...USED_COLUMNS];

describe("RUN_ID_PATTERN", () => {
  it.each(["RUN-001", "a", "9", "run_2026.02.15", "A".repeat(128)])(
    "accepts the safe id %p",
    (id) => {
      expect(RUN_ID_PATTERN.test(id)).toBe(true);
    },
  );
  it.each([
    "",
    "../x",
    "RUN 1",
    "-x",
    ".hidden",
    "_x",
    "A".repeat(129),
    "RUN/1",
    "RÜN-1",
    "RUN-1\n",
  ])("refuses the unsafe id %p", (id) => {
    expect(RUN_ID_PATTERN.test(id)).toBe(false);
  });
});

describe("column lists", () => {
  it("requires every used column except SuggestedUpdates", () => {
    expect(REQUIRED_COLUMNS).toEqual(
      ALL.filter((c) => c !== "SuggestedUpdates"),
    );
  });
});

describe("normalizeHeader", () => {
  it("ignores surrounding spaces (ECMAScript trim, incl. no-break space) and case", () => {
    expect(normalizeHeader("  SummaryConfidence_PCT\u00a0")).toBe(
      "summaryconfidence_pct",
    );
  });
  it("keeps inner characters", () => {
    expect(normalizeHeader("Run ID")).toBe("run id");
  });
});

describe("findColumns", () => {
  it("finds every column in table order with nothing missing", () => {
    const m = findColumns(ALL);
    expect(m.missing).toEqual([]);
    expect(m.message).toBe("");
    ALL.forEach((c, i) => expect(m.index[c]).toBe(i));
  });

  it("matches in any order, any case, with spaces, ignoring extra columns", () => {
    const headers = [
      "Notes",
      " nextreviewdate ",
      "RUNID",
      ...ALL.filter((c) => !["RunID", "NextReviewDate"].includes(c)),
    ];
    const m = findColumns(headers);
    expect(m.missing).toEqual([]);
    expect(m.index.NextReviewDate).toBe(1);
    expect(m.index.RunID).toBe(2);
    expect(m.index.SessionDate).toBe(3);
  });

  it("lets SuggestedUpdates be absent (index -1, not missing)", () => {
    const m = findColumns(ALL.filter((c) => c !== "SuggestedUpdates"));
    expect(m.index.SuggestedUpdates).toBe(-1);
    expect(m.missing).toEqual([]);
  });

  it("lists missing required columns in USED_COLUMNS order and names them", () => {
    const m = findColumns(["NextReviewDate", "RunID", "TopRisks", "Operator"]);
    expect(m.missing).toEqual([
      "SessionDate",
      "Model",
      "TopActions",
      "SummaryConfidence_pct",
    ]);
    expect(m.index.SessionDate).toBe(-1);
    expect(m.message).toBe(
      'missing required columns "SessionDate", "Model", "TopActions", "SummaryConfidence_pct"',
    );
  });

  it("says 'column' for a single missing one", () => {
    expect(findColumns(ALL.filter((c) => c !== "Model")).message).toBe(
      'missing required column "Model"',
    );
  });

  it("treats a duplicated used header as ambiguous: index -1, listed as missing, positions named", () => {
    const m = findColumns([...ALL, " runid"]);
    expect(m.index.RunID).toBe(-1);
    expect(m.missing).toEqual(["RunID"]);
    expect(m.duplicated).toEqual(["RunID"]);
    expect(m.message).toBe(
      'column "RunID" appears 2 times (columns 1 ("RunID"), 10 (" runid")); keep exactly one',
    );
  });

  it("treats a duplicated optional column as ambiguous too, rather than guessing", () => {
    const m = findColumns([...ALL, "SuggestedUpdates"]);
    expect(m.missing).toEqual(["SuggestedUpdates"]);
    expect(m.message).toContain('column "SuggestedUpdates" appears 2 times');
  });

  it("reports missing and duplicated columns together", () => {
    const m = findColumns([
      "RunID",
      "RunID",
      "SessionDate",
      "Operator",
      "Model",
      "TopRisks",
      "TopActions",
      "NextReviewDate",
    ]);
    expect(m.missing).toEqual(["RunID", "SummaryConfidence_pct"]);
    expect(m.message).toBe(
      'missing required column "SummaryConfidence_pct"; column "RunID" appears 2 times (columns 1 ("RunID"), 2 ("RunID")); keep exactly one',
    );
  });
});
