import type { CellValue, SourceRecord } from "../../../src/core/types";
import { CHECK_NAMES } from "../../../src/core/types";
import {
  ERROR_LITERALS,
  EXCEL_ONLY_ERROR_VALUES,
  USED_COLUMNS,
  deriveFields,
  isErrorCell,
  pickSource,
} from "../../../src/core/row";

const HEADERS = [...USED_COLUMNS];
const CELLS = ["A5", "B5", "C5", "D5", "E5", "F5", "G5", "H5", "I5"].map(
  (c) => `LLM_OUTPUT!${c}`,
);

/** The seed's RUN-001 as Office.js returns it: dates as serials, confidence as a number. */
function excelRow(
  overrides: Partial<Record<(typeof USED_COLUMNS)[number], CellValue>> = {},
  formats: Record<string, string> = {},
): SourceRecord {
  const base: Record<string, CellValue> = {
    RunID: "RUN-001",
    SessionDate: 46068,
    Operator: "J. Rivera",
    Model: "gpt-4o",
    TopRisks:
      "Budget reversal; Legacy API consumer discovered; Assumption staleness",
    TopActions: "Validate ERP vendor SSO;Re-check hiring freeze;Test v2 parity",
    SuggestedUpdates: "Update CLM-003 confidence; Flag ASM-002 for re-review",
    SummaryConfidence_pct: 78,
    NextReviewDate: 46075,
    ...overrides,
  };
  return {
    kind: "excel-table",
    location: "LLM_OUTPUT!A5:I5",
    headers: HEADERS,
    values: HEADERS.map((h) => base[h]),
    number_formats: HEADERS.map(
      (h) => formats[h] ?? (h.endsWith("Date") ? "yyyy-mm-dd" : "General"),
    ),
    date_system: 1900,
  };
}

function csvRow(
  overrides: Partial<Record<(typeof USED_COLUMNS)[number], string>> = {},
): SourceRecord {
  const base: Record<string, string> = {
    RunID: "RUN-001",
    SessionDate: "2026-02-15",
    Operator: "J. Rivera",
    Model: "gpt-4o",
    TopRisks:
      "Budget reversal; Legacy API consumer discovered; Assumption staleness",
    TopActions: "Validate ERP vendor SSO;Re-check hiring freeze;Test v2 parity",
    SuggestedUpdates: "Update CLM-003 confidence; Flag ASM-002 for re-review",
    SummaryConfidence_pct: "78",
    NextReviewDate: "2026-02-22",
    ...overrides,
  };
  return {
    kind: "csv",
    location: "llm_output.csv#row=2",
    headers: HEADERS,
    values: HEADERS.map((h) => base[h]),
  };
}

const SEED_FIELDS = {
  run_id: "RUN-001",
  session_date: "2026-02-15",
  operator: "J. Rivera",
  model: "gpt-4o",
  top_risks: [
    "Budget reversal",
    "Legacy API consumer discovered",
    "Assumption staleness",
  ],
  top_actions: [
    "Validate ERP vendor SSO",
    "Re-check hiring freeze",
    "Test v2 parity",
  ],
  suggested_updates: [
    "Update CLM-003 confidence",
    "Flag ASM-002 for re-review",
  ],
  summary_confidence_pct: 78,
  next_review_date: "2026-02-22",
};

/** The one triggered check's detail; fails when another check triggered too. */
function only(
  source: SourceRecord,
  check: string,
  cellNames?: string[],
): string {
  const { fields, checks } = deriveFields(source, cellNames);
  expect(fields).toBeNull();
  expect(checks.filter((c) => c.triggered).map((c) => c.check)).toEqual([
    check,
  ]);
  return checks.find((c) => c.check === check)!.detail;
}

