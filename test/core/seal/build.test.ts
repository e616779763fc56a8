// §4 sealRun: all eight checks run every time and are recorded in order; any triggered check
// releases nothing and writes one REFUSED log entry naming them; the gates run on the final bytes.
import { sealRun } from "../../../src/core/seal/build";
import type {
  SealRequest,
  SealResult,
} from "../../../src/core/seal/sealRequest";
import { checkChain } from "../../../src/core/log/chain";
import { makeEntry } from "../../../src/core/log/newEntry";
import { verifyBytes } from "../../../src/core/seal/verify";
import {
  CHECK_NAMES,
  type CheckName,
  type PatchLogEntry,
} from "../../../src/core/types";
import {
  buildLog,
  csvSource,
  EXPORT_TIMESTAMP,
  governance,
  HEADERS,
  sealOk,
  sealRequest,
} from "../fixtures";
import { containing } from "../../matchers";

type Refused = Extract<SealResult, { sealed: false }>;

async function refused(req: SealRequest): Promise<Refused> {
  const r = await sealRun(req);
  if (r.sealed) throw new Error("expected a refusal, got a seal");
  return r;
}

/** The refusal names exactly `names` (in §4 order), lists all eight checks, and logs it. */
function expectRefusedBy(
  r: Refused,
  names: CheckName[],
  req: SealRequest,
): void {
  expect(r.checks.map((c) => c.check)).toEqual([...CHECK_NAMES]);
  expect(r.checks.filter((c) => c.triggered).map((c) => c.check)).toEqual(
    names,
  );
  for (const c of r.checks)
    expect(c.triggered ? c.detail.length > 0 : true).toBe(true);
  expect(r.reason).toBe(names.join("; "));
  expect(r).not.toHaveProperty("document");
  expect(r).not.toHaveProperty("bytes");
  expect(r.gates).toEqual([]);
  expect(r.logEntry).toMatchObject({
    EntryID: `PL-${String((Array.isArray(req.log) ? req.log.length : 0) + 1).padStart(6, "0")}`,
    Timestamp: req.exportTimestamp,
    Action: "REFUSED",
    RunID: req.runId,
    SealHash: "",
    FileName: "",
    Actor: req.actor.trim(),
    Field: "",
    OldValue: "",
    NewValue: "",
    Reason: names.join("; "),
  });
}

const detailOf = (r: Refused, n: CheckName) =>
  r.checks.find((c) => c.check === n)!.detail;

