// The chain check of a 100,000-entry PATCH_LOG against one pass of SHA-256 over its canonical bytes
// (issue 13), timed in a process of its own, as the CLI checks a log: bench.mjs's process holds
// every other figure's heap and entries of other shapes, which cost the check a fifth more there.
// Run by bench-audit.mjs as `node bench-chain.mjs ROOT`; prints its figures as JSON.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The bench log: one SEAL then nine PATCHes per run, chained with node:crypto. */
export function benchLog(root, count = 100_000) {
  const require = createRequire(path.join(root, "package.json"));
  const core = require(path.join(root, "build/cli/core/index.js"));
  const { nodeSha256 } = require(path.join(root, "build/cli/node/digest.js"));
  const entries = [];
  let head = "";
  for (let i = 0; i < count; i++) {
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
  return { core, nodeSha256, entries };
}

function measure(root) {
  const { core, nodeSha256, entries } = benchLog(root);
  const texts = entries.map(core.entryCanonicalText);
  const canonicalBytes = Buffer.from(texts.join(""), "utf8");
  const check = () => {
    const r = core.checkChainSync(entries);
    if (!r.intact)
      throw new Error(`bench chain broken: ${r.firstBreak?.message}`);
  };
  const times = { onePass: [], hashCalls: [], native: [], pure: [] };
  const time = (name, run) => {
    const t0 = performance.now();
    run();
    times[name].push(performance.now() - t0);
  };
  core.installSha256(nodeSha256); // as the CLI does
  // Interleaved, so that a slow moment of the machine falls on all three alike.
  for (let rep = 0; rep < 9; rep++) {
    time("onePass", () =>
      createHash("sha256").update(canonicalBytes).digest("hex"),
    );
    // The floor of any check that hashes each entry on its own: one native one-shot hash per
    // entry's canonical text, nothing else.
    time("hashCalls", () => texts.forEach(nodeSha256));
    time("native", check);
  }
  core.installSha256(null); // what runs where no native digest is installed
  for (let rep = 0; rep < 3; rep++) time("pure", check);
  const [onePass, hashCalls, native, pure] = Object.values(times).map(median);
  return {
    chain_check_100000_ms: native,
    chain_one_pass_sha256_ms: onePass,
    chain_check_vs_one_pass_ratio: native / onePass,
    chain_hash_calls_100000_ms: hashCalls,
    chain_hash_calls_vs_one_pass_ratio: hashCalls / onePass,
    chain_check_100000_pure_js_ms: pure,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href)
  process.stdout.write(JSON.stringify(measure(process.argv[2])));