describe("pickSource", () => {
  it("keeps only used columns, in table order, headers as written, with Excel formats and date system", () => {
    const src = pickSource({
      kind: "excel-table",
      location: "LLM_OUTPUT!A5:K5",
      headers: [
        "Notes",
        " runid",
        ...HEADERS.slice(1, 5),
        "Extra",
        ...HEADERS.slice(5),
      ],
      values: ["n", "RUN-001", 46068, "J", "m", "r", "x", "a", "s", 78, 46075],
      numberFormats: [
        "@",
        "General",
        "yyyy-mm-dd",
        "General",
        "General",
        "General",
        "General",
        "General",
        "General",
        "0%",
        "d/m/yy",
      ],
      dateSystem: 1904,
    });
    expect(src).toEqual({
      kind: "excel-table",
      location: "LLM_OUTPUT!A5:K5",
      headers: [" runid", ...HEADERS.slice(1)],
      values: ["RUN-001", 46068, "J", "m", "r", "a", "s", 78, 46075],
      number_formats: [
        "General",
        "yyyy-mm-dd",
        "General",
        "General",
        "General",
        "General",
        "General",
        "0%",
        "d/m/yy",
      ],
      date_system: 1904,
    });
  });

  it("fills missing Excel formats with General and the date system with 1900", () => {
    const src = pickSource({
      kind: "excel-table",
      location: "L!A2:B2",
      headers: ["RunID", "Model"],
      values: ["R", "m"],
    });
    expect(src.number_formats).toEqual(["General", "General"]);
    expect(src.date_system).toBe(1900);
  });

  it("gives a CSV record no number_formats or date_system members at all", () => {
    const src = pickSource({
      kind: "csv",
      location: "x.csv#row=2",
      headers: ["RunID", "Other"],
      values: ["R", "o"],
    });
    expect(src).toEqual({
      kind: "csv",
      location: "x.csv#row=2",
      headers: ["RunID"],
      values: ["R"],
    });
    expect(Object.keys(src)).toEqual(["kind", "location", "headers", "values"]);
  });

  it("keeps both copies of a duplicated used column, so replay sees the ambiguity too", () => {
    const src = pickSource({
      kind: "csv",
      location: "x.csv#row=2",
      headers: ["RunID", "RUNID"],
      values: ["a", "b"],
    });
    expect(src.headers).toEqual(["RunID", "RUNID"]);
  });
});

describe("deriveFields: the seed row", () => {
  it("derives the seed's example from an Excel row, all five checks untriggered, in §4 order", () => {
    const { fields, checks } = deriveFields(excelRow(), CELLS);
    expect(fields).toEqual(SEED_FIELDS);
    expect(checks).toEqual(
      CHECK_NAMES.slice(0, 5).map((check) => ({
        check,
        triggered: false,
        detail: "",
      })),
    );
  });

  it("derives the same fields from the CSV row", () => {
    expect(deriveFields(csvRow()).fields).toEqual(SEED_FIELDS);
  });

  it("reads percentage-formatted confidence and the 1904 date system", () => {
    const src = excelRow(
      { SummaryConfidence_pct: 0.785, SessionDate: 44606 },
      { SummaryConfidence_pct: "0.0%" },
    );
    src.date_system = 1904;
    src.values[HEADERS.indexOf("NextReviewDate")] = "2026-02-22"; // a text date in a workbook is fine
    const { fields } = deriveFields(src);
    expect(fields).toMatchObject({
      summary_confidence_pct: 78.5,
      session_date: "2026-02-15",
      next_review_date: "2026-02-22",
    });
  });

  it('writes text fields trimmed, numbers without exponent, booleans as TRUE/FALSE, empty as ""', () => {
    const { fields } = deriveFields(
      excelRow({
        RunID: "  RUN-7 ",
        Operator: "",
        Model: 1e-7,
        TopRisks: true,
      }),
    );
    expect(fields).toMatchObject({
      run_id: "RUN-7",
      operator: "",
      model: "0.0000001",
      top_risks: ["TRUE"],
    });
  });

  it("gives lists with empty items dropped and [] for empty lists", () => {
    const { fields } = deriveFields(
      csvRow({
        TopRisks: " a ;; b;  ;a",
        TopActions: "",
        SuggestedUpdates: " ; ",
      }),
    );
    expect(fields).toMatchObject({
      top_risks: ["a", "b", "a"],
      top_actions: [],
      suggested_updates: [],
    });
  });

  it("gives suggested_updates [] when the column is absent", () => {
    const src = csvRow();
    const at = src.headers.indexOf("SuggestedUpdates");
    src.headers = src.headers.filter((_, i) => i !== at);
    src.values = src.values.filter((_, i) => i !== at);
    expect(deriveFields(src).fields).toMatchObject({ suggested_updates: [] });
  });

  it("matches headers in any order and case", () => {
    const src = csvRow();
    src.headers = src.headers.map((h) => ` ${h.toUpperCase()} `).reverse();
    src.values = [...src.values].reverse();
    expect(deriveFields(src).fields).toEqual(SEED_FIELDS);
  });
});