describe("a seal", () => {
  it("records the eight checks untriggered, three passing gates, and a chained SEAL entry", async () => {
    const log = await buildLog(4);
    const req = sealRequest({ log });
    const r = await sealRun(req);
    if (!r.sealed) throw new Error(r.reason);
    expect(r.checks).toEqual(
      CHECK_NAMES.map((check) => ({ check, triggered: false, detail: "" })),
    );
    expect(r.gates).toEqual([
      { gate: "schema_valid", result: "pass", detail: "" },
      { gate: "hash_recomputed", result: "pass", detail: "" },
      { gate: "patch_log_intact", result: "pass", detail: "" },
    ]);
    expect(r.document.authority_envelope.enforcement.gate_outcomes).toEqual(
      r.gates,
    );
    expect(r.document.reconstruction.patch_log_head).toBe(log[3].EntryHash);
    expect(r.fileName).toBe("RUN-001_20260215T183000Z.json");
    expect(r.text.endsWith("}\n")).toBe(true);
    expect(new TextDecoder().decode(r.bytes)).toBe(r.text);
    expect(r.logEntry).toEqual(
      expect.objectContaining({
        EntryID: "PL-000005",
        Timestamp: EXPORT_TIMESTAMP,
        Action: "SEAL",
        RunID: "RUN-001",
        SealHash: r.document.hash,
        FileName: r.fileName,
        Actor: "J. Rivera",
        Field: "",
        OldValue: "",
        NewValue: "",
        Reason: "",
        PrevEntryHash: log[3].EntryHash,
      }),
    );
    expect((await checkChain([...log, r.logEntry!])).intact).toBe(true);
  });

  it("without a log: two gates, an empty patch_log_head, no log entry", async () => {
    const r = await sealRun(sealRequest({ log: null }));
    if (!r.sealed) throw new Error(r.reason);
    expect(r.gates.map((g) => g.gate)).toEqual([
      "schema_valid",
      "hash_recomputed",
    ]);
    expect(r.document.reconstruction.patch_log_head).toBe("");
    expect(r.logEntry).toBeNull();
  });

  it("a CSV seal's scope names the file and leaves sheet and table empty", async () => {
    const { document } = await sealOk();
    expect(document.authority_envelope.scope).toEqual({
      workbook: "llm_output.csv",
      sheet: "",
      table: "",
      run_id: "RUN-001",
      action: "seal",
    });
    expect(document.reconstruction.source).not.toHaveProperty("number_formats");
    expect(document.reconstruction.source).not.toHaveProperty("date_system");
  });

  it("trims the actor and role it records", async () => {
    const { document, logEntry } = await sealOk(
      sealRequest({ actor: "  J. Rivera ", role: " triage-lead\t" }),
    );
    expect([
      document.authority_envelope.actor,
      document.authority_envelope.role,
      logEntry!.Actor,
    ]).toEqual(["J. Rivera", "triage-lead", "J. Rivera"]);
  });
});

