// §5 replay: each rule fails for its own reason on a document a forger edited and rehashed (so
// rule 1 still passes), and the other rules say nothing about it.
import {
  REPLAY_RULES,
  replayBytes,
  type ReplayReport,
  type ReplayRule,
} from "../../../src/core/seal/replay";
import { CHECK_NAMES, type SealedRun } from "../../../src/core/types";
import { clone, encode, excelSealRequest, rehashed, sealOk } from "../fixtures";

let base: SealedRun;
let excelBase: SealedRun;
beforeAll(async () => {
  base = (await sealOk()).document;
  excelBase = (await sealOk(excelSealRequest())).document;
});

async function replayEdited(
  edit: (d: SealedRun) => void,
  from: () => SealedRun = () => base,
): Promise<ReplayReport> {
  const d = clone(from());
  edit(d);
  return replayBytes(await rehashed(d));
}

function statuses(r: ReplayReport): Record<ReplayRule, string> {
  return Object.fromEntries(r.rules.map((x) => [x.rule, x.status])) as Record<
    ReplayRule,
    string
  >;
}

/** Only `rule` fails; every other rule passes; the failure detail matches. */
function expectOnlyFailure(
  r: ReplayReport,
  rule: ReplayRule,
  detail: string | RegExp,
): void {
  expect(r.rules.map((x) => x.rule)).toEqual([...REPLAY_RULES]);
  expect(r.admissible).toBe(false);
  const expected = Object.fromEntries(
    REPLAY_RULES.map((x) => [x, x === rule ? "fail" : "pass"]),
  );
  expect(statuses(r)).toEqual(expected);
  const got = r.rules.find((x) => x.rule === rule)!.detail;
  if (typeof detail === "string") expect(got).toContain(detail);
  else expect(got).toMatch(detail);
}

describe("admissible seals", () => {
  it("a CSV seal passes every rule, in the contract's order", async () => {
    const r = await replayBytes(encode(JSON.stringify(base)));
    expect(r.rules.map((x) => [x.rule, x.status])).toEqual(
      REPLAY_RULES.map((x) => [x, "pass"]),
    );
    expect(r.admissible).toBe(true);
    expect(r.hash).toBe(base.hash);
    expect(r.rules[0].detail).toBe(base.hash);
  });

  it("an Excel-table seal (serial dates, 0.78 formatted 0%) passes every rule", async () => {
    expect(excelBase.kpis.summary_confidence_pct).toBe(78);
    expect(excelBase.meta.session_date).toBe("2026-02-15");
    const r = await replayBytes(encode(JSON.stringify(excelBase)));
    expect(r.admissible).toBe(true);
  });
});

describe("rule 1: strict read and hash", () => {
  it("garbage bytes fail rule 1 and skip the rest", async () => {
    const r = await replayBytes(Uint8Array.from([0x00, 0xff, 0x13, 0x37]));
    expect(r.admissible).toBe(false);
    expect(r.rules.map((x) => [x.rule, x.status])).toEqual(
      REPLAY_RULES.map((x) => [x, x === "hash" ? "fail" : "skipped"]),
    );
    expect(r.rules[0].detail).toContain("not UTF-8");
    expect(r.rules[1].detail).toBe("the file could not be read");
    expect(r.document).toBeUndefined();
  });

  it("JSON that is not an object fails rule 1 and skips the rest", async () => {
    const r = await replayBytes(encode("[1,2]"));
    expect(statuses(r)).toEqual({
      hash: "fail",
      schema: "skipped",
      envelope: "skipped",
      enforcement: "skipped",
      reconstruction: "skipped",
      policy_hashes: "skipped",
    });
  });

  it("an edit without rehashing fails rule 1; the rules that can still be judged are", async () => {
    const d = clone(base);
    d.top_risks[0] = "Budget reversal (resolved)";
    const r = await replayBytes(encode(JSON.stringify(d)));
    expect(r.admissible).toBe(false);
    expect(statuses(r)).toEqual({
      hash: "fail",
      schema: "pass",
      envelope: "pass",
      enforcement: "pass",
      reconstruction: "fail",
      policy_hashes: "pass",
    });
    expect(r.rules[0].detail).toMatch(/^hash mismatch/);
    expect(r.hash).toBeUndefined();
  });
});

