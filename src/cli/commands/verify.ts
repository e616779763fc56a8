// `sealed-run verify FILE|DIR|GLOB…`: the §2 hash check on every file, one line each.
import { statSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { verifyHashOnly } from "../../core";
import { parse, UsageError } from "../args";
import { EXIT, makeOut } from "../output";
import { readBytes, UnreadablePathError } from "../../node/files";

interface Target {
  file: string;
  unreadable?: string;
}

/**
 * Expand arguments: a folder gives its *.json files (recursively; signature envelopes
 * `*.intoto.json` beside them are not seals), a glob its matches, a file itself.
 */
export function expandTargets(args: string[]): Target[] {
  const targets: Target[] = [];
  for (const arg of args) {
    let st;
    try {
      st = statSync(arg);
    } catch {
      st = null;
    }
    if (st?.isDirectory()) {
      const files = fg
        .sync("**/*.json", {
          cwd: arg,
          onlyFiles: true,
          dot: false,
          ignore: ["**/*.intoto.json"],
        })
        .sort();
      for (const f of files) targets.push({ file: path.join(arg, f) });
    } else if (st) {
      targets.push({ file: arg });
    } else if (fg.isDynamicPattern(arg)) {
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
  const { values, positionals } = parse(argv, {}, true);
  const out = makeOut(!!values.json);
  if (positionals.length === 0)
    throw new UsageError("verify needs at least one FILE, DIR or GLOB");
  const targets = expandTargets(positionals);
  const showProgress =
    !out.json && process.stderr.isTTY && targets.length > 200;
  const results: Array<{
    file: string;
    status: "valid" | "invalid" | "unreadable";
    hash?: string;
    reason?: string;
  }> = [];
  let last = 0;
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    if (t.unreadable) {
      results.push({
        file: t.file,
        status: "unreadable",
        reason: t.unreadable,
      });
    } else {
      try {
        const v = await verifyHashOnly(readBytes(t.file));
        results.push(
          v.valid
            ? { file: t.file, status: "valid", hash: v.hash }
            : { file: t.file, status: "invalid", reason: v.reason },
        );
      } catch (e) {
        if (!(e instanceof UnreadablePathError)) throw e;
        results.push({ file: t.file, status: "unreadable", reason: e.message });
      }
    }
    const r = results[results.length - 1];
    if (showProgress) process.stderr.write("\r\x1b[K");
    out.line(
      r.status === "valid"
        ? `OK    ${r.file}  ${r.hash}`
        : `${r.status === "invalid" ? "FAIL " : "ERROR"} ${r.file}: ${r.reason}`,
    );
    if (showProgress && (Date.now() - last > 100 || i === targets.length - 1)) {
      last = Date.now();
      process.stderr.write(`verifying ${i + 1}/${targets.length}`);
    }
  }
  if (showProgress) process.stderr.write("\r\x1b[K");
  const count = (s: string) => results.filter((r) => r.status === s).length;
  const summary = {
    valid: count("valid"),
    invalid: count("invalid"),
    unreadable: count("unreadable"),
  };
  if (results.length > 1)
    out.line(
      `${summary.valid} valid, ${summary.invalid} invalid, ${summary.unreadable} unreadable`,
    );
  out.result({ results, summary });
  return summary.unreadable
    ? EXIT.usage
    : summary.invalid
      ? EXIT.refused
      : EXIT.ok;
}