describe("each refusal check triggers on its own", () => {
  const cases: [
    string,
    CheckName,
    () => Promise<SealRequest> | SealRequest,
    RegExp | string,
  ][] = [
    [
      "a run lookup that matched no row",
      "run_id_valid",
      () =>
        sealRequest({
          runId: "RUN-404",
          source: null,
          lookup: {
            check: "run_id_valid",
            triggered: true,
            detail: 'RunID "RUN-404" matches no row',
          },
        }),
      'RunID "RUN-404" matches no row',
    ],
    [
      "a RunID cell that is not a safe id",
      "run_id_valid",
      () => sealRequest({ source: csvSource({ RunID: "RUN 001/../x" }) }),
      "is not a safe run id",
    ],
    [
      "a missing required column",
      "required_columns_present",
      () => {
        const s = csvSource();
        s.headers.splice(3, 1);
        s.values.splice(3, 1);
        return sealRequest({ source: s });
      },
      'missing required column "Model"',
    ],
    [
      "a missing column without a row",
      "required_columns_present",
      () =>
        sealRequest({
          source: null,
          tableHeaders: HEADERS.filter((h) => h !== "NextReviewDate"),
        }),
      "missing column(s): NextReviewDate",
    ],
    [
      "an error literal",
      "no_error_cells",
      () => sealRequest({ source: csvSource({ TopRisks: "#N/A" }) }),
      "#N/A",
    ],
    [
      "a locale date",
      "dates_valid",
      () => sealRequest({ source: csvSource({ SessionDate: "2/15/2026" }) }),
      "2/15/2026",
    ],
    [
      "an empty date",
      "dates_valid",
      () => sealRequest({ source: csvSource({ NextReviewDate: "" }) }),
      "NextReviewDate",
    ],
    [
      "a confidence over 100",
      "confidence_in_range",
      () =>
        sealRequest({ source: csvSource({ SummaryConfidence_pct: "101" }) }),
      "SummaryConfidence_pct",
    ],
    [
      "an empty confidence",
      "confidence_in_range",
      () => sealRequest({ source: csvSource({ SummaryConfidence_pct: " " }) }),
      "empty",
    ],
    [
      "an empty policy version",
      "policy_snapshot_complete",
      () => sealRequest({ governance: governance({ policyVersion: "  " }) }),
      "policy version is missing or empty",
    ],
    [
      "an empty baseline",
      "policy_snapshot_complete",
      () => sealRequest({ governance: governance({ baseline: "" }) }),
      "policy baseline is missing or empty",
    ],
    [
      "zero prompts",
      "policy_snapshot_complete",
      () => sealRequest({ governance: governance({ prompts: {} }) }),
      "no prompts",
    ],
    [
      "an unreadable prompt file",
      "policy_snapshot_complete",
      () =>
        sealRequest({
          governance: governance({ unreadable: ["docs/prompts/old.md"] }),
        }),
      "docs/prompts/old.md is not valid UTF-8",
    ],
    [
      "a prompt name that is not a safe name",
      "policy_snapshot_complete",
      () =>
        sealRequest({
          governance: governance({ prompts: { "triage prompt": "x" } }),
        }),
      'prompt name "triage prompt" is not a safe name',
    ],
    [
      "a prompt text with a lone surrogate (no UTF-8 form)",
      "policy_snapshot_complete",
      () =>
        sealRequest({
          governance: governance({
            prompts: { triage_prompt: "broken \uD800 text" },
          }),
        }),
      'prompt "triage_prompt" is not valid UTF-8',
    ],
    [
      "a baseline with a lone surrogate",
      "policy_snapshot_complete",
      () =>
        sealRequest({ governance: governance({ baseline: "policy \uDC00" }) }),
      "policy baseline is not valid UTF-8",
    ],
    [
      "an empty actor",
      "actor_authorized",
      () => sealRequest({ actor: "" }),
      "no actor",
    ],
    [
      "a blank actor",
      "actor_authorized",
      () => sealRequest({ actor: "   " }),
      "no actor",
    ],
    [
      "an actor AuthorizedActors does not list",
      "actor_authorized",
      () =>
        sealRequest({
          governance: governance({
            authorizedActors: [{ name: "M. Okafor", role: "triage-lead" }],
          }),
        }),
      'actor "J. Rivera" is not in AuthorizedActors (M. Okafor)',
    ],
    [
      "a listed actor in another role",
      "actor_authorized",
      () =>
        sealRequest({
          role: "operator",
          governance: governance({
            authorizedActors: [{ name: "J. Rivera", role: "triage-lead" }],
          }),
        }),
      'actor "J. Rivera" is authorized as "triage-lead", not "operator"',
    ],
    [
      "an empty AuthorizedActors list",
      "actor_authorized",
      () => sealRequest({ governance: governance({ authorizedActors: [] }) }),
      "is not in AuthorizedActors (empty)",
    ],
    [
      "a prior SEAL of the run in the log",
      "not_already_sealed",
      async () => {
        const log = [
          await makeEntry([], {
            Timestamp: "2026-02-14T09:00:00Z",
            Action: "SEAL",
            RunID: "RUN-001",
            SealHash: "sha256:" + "a".repeat(64),
            FileName: "RUN-001_20260214T090000Z.json",
            Actor: "J. Rivera",
          }),
        ];
        return sealRequest({ log });
      },
      `RUN-001 is already sealed (sha256:${"a".repeat(64)}, PL-000001)`,
    ],
    [
      "a prior seal file beside the output (CLI)",
      "not_already_sealed",
      () =>
        sealRequest({
          priorSeals: [
            {
              hash: "sha256:" + "b".repeat(64),
              exportTimestamp: "2026-02-14T09:00:00Z",
              where: "RUN-001_20260214T090000Z.json",
            },
          ],
        }),
      "already sealed",
    ],
    [
      "a blank new-version reason",
      "not_already_sealed",
      () =>
        sealRequest({
          newVersionReason: "   ",
          priorSeals: [
            {
              hash: "sha256:" + "b".repeat(64),
              exportTimestamp: "2026-02-14T09:00:00Z",
              where: "f.json",
            },
          ],
        }),
      "already sealed",
    ],
  ];

  it.each(cases)("%s → %s", async (_what, name, make, detail) => {
    const req = await make();
    const r = await refused(req);
    expectRefusedBy(r, [name], req);
    const d = detailOf(r, name);
    if (typeof detail === "string") expect(d).toContain(detail);
    else expect(d).toMatch(detail);
  });

  it("a listed actor in the listed role is authorized", async () => {
    await sealOk(
      sealRequest({
        actor: " J. Rivera ",
        governance: governance({
          authorizedActors: [
            { name: "M. Okafor", role: "operator" },
            { name: "J. Rivera", role: "triage-lead" },
          ],
        }),
      }),
    );
  });

  it("another run's SEAL in the log does not trigger not_already_sealed", async () => {
    const log = [
      await makeEntry([], {
        Timestamp: "2026-02-14T09:00:00Z",
        Action: "SEAL",
        RunID: "RUN-002",
        SealHash: "sha256:" + "a".repeat(64),
        FileName: "x.json",
        Actor: "x",
      }),
    ];
    await sealOk(sealRequest({ log }));
  });

  it("without a log the refusal still names the checks but writes no entry", async () => {
    const r = await refused(sealRequest({ log: null, actor: "" }));
    expect(r.reason).toBe("actor_authorized");
    expect(r.logEntry).toBeNull();
  });
});

