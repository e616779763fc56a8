// Package-layer figures for npm run bench (imported by scripts/bench.mjs): sealing one run from a
// 100,000-row LLM_OUTPUT of long LLM text (about 50 MB of sheet XML) with the built CLI, in a
// child process: wall time, and its peak resident memory (max RSS, from the kernel's accounting of
// that process). The workbook is written here as a spreadsheet tool would write it: short repeated
// values as shared strings, long text inline, a table part without headerRowCount.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";

const ROWS = 100_000;
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
const esc = (s) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
const col = (i) => String.fromCharCode(65 + i);

/** Text cells go inline, or (Excel's way) into `shared`, the shared-string table, when given. */
function sheetXml(rows, shared = null) {
  const parts = [
    `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="A1:${col(rows[0].length - 1)}${rows.length}"/><sheetData>`,
  ];
  rows.forEach((cells, r) => {
    let row = `<row r="${r + 1}">`;
    cells.forEach(([kind, v, s], c) => {
      const ref = `${col(c)}${r + 1}`;
      const style = s ? ` s="${s}"` : "";
      if (kind === "s") row += `<c r="${ref}"${style} t="s"><v>${v}</v></c>`;
      else if (kind === "n") row += `<c r="${ref}"${style}><v>${v}</v></c>`;
      else if (shared)
        row += `<c r="${ref}"${style} t="s"><v>${shared.push(v) - 1}</v></c>`;
      else
        row += `<c r="${ref}"${style} t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
    });
    parts.push(row + "</row>");
  });
  parts.push(
    `</sheetData><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`,
  );
  return parts.join("");
}

export async function makeWorkbook(root, file, { sharedText = false } = {}) {
  const sst = [
    "RunID",
    "SessionDate",
    "Operator",
    "Model",
    "TopRisks",
    "TopActions",
    "SuggestedUpdates",
    "SummaryConfidence_pct",
    "NextReviewDate",
    "J. Rivera",
    "gpt-4o",
    "Update CLM-003 confidence",
    "Key",
    "Value",
    "PolicyVersion",
    "PolicyBaseline",
    "PromptName",
    "PromptText",
    "triage_prompt",
  ];
  const item = (label, i) =>
    `${label} ${i}: ` +
    "the vendor's SSO cutover depends on the payroll go-live";
  const runs = [Array.from({ length: 9 }, (_, c) => ["s", c])];
  for (let i = 1; i <= ROWS; i++)
    runs.push([
      ["t", `RUN-${String(i).padStart(6, "0")}`],
      ["n", 46068, 1],
      ["s", 9],
      ["s", 10],
      ["t", `${item("Risk A", i)}; ${item("Risk B", i)}`],
      ["t", `${item("Action A", i)}; ${item("Action B", i)}`],
      ["s", 11],
      ["n", 0.78, 2],
      ["n", 46075, 1],
    ]);
  const gov = [
    [
      ["s", 12],
      ["s", 13],
    ],
    [
      ["s", 14],
      [
        "t",
        readFileSync(
          path.join(root, "docs/governance/POLICY_VERSION.txt"),
          "utf8",
        ).trim(),
      ],
    ],
    [
      ["s", 15],
      [
        "t",
        readFileSync(
          path.join(root, "docs/governance/POLICY_BASELINE.md"),
          "utf8",
        ),
      ],
    ],
  ];
  const prompts = [
    [
      ["s", 16],
      ["s", 17],
    ],
    [
      ["s", 18],
      [
        "t",
        readFileSync(path.join(root, "docs/prompts/triage_prompt.md"), "utf8"),
      ],
    ],
  ];
  const zip = new JSZip();
  const table = (id, name, ref, cols) =>
    `${DECL}<table xmlns="${MAIN}" id="${id}" name="${name}" displayName="${name}" ref="${ref}" totalsRowShown="0"><autoFilter ref="${ref}"/><tableColumns count="${cols.length}">${cols.map((c, i) => `<tableColumn id="${i + 1}" name="${c}"/>`).join("")}</tableColumns><tableStyleInfo name="TableStyleMedium2" showRowStripes="1"/></table>`;
  const sheetRels = (t) =>
    `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/table" Target="../tables/table${t}.xml"/></Relationships>`;
  zip.file(
    "[Content_Types].xml",
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${[1, 2, 3].map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/tables/table${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`).join("")}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
  );
  zip.file(
    "_rels/.rels",
    `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    "xl/workbook.xml",
    `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets><sheet name="LLM_OUTPUT" sheetId="1" r:id="rId1"/><sheet name="GOVERNANCE" sheetId="2" r:id="rId2"/><sheet name="PROMPTS" sheetId="3" r:id="rId3"/></sheets></workbook>`,
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `${DECL}<Relationships xmlns="${PKG}">${[1, 2, 3].map((i) => `<Relationship Id="rId${i}" Type="${R}/worksheet" Target="worksheets/sheet${i}.xml"/>`).join("")}<Relationship Id="rId4" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rId5" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  zip.file(
    "xl/styles.xml",
    `${DECL}<styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
  );
  const sheet1 = sheetXml(runs, sharedText ? sst : null);
  zip.file(
    "xl/sharedStrings.xml",
    `${DECL}<sst xmlns="${MAIN}" count="${sst.length}" uniqueCount="${sst.length}">${sst.map((s) => `<si><t>${esc(s)}</t></si>`).join("")}</sst>`,
  );
  zip.file("xl/worksheets/sheet1.xml", sheet1);
  zip.file("xl/worksheets/sheet2.xml", sheetXml(gov));
  zip.file("xl/worksheets/sheet3.xml", sheetXml(prompts));
  for (const i of [1, 2, 3])
    zip.file(`xl/worksheets/_rels/sheet${i}.xml.rels`, sheetRels(i));
  zip.file(
    "xl/tables/table1.xml",
    table(1, "LLMOutputTable", `A1:I${ROWS + 1}`, sst.slice(0, 9)),
  );
  zip.file(
    "xl/tables/table2.xml",
    table(2, "GovernanceTable", "A1:B3", ["Key", "Value"]),
  );
  zip.file(
    "xl/tables/table3.xml",
    table(3, "PromptsTable", "A1:B2", ["PromptName", "PromptText"]),
  );
  writeFileSync(
    file,
    await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }),
  );
  return sheet1.length;
}

/** One CLI seal of RUN-050000 in a child process: wall seconds and max RSS in MB. */
function sealOnce(root, dir, book) {
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      "--require",
      path.join(root, "scripts/report-max-rss.cjs"),
      path.join(root, "build/cli/cli/main.js"),
      "export",
      "--run-id",
      "RUN-050000",
      "--source",
      book,
      "--actor",
      "J. Rivera",
      "--role",
      "triage-lead",
    ],
    { cwd: dir, encoding: "utf8" },
  );
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`bench seal failed: ${r.stderr}`);
  return { seconds, mb: Number(/max_rss_kb=(\d+)/.exec(r.stderr)?.[1]) / 1024 };
}

/**
 * Two workbooks: long text inline (the issue's ~50 MB of sheet XML), and long text in the
 * shared-string table, as Excel itself saves it (the figures with `_shared_strings`).
 */
export default async function benchXlsx({ root, record }) {
  const out = {};
  for (const [sharedText, suffix] of [
    [false, ""],
    [true, "_shared_strings"],
  ]) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "sealed-run-bench-xlsx-"));
    try {
      const book = path.join(dir, "Bench.xlsx");
      const sheetBytes = await makeWorkbook(root, book, { sharedText });
      console.log(
        `(LLM_OUTPUT: ${ROWS} rows, sheet XML ${(sheetBytes / 1e6).toFixed(1)} MB, text ${sharedText ? "in shared strings" : "inline"})`,
      );
      const { seconds, mb } = sealOnce(root, dir, book);
      for (const [name, value, unit] of [
        [`xlsx_seal_100000_rows${suffix}_s`, seconds, "s"],
        [`xlsx_seal_100000_rows${suffix}_max_rss_mb`, mb, "MB"],
      ]) {
        record(name, value, unit);
        out[name] = Number(value.toFixed(3));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

// Run alone: node scripts/bench-xlsx.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(
    path.dirname(new URL(import.meta.url).pathname),
    "..",
  );
  await benchXlsx({
    root,
    record: (n, v, u) => console.log(`${n.padEnd(40)} ${v.toFixed(3)} ${u}`),
  });
}
