import { selectRun } from "../../../src/core/row";

const describeRow = (i: number) => `LLM_OUTPUT!A${i + 2}:I${i + 2}`;
const table = (
  ids: (string | number)[],
  headers = ["Model", " runid ", "SessionDate"],
) => ({
  headers,
  rows: ids.map((id) => ["m", id, "2026-02-15"]),
});

describe("selectRun", () => {
  it("finds the one row whose trimmed RunID equals the id", () => {
    expect(
      selectRun(
        table(["RUN-001", " RUN-002 ", "RUN-003"]),
        "RUN-002",
        describeRow,
      ),
    ).toEqual({
      rowIndex: 1,
      check: { check: "run_id_valid", triggered: false, detail: "" },
    });
  });

  it("trims the requested id", () => {
    expect(
      selectRun(table(["RUN-001"]), " RUN-001\n", describeRow).rowIndex,
    ).toBe(0);
  });

  it("matches a numeric RunID cell by its digits", () => {
    expect(selectRun(table([7, 42]), "42", describeRow).rowIndex).toBe(1);
  });

  it("compares exactly: case matters", () => {
    const r = selectRun(table(["RUN-001"]), "run-001", describeRow);
    expect(r.rowIndex).toBeNull();
    expect(r.check).toEqual({
      check: "run_id_valid",
      triggered: true,
      detail: 'RunID "run-001" matches no row; the nearest run id is "RUN-001"',
    });
  });

  it.each(["../x", "RUN 1", "A".repeat(129), "-RUN"])(
    "refuses the unsafe id %p before any lookup",
    (id) => {
      const r = selectRun(table([id]), id, describeRow); // even though a row holds it
      expect(r.rowIndex).toBeNull();
      expect(r.check).toEqual({
        check: "run_id_valid",
        triggered: true,
        detail: `the requested RunID ${JSON.stringify(id)} is not a safe run id (letters, digits, . _ -; must start with a letter or digit; at most 128)`,
      });
    },
  );

  it("refuses an empty id", () => {
    expect(selectRun(table(["RUN-001"]), "  ", describeRow).check.detail).toBe(
      "the requested RunID is empty; a run id is required",
    );
  });

  it("names the nearest available ids (at most 5) when none matches", () => {
    const ids = [
      "ALPHA",
      "RUN-001",
      "RUN-002",
      "RUN-010",
      "RUN-011",
      "RUN-012",
      "RUN-013",
      "RUN-002",
    ];
    const r = selectRun(table(ids), "RUN-019", describeRow);
    expect(r.rowIndex).toBeNull();
    expect(r.check.detail).toBe(
      'RunID "RUN-019" matches no row; nearest run ids: "RUN-010", "RUN-011", "RUN-012", "RUN-013", "RUN-001"',
    );
  });

  it("says when the table has no run ids at all", () => {
    expect(selectRun(table([]), "RUN-001", describeRow).check.detail).toBe(
      'RunID "RUN-001" matches no row: the table has no run ids',
    );
    expect(
      selectRun(table(["", " "]), "RUN-001", describeRow).check.detail,
    ).toBe('RunID "RUN-001" matches no row: the table has no run ids');
  });

  it("refuses an id that several rows hold, naming each row", () => {
    const r = selectRun(
      table(["RUN-001", "RUN-002", "RUN-001 ", "RUN-001"]),
      "RUN-001",
      describeRow,
    );
    expect(r).toEqual({
      rowIndex: null,
      check: {
        check: "run_id_valid",
        triggered: true,
        detail:
          'RunID "RUN-001" matches 3 rows (LLM_OUTPUT!A2:I2, LLM_OUTPUT!A4:I4, LLM_OUTPUT!A5:I5); a run id must name exactly one row',
      },
    });
  });

  it("leaves a missing RunID column to required_columns_present", () => {
    expect(
      selectRun(
        table(["RUN-001"], ["Model", "Run", "SessionDate"]),
        "RUN-001",
        describeRow,
      ),
    ).toEqual({
      rowIndex: null,
      check: { check: "run_id_valid", triggered: false, detail: "" },
    });
  });

  it("leaves a duplicated RunID column to required_columns_present", () => {
    expect(
      selectRun(
        table(["RUN-001"], ["RunID", "RunID", "SessionDate"]),
        "RUN-001",
        describeRow,
      ),
    ).toEqual({
      rowIndex: null,
      check: { check: "run_id_valid", triggered: false, detail: "" },
    });
  });
});