describe("several checks at once", () => {
  it("all triggered checks are named in §4 order, joined by '; '", async () => {
    const log = [
      await makeEntry([], {
        Timestamp: "2026-02-14T09:00:00Z",
        Action: "SEAL",
        RunID: "RUN-001",
        SealHash: "sha256:" + "a".repeat(64),
        FileName: "f.json",
        Actor: "x",
      }),
    ];
    const req = sealRequest({
      log,
      actor: "",
      governance: governance({ prompts: {} }),
      source: csvSource({
        SessionDate: "15/02/2026",
        SummaryConfidence_pct: "-1",
        Model: "#REF!",
      }),
    });
    const r = await refused(req);
    expectRefusedBy(
      r,
      [
        "no_error_cells",
        "dates_valid",
        "confidence_in_range",
        "policy_snapshot_complete",
        "actor_authorized",
        "not_already_sealed",
      ],
      req,
    );
    expect(r.logEntry!.PrevEntryHash).toBe(log[0].EntryHash);
    expect((await checkChain([...log, r.logEntry!])).intact).toBe(true);
  });
});

describe("a new version of a sealed run", () => {
  it("needs a reason, records what it supersedes, and carries the reason into the SEAL entry", async () => {
    const first = await sealOk(sealRequest({ log: [] }));
    const log: PatchLogEntry[] = [first.logEntry!];
    const r = await sealRun(
      sealRequest({
        log,
        newVersionReason: "  confidence re-assessed after vendor call ",
        exportTimestamp: "2026-02-16T08:00:00Z",
      }),
    );
    if (!r.sealed) throw new Error(r.reason);
    const check = r.checks[7];
    expect(check).toEqual({
      check: "not_already_sealed",
      triggered: false,
      detail: `supersedes ${first.document.hash}; reason: confidence re-assessed after vendor call`,
    });
    expect(r.document.authority_envelope.refusal.checks_performed[7]).toEqual(
      check,
    );
    expect(r.logEntry).toMatchObject({
      Action: "SEAL",
      Reason: "confidence re-assessed after vendor call",
      EntryID: "PL-000002",
      SealHash: r.document.hash,
    });
    expect(r.fileName).toBe("RUN-001_20260216T080000Z.json");
    expect((await verifyBytes(r.bytes)).valid).toBe(true);
  });

  it("supersedes the latest SEAL in the log", async () => {
    const a = await sealOk(sealRequest({ log: [] }));
    const b = await sealRun(
      sealRequest({
        log: [a.logEntry!],
        newVersionReason: "v2",
        exportTimestamp: "2026-02-16T08:00:00Z",
      }),
    );
    if (!b.sealed) throw new Error(b.reason);
    const c = await sealRun(
      sealRequest({
        log: [a.logEntry!, b.logEntry!],
        newVersionReason: "v3",
        exportTimestamp: "2026-02-17T08:00:00Z",
      }),
    );
    if (!c.sealed) throw new Error(c.reason);
    expect(c.checks[7].detail).toBe(
      `supersedes ${b.document.hash}; reason: v3`,
    );
  });

  it("outside a log, supersedes the prior seal with the newest export_timestamp", async () => {
    const r = await sealRun(
      sealRequest({
        log: null,
        newVersionReason: "fix",
        priorSeals: [
          {
            hash: "sha256:" + "1".repeat(64),
            exportTimestamp: "2026-02-10T00:00:00Z",
            where: "a.json",
          },
          {
            hash: "sha256:" + "2".repeat(64),
            exportTimestamp: "2026-02-12T00:00:00Z",
            where: "b.json",
          },
          {
            hash: "sha256:" + "3".repeat(64),
            exportTimestamp: "2026-02-11T00:00:00Z",
            where: "c.json",
          },
        ],
      }),
    );
    expect(r.checks[7].detail).toBe(
      `supersedes sha256:${"2".repeat(64)}; reason: fix`,
    );
  });

  it("a reason for a run never sealed is not written to the SEAL entry", async () => {
    const r = await sealRun(sealRequest({ newVersionReason: "just because" }));
    if (!r.sealed) throw new Error(r.reason);
    expect(r.checks[7].detail).toBe("");
    expect(r.logEntry!.Reason).toBe("");
  });
});

