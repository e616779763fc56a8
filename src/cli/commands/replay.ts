// `sealed-run replay --sealed PATH`: is the file admissible? One line per rule (CONTRACT §5).
import { replayBytes, REPLAY_RULES, REPLAY_RULE_TITLES } from "../../core";
import { parse, required } from "../args";
import { EXIT, makeOut } from "../output";
import { readSealedFile, UnreadablePathError } from "../../node/files";

export async function replayCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { sealed: { type: "string" } });
  const out = makeOut(!!values.json);
  const file = required(values, "sealed");
  let bytes: Uint8Array;
  try {
    bytes = readSealedFile(file);
  } catch (e) {
    if (!(e instanceof UnreadablePathError)) throw e;
    out.error(e.message);
    out.result({ file, admissible: false, error: e.message });
    return EXIT.usage;
  }
  const report = await replayBytes(bytes);
  report.rules.forEach((r, i) => {
    const mark =
      r.status === "pass" ? "PASS" : r.status === "fail" ? "FAIL" : "SKIP";
    out.line(
      `${mark}  ${i + 1}. ${REPLAY_RULE_TITLES[r.rule]}${r.detail ? `: ${r.detail}` : ""}`,
    );
  });
  out.line(report.admissible ? `admissible: ${file}` : `INADMISSIBLE: ${file}`);
  out.result({
    file,
    admissible: report.admissible,
    hash: report.hash ?? null,
    rules: report.rules,
    rule_order: REPLAY_RULES,
  });
  return report.admissible ? EXIT.ok : EXIT.refused;
}
