// `sealed-run keygen --register BOOK.xlsx`: "I am <actor> and this is my key" as a pending row of
// the workbook's ActorKeysTable, through the very workflow the taskpane runs (registerActorKey over
// the workbook file store), saved as `export --source BOOK.xlsx` saves (xlsxSource.ts: under the
// workbook's lock, refused while it is open elsewhere or changed meanwhile, only the changed parts
// rewritten, atomically). A refusal writes nothing: the file keeps every byte.
import path from "node:path";
import { requestedAtText } from "../core/sign";
import { WorkbookError } from "../workflows";
import type { ReplaceOptions } from "./atomicReplace";
import { SourceError } from "./csvSource";
import { openWorkbookFile, saveEdited, withWorkbookLock } from "./xlsxSource";

export type RegisteredKey =
  | { kind: "added"; cell: string; requestedAt: string; warnings: string[] }
  /** The table lists this key id already (for `actor`): nothing was written. */
  | { kind: "exists"; cell: string; status: string; actor: string };

export interface KeyRegistration {
  actor: string;
  spki: Uint8Array;
  now?: () => Date;
  /** Fault injection in tests: called before each step of replacing the workbook. */
  replace?: ReplaceOptions;
}

/** How to add the table, said when a workbook has none. */
const ADD_TABLE =
  "add it with the add-in (Governance > Create governance template adds ACTOR_KEYS, and only what is missing), or copy ACTOR_KEYS from assets/SealedRun-Sample.xlsx: a table named ActorKeysTable with the columns Actor, KeyId, PublicKey, Status, RequestedAt, ApprovedBy, ApprovedAt";

export function registerKeyInWorkbookFile(
  file: string,
  req: KeyRegistration,
): Promise<RegisteredKey> {
  const command = `keygen --register ${path.basename(file)}`;
  return withWorkbookLock(file, command, async (locked) => {
    const wb = await openWorkbookFile(file, { runId: null });
    const at = req.now ? req.now() : new Date();
    let added;
    try {
      added = await wb.api.registerActorKey(req.actor, req.spki, () => at);
    } catch (e) {
      if (e instanceof WorkbookError)
        throw new SourceError(`${file}: ${e.message}`);
      throw e;
    }
    switch (added.kind) {
      case "no-table":
        throw new SourceError(
          `${file} has no ActorKeysTable (sheet ACTOR_KEYS) to register the key in: ${ADD_TABLE}. Nothing was written.`,
        );
      case "bad-table":
        throw new SourceError(
          `${file}: ${added.problem}. Nothing was written.`,
        );
      case "exists":
        return added;
    }
    await saveEdited(wb, locked, "the key was being registered", req.replace);
    return {
      kind: "added",
      cell: added.cell,
      requestedAt: requestedAtText(at),
      warnings: locked.tookOver,
    };
  });
}