describe("gates", () => {
  it("a broken log refuses with gate:patch_log_intact and releases nothing", async () => {
    const log = await buildLog(3);
    log[1] = { ...log[1], Reason: "edited later" };
    const req = sealRequest({ log });
    const r = await refused(req);
    expect(r.reason).toBe("gate:patch_log_intact");
    expect(r.checks.every((c) => !c.triggered)).toBe(true);
    expect(r.gates).toEqual([
      { gate: "schema_valid", result: "pass", detail: "" },
      { gate: "hash_recomputed", result: "pass", detail: "" },
      {
        gate: "patch_log_intact",
        result: "fail",
        detail: containing(
          "PL-000002 (row 2 of the log): its cells were changed",
        ),
      },
    ]);
    expect(r).not.toHaveProperty("document");
    expect(r.logEntry).toMatchObject({
      Action: "REFUSED",
      Reason: "gate:patch_log_intact",
      SealHash: "",
      FileName: "",
    });
  });

  it("a cut tail shown by a seal's recorded head refuses with gate:patch_log_intact", async () => {
    const log = await buildLog(4);
    const r = await refused(
      sealRequest({
        log: log.slice(0, 2),
        knownHeads: [
          {
            head: log[3].EntryHash,
            recordedBy: "RUN-004_20260301T101500Z.json",
          },
        ],
      }),
    );
    expect(r.reason).toBe("gate:patch_log_intact");
    expect(r.gates[2].detail).toContain(
      "RUN-004_20260301T101500Z.json names log head",
    );
  });

  it("an export_timestamp that is not YYYY-MM-DDTHH:MM:SSZ fails schema_valid on the final bytes", async () => {
    const r = await refused(
      sealRequest({ exportTimestamp: "2026-02-15 18:30" }),
    );
    expect(r.reason).toBe("gate:schema_valid");
    expect(r.gates[0]).toEqual({
      gate: "schema_valid",
      result: "fail",
      detail: containing("$.meta.export_timestamp"),
    });
  });

  it("refusal checks come first: a triggered check refuses before any gate runs", async () => {
    const log = await buildLog(2);
    log[0] = { ...log[0], Actor: "x" };
    const r = await refused(sealRequest({ log, actor: "" }));
    expect(r.reason).toBe("actor_authorized");
    expect(r.gates).toEqual([]);
  });
});
