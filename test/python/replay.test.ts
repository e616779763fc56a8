// tools/replay_sealed_run.py (issue 13): the auditor's replay without Node must give, rule by
// rule, the verdict `sealed-run replay` gives (core replayBytes) — on the documents the core
// replay tests build (each rule broken on its own by a forger who rehashed) and on the row
// derivations that are easiest to get wrong in another language (serial dates, percentages,
// rounding, trimming).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { replayBytes } from "../../src/core/seal/replay";
import type { SealedRun } from "../../src/core/types";
import {
  clone,
  csvSource,
  encode,
  excelSealRequest,
  excelSource,
  rehashed,
  sealOk,
  sealRequest,
} from "../core/fixtures";

const REPLAY = path.resolve(__dirname, "../../tools/replay_sealed_run.py");

let dir: string;
let base: SealedRun;
let excelBase: SealedRun;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "replay-py-"));
  base = (await sealOk()).document;
  excelBase = (await sealOk(excelSealRequest())).document;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Edit = (d: SealedRun) => void;
const edited =
  (edit: Edit, from: () => SealedRun = () => base) =>
  async () => {
    const d = clone(from());
    edit(d);
    return rehashed(d);
  };
const sealedFrom = (req: Parameters<typeof sealOk>[0]) => async () =>
  encode(JSON.stringify((await sealOk(req)).document));
/** A seal made from `source` (so rules 1–4 and 6 pass), whatever the row derives to. */
const withSource = (
  source: SealedRun["reconstruction"]["source"],
  from: () => SealedRun = () => excelBase,
) => edited((d) => (d.reconstruction.source = source), from);

