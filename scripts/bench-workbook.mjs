// Workbook-layer figures for npm run bench (imported by scripts/bench.mjs): round trips per seal,
// reading a 100,000-row table of long LLM text in chunks under Excel's 5 MB limit, checking a
// 100,000-entry PATCH_LOG chain, and round trips per seal with a 50 MB PATCH_LOG (before and after
// its verified checkpoint is set). Runs on the built JS (build/cli), in the Excel simulator (@sealed-run/excel-simulator/testing).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { benchLog } from "./bench-chain.mjs";

const require = createRequire(import.meta.url);
const ACTOR = { name: "J. Rivera", role: "triage-lead" };
const CLOCK = () => new Date("2026-02-16T00:00:00Z");

/** A workbook of `rows` runs with GOVERNANCE and PROMPTS, as the sample has them. */
function makeBook(sim, root, rows, textChars) {
  const book = new sim.SimWorkbook({
    sheets: ["LLM_OUTPUT", "GOVERNANCE", "PROMPTS"],
    name: "Bench.xlsx",
  });
  const sheet = book.sheet("LLM_OUTPUT");
  // Long model output: each cell a paragraph-sized list item, as an LLM writes them.
  const item = (label) =>
    `${label}: ` +
    "the vendor's SSO cutover depends on the payroll go-live and the CAB approver; "
      .repeat(Math.ceil(textChars / 78))
      .slice(0, textChars);
  const risks = `${item("Risk A")}; ${item("Risk B")}`;
  const actions = `${item("Action A")}; ${item("Action B")}`;
  const values = Array.from({ length: rows }, (_, i) => [
    `RUN-${String(i + 1).padStart(6, "0")}`,
    46068,
    "J. Rivera",
    "gpt-4o",
    risks,
    actions,
    "Update CLM-003 confidence",
    0.78,
    46075,
  ]);
  const last = rows + 1;
  const { USED_COLUMNS } = require(path.join(root, "build/cli/core/index.js"));
  sheet.setCells("A1:I1", [[...USED_COLUMNS]]);
  sheet.setCells(`A2:I${last}`, values);
  sheet.setNumberFormat(`B2:B${last}`, "yyyy-mm-dd");
  sheet.setNumberFormat(`I2:I${last}`, "yyyy-mm-dd");
  sheet.setNumberFormat(`H2:H${last}`, "0.0%");
  book.addTable("LLM_OUTPUT", `A1:I${last}`, { name: "LLMOutputTable" });
  book.sheet("GOVERNANCE").setCells("A1:B3", [
    ["Key", "Value"],
    [
      "PolicyVersion",
      readFileSync(
        path.join(root, "docs/governance/POLICY_VERSION.txt"),
        "utf8",
      ).trim(),
    ],
    [
      "PolicyBaseline",
      readFileSync(
        path.join(root, "docs/governance/POLICY_BASELINE.md"),
        "utf8",
      ),
    ],
  ]);
  book.addTable("GOVERNANCE", "A1:B3", { name: "GovernanceTable" });
  book.sheet("PROMPTS").setCells("A1:B2", [
    ["PromptName", "PromptText"],
    [
      "triage_prompt",
      readFileSync(path.join(root, "docs/prompts/triage_prompt.md"), "utf8"),
    ],
  ]);
  book.addTable("PROMPTS", "A1:B2", { name: "PromptsTable" });
  return book;
}

function hostOf(sim, office, book) {
  const h = sim.createTestHost(book);
  return {
    sim: h,
    host: office.excelHost(h.run, (set, v) => h.isSetSupported(set, v)),
  };
}

