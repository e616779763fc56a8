// The error a user must act on (no such sheet, selection on the header, a protected log, ...).
// It lives here, in the lowest layer that raises it: the Office.js adapter throws it when the
// workbook is not as the add-in needs it, the workflows above throw it for their own refusals,
// and the shells show `message` as-is (re-exported by src/workflows/api.ts).
export type WorkbookErrorCode =
  | "no-sheet"
  | "no-table"
  | "selection"
  | "cell-edit"
  | "log-layout"
  | "log-protected"
  | "payload"
  | "too-long"
  | "no-seal"
  | "bad-patch"
  | "signature"
  | "office";

export class WorkbookError extends Error {
  constructor(
    message: string,
    readonly code: WorkbookErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "WorkbookError";
  }
}
