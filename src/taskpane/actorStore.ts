// Who is sealing (CONTRACT §4: the add-in has no default actor; it asks once and remembers it on
// this machine). Storage can be unavailable (private windows, locked-down webviews): then the
// actor lives only as long as the task pane.
import type { Actor } from "../workflows/api";

export const ACTOR_STORAGE_KEY = "sealed-run.actor";

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

/** The remembered actor, or null when none is stored (or what is stored is not a name and a role). */
export function loadActor(): Actor | null {
  try {
    const raw = storage()?.getItem(ACTOR_STORAGE_KEY);
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

export function saveActor(actor: Actor): void {
  try {
    storage()?.setItem(
      ACTOR_STORAGE_KEY,
      JSON.stringify({ name: actor.name.trim(), role: actor.role.trim() }),
    );
  } catch {
    // Not remembered across sessions; the task pane still uses it now.
  }
}
