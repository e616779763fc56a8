// The sealed files in the folders the CLI seals into, and what the log must say about them. A
// `*.json` there is a seal only if it reads strictly and its hash verifies; anything else (a note,
// a half-copied file, a link) is skipped with a warning that names it, and seals nothing.
import { lstatSync, readdirSync } from "node:fs";
import path from "node:path";
import { verifyBytes, type KnownHead, type PriorSeal } from "../core";
import { readSealedFile, UnreadablePathError } from "./files";

export interface FolderSeal {
  /** Where it is, as messages name it (relative to the current folder). */
  where: string;
  dir: string;
  hash: string;
  runId: string;
  exportTimestamp: string;
  /** `reconstruction.patch_log_head`: the log entry that stood last when it was sealed. */
  head: string;
  /** `reconstruction.source.kind`: "csv" seals are logged in PATCH_LOG.csv beside them. */
  sourceKind: string;
}

export interface FolderScan {
  seals: FolderSeal[];
  warnings: string[];
}

const field = (o: unknown, ...keys: string[]): string => {
  let v: unknown = o;
  for (const k of keys)
    v =
      v && typeof v === "object"
        ? (v as Record<string, unknown>)[k]
        : undefined;
  return typeof v === "string" ? v : "";
};

/** Every verified seal in `dirs` (each folder once, missing folders skipped). */
export async function scanSealFolders(dirs: string[]): Promise<FolderScan> {
  const scan: FolderScan = { seals: [], warnings: [] };
  for (const dir of new Set(dirs.map((d) => path.resolve(d)))) {
    let names: string[];
    try {
      names = readdirSync(dir)
        .filter((n) => n.endsWith(".json"))
        .sort();
    } catch {
      continue; // no such folder yet: nothing sealed there
    }
    for (const name of names) {
      const file = path.join(dir, name);
      const where = path.relative(process.cwd(), file) || file;
      const skip = (why: string) =>
        scan.warnings.push(`${where} is not counted as a seal: ${why}`);
      if (!lstatSync(file).isFile()) {
        skip("it is not a regular file (a link or a folder)");
        continue;
      }
      let v;
      try {
        v = await verifyBytes(readSealedFile(file));
      } catch (e) {
        if (!(e instanceof UnreadablePathError)) throw e;
        skip(e.message);
        continue;
      }
      if (!v.valid) {
        skip(v.reason);
        continue;
      }
      const d = v.document;
      scan.seals.push({
        where,
        dir,
        hash: v.hash,
        runId: field(d, "meta", "run_id"),
        exportTimestamp: field(d, "meta", "export_timestamp"),
        head: field(d, "reconstruction", "patch_log_head"),
        sourceKind: field(d, "reconstruction", "source", "kind"),
      });
    }
  }
  return scan;
}

/** The CLI's part of not_already_sealed (CONTRACT §4): verified seals of this run. */
export function priorSealsOf(scan: FolderScan, runId: string): PriorSeal[] {
  return scan.seals
    .filter((s) => s.runId === runId)
    .map((s) => ({
      hash: s.hash,
      exportTimestamp: s.exportTimestamp,
      where: path.basename(s.where),
    }));
}

/**
 * What the log kept in `dir` must show of the seals made from a CSV beside it: each one's SEAL
 * entry, and the head it recorded (a deleted newest entry, or a cut tail, shows). Seals made
 * from a workbook are logged in that workbook, not here.
 */
export function headsToCheck(scan: FolderScan, dir: string): KnownHead[] {
  const here = path.resolve(dir);
  return scan.seals
    .filter((s) => s.dir === here && s.sourceKind === "csv")
    .map((s) => ({
      head: s.head,
      sealHash: s.hash,
      recordedBy: path.basename(s.where),
      mustBeLogged: true,
    }));
}
