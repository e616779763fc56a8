// The sealed file a command was given: its bytes, or a plain account of why it cannot be read.
import { readSealedFile, UnreadablePathError } from "../node/files";
import type { Out } from "./output";

/**
 * The bytes of `file`; when it cannot be read (missing, a folder, too large), null after printing
 * why and giving `--json` the command's own result with an `error` member: the caller exits 2.
 */
export function readSealedInput(
  out: Out,
  file: string,
  result: Record<string, unknown>,
): Uint8Array | null {
  try {
    return readSealedFile(file);
  } catch (e) {
    if (!(e instanceof UnreadablePathError)) throw e;
    out.error(e.message);
    out.result({ ...result, error: e.message });
    return null;
  }
}
