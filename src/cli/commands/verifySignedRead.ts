// The document of a file whose hash just verified (so it reads strictly).
import { readStrict, type SealedRun } from "../../core";
import { readSealedFile } from "../../node/files";

export function readStrictSeal(file: string): SealedRun {
  const r = readStrict(readSealedFile(file));
  if (!r.ok) throw new Error(`${file} no longer reads: ${r.error.message}`);
  return r.value as SealedRun;
}