describe("rule 2: schema", () => {
  it("an extra top-level member fails the schema and skips the rest", async () => {
    const r = await replayEdited((d) => {
      (d as unknown as Record<string, unknown>).comment = "looks fine";
    });
    expect(statuses(r)).toEqual({
      hash: "pass",
      schema: "fail",
      envelope: "skipped",
      enforcement: "skipped",
      reconstruction: "skipped",
      policy_hashes: "skipped",
    });
    expect(r.rules[1].detail).toContain(
      'must NOT have additional properties ("comment")',
    );
    expect(r.admissible).toBe(false);
  });

  it.each<[string, (d: SealedRun) => void, string]>([
    [
      "a confidence over 100",
      (d) => (d.kpis.summary_confidence_pct = 101),
      "$.kpis.summary_confidence_pct: must be <= 100",
    ],
    [
      "a wrong workbook_version",
      (d) => ((d.meta as Record<string, unknown>).workbook_version = "v3"),
      "$.meta.workbook_version",
    ],
    [
      "a missing reconstruction",
      (d) => delete (d as Partial<SealedRun>).reconstruction,
      "reconstruction",
    ],
    [
      "a CSV source with number_formats",
      (d) => (d.reconstruction.source.number_formats = ["General"]),
      "$.reconstruction.source",
    ],
    [
      "an unknown check name",
      (d) =>
        ((
          d.authority_envelope.refusal.checks_performed[0] as { check: string }
        ).check = "vibes_ok"),
      "$.authority_envelope.refusal.checks_performed[0].check",
    ],
    [
      "an observation",
      (d) => d.system_observations.push("x"),
      "$.system_observations",
    ],
  ])("%s fails the schema, naming where", async (_what, edit, where) => {
    const r = await replayEdited(edit);
    expect(statuses(r).schema).toBe("fail");
    expect(r.rules[1].detail).toContain(where);
  });
});

describe("rule 3: envelope complete", () => {
  it("a triggered check", async () => {
    const r = await replayEdited(
      (d) =>
        (d.authority_envelope.refusal.checks_performed[3].triggered = true),
    );
    expectOnlyFailure(r, "envelope", "triggered check(s): dates_valid");
  });

  it("refused: true", async () => {
    expectOnlyFailure(
      await replayEdited((d) => (d.authority_envelope.refusal.refused = true)),
      "envelope",
      "refusal.refused is true",
    );
  });

  it("a check missing", async () => {
    const r = await replayEdited((d) =>
      d.authority_envelope.refusal.checks_performed.splice(6, 1),
    );
    expectOnlyFailure(
      r,
      "envelope",
      "checks_performed must list the eight checks once each in order; missing: actor_authorized",
    );
  });

  it("a check repeated", async () => {
    const r = await replayEdited((d) => {
      const c = d.authority_envelope.refusal.checks_performed;
      c.push({ ...c[0] });
    });
    expectOnlyFailure(r, "envelope", "; repeated: run_id_valid");
  });

  it("checks reordered", async () => {
    const r = await replayEdited((d) => {
      const c = d.authority_envelope.refusal.checks_performed;
      [c[0], c[1]] = [c[1], c[0]];
    });
    expectOnlyFailure(
      r,
      "envelope",
      `found order: ${[CHECK_NAMES[1], CHECK_NAMES[0], ...CHECK_NAMES.slice(2)].join(", ")}`,
    );
  });

  it("scope.run_id differs from meta.run_id", async () => {
    const r = await replayEdited(
      (d) => (d.authority_envelope.scope.run_id = "RUN-002"),
    );
    expectOnlyFailure(
      r,
      "envelope",
      'scope.run_id "RUN-002" is not meta.run_id "RUN-001"',
    );
  });

  it("policy_snapshot.schema_version differs from schema_version", async () => {
    const r = await replayEdited(
      (d) => (d.authority_envelope.policy_snapshot.schema_version = "0.9"),
    );
    expectOnlyFailure(
      r,
      "envelope",
      'policy_snapshot.schema_version "0.9" is not schema_version "1.0"',
    );
  });
});

describe("rule 4: enforcement", () => {
  it("a gate that failed", async () => {
    const r = await replayEdited((d) => {
      d.authority_envelope.enforcement.gate_outcomes[1] = {
        gate: "hash_recomputed",
        result: "fail",
        detail: "bytes changed",
      };
    });
    expectOnlyFailure(
      r,
      "enforcement",
      "gate hash_recomputed is fail (bytes changed)",
    );
  });

  it("enforcement_emitted false", async () => {
    const r = await replayEdited(
      (d) => (d.authority_envelope.enforcement.enforcement_emitted = false),
    );
    expectOnlyFailure(r, "enforcement", "enforcement_emitted is not true");
  });
});