describe("deriveFields: run_id_valid", () => {
  it("names the cell and the value of an unsafe id", () => {
    expect(only(excelRow({ RunID: "../x" }), "run_id_valid", CELLS)).toBe(
      'RunID "../x" at LLM_OUTPUT!A5 is not a safe run id (letters, digits, . _ -; must start with a letter or digit; at most 128)',
    );
  });

  it.each(["RUN 1", "A".repeat(129), "-x", "RUN/1"])("refuses %p", (id) => {
    expect(only(csvRow({ RunID: id }), "run_id_valid")).toContain(
      `RunID ${JSON.stringify(id)} at column "RunID" of llm_output.csv#row=2 is not a safe run id`,
    );
  });

  it("accepts a 128-character id", () => {
    expect(
      deriveFields(csvRow({ RunID: "A".repeat(128) })).fields?.run_id,
    ).toBe("A".repeat(128));
  });

  it("refuses an empty id", () => {
    expect(only(csvRow({ RunID: "  " }), "run_id_valid")).toBe(
      'RunID at column "RunID" of llm_output.csv#row=2 is empty; a run id is required',
    );
  });

  it("accepts a numeric RunID cell as its digits", () => {
    expect(deriveFields(excelRow({ RunID: 42 })).fields?.run_id).toBe("42");
  });
});

describe("deriveFields: required_columns_present", () => {
  it("names the missing columns and the source", () => {
    const src = csvRow();
    src.headers = src.headers.slice(0, 3);
    src.values = src.values.slice(0, 3);
    expect(only(src, "required_columns_present")).toBe(
      'missing required columns "Model", "TopRisks", "TopActions", "SummaryConfidence_pct", "NextReviewDate" (in llm_output.csv#row=2)',
    );
  });

  it("triggers on a duplicated used column", () => {
    const src = csvRow();
    src.headers = [...src.headers, "Model "];
    src.values = [...src.values, "other"];
    expect(only(src, "required_columns_present")).toBe(
      'column "Model" appears 2 times (columns 4 ("Model"), 10 ("Model ")); keep exactly one (in llm_output.csv#row=2)',
    );
  });

  it("does not let a missing RunID column trigger run_id_valid", () => {
    const src = csvRow();
    src.headers = src.headers.slice(1);
    src.values = src.values.slice(1);
    expect(only(src, "required_columns_present")).toContain('"RunID"');
  });
});

describe("deriveFields: no_error_cells", () => {
  it.each([...ERROR_LITERALS])(
    "triggers on the Excel error %p, naming the cell",
    (err) => {
      expect(only(excelRow({ TopRisks: err }), "no_error_cells", CELLS)).toBe(
        `TopRisks at LLM_OUTPUT!E5 holds the error ${err}`,
      );
    },
  );

  it.each([...EXCEL_ONLY_ERROR_VALUES])(
    "triggers on the Office.js error value %p in a workbook",
    (err) => {
      expect(only(excelRow({ Model: err }), "no_error_cells", CELLS)).toBe(
        `Model at LLM_OUTPUT!D5 holds the error ${err}`,
      );
    },
  );

  it("keeps those extra values as text in a CSV, where §3 fixes the list", () => {
    expect(deriveFields(csvRow({ Model: "#BUSY!" })).fields?.model).toBe(
      "#BUSY!",
    );
    expect(isErrorCell("#BUSY!", "csv")).toBe(false);
    expect(isErrorCell("#BUSY!", "excel-table")).toBe(true);
  });

  it("triggers on a CSV value equal to an error literal, naming the column and row", () => {
    expect(only(csvRow({ Operator: " #N/A " }), "no_error_cells")).toBe(
      'column "Operator" of llm_output.csv#row=2 holds the error #N/A',
    );
  });

  it("does not treat text that merely contains an error literal, or another case, as an error", () => {
    expect(
      deriveFields(csvRow({ TopRisks: "#N/A in report; #REF! links" })).fields
        ?.top_risks,
    ).toEqual(["#N/A in report", "#REF! links"]);
    expect(deriveFields(csvRow({ Model: "#n/a" })).fields?.model).toBe("#n/a");
  });

  it("triggers on numbers beyond ±(2^53−1) and names every such cell", () => {
    const detail = only(
      excelRow({ Operator: 2 ** 53, Model: -(2 ** 53) }),
      "no_error_cells",
      CELLS,
    );
    expect(detail).toBe(
      "Operator at LLM_OUTPUT!C5 holds 9007199254740992, beyond ±(2^53−1); Model at LLM_OUTPUT!D5 holds -9007199254740992, beyond ±(2^53−1)",
    );
  });

  it("accepts 2^53−1", () => {
    expect(
      deriveFields(excelRow({ Operator: 2 ** 53 - 1 })).fields?.operator,
    ).toBe("9007199254740991");
  });

  it("reports an error in a date or confidence column under dates_valid and confidence_in_range as well", () => {
    const { checks } = deriveFields(
      excelRow({ SessionDate: "#REF!", SummaryConfidence_pct: "#DIV/0!" }),
      CELLS,
    );
    expect(checks.filter((c) => c.triggered).map((c) => c.check)).toEqual([
      "no_error_cells",
      "dates_valid",
      "confidence_in_range",
    ]);
    expect(checks[2].detail).toBe(
      "SessionDate at LLM_OUTPUT!B5 holds the error #REF!; SummaryConfidence_pct at LLM_OUTPUT!H5 holds the error #DIV/0!",
    );
  });
});

