// `sealed-run verify FILE|DIR|GLOB…`: the §2 hash check on every file, one line each.
import { statSync } from "node:fs";
import path from "node:path";
import { parse, UsageError } from "../args";
import { EXIT, makeOut } from "../output";
import { verifyInOrder } from "../../node/verifyPool";
import { listSealedFiles } from "../../node/listSealedFiles";

interface Target {
  file: string;
  unreadable?: string;
}

/**
 * Expand arguments: a folder gives its *.json files (recursively; signature envelopes
 * `*.intoto.json` beside them are not seals), a glob its matches, a file itself. fast-glob loads
 * only for a glob.
 */
export async function expandTargets(args: string[]): Promise<Target[]> {
  const targets: Target[] = [];
  let fg: typeof import("fast-glob") | undefined;
  for (const arg of args) {
    let st;
    try {
      st = statSync(arg);
    } catch {
      st = null;
    }
    if (st?.isDirectory()) {
      for (const f of listSealedFiles(arg))
        targets.push({ file: path.join(arg, f) });
    } else if (st) {
      targets.push({ file: arg });
    } else if (
      (fg ??= (await import("fast-glob")).default).isDynamicPattern(arg)
    ) {
      const files = fg.sync(arg, { onlyFiles: true }).sort();
      if (files.length === 0)
        targets.push({ file: arg, unreadable: `no file matches ${arg}` });
      for (const f of files) targets.push({ file: f });
    } else {
      targets.push({
        file: arg,
        unreadable: `cannot read ${arg}: no such file`,
      });
    }
  }
  return targets;
}

export async function verifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { "trusted-keys": { type: "string" }, governance: { type: "string" } },
    true,
  );
  const out = makeOut(!!values.json);
  if (positionals.length === 0)
    throw new UsageError("verify needs at least one FILE, DIR or GLOB");
  const targets = await expandTargets(positionals);
  if (values["trusted-keys"])
    // Signature checks (and the core they need) load only when asked for.
    return (await import("./verifySigned")).verifySigned(
      targets,
      out,
      values["trusted-keys"],
      values.governance,
    );
  // Signatures are checked only against keys the auditor holds (verify's fast path reads no
  // envelope); `replay` reports them against the governance too.
  if (values.governance)
    throw new UsageError(
      "--governance goes with --trusted-keys (or use replay --sealed FILE --governance BOOK.xlsx)",
    );
  const showProgress =
    !out.json && process.stderr.isTTY && targets.length > 200;
  const summary = { valid: 0, invalid: 0, unreadable: 0 };
  // Results are written as they come (in order) and not kept: memory stays flat however many
  // files there are, and --json streams one document.
  if (out.json) process.stdout.write('{\n  "results": [');
  let last = 0;
  // One write per batch of lines, not per file: 10,000 writes cost more than the hashing.
  let pending = "";
  const emit = (text: string) => {
    pending += text;
    if (pending.length > 1 << 16) flush();
  };
  const flush = () => {
    if (showProgress) process.stderr.write("\r\x1b[K");
    if (pending) process.stdout.write(pending);
    pending = "";
  };
  await verifyInOrder(
    targets.map((t) => (t.unreadable ? null : t.file)),
    (i, v) => {
      const t = targets[i];
      const r: {
        file: string;
        status: "valid" | "invalid" | "unreadable";
        hash?: string;
        reason?: string;
      } =
        v === null
          ? { file: t.file, status: "unreadable", reason: t.unreadable }
          : v.status === "valid"
            ? { file: t.file, status: "valid", hash: v.hash }
            : { file: t.file, status: v.status, reason: v.reason };
      summary[r.status]++;
      if (out.json) emit((i ? "," : "") + "\n    " + JSON.stringify(r));
      else
        emit(
          (r.status === "valid"
            ? `OK    ${r.file}  ${r.hash}`
            : `${r.status === "invalid" ? "FAIL " : "ERROR"} ${r.file}: ${r.reason}`) +
            "\n",
        );
      if (
        showProgress &&
        (Date.now() - last > 100 || i === targets.length - 1)
      ) {
        last = Date.now();
        flush();
        process.stderr.write(`\r\x1b[Kverifying ${i + 1}/${targets.length}`);
      }
    },
  );
  flush();
  if (showProgress) process.stderr.write("\r\x1b[K");
  if (targets.length > 1)
    out.line(
      `${summary.valid} valid, ${summary.invalid} invalid, ${summary.unreadable} unreadable`,
    );
  if (out.json)
    process.stdout.write(
      `${targets.length ? "\n  " : ""}],\n  "summary": ${JSON.stringify(summary)}\n}\n`,
    );
  return summary.unreadable
    ? EXIT.usage
    : summary.invalid
      ? EXIT.refused
      : EXIT.ok;
}
