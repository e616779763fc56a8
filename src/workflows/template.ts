/* eslint-disable office-addins/call-sync-before-read -- every proxy here is read after the `await ctx.sync()` that loads it; the rule does not follow a sync on a context named ctx inside a helper. The simulator enforces load-before-read at run time in the tests. */
// What the add-in offers when a workbook has no governance yet: GOVERNANCE and PROMPTS sheets
// with their tables, filled from a template the user then edits (CONTRACT §4), and the ACTOR_KEYS
// sheet whose ActorKeysTable lists actors' signing keys (docs/SIGNING.md), empty until someone
// registers a key. Each is added only where it is missing.
import type { ExcelHost } from "../office/host";
import { writeText } from "../office/cells";
import {
  GOVERNANCE_SHEET,
  GOVERNANCE_TABLE,
  PROMPTS_SHEET,
  PROMPTS_TABLE,
} from "../office/names";
import { translateOfficeError } from "../office/errors";
import {
  ACTOR_KEY_COLUMNS,
  ACTOR_KEYS_SHEET,
  ACTOR_KEYS_TABLE,
} from "../core/sign/actorKeysTable";
import { columnLetters } from "../office/cells";
import { snapshotOf } from "./context";

export const TEMPLATE_POLICY_VERSION = "1.0";
export const TEMPLATE_BASELINE =
  "# Sealing policy\n\nSealed runs are never overwritten. Corrections are PATCH entries in PATCH_LOG with a reason. " +
  "Replace this text with your organisation's policy baseline; its SHA-256 is recorded in every seal.";
export const TEMPLATE_PROMPT =
  "Replace this text with the prompt used in your triage sessions.";

export async function createGovernanceTemplateInWorkbook(
  host: ExcelHost,
): Promise<void> {
  const snap = await snapshotOf(host, { log: false });
  try {
    await host.run(async (ctx) => {
      const wb = ctx.workbook;
      const keys = wb.tables.getItemOrNullObject(ACTOR_KEYS_TABLE);
      keys.load("name");
      const keysSheet = wb.worksheets.getItemOrNullObject(ACTOR_KEYS_SHEET);
      keysSheet.load("name");
      await ctx.sync();
      if (!snap.hasGovernance) {
        const ws = wb.worksheets.add(GOVERNANCE_SHEET);
        writeText(ws.getRange("A1:B4"), [
          ["Key", "Value"],
          ["PolicyVersion", TEMPLATE_POLICY_VERSION],
          ["PolicyBaseline", TEMPLATE_BASELINE],
          ["AuthorizedActors", ""],
        ]);
        ws.tables.add(`${GOVERNANCE_SHEET}!A1:B4`, true).name =
          GOVERNANCE_TABLE;
      }
      if (!snap.hasPrompts) {
        const ws = wb.worksheets.add(PROMPTS_SHEET);
        writeText(ws.getRange("A1:B2"), [
          ["PromptName", "PromptText"],
          ["triage_prompt", TEMPLATE_PROMPT],
        ]);
        ws.tables.add(`${PROMPTS_SHEET}!A1:B2`, true).name = PROMPTS_TABLE;
      }
      // A sheet of that name that is someone else's is left alone: the keys are then not listed
      // in the workbook (verification says so), never written over another sheet.
      if (keys.isNullObject && keysSheet.isNullObject) {
        const ws = wb.worksheets.add(ACTOR_KEYS_SHEET);
        const last = columnLetters(ACTOR_KEY_COLUMNS.length - 1);
        writeText(ws.getRange(`A1:${last}1`), [[...ACTOR_KEY_COLUMNS]]);
        ws.tables.add(`${ACTOR_KEYS_SHEET}!A1:${last}1`, true).name =
          ACTOR_KEYS_TABLE;
      }
      await ctx.sync();
    });
  } catch (e) {
    throw translateOfficeError(e, "Creating GOVERNANCE and PROMPTS");
  }
}
