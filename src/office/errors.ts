// Office.js errors, turned into messages a user can act on.
import { WorkbookError } from "./workbookError";

export function officeErrorCode(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null || !("code" in e)) return undefined;
  // Office.js codes are strings ("InvalidArgument"); a number is kept as its digits.
  return typeof e.code === "string"
    ? e.code
    : typeof e.code === "number"
      ? String(e.code)
      : undefined;
}

/** Excel on the web refuses a request, or a response, over 5 MB; a read over 5,000,000 cells too. */
export function isTooLarge(e: unknown): boolean {
  const code = officeErrorCode(e);
  return (
    code === "RequestPayloadSizeLimitExceeded" ||
    code === "ResponsePayloadSizeLimitExceeded" ||
    code === "RangeExceedsLimit"
  );
}

export function translateOfficeError(e: unknown, doing: string): Error {
  if (e instanceof WorkbookError) return e;
  const code = officeErrorCode(e);
  const location =
    typeof e === "object" && e !== null
      ? (e as { debugInfo?: { errorLocation?: string } }).debugInfo
          ?.errorLocation
      : undefined;
  if (location === "WorksheetProtection.unprotect") {
    // Protected with a password the add-in does not have: reported, never forced (CONTRACT §6).
    return new WorkbookError(
      `${doing}: the sheet PATCH_LOG is protected with a password. Unprotect it (Review > Unprotect Sheet), then try again. Nothing was changed.`,
      "log-protected",
      { cause: e },
    );
  }
  switch (code) {
    case "InvalidOperationInCellEditMode":
      return new WorkbookError(
        "A cell is being edited. Press Enter or Esc to finish editing, then try again.",
        "cell-edit",
        { cause: e },
      );
    case "RequestPayloadSizeLimitExceeded":
    case "ResponsePayloadSizeLimitExceeded":
    case "RangeExceedsLimit":
      return new WorkbookError(
        `${doing}: the request is larger than Excel allows (5 MB). Nothing was changed.`,
        "payload",
        { cause: e },
      );
    case "AccessDenied":
      return new WorkbookError(
        `${doing}: the sheet is protected and the add-in cannot write to it. Unprotect it, then try again.`,
        "log-protected",
        { cause: e },
      );
    default:
      return new WorkbookError(
        `${doing} failed in Excel${code ? ` (${code})` : ""}: ${(e as Error)?.message ?? String(e)}. Nothing was sealed.`,
        "office",
        { cause: e },
      );
  }
}