describe("deriveFields: dates_valid", () => {
  it("refuses a CSV locale date, naming the cell", () => {
    expect(only(csvRow({ SessionDate: "2/15/2026" }), "dates_valid")).toBe(
      'column "SessionDate" of llm_output.csv#row=2 is "2/15/2026", a locale date that reads differently on different machines; use YYYY-MM-DD (e.g. 2026-02-15)',
    );
  });

  it("names both bad dates", () => {
    expect(
      only(
        excelRow({ SessionDate: 60, NextReviewDate: "" }),
        "dates_valid",
        CELLS,
      ),
    ).toBe(
      "SessionDate at LLM_OUTPUT!B5 is serial 60, 29 February 1900, a day that never existed (Excel's 1900 leap-year error); enter the date again; NextReviewDate at LLM_OUTPUT!I5 is empty; a date is required (YYYY-MM-DD)",
    );
  });

  it("refuses 2026-02-29 and accepts 2024-02-29", () => {
    expect(
      only(csvRow({ NextReviewDate: "2026-02-29" }), "dates_valid"),
    ).toContain("not a real calendar date");
    expect(
      deriveFields(csvRow({ NextReviewDate: "2024-02-29" })).fields
        ?.next_review_date,
    ).toBe("2024-02-29");
  });

  it("refuses serial 0 in the 1900 system", () => {
    expect(only(excelRow({ SessionDate: 0 }), "dates_valid", CELLS)).toContain(
      "outside the 1900 date system",
    );
  });
});

describe("deriveFields: confidence_in_range", () => {
  it("refuses 101, naming the cell", () => {
    expect(
      only(
        excelRow({ SummaryConfidence_pct: 101 }),
        "confidence_in_range",
        CELLS,
      ),
    ).toBe(
      "SummaryConfidence_pct at LLM_OUTPUT!H5 is 101, above 100; the confidence must be between 0 and 100",
    );
  });

  it("refuses text in the number column", () => {
    expect(
      only(csvRow({ SummaryConfidence_pct: "high" }), "confidence_in_range"),
    ).toBe(
      'column "SummaryConfidence_pct" of llm_output.csv#row=2 is "high", which is not a number (write a figure like 78, 78.5 or 78%)',
    );
  });

  it("refuses an empty confidence and a negative one", () => {
    expect(
      only(csvRow({ SummaryConfidence_pct: "" }), "confidence_in_range"),
    ).toContain("is empty");
    expect(
      only(
        excelRow({ SummaryConfidence_pct: -1 }),
        "confidence_in_range",
        CELLS,
      ),
    ).toContain("below 0");
  });

  it("reads 78% text and a 0% format", () => {
    expect(
      deriveFields(csvRow({ SummaryConfidence_pct: "78%" })).fields
        ?.summary_confidence_pct,
    ).toBe(78);
    const src = excelRow(
      { SummaryConfidence_pct: 0.07 },
      { SummaryConfidence_pct: "0%" },
    );
    expect(deriveFields(src).fields?.summary_confidence_pct).toBe(7);
  });

  it("ignores number formats for a CSV record (there are none)", () => {
    expect(
      deriveFields(csvRow({ SummaryConfidence_pct: "0.78" })).fields
        ?.summary_confidence_pct,
    ).toBe(0.78);
  });
});

describe("deriveFields: robustness", () => {
  it("records every triggered check at once", () => {
    const src = excelRow({
      RunID: "../x",
      Model: "#N/A",
      SessionDate: "soon",
      SummaryConfidence_pct: 200,
    });
    const { fields, checks } = deriveFields(src, CELLS);
    expect(fields).toBeNull();
    expect(checks.map((c) => [c.check, c.triggered])).toEqual([
      ["run_id_valid", true],
      ["required_columns_present", false],
      ["no_error_cells", true],
      ["dates_valid", true],
      ["confidence_in_range", true],
    ]);
  });

  it("reads a value missing from a short record as empty instead of crashing", () => {
    const src = csvRow();
    src.values = src.values.slice(0, 8);
    expect(only(src, "dates_valid")).toContain(
      'column "NextReviewDate" of llm_output.csv#row=2 is empty',
    );
  });
});
