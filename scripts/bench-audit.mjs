// The auditor's figures (issue 13), imported by scripts/bench.mjs:
//   chain_check_100000_ms               core chain check of a 100,000-entry PATCH_LOG as the CLI runs
//                                       it (node:crypto installed), entries already in memory
//   chain_one_pass_sha256_ms            node:crypto SHA-256 over the same entries' canonical bytes,
//                                       concatenated, in one pass: the floor the issue compares with
//   chain_check_vs_one_pass_ratio       the first over the second (goal: at most 5)
//   chain_hash_calls_100000_ms          100,000 one-shot node:crypto hashes of the entries' canonical
//                                       texts and nothing else: the floor of any per-entry check
//   chain_hash_calls_vs_one_pass_ratio  that floor over the one pass (how near 5x can come at all)
//   chain_check_100000_pure_js_ms       the same check with the core's portable pure-JS SHA-256
//                                       (what runs where no native digest is installed)
//   chain_check_100000_chromium_ms      the core's chain check in headless chromium (the Log view's
//                                       check; goal: under 1 s)
//   cli_log_100000_s                    `sealed-run log PATCH_LOG.csv` on that log, end to end
//   cli_log_100000_python_s             `verify_sealed_run.py --log` on the same file
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function ({ root, record }) {
  const require = createRequire(path.join(root, "package.json"));
  const core = require(path.join(root, "build/cli/core/index.js"));
  const { nodeSha256 } = require(path.join(root, "build/cli/node/digest.js"));
  const { formatLog } = require(
    path.join(root, "build/cli/node/patchLogCsv.js"),
  );

  // The log of bench-workbook's chain figure: one SEAL then nine PATCHes per run.
  core.installSha256(null);
  const entries = [];
  let head = "";
  for (let i = 0; i < 100_000; i++) {
    const e = {
      EntryID: core.entryId(i + 1),
      Timestamp: "2026-02-16T00:00:00Z",
      Action: i % 10 === 0 ? "SEAL" : "PATCH",
      RunID: `RUN-${String(Math.floor(i / 10) + 1).padStart(6, "0")}`,
      SealHash: "sha256:" + "ab".repeat(32),
      FileName: "RUN.json",
      Actor: "J. Rivera",
      Field: i % 10 === 0 ? "" : "kpis.summary_confidence_pct",
      OldValue: i % 10 === 0 ? "" : "78",
      NewValue: i % 10 === 0 ? "" : String(i % 100),
      Reason: i % 10 === 0 ? "" : "re-assessed",
      PrevEntryHash: head,
      EntryHash: "",
    };
    e.EntryHash = "sha256:" + nodeSha256(core.entryCanonicalText(e));
    head = e.EntryHash;
    entries.push(e);
  }
  const canonicalBytes = Buffer.from(
    entries.map(core.entryCanonicalText).join(""),
    "utf8",
  );

  const onePass = [];
  const checks = [];
  // The floor of any check that hashes each entry on its own: one native one-shot hash per
  // entry's canonical text (what the check must do at the least), nothing else.
  const texts = entries.map(core.entryCanonicalText);
  const hashCalls = [];
  core.installSha256(nodeSha256);
  for (let rep = 0; rep < 5; rep++) {
    let t0 = performance.now();
    createHash("sha256").update(canonicalBytes).digest("hex");
    onePass.push(performance.now() - t0);
    t0 = performance.now();
    for (const t of texts) nodeSha256(t);
    hashCalls.push(performance.now() - t0);
    t0 = performance.now();
    const r = core.checkChainSync(entries);
    checks.push(performance.now() - t0);
    if (!r.intact)
      throw new Error(`bench chain broken: ${r.firstBreak?.message}`);
  }
  core.installSha256(null);
  const pure = [];
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    core.checkChainSync(entries);
    pure.push(performance.now() - t0);
  }
  record("chain_check_100000_ms", median(checks), "ms");
  record("chain_one_pass_sha256_ms", median(onePass), "ms");
  record(
    "chain_check_vs_one_pass_ratio",
    median(checks) / median(onePass),
    "x",
  );
  record("chain_hash_calls_100000_ms", median(hashCalls), "ms");
  record(
    "chain_hash_calls_vs_one_pass_ratio",
    median(hashCalls) / median(onePass),
    "x",
  );
  record("chain_check_100000_pure_js_ms", median(pure), "ms");

  const dir = mkdtempSync(path.join(os.tmpdir(), "sealed-run-bench-log-"));
  try {
    const csv = path.join(dir, "PATCH_LOG.csv");
    writeFileSync(csv, formatLog(entries));
    const time = (cmd, args) => {
      const t0 = performance.now();
      const p = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 16 << 20 });
      const s = (performance.now() - t0) / 1000;
      if (p.status !== 0)
        throw new Error(
          `${cmd} ${args.join(" ")} exited ${p.status}: ${p.stderr}`,
        );
      return s;
    };
    record(
      "cli_log_100000_s",
      median(
        [0, 1, 2].map(() =>
          time(process.execPath, [
            path.join(root, "build/cli/cli/main.js"),
            "log",
            csv,
          ]),
        ),
      ),
      "s",
    );
    record(
      "cli_log_100000_python_s",
      time("python3", [
        path.join(root, "tools/verify_sealed_run.py"),
        "--log",
        csv,
      ]),
      "s",
    );
    record(
      "chain_check_100000_chromium_ms",
      await chromiumChainCheck(root, entries, dir),
      "ms",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {};
}

/** The core's chain check (the one the Log view runs) in headless chromium, median of 3. */
async function chromiumChainCheck(root, entries, dir) {
  const require = createRequire(path.join(root, "package.json"));
  const { chromium } = require("playwright-core");
  const webpack = require("webpack");
  // The core alone, bundled for the browser as the taskpane bundles it.
  await new Promise((resolve, reject) =>
    webpack(
      {
        mode: "production",
        entry: path.join(root, "build/cli/core/index.js"),
        output: {
          path: dir,
          filename: "core.js",
          library: { name: "core", type: "var" },
        },
        target: "web",
      },
      (err, stats) =>
        err || stats.hasErrors()
          ? reject(err ?? new Error(stats.toString("errors-only")))
          : resolve(),
    ),
  );
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await browser.newPage();
    await page.addScriptTag({
      content: readFileSync(path.join(dir, "core.js"), "utf8"),
    });
    const times = await page.evaluate(async (log) => {
      const out = [];
      for (let rep = 0; rep < 3; rep++) {
        const t0 = performance.now();
        const r = await window.core.checkChain(log);
        out.push(performance.now() - t0);
        if (!r.intact) throw new Error("broken");
      }
      return out;
    }, entries);
    return median(times);
  } finally {
    await browser.close();
  }
}
