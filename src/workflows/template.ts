// What the add-in offers when a workbook has no governance yet: GOVERNANCE and PROMPTS sheets
// with their tables, filled from a template the user then edits (CONTRACT §4).
import type { ExcelHost } from "../office/host";
import { writeText } from "../office/cells";
import {
  GOVERNANCE_SHEET,
  GOVERNANCE_TABLE,
  PROMPTS_SHEET,
  PROMPTS_TABLE,
} from "../office/names";
import { translateOfficeError } from "../office/errors";
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
      await ctx.sync();
    });
  } catch (e) {
    throw translateOfficeError(e, "Creating GOVERNANCE and PROMPTS");
  }
}
