// The auditor's figures (issue 13), imported by scripts/bench.mjs. The first six come from
// bench-chain.mjs, in a process of its own:
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
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { benchLog } from "./bench-chain.mjs";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function ({ root, record }) {
  const require = createRequire(path.join(root, "package.json"));
  const { formatLog } = require(
    path.join(root, "build/cli/node/patchLogCsv.js"),
  );

  const units = { ratio: "x", ms: "ms" };
  const chain = spawnSync(
    process.execPath,
    [path.join(root, "scripts/bench-chain.mjs"), root],
    { encoding: "utf8" },
  );
  if (chain.status !== 0)
    throw new Error(`bench-chain.mjs exited ${chain.status}: ${chain.stderr}`);
  for (const [name, value] of Object.entries(JSON.parse(chain.stdout)))
    record(name, value, units[name.split("_").pop()]);
  const { entries } = benchLog(root);

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