const corpus: [string, () => Promise<Uint8Array>][] = [
  ["a CSV seal", () => Promise.resolve(encode(JSON.stringify(base)))],
  [
    "an Excel-table seal",
    () => Promise.resolve(encode(JSON.stringify(excelBase))),
  ],
  [
    "garbage bytes",
    () => Promise.resolve(Uint8Array.from([0x00, 0xff, 0x13, 0x37])),
  ],
  ["JSON that is not an object", () => Promise.resolve(encode("[1,2]"))],
  [
    "a duplicate member",
    () =>
      Promise.resolve(
        encode(JSON.stringify(base).replace("{", '{"schema_version":"1.0",')),
      ),
  ],
  ["no hash member", edited((d) => delete (d as Partial<SealedRun>).hash)],
  [
    "an edit without rehashing",
    () =>
      Promise.resolve(encode(JSON.stringify({ ...base, top_risks: ["x"] }))),
  ],
  [
    "an extra top-level member",
    edited((d) => ((d as unknown as Record<string, unknown>).extra = 1)),
  ],
  [
    "a confidence over 100",
    edited((d) => (d.kpis.summary_confidence_pct = 101)),
  ],
  [
    "a wrong workbook_version",
    edited(
      (d) => ((d.meta as Record<string, unknown>).workbook_version = "v3"),
    ),
  ],
  [
    "a missing reconstruction",
    edited((d) => delete (d as Partial<SealedRun>).reconstruction),
  ],
  [
    "a CSV source with number_formats",
    edited((d) => (d.reconstruction.source.number_formats = ["General"])),
  ],
  [
    "an Excel source without date_system",
    edited(
      (d) => delete d.reconstruction.source.date_system,
      () => excelBase,
    ),
  ],
  [
    "an unknown check name",
    edited(
      (d) =>
        ((
          d.authority_envelope.refusal.checks_performed[0] as { check: string }
        ).check = "vibes_ok"),
    ),
  ],
  ["an observation", edited((d) => d.system_observations.push("x"))],
  ["a run id with a slash", edited((d) => (d.meta.run_id = "RUN/001"))],
  [
    "an export timestamp with a trailing newline",
    edited((d) => (d.meta.export_timestamp += "\n")),
  ],
  [
    "an empty exporter name",
    edited((d) => (d.reconstruction.exporter.name = "")),
  ],
  [
    "a patch_log_head in upper case",
    edited(
      (d) => (d.reconstruction.patch_log_head = "sha256:" + "A".repeat(64)),
    ),
  ],
  [
    "a prompt name that is not a run id",
    edited((d) => (d.reconstruction.policy_texts.prompts["bad name"] = "x")),
  ],
  [
    "a value of another type in source",
    edited(
      (d) => ((d.reconstruction.source.values as unknown[])[0] = null),
      () => excelBase,
    ),
  ],
  [
    "a triggered check",
    edited(
      (d) =>
        (d.authority_envelope.refusal.checks_performed[3].triggered = true),
    ),
  ],
  [
    "refused: true",
    edited((d) => (d.authority_envelope.refusal.refused = true)),
  ],
  [
    "a check missing",
    edited((d) => d.authority_envelope.refusal.checks_performed.splice(6, 1)),
  ],
  [
    "checks reordered",
    edited((d) => d.authority_envelope.refusal.checks_performed.reverse()),
  ],
  [
    "scope.run_id differs",
    edited((d) => (d.authority_envelope.scope.run_id = "RUN-002")),
  ],
  [
    "policy_snapshot.schema_version differs",
    edited(
      (d) => (d.authority_envelope.policy_snapshot.schema_version = "0.9"),
    ),
  ],
  [
    "a gate that failed",
    edited(
      (d) =>
        (d.authority_envelope.enforcement.gate_outcomes[0].result = "fail"),
    ),
  ],
  [
    "enforcement_emitted false",
    edited(
      (d) => (d.authority_envelope.enforcement.enforcement_emitted = false),
    ),
  ],
  ["top_risks edited", edited((d) => (d.top_risks = ["Budget reversal"]))],
  [
    "the confidence edited",
    edited((d) => (d.kpis.summary_confidence_pct = 87)),
  ],
  ["the operator edited", edited((d) => (d.meta.operator = "M. Okafor"))],
  [
    "the source row edited",
    edited((d) => (d.reconstruction.source.values[8] = "2026-03-22")),
  ],
  [
    "an Excel number format changed (78% becomes 0.78)",
    edited(
      (d) => (d.reconstruction.source.number_formats![7] = "General"),
      () => excelBase,
    ),
  ],
  [
    "a CSV locale date",
    edited((d) => (d.reconstruction.source.values[1] = "2/15/2026")),
  ],
  [
    "export_timestamp changed",
    edited((d) => (d.meta.export_timestamp = "2027-01-01T00:00:00Z")),
  ],
  [
    "the baseline text edited",
    edited((d) => (d.reconstruction.policy_texts.baseline += "Exception.\n")),
  ],
  [
    "a prompt text edited",
    edited(
      (d) =>
        (d.reconstruction.policy_texts.prompts.triage_prompt =
          "Say all is fine."),
    ),
  ],
  [
    "an extra prompt hash without its text",
    edited(
      (d) =>
        (d.authority_envelope.policy_snapshot.prompt_hashes.extra =
          d.authority_envelope.policy_snapshot.policy_hash),
    ),
  ],
  // Row derivation, sealed by the core so that only a disagreement on §3 can fail rule 5.
  [
    "1904 date system",
    sealedFrom(
      excelSealRequest({
        source: {
          ...excelSource({ SessionDate: 44606, NextReviewDate: 44613 }),
          date_system: 1904,
        },
      }),
    ),
  ],
  [
    "an early 1900 serial (before the phantom 29 February)",
    sealedFrom(
      excelSealRequest({
        source: excelSource({ SessionDate: 59.75, NextReviewDate: 61 }),
      }),
    ),
  ],
  [
    "serial 60, a day that never was",
    withSource(excelSource({ SessionDate: 60 })),
  ],
  [
    "the last serial",
    sealedFrom(
      excelSealRequest({ source: excelSource({ NextReviewDate: 2958465 }) }),
    ),
  ],
  [
    "a serial beyond the last",
    withSource(excelSource({ NextReviewDate: 2958466 })),
  ],
  [
    "a CSV date as a number",
    withSource(csvSource({ SessionDate: 46068 as never }), () => base),
  ],
  [
    "30 February",
    withSource(csvSource({ SessionDate: "2026-02-30" }), () => base),
  ],
  [
    "29 February of a leap year",
    sealedFrom(
      sealRequest({ source: csvSource({ SessionDate: "2028-02-29" }) }),
    ),
  ],
  [
    "a confidence of 78.555 (rounds up)",
    sealedFrom(
      sealRequest({
        source: csvSource({ SummaryConfidence_pct: " 78.555% " }),
      }),
    ),
  ],
  [
    "a confidence of 100.004",
    sealedFrom(
      sealRequest({ source: csvSource({ SummaryConfidence_pct: "100.004" }) }),
    ),
  ],
  [
    "a confidence of 100.005",
    withSource(csvSource({ SummaryConfidence_pct: "100.005" }), () => base),
  ],
  [
    "a confidence of -0.004",
    sealedFrom(
      sealRequest({ source: csvSource({ SummaryConfidence_pct: "-0.004" }) }),
    ),
  ],
  [
    "a confidence of -1",
    withSource(csvSource({ SummaryConfidence_pct: "-1" }), () => base),
  ],
  [
    "a confidence of 7.8e1 text",
    withSource(csvSource({ SummaryConfidence_pct: "7.8e1" }), () => base),
  ],
  [
    "a confidence of 0.125 formatted 0.0%",
    sealedFrom(
      excelSealRequest({
        source: {
          ...excelSource({ SummaryConfidence_pct: 0.125 }),
          number_formats: excelSource().number_formats!.map((f, i) =>
            i === 7 ? "0.0%;[Red]-0.0%" : f,
          ),
        },
      }),
    ),
  ],
  [
    "a tiny number formatted as a percentage",
    sealedFrom(
      excelSealRequest({
        source: excelSource({ SummaryConfidence_pct: 1e-7 }),
      }),
    ),
  ],
  [
    "a percentage only in a quoted literal",
    sealedFrom(
      excelSealRequest({
        source: {
          ...excelSource({ SummaryConfidence_pct: 55 }),
          number_formats: excelSource().number_formats!.map((f, i) =>
            i === 7 ? '0"%"' : f,
          ),
        },
      }),
    ),
  ],
  [
    "a boolean confidence",
    withSource(excelSource({ SummaryConfidence_pct: true })),
  ],
  ["an error cell", withSource(excelSource({ Model: "#N/A" }))],
  ["an Excel-only error value", withSource(excelSource({ Model: " #BUSY! " }))],
  [
    "an Excel-only error value in a CSV (plain text there)",
    sealedFrom(sealRequest({ source: csvSource({ Model: "#BUSY!" }) })),
  ],
  [
    "numbers and booleans in text fields",
    sealedFrom(
      excelSealRequest({
        source: excelSource({
          Operator: 12.5,
          Model: false,
          TopRisks: 1234.5,
          TopActions: 1e-7,
        }),
      }),
    ),
  ],
  [
    "JavaScript whitespace around list items",
    sealedFrom(
      sealRequest({
        source: csvSource({
          TopRisks: "\u00a0a\u2003; ;b\ufeff;\u3000",
          Operator: "\u2028x\t",
        }),
      }),
    ),
  ],
  [
    "a separator character Python calls whitespace",
    sealedFrom(
      sealRequest({ source: csvSource({ Operator: "\u001fx\u001f" }) }),
    ),
  ],
  [
    "headers in another case and order, and extra columns",
    withSource(
      {
        ...csvSource(),
        headers: [
          " runid",
          "SESSIONDATE",
          "Operator",
          "Model",
          "TopRisks",
          "TopActions",
          "suggestedupdates ",
          "SummaryConfidence_pct",
          "NextReviewDate",
        ],
      },
      () => base,
    ),
  ],
  [
    "a required column missing",
    withSource(
      {
        ...csvSource(),
        headers: csvSource().headers.slice(0, 8),
        values: csvSource().values.slice(0, 8),
      },
      () => base,
    ),
  ],
  [
    "SuggestedUpdates repeated",
    withSource(
      {
        ...csvSource(),
        headers: [...csvSource().headers, "SuggestedUpdates"],
        values: [...csvSource().values, "x"],
      },
      () => base,
    ),
  ],
  [
    "fewer values than headers",
    withSource(
      { ...csvSource(), values: csvSource().values.slice(0, 7) },
      () => base,
    ),
  ],
];

