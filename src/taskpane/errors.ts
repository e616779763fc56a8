// WorkbookError messages are written for users and shown as they are; anything else is a fault the
// user cannot fix, said so plainly with its own message for the report.
import { WorkbookError } from "../workflows/api";

export function messageOf(e: unknown): string {
  if (
    e instanceof WorkbookError ||
    (e instanceof Error && e.name === "WorkbookError")
  )
    return e.message;
  const text = e instanceof Error ? e.message : String(e);
  return `Something went wrong in the add-in: ${text}`;
}
