// Saving the workbook after a write (Workbook.save, ExcelApi 1.11), in its own Excel.run once the
// writes have synced. A save can fail on its own (the default name already taken on Mac,
// OfficeDev/office-js#3875; a Save As prompt, #1956; a file locked or offline): what was written
// stays written, so a failed save is a warning to save by hand, never a refusal of the write.
// Evidence and the simulator's rule: packages/excel-simulator/README.md, rule 11.
import type { ExcelHost } from "./host";
import { officeErrorCode } from "./errors";

export interface SaveResult {
  saved: boolean;
  /** Why the workbook is not saved (no Workbook.save here, or the save failed). */
  problem?: string;
}

export const NO_SAVE_API = "this version of Excel cannot save from an add-in";

export async function saveWorkbook(host: ExcelHost): Promise<SaveResult> {
  if (!host.supports("ExcelApi", "1.11"))
    return { saved: false, problem: NO_SAVE_API };
  try {
    await host.run(async (ctx) => {
      ctx.workbook.save("Save" as Excel.SaveBehavior);
      await ctx.sync();
    });
    return { saved: true };
  } catch (e) {
    const code = officeErrorCode(e);
    const message = (e as Error)?.message ?? String(e);
    return {
      saved: false,
      problem: `Excel could not save it${code ? ` (${code})` : ""}: ${message}`,
    };
  }
}

/** The warning for a write that stands but is not saved yet: `what` is "Sealed and logged" etc. */
export function unsavedWarning(what: string, save: SaveResult): string[] {
  return save.saved
    ? []
    : [
        `${what}; the workbook is not saved yet (${save.problem}). Save it now (Ctrl+S or ⌘S) to keep it.`,
      ];
}
