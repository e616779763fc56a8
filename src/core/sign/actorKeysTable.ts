// The workbook's list of actors' keys: the table ActorKeysTable (sheet ACTOR_KEYS), one row per
// "I am <actor> and this is my key" registration. A row counts as listed only once the governance
// owner has set its Status to "approved"; "pending" rows wait for that, "revoked" rows are kept as
// history and never count. Pure: the office layer reads the cells, this decides what they say.
import { base64Decode } from "./bytes";
import { importPublicKey, keyIdOf, type ListedKey } from "./keys";

export const ACTOR_KEYS_SHEET = "ACTOR_KEYS";
export const ACTOR_KEYS_TABLE = "ActorKeysTable";
export const ACTOR_KEY_COLUMNS = [
  "Actor",
  "KeyId",
  "PublicKey",
  "Status",
  "RequestedAt",
  "ApprovedBy",
  "ApprovedAt",
] as const;
export type ActorKeyColumn = (typeof ACTOR_KEY_COLUMNS)[number];
/** Columns a row cannot be judged without; the others are the owner's record. */
export const REQUIRED_ACTOR_KEY_COLUMNS: readonly ActorKeyColumn[] = [
  "Actor",
  "KeyId",
  "PublicKey",
  "Status",
];
const REQUIRED = REQUIRED_ACTOR_KEY_COLUMNS;
export const ACTOR_KEY_STATUSES = ["pending", "approved", "revoked"] as const;
export type ActorKeyStatus = (typeof ACTOR_KEY_STATUSES)[number];

export interface ActorKeyRow {
  actor: string;
  keyId: string;
  spki: Uint8Array;
  status: ActorKeyStatus;
  approvedBy: string;
  approvedAt: string;
  /** `ACTOR_KEYS!A3`: the row's first cell. */
  cell: string;
}

export interface ActorKeysRead {
  /** Whether the table exists at all (a workbook without one lists no keys; that is no error). */
  exists: boolean;
  /** Approved rows, as listed keys (source: "the workbook's ActorKeysTable"). */
  keys: ListedKey[];
  /** Every well-formed row, whatever its status (the taskpane shows pending and revoked ones). */
  rows: ActorKeyRow[];
  /** Rows or columns that cannot be read, each naming its cell; such rows list nothing. */
  problems: string[];
}

/** A cell's value as text: cells hold strings, numbers and booleans; anything else reads as empty. */
function scalarText(v: unknown): string {
  if (typeof v === "string") return v;
  return typeof v === "number" || typeof v === "boolean" ? String(v) : "";
}

export const WORKBOOK_KEYS_SOURCE = "the workbook's ActorKeysTable";

/**
 * Reads the table's cells. `cellName(row, col)` names a body cell (0-based within the body and the
 * table's columns) for messages; `tableName` names the table when a column is missing.
 */
export async function readActorKeyRows(
  headers: readonly string[],
  rows: readonly (readonly unknown[])[],
  cellName: (row: number, col: number) => string,
  tableName = `${ACTOR_KEYS_TABLE} on ${ACTOR_KEYS_SHEET}`,
): Promise<ActorKeysRead> {
  const out: ActorKeysRead = {
    exists: true,
    keys: [],
    rows: [],
    problems: [],
  };
  const at = (name: string) =>
    headers.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase());
  const col = Object.fromEntries(
    ACTOR_KEY_COLUMNS.map((c) => [c, at(c)]),
  ) as Record<ActorKeyColumn, number>;
  const missing = REQUIRED.filter((c) => col[c] < 0);
  if (missing.length) {
    out.problems.push(
      `${tableName} has no column ${missing.join(", ")} (it needs ${REQUIRED.join(", ")}): no key in it is listed`,
    );
    return out;
  }
  const text = (r: readonly unknown[], c: ActorKeyColumn) =>
    col[c] < 0 ? "" : scalarText(r[col[c]]).trim();
  for (const [i, r] of rows.entries()) {
    if (r.every((v) => v === "" || v === null || v === undefined)) continue;
    const cell = (c: ActorKeyColumn) => cellName(i, col[c]);
    const bad = (c: ActorKeyColumn, why: string) => {
      out.problems.push(`${cell(c)}: ${why}; that row lists no key`);
    };
    const actor = text(r, "Actor");
    const statusText = text(r, "Status").toLowerCase();
    const claimedId = text(r, "KeyId").toLowerCase();
    if (!actor) {
      bad("Actor", "the actor is empty");
      continue;
    }
    const status = ACTOR_KEY_STATUSES.find((s) => s === statusText);
    if (!status) {
      bad(
        "Status",
        `the status ${JSON.stringify(text(r, "Status"))} is none of ${ACTOR_KEY_STATUSES.join(", ")}`,
      );
      continue;
    }
    const spki = base64Decode(text(r, "PublicKey").replace(/\s+/g, ""));
    if (!spki || spki.length === 0) {
      bad(
        "PublicKey",
        "the public key is not standard base64 (of the key's SubjectPublicKeyInfo)",
      );
      continue;
    }
    try {
      await importPublicKey(spki);
    } catch (e) {
      bad("PublicKey", (e as Error).message);
      continue;
    }
    const keyId = await keyIdOf(spki);
    if (claimedId !== keyId) {
      bad(
        "KeyId",
        `the key id ${JSON.stringify(claimedId)} is not the public key's (${keyId}, the SHA-256 of its SubjectPublicKeyInfo)`,
      );
      continue;
    }
    out.rows.push({
      actor,
      keyId,
      spki,
      status,
      approvedBy: text(r, "ApprovedBy"),
      approvedAt: text(r, "ApprovedAt"),
      cell: cellName(i, 0),
    });
    if (status === "approved")
      out.keys.push({ actor, spki, keyId, source: WORKBOOK_KEYS_SOURCE });
  }
  // A key approved for one actor and also for another is ambiguous: the verdict names both, so
  // it is said here too, where the owner can fix it.
  const owners = new Map<string, Set<string>>();
  for (const k of out.keys)
    owners.set(k.keyId, (owners.get(k.keyId) ?? new Set()).add(k.actor));
  for (const [keyId, actors] of owners)
    if (actors.size > 1)
      out.problems.push(
        `${tableName}: key ${keyId} is approved for ${[...actors].join(" and ")}; a key belongs to one person`,
      );
  return out;
}

/** No table: no keys listed, and no problem. */
export const NO_ACTOR_KEYS: ActorKeysRead = {
  exists: false,
  keys: [],
  rows: [],
  problems: [],
};

/** A row's RequestedAt: UTC to the second (`2026-02-16T09:30:00Z`), as Excel shows it whole. */
export function requestedAtText(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The cells of a new pending row, in ACTOR_KEY_COLUMNS order (`PublicKey` is base64 SPKI). */
export function pendingRow(
  actor: string,
  keyId: string,
  publicKeyBase64: string,
  requestedAt: string,
): Record<ActorKeyColumn, string> {
  return {
    Actor: actor.trim(),
    KeyId: keyId,
    PublicKey: publicKeyBase64,
    Status: "pending",
    RequestedAt: requestedAt,
    ApprovedBy: "",
    ApprovedAt: "",
  };
}
