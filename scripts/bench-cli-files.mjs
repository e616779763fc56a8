// Memory and time of the CLI on inputs far larger than a seal (npm run bench, imported by
// scripts/bench.mjs): exporting from a 200 MB CSV source (streamed: the figure must not grow with
// the file), against the same export from the 4-row sample in the same run; replaying a 4.7 MB
// file of 400,000 members; verifying /dev/zero (read no further than 5 MiB + 1 byte).
// Peak memory is the child's own, reported by a preloaded hook, so no `time` tool is needed.
import { spawnSync } from "node:child_process";
import {
  closeSync,
  cpSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";

const MB = 1024 * 1024;

/** Runs the built CLI in `cwd`; returns seconds and peak resident memory in MB. */
function measure(root, cwd, args, okCodes = [0]) {
  const rssFile = path.join(cwd, ".rss");
  const hook = path.join(cwd, ".rss-hook.cjs");
  // VmHWM (Linux) is this program's own peak: maxRSS keeps the peak of the process it was forked
  // from (the bench itself) across exec.
  writeFileSync(
    hook,
    `process.on("exit", () => {
      const fs = require("fs");
      let kb = process.resourceUsage().maxRSS;
      try { kb = Number(/VmHWM:\\s*(\\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))[1]); } catch {}
      fs.writeFileSync(${JSON.stringify(rssFile)}, String(kb));
    });\n`,
  );
  const t0 = performance.now();
  const p = spawnSync(
    process.execPath,
    ["--require", hook, path.join(root, "build/cli/cli/main.js"), ...args],
    {
      cwd,
      encoding: "utf8",
      env: { ...process.env, SOURCE_DATE_EPOCH: "1771200000" },
      maxBuffer: 64 * MB,
    },
  );
  const s = (performance.now() - t0) / 1000;
  if (!okCodes.includes(p.status))
    throw new Error(
      `sealed-run ${args.join(" ")} exited ${p.status}: ${p.stderr}`,
    );
  return { s, mb: Number(readFileSync(rssFile, "utf8")) / 1024 };
}

function workspace(root) {
  const ws = mkdtempSync(path.join(os.tmpdir(), "sealed-run-bench-files-"));
  for (const d of ["docs/governance", "docs/prompts"])
    cpSync(path.join(root, d), path.join(ws, d), { recursive: true });
  return ws;
}

/** A CSV of `bytes` bytes or a little more: the sample's rows, renumbered, repeated. */
function writeCsv(root, file, bytes) {
  const [header, ...rows] = readFileSync(
    path.join(root, "artifacts/sample_data/prompt_os_v2/llm_output.csv"),
    "utf8",
  )
    .split(/\r?\n/)
    .filter(Boolean);
  const fd = openSync(file, "w");
  writeSync(fd, header + "\r\n");
  let written = 0;
  let n = 0;
  while (written < bytes) {
    const lines = [];
    for (let k = 0; k < 5000; k++, n++)
      lines.push(
        rows[n % rows.length].replace(
          /^RUN-\d+/,
          `RUN-${String(n).padStart(8, "0")}`,
        ),
      );
    const chunk = lines.join("\r\n") + "\r\n";
    writeSync(fd, chunk);
    written += Buffer.byteLength(chunk);
  }
  closeSync(fd);
  return `RUN-${String(n - 1).padStart(8, "0")}`; // the last row: the whole file is read
}

export default async function benchCliFiles({ root, record }) {
  const ws = workspace(root);
  try {
    const small = path.join(ws, "small.csv");
    const smallLast = writeCsv(root, small, 1);
    const base = measure(root, ws, [
      "export",
      "--run-id",
      smallLast,
      "--source",
      "small.csv",
      "--out",
      "out/small.json",
    ]);
    record("csv_seal_sample_max_rss_mb", base.mb, "MB");

    const big = path.join(ws, "big.csv");
    const bigLast = writeCsv(root, big, 200 * MB);
    const r = measure(root, ws, [
      "export",
      "--run-id",
      bigLast,
      "--source",
      "big.csv",
      "--out",
      "out/big.json",
    ]);
    rmSync(big);
    record("csv_seal_200mb_max_rss_mb", r.mb, "MB");
    record("csv_seal_200mb_s", r.s, "s");
    record("csv_seal_200mb_rss_over_sample_ratio", r.mb / base.mb, "x");

    const members = [];
    for (let i = 0; i < 400_000; i++) members.push(`"k${i}":${i % 10}`);
    writeFileSync(
      path.join(ws, "many.json"),
      `{${members.join(",")},"hash":"sha256:${"0".repeat(64)}"}`,
    );
    const replay = measure(root, ws, ["replay", "--sealed", "many.json"], [1]);
    record("replay_400k_members_s", replay.s, "s");
    record("replay_400k_members_max_rss_mb", replay.mb, "MB");

    if (process.platform !== "win32") {
      const zero = measure(root, ws, ["verify", "/dev/zero"], [1]);
      record("verify_dev_zero_max_rss_mb", zero.mb, "MB");
    }
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
  return {};
}
