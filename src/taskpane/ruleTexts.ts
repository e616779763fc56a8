// What each replay rule (CONTRACT §5) means when it passes or fails, in words an analyst uses.
import type { ReplayRule } from "../core";

export const RULE_MEANING: Record<ReplayRule, { pass: string; fail: string }> =
  {
    hash: {
      pass: "The content is exactly what was sealed.",
      fail: "The file cannot be read as a sealed file, or its content was changed after sealing.",
    },
    schema: {
      pass: "Every required part is present and nothing extra was added.",
      fail: "The document does not follow the sealed-run format.",
    },
    envelope: {
      pass: "All eight refusal checks were recorded, and none of them triggered.",
      fail: "The authority envelope is incomplete or records a refusal.",
    },
    enforcement: {
      pass: "Every enforcement gate passed when the run was sealed.",
      fail: "An enforcement gate did not pass.",
    },
    reconstruction: {
      pass: "Re-deriving the fields from the recorded source row gives exactly the sealed values.",
      fail: "The sealed values do not follow from the recorded source row.",
    },
    policy_hashes: {
      pass: "The embedded policy and prompt texts match their hashes.",
      fail: "The embedded policy or prompt texts do not match their hashes.",
    },
  };
