// The governance inputs of a seal (CONTRACT §4): policy version and baseline, prompts, and who may
// seal. Shells read them from files or workbook tables; this file judges them.
import { RUN_ID_PATTERN } from "../row/columns";
import { sha256Tagged } from "../hash";
import { isWellFormedString } from "../json/canonical";
import type { CheckOutcome, PolicySnapshot } from "../types";

export interface AuthorizedActor {
  name: string;
  role: string;
}

export interface Governance {
  policyVersion: string;
  baseline: string;
  /** Prompt name → text, exactly as stored. */
  prompts: Record<string, string>;
  /** From `AuthorizedActors`; null when the governance data does not list any. */
  authorizedActors: AuthorizedActor[] | null;
  /** Texts that could not be read as UTF-8, named (`docs/prompts/old.md`). */
  unreadable: string[];
}

/** `name:role; name:role` → list. Items without a colon get an empty role. */
export function parseAuthorizedActors(text: string): AuthorizedActor[] {
  return text
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const i = item.lastIndexOf(":");
      return i < 0
        ? { name: item, role: "" }
        : { name: item.slice(0, i).trim(), role: item.slice(i + 1).trim() };
    });
}

export function checkPolicySnapshotComplete(g: Governance): CheckOutcome {
  const problems: string[] = [];
  if (!g.policyVersion.trim())
    problems.push("policy version is missing or empty");
  if (!g.baseline) problems.push("policy baseline is missing or empty");
  const names = Object.keys(g.prompts);
  if (names.length === 0) problems.push("no prompts");
  for (const n of names)
    if (!RUN_ID_PATTERN.test(n))
      problems.push(
        `prompt name ${JSON.stringify(n)} is not a safe name (letters, digits, . _ -)`,
      );
  for (const u of g.unreadable) problems.push(`${u} is not valid UTF-8`);
  // A lone surrogate (from a cell or a badly decoded file) has no UTF-8 form: it would hash as
  // U+FFFD and could not be canonicalized into the document.
  if (!isWellFormedString(g.baseline))
    problems.push(
      "policy baseline is not valid UTF-8 (it holds a lone surrogate)",
    );
  for (const n of names)
    if (!isWellFormedString(g.prompts[n]))
      problems.push(
        `prompt ${JSON.stringify(n)} is not valid UTF-8 (it holds a lone surrogate)`,
      );
  return {
    check: "policy_snapshot_complete",
    triggered: problems.length > 0,
    detail: problems.join("; "),
  };
}

export function checkActorAuthorized(
  actor: string,
  role: string,
  g: Governance,
): CheckOutcome {
  const a = actor.trim();
  const r = role.trim();
  const out = (triggered: boolean, detail: string): CheckOutcome => ({
    check: "actor_authorized",
    triggered,
    detail,
  });
  if (!a)
    return out(
      true,
      "no actor: say who is sealing (the add-in asks once; the CLI takes --actor)",
    );
  if (!g.authorizedActors) return out(false, "");
  const listed = g.authorizedActors.find((x) => x.name === a);
  if (!listed)
    return out(
      true,
      `actor ${JSON.stringify(a)} is not in AuthorizedActors (${g.authorizedActors.map((x) => x.name).join(", ") || "empty"})`,
    );
  if (listed.role !== r)
    return out(
      true,
      `actor ${JSON.stringify(a)} is authorized as ${JSON.stringify(listed.role)}, not ${JSON.stringify(r)}`,
    );
  return out(false, "");
}

export async function policySnapshot(
  g: Governance,
  schemaVersion: string,
): Promise<PolicySnapshot> {
  const prompt_hashes: Record<string, string> = {};
  for (const name of Object.keys(g.prompts).sort())
    prompt_hashes[name] = await sha256Tagged(g.prompts[name]);
  return {
    policy_version: g.policyVersion.trim(),
    policy_hash: await sha256Tagged(g.baseline),
    prompt_hashes,
    schema_version: schemaVersion,
  };
}
