// Builds assets/SealedRun-Sample.xlsx from the sample CSV, policy and prompts: LLM_OUTPUT with
// LLMOutputTable (real date cells, a percentage-formatted confidence column), GOVERNANCE and
// PROMPTS tables. A person can open it in Excel and seal a run with the add-in at once.
// `--check` fails when the committed workbook's cell contents no longer match the sources.
import ExcelJS from "exceljs";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "assets", "SealedRun-Sample.xlsx");

function parseCsv(text) {
  const rows = [];
  let row = [],
    field = "",
    q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((x) => x !== ""));
}

const csv = parseCsv(
  readFileSync(
    path.join(root, "artifacts/sample_data/prompt_os_v2/llm_output.csv"),
    "utf8",
  ).replace(/^\uFEFF/, ""),
);
const [headers, ...rows] = csv;
const col = (name) => headers.indexOf(name);
const isoToDate = (s) => new Date(`${s}T00:00:00Z`);

const wb = new ExcelJS.Workbook();
wb.creator = "sealed-run";
wb.created = new Date(Date.UTC(2026, 1, 15));
wb.modified = wb.created;

const runs = wb.addWorksheet("LLM_OUTPUT");
const data = rows.map((r) =>
  headers.map((h, i) => {
    if (h === "SessionDate" || h === "NextReviewDate") return isoToDate(r[i]);
    if (h === "SummaryConfidence_pct") return Number(r[i]) / 100; // shown as 78% by the format below
    return r[i];
  }),
);
runs.addTable({
  name: "LLMOutputTable",
  ref: "A1",
  headerRow: true,
  style: { theme: "TableStyleMedium2", showRowStripes: true },
  columns: headers.map((name) => ({ name })),
  rows: data,
});
for (const name of ["SessionDate", "NextReviewDate"])
  runs.getColumn(col(name) + 1).numFmt = "yyyy-mm-dd";
runs.getColumn(col("SummaryConfidence_pct") + 1).numFmt = "0.0%";
headers.forEach(
  (h, i) => (runs.getColumn(i + 1).width = /Top|Suggested/.test(h) ? 48 : 16),
);

const gov = wb.addWorksheet("GOVERNANCE");
const baseline = readFileSync(
  path.join(root, "docs/governance/POLICY_BASELINE.md"),
  "utf8",
);
gov.addTable({
  name: "GovernanceTable",
  ref: "A1",
  headerRow: true,
  columns: [{ name: "Key" }, { name: "Value" }],
  rows: [
    [
      "PolicyVersion",
      readFileSync(
        path.join(root, "docs/governance/POLICY_VERSION.txt"),
        "utf8",
      ).trim(),
    ],
    ["PolicyBaseline", baseline],
  ],
});
gov.getColumn(2).numFmt = "@";
gov.getColumn(1).width = 18;
gov.getColumn(2).width = 100;

const prompts = wb.addWorksheet("PROMPTS");
const promptDir = path.join(root, "docs/prompts");
prompts.addTable({
  name: "PromptsTable",
  ref: "A1",
  headerRow: true,
  columns: [{ name: "PromptName" }, { name: "PromptText" }],
  rows: readdirSync(promptDir)
    .filter((n) => !n.startsWith("."))
    .sort()
    .map((n) => [
      n.replace(/\.[^.]*$/, ""),
      readFileSync(path.join(promptDir, n), "utf8"),
    ]),
});
prompts.getColumn(2).numFmt = "@";
prompts.getColumn(1).width = 20;
prompts.getColumn(2).width = 100;

// Actors' signing keys (docs/SIGNING.md): empty until someone registers, one blank body row as
// Excel keeps in a new table. Columns as src/core/sign/actorKeysTable.ts reads them.
const keys = wb.addWorksheet("ACTOR_KEYS");
const keyColumns = [
  "Actor",
  "KeyId",
  "PublicKey",
  "Status",
  "RequestedAt",
  "ApprovedBy",
  "ApprovedAt",
];
keys.addTable({
  name: "ActorKeysTable",
  ref: "A1",
  headerRow: true,
  columns: keyColumns.map((name) => ({ name })),
  rows: [keyColumns.map(() => null)],
});
keyColumns.forEach((_, i) => {
  keys.getColumn(i + 1).numFmt = "@";
  keys.getColumn(i + 1).width = i === 2 ? 60 : 20;
});

const buf = Buffer.from(await wb.xlsx.writeBuffer());
if (process.argv.includes("--check")) {
  const current = new ExcelJS.Workbook();
  await current.xlsx.load(readFileSync(out));
  const cells = (book) =>
    JSON.stringify(
      book.worksheets.map((ws) =>
        ws
          .getSheetValues()
          .map((r) =>
            r ? r.map((v) => (v instanceof Date ? v.toISOString() : v)) : r,
          ),
      ),
    );
  const fresh = new ExcelJS.Workbook();
  await fresh.xlsx.load(buf);
  if (cells(current) !== cells(fresh)) {
    console.error(
      "assets/SealedRun-Sample.xlsx is stale: run npm run gen:sample-workbook",
    );
    process.exit(1);
  }
  console.log("sample workbook up to date");
} else {
  writeFileSync(out, buf);
  console.log(`wrote ${path.relative(root, out)} (${rows.length} runs)`);
}
