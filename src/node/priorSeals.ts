// The CLI's part of not_already_sealed (CONTRACT §4): any *.json in the sealed-runs folders whose
// meta.run_id is this run counts as a seal, whether or not the log knows it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { KnownHead, PriorSeal } from "../core";

export function findPriorSeals(dirs: string[], runId: string): PriorSeal[] {
  const found: PriorSeal[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (!name.endsWith(".json")) continue;
      try {
        const text = readFileSync(path.join(dir, name), "utf8");
        if (!text.includes(runId)) continue;
        const doc = JSON.parse(text);
        if (doc?.meta?.run_id === runId) {
          found.push({
            hash: String(doc.hash ?? ""),
            exportTimestamp: String(doc.meta.export_timestamp ?? ""),
            where: name,
          });
        }
      } catch {
        // Not a sealed document (or not JSON): it seals nothing.
      }
    }
  }
  return found;
}

/** The `patch_log_head` each sealed file in `dir` recorded: a log cut below one of them shows. */
export function sealHeads(dir: string): KnownHead[] {
  if (!existsSync(dir)) return [];
  const heads: KnownHead[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".json")) continue;
    try {
      const head = JSON.parse(readFileSync(path.join(dir, name), "utf8"))
        ?.reconstruction?.patch_log_head;
      if (typeof head === "string" && head)
        heads.push({ head, recordedBy: name });
    } catch {
      // Not a sealed document: it records no head.
    }
  }
  return heads;
}
