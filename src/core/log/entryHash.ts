// The EntryHash of a PATCH_LOG entry (CONTRACT §6): SHA-256 of the JCS text of its twelve other
// cells, built here without a general canonicalizer because the members never change.
import { isWellFormedString } from "../json/canonical";
import { sha256HexOfText } from "../sha256";
import { installedSha256 } from "../hash";
import type { PatchLogEntry } from "../types";

// eslint-disable-next-line no-control-regex -- control characters are exactly what JCS escapes
const PLAIN = /^[^\u0000-\u001f"\\\ud800-\udfff]*$/;

export class LoneSurrogateError extends Error {}

function jcsString(s: string, column: string): string {
  if (PLAIN.test(s)) return '"' + s + '"';
  if (!isWellFormedString(s))
    throw new LoneSurrogateError(`${column} holds a lone surrogate`);
  return JSON.stringify(s); // JCS escapes as JSON.stringify does (RFC 8785 §3.2.2.2)
}

/**
 * The JCS text an EntryHash covers. An entry always has the same twelve string members, so their
 * order (UTF-16 code units, as JCS sorts) is fixed here once instead of sorting per entry:
 * Action, Actor, EntryID, Field, FileName, NewValue, OldValue, PrevEntryHash, Reason, RunID,
 * SealHash, Timestamp. test/core/log/entryCanonical checks it against canonicalize().
 */
export function entryCanonicalText(e: PatchLogEntry): string {
  // Most logs hold nothing to escape: one test over all twelve values, then plain quoting.
  if (
    PLAIN.test(
      e.Action +
        e.Actor +
        e.EntryID +
        e.Field +
        e.FileName +
        e.NewValue +
        e.OldValue +
        e.PrevEntryHash +
        e.Reason +
        e.RunID +
        e.SealHash +
        e.Timestamp,
    )
  )
    return (
      '{"Action":"' +
      e.Action +
      '","Actor":"' +
      e.Actor +
      '","EntryID":"' +
      e.EntryID +
      '","Field":"' +
      e.Field +
      '","FileName":"' +
      e.FileName +
      '","NewValue":"' +
      e.NewValue +
      '","OldValue":"' +
      e.OldValue +
      '","PrevEntryHash":"' +
      e.PrevEntryHash +
      '","Reason":"' +
      e.Reason +
      '","RunID":"' +
      e.RunID +
      '","SealHash":"' +
      e.SealHash +
      '","Timestamp":"' +
      e.Timestamp +
      '"}'
    );
  return (
    '{"Action":' +
    jcsString(e.Action, "Action") +
    ',"Actor":' +
    jcsString(e.Actor, "Actor") +
    ',"EntryID":' +
    jcsString(e.EntryID, "EntryID") +
    ',"Field":' +
    jcsString(e.Field, "Field") +
    ',"FileName":' +
    jcsString(e.FileName, "FileName") +
    ',"NewValue":' +
    jcsString(e.NewValue, "NewValue") +
    ',"OldValue":' +
    jcsString(e.OldValue, "OldValue") +
    ',"PrevEntryHash":' +
    jcsString(e.PrevEntryHash, "PrevEntryHash") +
    ',"Reason":' +
    jcsString(e.Reason, "Reason") +
    ',"RunID":' +
    jcsString(e.RunID, "RunID") +
    ',"SealHash":' +
    jcsString(e.SealHash, "SealHash") +
    ',"Timestamp":' +
    jcsString(e.Timestamp, "Timestamp") +
    "}"
  );
}

/**
 * The twelve cells put between quotes as they are, unescaped: the JCS text itself when no cell
 * holds a quote, a backslash, a control character or a lone surrogate. The chain check hashes this
 * first and escapes only when it must, which saves a pass over every entry. It is exact: if this
 * text holds no backslash and no lone surrogate and hashes to the EntryHash, it is a JCS text (no
 * collision: a well-formed string has exactly one UTF-8 form), so no cell holds a quote (it would
 * add a 49th quote that no JCS text of twelve such cells has) or a control character (JCS never
 * writes one raw), and it is this entry's JCS text. A backslash or lone surrogate anywhere (a
 * newline edited into a literal "\n", a U+FFFD into a lone surrogate that UTF-8 encoding turns
 * back into U+FFFD) sends the entry to the escaping path. Paired surrogates are written raw by JCS
 * and encode exactly, so they stay on this path.
 */
export function entryPlainText(e: PatchLogEntry): string {
  return `{"Action":"${e.Action}","Actor":"${e.Actor}","EntryID":"${e.EntryID}","Field":"${e.Field}","FileName":"${e.FileName}","NewValue":"${e.NewValue}","OldValue":"${e.OldValue}","PrevEntryHash":"${e.PrevEntryHash}","Reason":"${e.Reason}","RunID":"${e.RunID}","SealHash":"${e.SealHash}","Timestamp":"${e.Timestamp}"}`;
}

/** SHA-256 hex of a text's UTF-8 bytes. */
export type TextDigest = (text: string) => string;

/** The native digest a shell installed (node:crypto in the CLI), else the core's pure JS one. */
export function defaultDigest(): TextDigest {
  return installedSha256() ?? sha256HexOfText;
}

export function entryHashSync(
  entry: PatchLogEntry,
  digest: TextDigest = defaultDigest(),
): string {
  return "sha256:" + digest(entryCanonicalText(entry));
}

/** entryHashSync as a promise (a lone surrogate rejects it, as an async function would). */
export function computeEntryHash(entry: PatchLogEntry): Promise<string> {
  return new Promise((resolve) => resolve(entryHashSync(entry)));
}
