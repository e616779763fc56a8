// The shipped sample CSV, policy and prompts are what `sealed-run export` reads by default, so
// every row must be sealable under CONTRACT.md §3 and the policy snapshot must be complete (§4).
// The CSV is read with Python's csv module: an RFC 4180 reader independent of the product's own.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "../..");
const CSV = path.join(
  REPO,
  "artifacts/sample_data/prompt_os_v2/llm_output.csv",
);
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const ERROR_LITERALS = [
  "#N/A",
  "#VALUE!",
  "#REF!",
  "#DIV/0!",
  "#NUM!",
  "#NAME?",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
];

const utf8 = (file: string) =>
  new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(
    fs.readFileSync(file),
  );
const list = (cell: string) =>
  cell
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s !== "");
const plusDays = (iso: string, days: number) =>
  new Date(Date.parse(iso + "T00:00:00Z") + days * 86400000)
    .toISOString()
    .slice(0, 10);
const realDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && plusDays(s, 0) === s;

const isRows = (v: unknown): v is string[][] =>
  Array.isArray(v) &&
  v.every((r) => Array.isArray(r) && r.every((c) => typeof c === "string"));
const parsed: unknown = JSON.parse(
  execFileSync(
    "python3",
    [
      "-c",
      "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8'), strict=True))))",
      CSV,
    ],
    { encoding: "utf8" },
  ),
);
if (!isRows(parsed))
  throw new Error(
    `Python's csv reader gave ${JSON.stringify(parsed).slice(0, 200)}, not rows of strings`,
  );
const rows = parsed;
const [header, ...body] = rows;
const at = (row: string[], column: string) => row[header.indexOf(column)];

describe("sample llm_output.csv", () => {
  it("is UTF-8 without a BOM, comma-delimited, with the exact header", () => {
    expect(utf8(CSV).charCodeAt(0)).not.toBe(0xfeff);
    expect(header).toEqual([
      "RunID",
      "SessionDate",
      "Operator",
      "Model",
      "TopRisks",
      "TopActions",
      "SuggestedUpdates",
      "SummaryConfidence_pct",
      "NextReviewDate",
    ]);
    expect(body.every((r) => r.length === header.length)).toBe(true);
  });

  it("holds RUN-001 … RUN-015, once each, valid as file-name ids", () => {
    const ids = body.map((r) => at(r, "RunID"));
    expect(ids).toEqual(
      Array.from(
        { length: 15 },
        (_, i) => `RUN-${String(i + 1).padStart(3, "0")}`,
      ),
    );
    expect(ids.every((id) => NAME.test(id))).toBe(true);
  });

  it.each(body.map((row, i) => [row[0], i] as const))(
    "%s is sealable under §3",
    (_id, i) => {
      const row = body[i];
      const where = `${CSV} row ${i + 2}`;
      expect({
        where,
        errorCells: row.filter((c) => ERROR_LITERALS.includes(c.trim())),
      }).toEqual({ where, errorCells: [] });
      const session = at(row, "SessionDate");
      expect({
        where,
        session,
        ok: realDate(session) && /^2026-0[23]-/.test(session),
      }).toEqual({ where, session, ok: true });
      expect({ where, next: at(row, "NextReviewDate") }).toEqual({
        where,
        next: plusDays(session, 7),
      });
      const pct = at(row, "SummaryConfidence_pct");
      expect({
        where,
        pct,
        ok: /^\d+(\.\d+)?$/.test(pct) && Number(pct) >= 55 && Number(pct) <= 92,
      }).toEqual({ where, pct, ok: true });
      expect({
        where,
        operator: at(row, "Operator").trim() !== "",
        model: at(row, "Model").trim() !== "",
      }).toEqual({ where, operator: true, model: true });
      for (const column of ["TopRisks", "TopActions"]) {
        const n = list(at(row, column)).length;
        expect({ where, column, ok: n >= 2 && n <= 5 }).toEqual({
          where,
          column,
          ok: true,
        });
      }
      const updates = list(at(row, "SuggestedUpdates")).length;
      expect({
        where,
        ok: updates === 0 || (updates >= 2 && updates <= 5),
      }).toEqual({ where, ok: true });
    },
  );

  it("exercises quoting, an empty list, a decimal confidence and formula-like items", () => {
    const raw = utf8(CSV);
    expect(raw).toMatch(/,"[^"]*,[^"]*"/); // a quoted field with a comma inside
    expect(raw).toContain('""'); // an escaped quote
    expect(body.filter((r) => at(r, "SuggestedUpdates") === "")).toHaveLength(
      1,
    );
    expect(body.map((r) => at(r, "SummaryConfidence_pct"))).toContain("78.5");
    const items = body.flatMap((r) =>
      ["TopRisks", "TopActions", "SuggestedUpdates"].flatMap((c) =>
        list(at(r, c)),
      ),
    );
    expect(items).toEqual(
      expect.arrayContaining([
        "-- escalate to CAB",
        expect.stringMatching(/^=/),
      ]),
    );
    expect(
      new Set(body.map((r) => at(r, "Operator"))).size,
    ).toBeGreaterThanOrEqual(4);
    expect(
      new Set(body.map((r) => at(r, "Model"))).size,
    ).toBeGreaterThanOrEqual(4);
  });
});

describe("policy and prompts read by the CLI", () => {
  it("has a non-empty policy version and baseline in UTF-8", () => {
    expect(
      utf8(path.join(REPO, "docs/governance/POLICY_VERSION.txt")).trim(),
    ).toMatch(/^\d{4}\.\d{2}$/);
    expect(
      utf8(path.join(REPO, "docs/governance/POLICY_BASELINE.md")).trim().length,
    ).toBeGreaterThan(500);
  });

  it("has prompts in docs/prompts whose names are valid and whose texts are UTF-8", () => {
    const dir = path.join(REPO, "docs/prompts");
    const files = fs.readdirSync(dir).filter((f) => !f.startsWith("."));
    const names = files.map((f) => f.replace(/\.[^.]*$/, ""));
    expect(names.sort()).toEqual(["risk_extraction", "triage_prompt"]);
    expect(names.every((n) => NAME.test(n))).toBe(true);
    expect(files.every((f) => utf8(path.join(dir, f)).trim().length > 0)).toBe(
      true,
    );
  });
});
