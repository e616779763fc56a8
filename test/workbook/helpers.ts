// Workbook-layer test setup: the sample workbook (or a generated one) in the Excel simulator,
// behind the ExcelHost the add-in uses, and the workbook API over it.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  SimWorkbook,
  createTestHost,
} from "@sealed-run/excel-simulator/testing";
import { loadXlsx } from "../../src/xlsx";
import { excelHost, type ExcelHost, type RawRun } from "../../src/office/host";
import { createWorkbookApi, type WorkbookApi } from "../../src/workflows";

export const REPO = path.resolve(__dirname, "../..");
export const SAMPLE = path.join(REPO, "assets/SealedRun-Sample.xlsx");
export const ACTOR = { name: "J. Rivera", role: "triage-lead" };
export const CLOCK = () => new Date("2026-02-16T00:00:00Z");

export type SimHost = ReturnType<typeof createTestHost>;

export interface Bench {
  book: SimWorkbook;
  sim: SimHost;
  host: ExcelHost;
  api: WorkbookApi;
}

/** The simulator's host with the `supports` member the adapter asks for. */
export function adapt(sim: SimHost): ExcelHost {
  return excelHost(sim.run as unknown as RawRun, (set, version) =>
    sim.isSetSupported(set, version),
  );
}

export function open(
  book: SimWorkbook,
  options?: Parameters<typeof createTestHost>[1],
): Bench {
  const sim = createTestHost(book, options);
  const host = adapt(sim);
  return { book, sim, host, api: createWorkbookApi(host) };
}

export async function loadSample(): Promise<Bench> {
  const book = await loadXlsx(new Uint8Array(fs.readFileSync(SAMPLE)));
  book.name = path.basename(SAMPLE); // Workbook.name is the file's name; the bytes do not carry it
  return open(book);
}

export const HEADERS = [
  "RunID",
  "SessionDate",
  "Operator",
  "Model",
  "TopRisks",
  "TopActions",
  "SuggestedUpdates",
  "SummaryConfidence_pct",
  "NextReviewDate",
];

export function runId(i: number): string {
  return `RUN-${String(i + 1).padStart(6, "0")}`;
}

/**
 * A workbook with `rows` runs (date serials formatted yyyy-mm-dd, confidence as 0.0%), and the
 * repository's policy and prompt in GOVERNANCE and PROMPTS. `text` sets the length of TopRisks.
 */
export function makeBook(
  rows: number,
  opts: { date1904?: boolean; text?: number; name?: string } = {},
): SimWorkbook {
  const book = new SimWorkbook({
    sheets: ["LLM_OUTPUT", "GOVERNANCE", "PROMPTS"],
    name: opts.name ?? "Generated.xlsx",
    date1904: opts.date1904,
  });
  const sheet = book.sheet("LLM_OUTPUT");
  // 2026-02-15 and 2026-02-22 as serials of the workbook's date system.
  const shift = opts.date1904 ? 1462 : 0;
  const risks = opts.text
    ? "Risk ".padEnd(opts.text, "x") + "; Second risk"
    : "Budget reversal; Legacy API consumer discovered";
  const values = Array.from({ length: rows }, (_, i) => [
    runId(i),
    46068 - shift,
    "J. Rivera",
    "gpt-4o",
    risks,
    "Validate ERP vendor SSO; Test v2 parity",
    "Update CLM-003 confidence",
    0.78,
    46075 - shift,
  ]);
  const last = rows + 1;
  sheet.setCells("A1:I1", [HEADERS]);
  sheet.setCells(`A2:I${last}`, values);
  sheet.setNumberFormat(`B2:B${last}`, "yyyy-mm-dd");
  sheet.setNumberFormat(`I2:I${last}`, "yyyy-mm-dd");
  sheet.setNumberFormat(`H2:H${last}`, "0.0%");
  book.addTable("LLM_OUTPUT", `A1:I${last}`, { name: "LLMOutputTable" });
  const gov = book.sheet("GOVERNANCE");
  gov.setCells("A1:B3", [
    ["Key", "Value"],
    [
      "PolicyVersion",
      fs
        .readFileSync(
          path.join(REPO, "docs/governance/POLICY_VERSION.txt"),
          "utf8",
        )
        .trim(),
    ],
    [
      "PolicyBaseline",
      fs.readFileSync(
        path.join(REPO, "docs/governance/POLICY_BASELINE.md"),
        "utf8",
      ),
    ],
  ]);
  book.addTable("GOVERNANCE", "A1:B3", { name: "GovernanceTable" });
  const prompts = book.sheet("PROMPTS");
  prompts.setCells("A1:B2", [
    ["PromptName", "PromptText"],
    [
      "triage_prompt",
      fs.readFileSync(path.join(REPO, "docs/prompts/triage_prompt.md"), "utf8"),
    ],
  ]);
  book.addTable("PROMPTS", "A1:B2", { name: "PromptsTable" });
  return book;
}

/** Every formula anywhere on a sheet, as "A1: =…". */
export function formulasOn(book: SimWorkbook, sheetName: string): string[] {
  const sheet = book.sheet(sheetName);
  const used = sheet.usedRect();
  const out: string[] = [];
  if (!used) return out;
  for (let r = used.r0; r <= used.r1; r++) {
    for (let c = used.c0; c <= used.c1; c++) {
      const f = sheet.cells.formula(r, c);
      if (f !== undefined) out.push(`R${r + 1}C${c + 1}: ${f}`);
    }
  }
  return out;
}

const made: string[] = [];
export function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "sealed-run-wb-"));
  made.push(d);
  return d;
}
export function removeTemp(): void {
  for (const d of made.splice(0))
    fs.rmSync(d, { recursive: true, force: true });
}
