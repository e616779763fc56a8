// The Seal view's batch state, its summary sentence and why Seal is blocked: pure, so tested in node.
import {
  INITIAL_SEAL_STATE,
  blockedReason,
  commandItem,
  sealReducer,
  summarize,
  type SealItem,
} from "../../src/taskpane/hooks/sealState";
import { realSeal, refusedOutcome, sealedOutcome } from "./helpers";

const ACTOR = { name: "J. Rivera", role: "triage-lead" };

describe("sealReducer", () => {
  test("a tick toggles one run and leaves the others", () => {
    let s = sealReducer(INITIAL_SEAL_STATE, {
      type: "toggle",
      runId: "RUN-001",
    });
    s = sealReducer(s, { type: "toggle", runId: "RUN-002" });
    s = sealReducer(s, { type: "toggle", runId: "RUN-001" });
    expect([...s.checked]).toEqual(["RUN-002"]);
    expect([...INITIAL_SEAL_STATE.checked]).toEqual([]);
    expect([...sealReducer(s, { type: "clear-ticks" }).checked]).toEqual([]);
  });

  test("a batch clears the old results and the command note, counts progress, then shows its results once and clears the ticks", async () => {
    const seal = await realSeal("RUN-001");
    let s = sealReducer(INITIAL_SEAL_STATE, {
      type: "toggle",
      runId: "RUN-001",
    });
    s = sealReducer(s, {
      type: "command",
      notice: { kind: "need-actor", message: "Say who you are." },
    });
    s = { ...s, results: [{ runId: "RUN-009", error: "old" }] };
    s = sealReducer(s, { type: "start", total: 2 });
    expect(s).toMatchObject({
      results: [],
      commandNote: null,
      progress: { done: 0, total: 2 },
      resultSeq: 0,
    });
    s = sealReducer(s, { type: "progress", done: 1, total: 2 });
    expect(s.progress).toEqual({ done: 1, total: 2 });
    const items: SealItem[] = [
      { runId: "RUN-001", outcome: sealedOutcome(seal) },
      { runId: "RUN-002", error: "gone" },
    ];
    s = sealReducer(s, { type: "finish", items });
    expect(s).toMatchObject({ progress: null, results: items, resultSeq: 1 });
    expect(s.checked.size).toBe(0);
    s = sealReducer(s, { type: "close-results" });
    expect(s.results).toEqual([]);
    expect(s.resultSeq).toBe(1);
  });

  test("a ribbon seal replaces the results and clears the note; the ticks stay", async () => {
    const seal = await realSeal("RUN-004");
    let s = sealReducer(INITIAL_SEAL_STATE, {
      type: "toggle",
      runId: "RUN-001",
    });
    s = sealReducer(s, {
      type: "command",
      notice: { kind: "error", message: "Excel said no." },
    });
    expect(s.commandNote).toEqual({ intent: "error", text: "Excel said no." });
    s = sealReducer(s, {
      type: "command",
      notice: { kind: "seal", outcome: sealedOutcome(seal) },
    });
    expect(s.commandNote).toBeNull();
    expect(s.results.map((r) => r.runId)).toEqual(["RUN-004"]);
    expect(s.resultSeq).toBe(1);
    expect([...s.checked]).toEqual(["RUN-001"]);
  });

  test("a ribbon request for the actor is a warning, not an error", () => {
    const s = sealReducer(INITIAL_SEAL_STATE, {
      type: "command",
      notice: { kind: "need-actor", message: "Say who is sealing." },
    });
    expect(s.commandNote).toEqual({
      intent: "warning",
      text: "Say who is sealing.",
    });
  });

  test("a refused ribbon seal is named by its run id", () => {
    expect(
      commandItem(refusedOutcome("RUN-007", { dates_valid: "bad" })).runId,
    ).toBe("RUN-007");
  });
});

describe("summarize", () => {
  test("one result is said in full: sealed, refused or failed", async () => {
    const seal = await realSeal("RUN-003");
    expect(
      summarize([{ runId: "RUN-003", outcome: sealedOutcome(seal) }]),
    ).toBe(`Sealed RUN-003 as ${seal.fileName}.`);
    expect(
      summarize([
        {
          runId: "RUN-005",
          outcome: refusedOutcome("RUN-005", {
            dates_valid: "SessionDate is text",
          }),
        },
      ]),
    ).toBe("RUN-005 refused: a date is not a real date.");
    expect(summarize([{ runId: "RUN-006", error: "the row is gone" }])).toBe(
      "Could not seal RUN-006: the row is gone",
    );
  });

  test("a batch is counted, and failures are named only when there are some", async () => {
    const seal = await realSeal("RUN-001");
    const sealed = { runId: "RUN-001", outcome: sealedOutcome(seal) };
    const refused = {
      runId: "RUN-002",
      outcome: refusedOutcome("RUN-002", { dates_valid: "x" }),
    };
    expect(summarize([sealed, refused])).toBe("2 runs: 1 sealed, 1 refused.");
    expect(summarize([sealed, refused, { runId: "RUN-003", error: "x" }])).toBe(
      "3 runs: 1 sealed, 1 refused, 1 failed.",
    );
  });
});

describe("blockedReason", () => {
  const ok = {
    actor: ACTOR,
    targets: ["RUN-001"],
    newVersion: false,
    reason: "",
    sealing: false,
  };
  test("each reason in the order a person meets them", () => {
    expect(blockedReason({ ...ok, actor: null, targets: [] })).toBe(
      "Say who is sealing first: your name and role, above.",
    );
    expect(blockedReason({ ...ok, targets: [] })).toBe(
      "Select a row of LLMOutputTable in Excel, or choose a run in the list.",
    );
    expect(blockedReason({ ...ok, newVersion: true, reason: "   " })).toBe(
      "A new version needs a reason: say why this run is sealed again.",
    );
    expect(blockedReason({ ...ok, sealing: true })).toBe("Sealing…");
  });
  test("nothing blocks a named actor with a run, or a new version with a reason", () => {
    expect(blockedReason(ok)).toBe("");
    expect(
      blockedReason({ ...ok, newVersion: true, reason: "re-run after fix" }),
    ).toBe("");
  });
});
