// `export --sign-key`: the DSSE envelope written beside the sealed file (docs/SIGNING.md); from a
// workbook source it is also kept in the workbook beside the seal (xlsxSource.ts).
// It is not named in PATCH_LOG: the log's thirteen columns are fixed and every reader checks
// them, and a SEAL entry's Reason, Field and values are spoken for; the envelope's name follows
// from the entry's FileName (`<FileName>.intoto.json`).
import path from "node:path";
import { type SealedRun } from "../../core";
import {
  envelopeFileName,
  keyIdOf,
  signSeal,
  type Signer,
} from "../../core/sign";
import { OutputExistsError, writeExclusive } from "../../node/files";
import { EXIT } from "../output";

export type SignatureWritten =
  | { ok: true; file: string; keyId: string; line: string }
  | { ok: false; code: number };

export async function writeSignature(
  sealFile: string,
  doc: SealedRun,
  signer: Signer,
  undo: () => void = () => {},
  /** The envelope already made (and kept in the workbook): the same text is written beside. */
  made?: string,
): Promise<SignatureWritten> {
  const file = envelopeFileName(sealFile);
  const text = made ?? (await signSeal(doc, path.basename(sealFile), signer));
  try {
    writeExclusive(file, new TextEncoder().encode(text));
  } catch (e) {
    undo();
    if (e instanceof OutputExistsError) {
      process.stderr.write(
        `refused: ${file} already exists; an envelope is never overwritten\n`,
      );
      return { ok: false, code: EXIT.exists };
    }
    throw e;
  }
  const keyId = await keyIdOf(signer.spki);
  const rel = path.relative(process.cwd(), file) || file;
  return { ok: true, file, keyId, line: `${rel} by key ${keyId}` };
}
