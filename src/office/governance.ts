// GOVERNANCE and PROMPTS as the seal records them (CONTRACT §3): the policy version, the baseline
// continued across rows in table order, the authorized actors, and each prompt's text.
import type { Governance } from "../core";
import { parseAuthorizedActors } from "../core";
import { cellString } from "./cells";

export function governanceFrom(
  gov: unknown[][] | null,
  prompts: unknown[][] | null,
  govHeaders: string[],
  promptHeaders: string[],
): Governance {
  const g: Governance = {
    policyVersion: "",
    baseline: "",
    prompts: {},
    authorizedActors: null,
    unreadable: [],
  };
  const col = (headers: string[], name: string) =>
    headers.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase());
  if (gov) {
    const k = col(govHeaders, "Key");
    const v = col(govHeaders, "Value");
    if (k >= 0 && v >= 0) {
      for (const r of gov) {
        const key = cellString(r[k]).trim();
        const value = cellString(r[v]);
        if (key === "PolicyVersion") g.policyVersion = value.trim();
        else if (key === "PolicyBaseline")
          g.baseline += value; // continued across rows, in table order
        else if (key === "AuthorizedActors" && value.trim())
          // An empty AuthorizedActors row (as the template has) lists nobody: no restriction.
          g.authorizedActors = [
            ...(g.authorizedActors ?? []),
            ...parseAuthorizedActors(value),
          ];
      }
    }
  }
  if (prompts) {
    const n = col(promptHeaders, "PromptName");
    const t = col(promptHeaders, "PromptText");
    if (n >= 0 && t >= 0) {
      for (const r of prompts) {
        const name = cellString(r[n]).trim();
        if (name) g.prompts[name] = cellString(r[t]);
      }
    }
  }
  return g;
}
