// npm run bench: prints each figure and writes them to bench-results.json ({"name": number}).
// Runs on the built CLI (npm run build:cli), so it measures what users run.
import { execFileSync, spawnSync } from "node:child_process";
import {
  mkdtempSync,
  rmSync,
  writeFileSync,
  readFileSync,
  existsSync,
  readdirSync,
} from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import referenceCanonicalize from "canonicalize";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
if (!existsSync(path.join(root, "build/cli/core/index.js")))
  execFileSync("npm", ["run", "build:cli"], { cwd: root, stdio: "inherit" });
const core = require(path.join(root, "build/cli/core/index.js"));
const results = {};
const record = (name, value, unit) => {
  results[name] = Number(value.toFixed(3));
  console.log(`${name.padEnd(40)} ${results[name]} ${unit}`);
};

const headers = [...core.USED_COLUMNS];
const governance = {
  policyVersion: "2026.02",
  baseline: readFileSync(
    path.join(root, "docs/governance/POLICY_BASELINE.md"),
    "utf8",
  ),
  prompts: {
    triage_prompt: readFileSync(
      path.join(root, "docs/prompts/triage_prompt.md"),
      "utf8",
    ),
  },
  authorizedActors: null,
  unreadable: [],
};
function request(i) {
  const id = `RUN-${String(i).padStart(6, "0")}`;
  const values = [
    id,
    "2026-02-15",
    "J. Rivera",
    "gpt-4o",
    "Budget reversal; Legacy API consumer discovered; Assumption staleness",
    "Validate ERP vendor SSO; Re-check hiring freeze; Test v2 parity",
    "Update CLM-003 confidence",
    String(50 + (i % 50)),
    "2026-02-22",
  ];
  return {
    runId: id,
    lookup: { check: "run_id_valid", triggered: false, detail: "" },
    source: core.pickSource({
      kind: "csv",
      location: `bench.csv#row=${i + 2}`,
      headers,
      values,
    }),
    tableHeaders: headers,
    governance,
    actor: "bench",
    role: "operator",
    scope: { workbook: "bench.csv", sheet: "", table: "" },
    log: null,
    exportTimestamp: "2026-02-15T18:30:00Z",
  };
}

// 1. Core: seal and verify documents per second, with node:crypto's SHA-256 installed as the CLI
// installs it, and with Web Crypto's (the taskpane's path).
const sealVerifyRate = async () => {
  const n = 2000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const r = await core.sealRun(request(i));
    const v = await core.verifyBytes(r.bytes);
    if (!r.sealed || !v.valid) throw new Error("bench seal did not verify");
  }
  return n / ((performance.now() - t0) / 1000);
};
{
  core.installSha256(
    require(path.join(root, "build/cli/node/digest.js")).nodeSha256,
  );
  record("seal_verify_docs_per_s", await sealVerifyRate(), "docs/s");
  core.installSha256(null);
  record("seal_verify_docs_per_s_webcrypto", await sealVerifyRate(), "docs/s");
}

// 2. Canonical form: our bytes per second over the `canonicalize` package's, same documents.
{
  const docs = [];
  for (let i = 0; i < 300; i++)
    docs.push(JSON.parse((await core.sealRun(request(i))).text));
  const time = (fn) => {
    let bytes = 0;
    const t0 = performance.now();
    for (let rep = 0; rep < 20; rep++)
      for (const d of docs) bytes += fn(d).length;
    return bytes / (performance.now() - t0);
  };
  for (const d of docs)
    if (core.canonicalize(d) !== referenceCanonicalize(d))
      throw new Error("canonical forms differ");
  time(core.canonicalize);
  time(referenceCanonicalize); // warm both
  record(
    "canon_vs_canonicalize_ratio",
    time(core.canonicalize) / time(referenceCanonicalize),
    "x",
  );
}

// 3. CLI: wall time of one `verify` over 10,000 sealed files, against sha256sum over the same files
// (the floor issue 13 measures verify against), each run three times in turn, medians compared.
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const wall = (cmd, args) => {
  const t0 = performance.now();
  const p = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20 });
  const s = (performance.now() - t0) / 1000;
  if (p.status !== 0)
    throw new Error(
      `${cmd} ${args.slice(0, 2).join(" ")} exited ${p.status}: ${p.stderr}`,
    );
  return s;
};
{
  const dir = mkdtempSync(path.join(os.tmpdir(), "sealed-run-bench-"));
  try {
    for (let i = 0; i < 10000; i++) {
      const r = await core.sealRun(request(i));
      writeFileSync(
        path.join(dir, r.fileName.replace(".json", `_${i}.json`)),
        r.bytes,
      );
    }
    const files = readdirSync(dir).map((f) => path.join(dir, f));
    const mine = [];
    const floor = [];
    for (let rep = 0; rep < 3; rep++) {
      mine.push(
        wall(process.execPath, [
          path.join(root, "build/cli/cli/main.js"),
          "verify",
          dir,
        ]),
      );
      floor.push(wall("sha256sum", files));
    }
    record("cli_verify_10000_files_s", median(mine), "s");
    record("sha256sum_10000_files_s", median(floor), "s");
    record("cli_verify_vs_sha256sum_ratio", median(mine) / median(floor), "x");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// 4. CLI start-up: `sealed-run --help` against a bare `node -e 0`, medians of five.
{
  const help = [];
  const bare = [];
  for (let rep = 0; rep < 5; rep++) {
    help.push(
      wall(process.execPath, [
        path.join(root, "build/cli/cli/main.js"),
        "--help",
      ]),
    );
    bare.push(wall(process.execPath, ["-e", "0"]));
  }
  record("cli_help_start_s", median(help), "s");
  record("node_bare_start_s", median(bare), "s");
}

// Workbook layer and taskpane figures come from their own modules when present.
for (const extra of [
  "bench-workbook.mjs",
  "bench-xlsx.mjs",
  "bench-taskpane.mjs",
  "bench-cli-files.mjs",
  "bench-audit.mjs",
]) {
  const file = path.join(root, "scripts", extra);
  if (existsSync(file))
    Object.assign(
      results,
      await (await import(file)).default({ root, record }),
    );
}

writeFileSync(
  path.join(root, "bench-results.json"),
  JSON.stringify(results, null, 2) + "\n",
);
console.log("wrote bench-results.json");
