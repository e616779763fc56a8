// Who is sealing (CONTRACT §4: the add-in has no default actor; it asks once and remembers it on
// this machine). Where it is remembered matters in Office: browsers partition web storage by the
// top-level site, so the task pane's localStorage in Excel on the web is not the one a plain page
// of the add-in sees, and Office's docs ask add-ins to key localStorage by Office.context.partitionKey
// (undefined where the webview does not partition). In the shared runtime (our manifest requires
// SharedRuntime 1.1) OfficeRuntime.storage is the add-in's own persistent store: used first.
// Evidence: packages/excel-simulator/README.md, rule 16. Storage can be unavailable (private windows,
// locked-down webviews): then the actor lives only as long as the runtime.
import type { Actor } from "../workflows/api";

export const ACTOR_STORAGE_KEY = "sealed-run.actor";

interface AsyncStore {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
}

/** OfficeRuntime.storage (SharedRuntime 1.1), when this runtime has it. */
function officeRuntimeStorage(): AsyncStore | null {
  try {
    const rt = (globalThis as { OfficeRuntime?: { storage?: AsyncStore } })
      .OfficeRuntime;
    return rt?.storage && typeof rt.storage.getItem === "function"
      ? rt.storage
      : null;
  } catch {
    return null;
  }
}

/** Office.context.partitionKey: a prefix for localStorage keys where Office partitions storage. */
function partitionKey(): string {
  try {
    const key =
      typeof Office === "undefined" ? undefined : Office.context?.partitionKey;
    return typeof key === "string" ? key : "";
  } catch {
    return "";
  }
}

function local(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

const localKey = () => partitionKey() + ACTOR_STORAGE_KEY;

function parseActor(raw: string | null | undefined): Actor | null {
  try {
    if (!raw) return null;
    const v = JSON.parse(raw) as unknown;
    if (!v || typeof v !== "object") return null;
    const { name, role } = v as Record<string, unknown>;
    if (
      typeof name !== "string" ||
      typeof role !== "string" ||
      !name.trim() ||
      !role.trim()
    )
      return null;
    return { name: name.trim(), role: role.trim() };
  } catch {
    return null;
  }
}

/** What this runtime knows (read from storage by loadActorAsync, or set by saveActor). */
let known: Actor | null | undefined;

/** The remembered actor, from the storage that survives Office's partitioning; null when none. */
export async function loadActorAsync(): Promise<Actor | null> {
  if (known !== undefined) return known;
  const rt = officeRuntimeStorage();
  let actor: Actor | null = null;
  if (rt) {
    try {
      actor = parseActor(await rt.getItem(ACTOR_STORAGE_KEY));
    } catch {
      actor = null;
    }
  }
  actor ??= parseActor(local()?.getItem(localKey()));
  // Set meanwhile by saveActor: the newer answer wins.
  if (known === undefined) known = actor;
  return known;
}

/** The remembered actor without waiting (the task pane mounts after loadActorAsync has run). */
export function loadActor(): Actor | null {
  if (known !== undefined) return known;
  return parseActor(local()?.getItem(localKey()));
}

export function saveActor(actor: Actor): void {
  const clean = { name: actor.name.trim(), role: actor.role.trim() };
  // Once storage was read, this runtime's answer follows the user's (before, storage is the answer).
  if (known !== undefined) known = clean;
  const text = JSON.stringify(clean);
  try {
    local()?.setItem(localKey(), text);
  } catch {
    // Not remembered in web storage; OfficeRuntime.storage or this runtime still has it.
  }
  const rt = officeRuntimeStorage();
  if (rt) void rt.setItem(ACTOR_STORAGE_KEY, text).catch(() => undefined);
}

/** For tests: forget what this runtime read or was told. */
export function resetActorCache(): void {
  known = undefined;
}
