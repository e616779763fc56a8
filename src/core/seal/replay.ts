// CONTRACT §5 `replay`: is a sealed file admissible, using nothing but the file and the shipped
// schemas? One result per rule, in the contract's order, each with a plain-language reason.
import { deriveFields } from "../row/derive";
import { sha256Tagged } from "../hash";
import { checkSealedRunSchema } from "../schema";
import { CHECK_NAMES, type SealedRun } from "../types";
import { verifyBytes } from "./verify";
import { fieldDifferences, sealedFields } from "./fields";

export const REPLAY_RULES = [
  "hash",
  "schema",
  "envelope",
  "enforcement",
  "reconstruction",
  "policy_hashes",
] as const;
export type ReplayRule = (typeof REPLAY_RULES)[number];

export const REPLAY_RULE_TITLES: Record<ReplayRule, string> = {
  hash: "strict read and hash",
  schema: "schema sealed_run_v1",
  envelope: "authority envelope complete",
  enforcement: "enforcement gates passed",
  reconstruction: "fields re-derived from the source row",
  policy_hashes: "policy and prompt texts match their hashes",
};

export interface RuleResult {
  rule: ReplayRule;
  status: "pass" | "fail" | "skipped";
  detail: string;
}

export interface ReplayReport {
  admissible: boolean;
  rules: RuleResult[];
  /** The parsed document, when it could be read. */
  document?: SealedRun;
  hash?: string;
}

function envelopeRule(d: SealedRun): string[] {
  const problems: string[] = [];
  const env = d.authority_envelope;
  const checks = env.refusal.checks_performed;
  const names = checks.map((c) => c.check);
  if (names.join(",") !== CHECK_NAMES.join(",")) {
    const missing = CHECK_NAMES.filter((n) => !names.includes(n));
    const repeated = names.filter((n, i) => names.indexOf(n) !== i);
    problems.push(
      `checks_performed must list the eight checks once each in order` +
        (missing.length ? `; missing: ${missing.join(", ")}` : "") +
        (repeated.length ? `; repeated: ${repeated.join(", ")}` : "") +
        (!missing.length && !repeated.length
          ? `; found order: ${names.join(", ")}`
          : ""),
    );
  }
  const triggered = checks.filter((c) => c.triggered).map((c) => c.check);
  if (triggered.length)
    problems.push(`triggered check(s): ${triggered.join(", ")}`);
  if (env.refusal.refused) problems.push("refusal.refused is true");
  if (env.scope.run_id !== d.meta.run_id)
    problems.push(
      `scope.run_id ${JSON.stringify(env.scope.run_id)} is not meta.run_id ${JSON.stringify(d.meta.run_id)}`,
    );
  if (env.policy_snapshot.schema_version !== d.schema_version) {
    problems.push(
      `policy_snapshot.schema_version ${JSON.stringify(env.policy_snapshot.schema_version)} is not schema_version ${JSON.stringify(d.schema_version)}`,
    );
  }
  return problems;
}

function enforcementRule(d: SealedRun): string[] {
  const e = d.authority_envelope.enforcement;
  const problems: string[] = [];
  if (e.enforcement_emitted !== true)
    problems.push("enforcement_emitted is not true");
  for (const g of e.gate_outcomes)
    if (g.result !== "pass")
      problems.push(
        `gate ${g.gate} is ${g.result}${g.detail ? ` (${g.detail})` : ""}`,
      );
  return problems;
}

function reconstructionRule(d: SealedRun): string[] {
  const { fields, checks } = deriveFields(d.reconstruction.source);
  if (!fields)
    return checks
      .filter((c) => c.triggered)
      .map((c) => `${c.check}: ${c.detail}`);
  return fieldDifferences(sealedFields(d), fields).map(
    (x) => `${x.field}: sealed ${x.sealed} but the source row gives ${x.now}`,
  );
}

async function policyRule(d: SealedRun): Promise<string[]> {
  const snap = d.authority_envelope.policy_snapshot;
  const texts = d.reconstruction.policy_texts;
  const problems: string[] = [];
  const baselineHash = await sha256Tagged(texts.baseline);
  if (baselineHash !== snap.policy_hash)
    problems.push(
      `policy baseline text hashes to ${baselineHash}, policy_hash says ${snap.policy_hash}`,
    );
  const a = Object.keys(snap.prompt_hashes).sort();
  const b = Object.keys(texts.prompts).sort();
  if (a.join("\n") !== b.join("\n"))
    problems.push(
      `prompt names differ: hashes for [${a.join(", ")}], texts for [${b.join(", ")}]`,
    );
  for (const name of b) {
    if (!(name in snap.prompt_hashes)) continue;
    const h = await sha256Tagged(texts.prompts[name]);
    if (h !== snap.prompt_hashes[name])
      problems.push(
        `prompt ${name} hashes to ${h}, prompt_hashes says ${snap.prompt_hashes[name]}`,
      );
  }
  return problems;
}

export async function replayBytes(bytes: Uint8Array): Promise<ReplayReport> {
  const rules: RuleResult[] = [];
  const add = (rule: ReplayRule, problems: string[], passDetail = "") =>
    rules.push({
      rule,
      status: problems.length ? "fail" : "pass",
      detail: problems.length ? problems.join("; ") : passDetail,
    });
  const skipRest = (why: string) => {
    for (const r of REPLAY_RULES)
      if (!rules.some((x) => x.rule === r))
        rules.push({ rule: r, status: "skipped", detail: why });
  };

  const v = await verifyBytes(bytes);
  add("hash", v.valid ? [] : [v.reason], v.valid ? v.hash : "");
  if (!v.document) {
    skipRest("the file could not be read");
    return { admissible: false, rules };
  }
  const schema = await checkSealedRunSchema(v.document);
  add("schema", schema.errors);
  if (!schema.valid) {
    skipRest(
      "the document does not follow the schema, so its parts cannot be trusted to exist",
    );
    return { admissible: false, rules };
  }
  const d = v.document as unknown as SealedRun;
  add("envelope", envelopeRule(d));
  add("enforcement", enforcementRule(d));
  add("reconstruction", reconstructionRule(d));
  add("policy_hashes", await policyRule(d));
  return {
    admissible: rules.every((r) => r.status === "pass"),
    rules,
    document: d,
    hash: v.valid ? v.hash : undefined,
  };
}
