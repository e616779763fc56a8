// `sealed-run replay --sealed PATH`: is the file admissible? One line per rule (CONTRACT §5).
import { replayBytes, REPLAY_RULES, REPLAY_RULE_TITLES } from "../../core";
import { parse, required } from "../args";
import { EXIT, makeOut } from "../output";
import { readSealedInput } from "../sealedInput";
import {
  checkSignatureBeside,
  GOVERNANCE_CAVEAT,
  loadKeyLists,
} from "../signatures";

export async function replayCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    sealed: { type: "string" },
    "trusted-keys": { type: "string" },
    governance: { type: "string" },
  });
  const out = makeOut(!!values.json);
  const file = required(values, "sealed");
  const bytes = readSealedInput(out, file, { file, admissible: false });
  if (!bytes) return EXIT.usage;
  const keys = await loadKeyLists(
    values["trusted-keys"],
    process.cwd(),
    values.governance,
  );
  const report = await replayBytes(bytes);
  report.rules.forEach((r, i) => {
    const mark =
      r.status === "pass" ? "PASS" : r.status === "fail" ? "FAIL" : "SKIP";
    out.line(
      `${mark}  ${i + 1}. ${REPLAY_RULE_TITLES[r.rule]}${r.detail ? `: ${r.detail}` : ""}`,
    );
  });
  // The signature is not one of the six rules: an unsigned seal is admissible, unless the
  // auditor asked for signatures by keys they hold (--trusted-keys).
  const trusted = values["trusted-keys"]
    ? `trusted keys ${values["trusted-keys"]}`
    : null;
  const checked =
    report.document && report.hash
      ? await checkSignatureBeside(file, report.document, keys, trusted)
      : null;
  // An unsigned seal is said to be unsigned only when the auditor asked for signatures.
  const sig = checked && (checked.verdict || trusted) ? checked : null;
  if (sig) {
    out.line(
      `${sig.fails ? "FAIL" : sig.verdict?.status === "trusted" ? "PASS" : "NOTE"}  signature: ${sig.line}`,
    );
    if (sig.verdict && !trusted) out.line(`NOTE  ${GOVERNANCE_CAVEAT}`);
  }
  for (const n of keys.notes) out.line(`NOTE  governance: ${n}`);
  const admissible = report.admissible && !sig?.fails;
  out.line(admissible ? `admissible: ${file}` : `INADMISSIBLE: ${file}`);
  out.result({
    file,
    admissible,
    signature: sig
      ? {
          envelope: sig.envelope,
          status: sig.verdict?.status ?? "unsigned",
          key_id: sig.verdict?.keyId ?? null,
          message: sig.line,
          fails: sig.fails,
        }
      : null,
    governance_notes: keys.notes,
    hash: report.hash ?? null,
    rules: report.rules,
    rule_order: REPLAY_RULES,
  });
  return admissible ? EXIT.ok : EXIT.refused;
}
