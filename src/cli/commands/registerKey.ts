// `keygen --register BOOK.xlsx --actor NAME` (with --out: a new key; with --public-key KEY.pub.pem:
// a key one has): its checks and its report. The writing is src/node/registerKeyFile.ts.
import { existsSync } from "node:fs";
import {
  importPublicKey,
  keyIdOf,
  pkcs8FromPem,
  spkiFromPem,
} from "../../core/sign";
import { readTextFile, UnreadablePathError } from "../../node/files";
import { SourceError } from "../../node/csvSource";
import { registerKeyInWorkbookFile } from "../../node/registerKeyFile";
import { foreignSpreadsheetKind } from "../../node/xlsxSource";
import { UsageError } from "../args";
import { EXIT, said, type Out } from "../output";
import { now } from "./exportDefaults";

/** What can be told before a key is made or a workbook opened: nothing is written when it fails. */
export function checkRegistration(
  book: string,
  actor: string | undefined,
): void {
  if (!actor?.trim())
    throw new UsageError(
      "--register needs --actor NAME: the name you seal as, which the row lists the key for",
    );
  const foreign = foreignSpreadsheetKind(book);
  if (foreign) throw new SourceError(foreign);
  if (!existsSync(book))
    throw new UnreadablePathError(`cannot read ${book}: no such file`);
}

/** The SubjectPublicKeyInfo in a PEM "PUBLIC KEY" file (keygen's KEY.pub.pem), checked to be P-256. */
export async function readPublicKey(file: string): Promise<Uint8Array> {
  const text = readTextFile(file, "the public key");
  const spki = spkiFromPem(text);
  if (!spki)
    throw new UsageError(
      pkcs8FromPem(text)
        ? `${file} is a private key: give its public half (keygen wrote it beside it as .pub.pem); a private key never goes into a workbook`
        : `${file} holds no PEM "PUBLIC KEY" block (SubjectPublicKeyInfo); keygen writes one as KEY.pub.pem`,
    );
  try {
    await importPublicKey(spki);
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
  return spki;
}

export interface Registering {
  /** The key keygen has just made (its files), reported beside the row. */
  created?: { private_key: string; public_key: string; key_id: string };
  /** Called when the workbook refuses the key, before the refusal is said. */
  onRefused?: () => void;
}

/** Registers `spki` for `actor` in `book` and says what happened; the exit code. */
export async function registerKey(
  out: Out,
  book: string,
  actor: string,
  spki: Uint8Array,
  how: Registering,
): Promise<number> {
  const keyId = await keyIdOf(spki);
  const r = await registerKeyInWorkbookFile(book, { actor, spki, now });
  if (r.kind === "exists") {
    how.onRefused?.();
    const whose =
      r.actor === actor.trim()
        ? `for ${r.actor}`
        : `for ${r.actor}, not ${actor.trim()}: a key belongs to one person (make a new one with keygen --out)`;
    out.error(
      `refused: ${book}'s ActorKeysTable lists key ${keyId} already (${r.cell}, ${r.status}) ${whose}; nothing was written${how.created ? " (the new key was removed again)" : ""}`,
    );
    out.result({
      ...(how.created ? { created: false } : {}),
      registered: false,
      reason: "key listed",
      workbook: book,
      key_id: keyId,
      listed: { cell: r.cell, actor: r.actor, status: r.status },
    });
    return EXIT.refused;
  }
  r.warnings.forEach(out.warn);
  if (!how.created) out.line(`key id      ${keyId}`);
  out.line(
    `${r.cell} of ${book}: key ${keyId} for ${actor.trim()}, pending (requested ${r.requestedAt})`,
  );
  out.line(
    "the governance owner approves it by setting its Status to approved (docs/SIGNING.md)",
  );
  out.result({
    ...(how.created ? { created: true, ...how.created } : {}),
    registered: true,
    workbook: book,
    cell: r.cell,
    actor: actor.trim(),
    key_id: keyId,
    status: "pending",
    requested_at: r.requestedAt,
    ...said(out.warnings),
  });
  return EXIT.ok;
}