export default async function benchWorkbook({ root, record }) {
  const build = (p) => require(path.join(root, "build/cli", p));
  build("node/xmlRootSaxes.js").installSaxesXmlRootParser(); // Node has no DOMParser for kept seals' XML
  // The simulator package (built into packages/excel-simulator/dist by build:cli), with its counters.
  const sim = require("@sealed-run/excel-simulator/testing");
  const office = build("office/host.js");
  const { createWorkbookApi } = build("workflows/index.js");
  const { readSnapshot } = build("office/snapshot.js");
  const { requireRuns } = build("office/tables.js");
  const { readAllRuns } = build("office/readRuns.js");
  const core = build("core/index.js");
  const out = {};
  const put = (name, value, unit) => {
    record(name, value, unit);
    out[name] = Number(value.toFixed(3));
  };

  // 1. Round trips to Excel per seal from the selection, small and large table.
  for (const rows of [100, 100_000]) {
    const book = makeBook(sim, root, rows, 40);
    const { sim: h, host } = hostOf(sim, office, book);
    book.select("LLM_OUTPUT", `C${Math.floor(rows / 2) + 2}`);
    h.resetStats();
    const r = await createWorkbookApi(host).sealSelectedRun({
      actor: ACTOR,
      now: CLOCK,
    });
    if (r.kind !== "sealed")
      throw new Error(
        `bench seal of a ${rows}-row table was refused: ${r.reason}`,
      );
    put(`seal_syncs_rows_${rows}`, h.stats.syncs, "syncs");
  }

  // 2. Reading every row of a 100,000-row table of long LLM text (the Runs list), chunked.
  {
    const book = makeBook(sim, root, 100_000, 400);
    const { sim: h, host } = hostOf(sim, office, book);
    const snap = await readSnapshot(host, { log: false });
    h.resetStats();
    const t0 = performance.now();
    const rows = await readAllRuns(host, requireRuns(snap.runs));
    const ms = performance.now() - t0;
    if (rows.values.length !== 100_000)
      throw new Error(`read ${rows.values.length} rows`);
    put("read_rows_100000_ms", ms, "ms");
    // The largest single round trip, either way: Excel on the web refuses more than 5 MB in each.
    put(
      "read_rows_100000_max_request_mb",
      Math.max(h.stats.requestBytes.max, h.stats.responseBytes.max) / 1e6,
      "MB",
    );
  }

  // 3. Checking a 100,000-entry PATCH_LOG chain (the log of bench-chain.mjs) with the core's
  // portable pure-JS SHA-256: nothing is installed here.
  {
    const { entries } = benchLog(root);
    const t0 = performance.now();
    const report = await core.checkChain(entries);
    const ms = performance.now() - t0;
    if (!report.intact)
      throw new Error(`bench chain broken: ${report.firstBreak?.message}`);
    put("chain_verify_100000_ms", ms, "ms");
  }

  // 4. Round trips per seal with a 50 MB PATCH_LOG (20,000 entries of 2.5 KB): the first seal
  // reads and checks it all (no checkpoint yet); the next reads only what follows the checkpoint.
  {
    const book = makeBook(sim, root, 100, 40);
    const entries = [];
    const reason = "Reviewer note: ".padEnd(2500, "n");
    for (let i = 0; i < 20_000; i++) {
      entries.push(
        await core.makeEntry(entries, {
          Timestamp: "2026-02-15T18:30:00Z",
          Action: "REFUSED",
          RunID: `OLD-${i}`,
          Actor: "A. Auditor",
          Reason: reason,
        }),
      );
    }
    const logSheet = book.addSheet("PATCH_LOG");
    const last = entries.length + 1;
    logSheet.setCells(
      `A1:M${last}`,
      [
        [...core.PATCH_LOG_COLUMNS],
        ...entries.map((e) => core.PATCH_LOG_COLUMNS.map((c) => e[c])),
      ],
      "@",
    );
    book.addTable("PATCH_LOG", `A1:M${last}`, { name: "PatchLogTable" });
    const { sim: h, host } = hostOf(sim, office, book);
    const api = createWorkbookApi(host);
    for (const [cell, name] of [
      ["C3", "seal_syncs_log_50mb_unverified"],
      ["C4", "seal_syncs_log_50mb"],
    ]) {
      book.select("LLM_OUTPUT", cell);
      h.resetStats();
      const r = await api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
      if (r.kind !== "sealed")
        throw new Error(`bench seal with a 50 MB log was refused: ${r.reason}`);
      put(name, h.stats.syncs, "syncs");
    }
  }
  // 5. A workbook of 100,000 runs keeping 500 seals of long LLM text (issue 10, point 5): round trips
  // and the largest request or response of the first seal (every kept seal read, in batches sized
  // by their bytes) and of the next one (kept seals already read are not read again).
  {
    const book = makeBook(sim, root, 100_000, 12_000);
    const { sim: h, host } = hostOf(sim, office, book);
    const api = createWorkbookApi(host);
    const { sealPartXml } = build("office/sealStore.js");
    const first = await createWorkbookApi(
      hostOf(sim, office, book).host,
    ).sealRun("RUN-000001", { actor: ACTOR, now: CLOCK, rowHint: 0 });
    if (first.kind !== "sealed")
      throw new Error(`bench seal was refused: ${first.reason}`);
    for (let i = 1; i < 500; i++) {
      const id = `RUN-${String(100_000 - i).padStart(6, "0")}`;
      book.addCustomXmlPart(
        sealPartXml(
          {
            fileName: `${id}_x.json`,
            runId: id,
            hash: `sha256:${String(i).padStart(64, "0")}`,
            head: "",
          },
          first.text,
        ),
      );
    }
    for (const [cell, name] of [
      ["C50002", "seal_100000_runs_500_kept"],
      ["C50003", "seal_100000_runs_500_kept_next"],
    ]) {
      book.select("LLM_OUTPUT", cell);
      h.resetStats();
      const r = await api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
      if (r.kind !== "sealed")
        throw new Error(
          `bench seal with 500 kept seals was refused: ${r.reason}`,
        );
      put(`${name}_syncs`, h.stats.syncs, "syncs");
      put(
        `${name}_max_request_mb`,
        Math.max(h.stats.requestBytes.max, h.stats.responseBytes.max) / 1e6,
        "MB",
      );
    }
  }
  return out;
}