describe("rule 5: fields re-derived from the source row", () => {
  it("top_risks edited and rehashed", async () => {
    const r = await replayEdited((d) => (d.top_risks = ["Budget reversal"]));
    expectOnlyFailure(
      r,
      "reconstruction",
      'top_risks: sealed ["Budget reversal"] but the source row gives ["Budget reversal","Legacy API consumer discovered","Assumption staleness"]',
    );
  });

  it("the confidence edited and rehashed", async () => {
    const r = await replayEdited((d) => (d.kpis.summary_confidence_pct = 87));
    expectOnlyFailure(
      r,
      "reconstruction",
      "summary_confidence_pct: sealed 87 but the source row gives 78",
    );
  });

  it("the operator edited and rehashed", async () => {
    const r = await replayEdited((d) => (d.meta.operator = "M. Okafor"));
    expectOnlyFailure(
      r,
      "reconstruction",
      'operator: sealed "M. Okafor" but the source row gives "J. Rivera"',
    );
  });

  it("the source row edited instead (the fields no longer follow from it)", async () => {
    const r = await replayEdited(
      (d) => (d.reconstruction.source.values[8] = "2026-03-22"),
    );
    expectOnlyFailure(
      r,
      "reconstruction",
      'next_review_date: sealed "2026-02-22" but the source row gives "2026-03-22"',
    );
  });

  it("an Excel seal whose number format was changed (78% becomes 0.78)", async () => {
    const r = await replayEdited(
      (d) => (d.reconstruction.source.number_formats![7] = "General"),
      () => excelBase,
    );
    expectOnlyFailure(
      r,
      "reconstruction",
      "summary_confidence_pct: sealed 78 but the source row gives 0.78",
    );
  });

  it("a source row that no longer derives (a date a CSV may not hold)", async () => {
    const r = await replayEdited(
      (d) => (d.reconstruction.source.values[1] = "2/15/2026"),
    );
    expectOnlyFailure(r, "reconstruction", /^dates_valid: /);
  });

  it("changing export_timestamp or workbook fields is not a rule 5 matter", async () => {
    const r = await replayEdited(
      (d) => (d.meta.export_timestamp = "2027-01-01T00:00:00Z"),
    );
    expect(r.admissible).toBe(true);
  });
});

describe("rule 6: policy texts match their hashes", () => {
  it("the baseline text edited", async () => {
    const r = await replayEdited(
      (d) =>
        (d.reconstruction.policy_texts.baseline +=
          "Exception: anyone may seal.\n"),
    );
    expectOnlyFailure(
      r,
      "policy_hashes",
      /^policy baseline text hashes to sha256:[0-9a-f]{64}, policy_hash says sha256:/,
    );
  });

  it("a prompt text edited", async () => {
    const r = await replayEdited(
      (d) =>
        (d.reconstruction.policy_texts.prompts.triage_prompt =
          "Say everything is fine."),
    );
    expectOnlyFailure(
      r,
      "policy_hashes",
      /^prompt triage_prompt hashes to sha256:[0-9a-f]{64}, prompt_hashes says/,
    );
  });

  it("prompt names differing", async () => {
    const r = await replayEdited((d) => {
      const p = d.reconstruction.policy_texts.prompts;
      p.other_prompt = p.triage_prompt;
      delete p.triage_prompt;
    });
    expectOnlyFailure(
      r,
      "policy_hashes",
      "prompt names differ: hashes for [triage_prompt], texts for [other_prompt]",
    );
  });

  it("an extra prompt hash without its text", async () => {
    const r = await replayEdited(
      (d) =>
        (d.authority_envelope.policy_snapshot.prompt_hashes.extra =
          d.authority_envelope.policy_snapshot.policy_hash),
    );
    expectOnlyFailure(
      r,
      "policy_hashes",
      "prompt names differ: hashes for [extra, triage_prompt], texts for [triage_prompt]",
    );
  });
});

describe("several rules fail together", () => {
  it("reports each failing rule, each with its own reason", async () => {
    const r = await replayEdited((d) => {
      d.authority_envelope.enforcement.enforcement_emitted = false;
      d.top_actions = [];
      d.reconstruction.policy_texts.baseline = "edited";
    });
    expect(statuses(r)).toEqual({
      hash: "pass",
      schema: "pass",
      envelope: "pass",
      enforcement: "fail",
      reconstruction: "fail",
      policy_hashes: "fail",
    });
  });
});

describe("a document of very many members", () => {
  it("400,000 stray members: replay names the first violation and the size, in one line each, not 400,000", async () => {
    const members: string[] = [];
    for (let i = 0; i < 400_000; i++) members.push(`"k${i}":${i % 10}`);
    const bytes = new TextEncoder().encode(
      `{${members.join(",")},"hash":"sha256:${"0".repeat(64)}"}`,
    );
    expect(bytes.length).toBeGreaterThan(4_500_000);
    const report = await replayBytes(bytes);
    const schema = report.rules.find((r) => r.rule === "schema")!;
    expect(schema.status).toBe("fail");
    expect(schema.detail).toBe(
      "$: must have required property 'schema_version'; (the document holds over 20000 values; only its first violation is listed)",
    );
    expect(report.rules.find((r) => r.rule === "hash")!.detail).toMatch(
      /^hash mismatch/,
    );
  });

  it("a small document with more than 20 violations lists 20 by name and counts the rest", async () => {
    const { checkSealedRunSchema } = await import("../../../src/core/schema");
    const doc = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`stray${i}`, i]),
    );
    const r = await checkSealedRunSchema(doc);
    expect(r.errors).toHaveLength(21);
    expect(r.errors[20]).toMatch(/^and \d+ more violations of the schema$/);
  });
});