it.each(corpus)(
  "%s: the same verdict per rule as sealed-run replay",
  async (_what, make) => {
    const bytes = await make();
    const file = path.join(dir, "case.json");
    fs.writeFileSync(file, bytes);
    const core = await replayBytes(bytes);
    const py = spawnSync("python3", [REPLAY, "--sealed", file, "--json"], {
      encoding: "utf8",
    });
    expect(py.stderr).toBe("");
    const got = JSON.parse(py.stdout) as {
      rules: { rule: string; status: string }[];
      admissible: boolean;
      hash: string | null;
    };
    expect(
      got.rules.map((r: { rule: string; status: string }) => [
        r.rule,
        r.status,
      ]),
    ).toEqual(core.rules.map((r) => [r.rule, r.status]));
    expect(got.admissible).toBe(core.admissible);
    expect(py.status).toBe(core.admissible ? 0 : 1);
    expect(got.hash).toBe(core.hash ?? null);
  },
);

it("prints one line per rule as the CLI does, and exits 2 on a missing file", () => {
  const file = path.join(dir, "ok.json");
  fs.writeFileSync(file, JSON.stringify(base));
  const r = spawnSync("python3", [REPLAY, "--sealed", file], {
    encoding: "utf8",
  });
  expect(r.status).toBe(0);
  expect(r.stdout.split("\n").slice(0, 2)).toEqual([
    `PASS  1. strict read and hash: ${base.hash}`,
    "PASS  2. schema sealed_run_v1",
  ]);
  expect(r.stdout).toContain(`admissible: ${file}`);
  const missing = spawnSync(
    "python3",
    [REPLAY, "--sealed", path.join(dir, "none.json")],
    { encoding: "utf8" },
  );
  expect(missing.status).toBe(2);
  expect(missing.stderr).toMatch(/cannot read .*none\.json/);
});
