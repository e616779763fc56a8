// Governance for a CSV source (CONTRACT §4): docs/governance/POLICY_VERSION.txt and
// POLICY_BASELINE.md from the current folder; prompts from --prompt files or docs/prompts/.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { readBytes } from "./files";
import type { Governance } from "../core";

// ignoreBOM keeps a BOM as U+FEFF, so the text's UTF-8 bytes are the file's raw bytes (§4 hashes those).
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function readText(file: string, unreadable: string[]): string {
  if (!existsSync(file)) return "";
  try {
    return decoder.decode(readBytes(file));
  } catch {
    unreadable.push(file);
    return "";
  }
}

export function promptName(file: string): string {
  const base = path.basename(file);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}

export function readGovernanceFiles(
  cwd: string,
  promptFiles: string[],
): Governance {
  const unreadable: string[] = [];
  const gov = path.join(cwd, "docs", "governance");
  const policyVersion = readText(
    path.join(gov, "POLICY_VERSION.txt"),
    unreadable,
  ).trim();
  const baseline = readText(path.join(gov, "POLICY_BASELINE.md"), unreadable);
  let files = promptFiles.map((f) => path.resolve(cwd, f));
  if (files.length === 0) {
    const dir = path.join(cwd, "docs", "prompts");
    files = existsSync(dir)
      ? readdirSync(dir)
          .filter((n) => !n.startsWith("."))
          .map((n) => path.join(dir, n))
          .filter((f) => statSync(f).isFile())
          .sort()
      : [];
  }
  const prompts: Record<string, string> = {};
  for (const f of files) prompts[promptName(f)] = readText(f, unreadable);
  return {
    policyVersion,
    baseline,
    prompts,
    authorizedActors: null,
    unreadable: unreadable.map((f) => path.relative(cwd, f) || f),
  };
}
