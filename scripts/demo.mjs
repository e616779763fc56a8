// npm run demo: the product on its built-in sample, no Excel needed. Seals the first run of the
// sample CSV not sealed yet, replays the file, and checks it with the auditor's Python verifier.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "build/cli/cli/main.js");
const run = (cmd, args) => {
  console.log(
    `\n$ ${[cmd === process.execPath ? "sealed-run" : cmd, ...args.slice(cmd === process.execPath ? 1 : 0)].join(" ")}`,
  );
  return spawnSync(cmd, args, {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
};

const log = path.join(root, "artifacts/sealed_runs/PATCH_LOG.csv");
const sealed = existsSync(log) ? readFileSync(log, "utf8") : "";
const ids = Array.from(
  { length: 15 },
  (_, i) => `RUN-${String(i + 1).padStart(3, "0")}`,
);
const runId = ids.find((id) => !sealed.includes(`"SEAL","${id}"`));
if (!runId) {
  console.log(
    "Every sample run is sealed already; see artifacts/sealed_runs/ (delete it to start over).",
  );
  process.exit(0);
}
const exp = run(process.execPath, [cli, "export", "--run-id", runId, "--json"]);
if (exp.status !== 0) process.exit(exp.status ?? 1);
const { file } = JSON.parse(exp.stdout);
console.log(`sealed ${runId} → ${file}`);
const rep = run(process.execPath, [cli, "replay", "--sealed", file]);
process.stdout.write(rep.stdout);
const py = run("python3", ["tools/verify_sealed_run.py", file]);
process.stdout.write(
  py.stdout || "(python3 not found: skipped the Python verifier)\n",
);
process.exit(rep.status || (py.error ? 0 : py.status) || 0);
