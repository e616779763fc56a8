/** @jest-environment jsdom */
// The views' hooks on their own, without rendering a view: what each holds after the workbook
// answers, and that only the latest answer counts.
import "@testing-library/jest-dom";
import * as React from "react";
import { act, renderHook, screen, waitFor } from "@testing-library/react";
import { WorkbookError, type WorkbookApi } from "../../src/workflows/api";
import { AnnouncerProvider } from "../../src/taskpane/components/Announcer";
import { useSealView } from "../../src/taskpane/hooks/useSealView";
import { useExcelSelection } from "../../src/taskpane/hooks/useExcelSelection";
import { useWorkbookRuns } from "../../src/taskpane/hooks/useWorkbookRuns";
import { useVerifyView } from "../../src/taskpane/hooks/useVerifyView";
import { VERIFIED, usePatchView } from "../../src/taskpane/hooks/usePatchView";
import { useLogView } from "../../src/taskpane/hooks/useLogView";
import {
  fakeApi,
  fileOf,
  fireSelection,
  installDomPolyfills,
  realLog,
  realSeal,
  run,
  sealedOutcome,
} from "./helpers";

beforeAll(installDomPolyfills);

const ACTOR = { name: "J. Rivera", role: "triage-lead" };
const wrapper = ({ children }: { children: React.ReactNode }) => (
  <AnnouncerProvider>{children}</AnnouncerProvider>
);
const announced = () => screen.getByTestId("announcer");

/** A promise settled from the test, to answer in the order the test chooses. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("useWorkbookRuns", () => {
  test("an inspection answered after Check again started a newer one is dropped", async () => {
    const old = deferred<Awaited<ReturnType<WorkbookApi["inspect"]>>>();
    const api = fakeApi();
    api.inspect.mockReturnValueOnce(old.promise);
    const { result } = renderHook(() => useWorkbookRuns(api, () => undefined));
    act(() => result.current.check());
    await waitFor(() =>
      expect(result.current.inspect).toMatchObject({
        state: "ready",
        info: { hasRunTable: true },
      }),
    );
    await act(() =>
      Promise.resolve(
        old.resolve({
          hasRunTable: false,
          hasGovernance: false,
          hasPrompts: false,
          hasLog: false,
        }),
      ),
    );
    expect(result.current.inspect).toMatchObject({
      state: "ready",
      info: { hasRunTable: true },
    });
  });

  test("inspects and lists at once, and shows the list only when the table exists", async () => {
    const api = fakeApi();
    const { result } = renderHook(() => useWorkbookRuns(api, () => undefined));
    expect(result.current.inspect.state).toBe("loading");
    await waitFor(() =>
      expect(result.current.runs?.map((r) => r.runId)).toEqual([
        "RUN-001",
        "RUN-002",
        "RUN-003",
      ]),
    );
    expect(result.current.inspect).toMatchObject({
      state: "ready",
      info: { hasRunTable: true },
    });

    const bare = fakeApi({
      inspect: () =>
        Promise.resolve({
          hasRunTable: false,
          hasGovernance: false,
          hasPrompts: false,
          hasLog: false,
        }),
    });
    const other = renderHook(() => useWorkbookRuns(bare, () => undefined));
    await waitFor(() =>
      expect(other.result.current.inspect.state).toBe("ready"),
    );
    expect(bare.listRuns).toHaveBeenCalled();
    expect(other.result.current.runs).toBeNull();
  });

  test("an inspection that fails says why, and check() shows loading before reading again", async () => {
    const api = fakeApi({
      inspect: () =>
        Promise.reject(new WorkbookError("The workbook is busy.", "office")),
    });
    const { result } = renderHook(() => useWorkbookRuns(api, () => undefined));
    await waitFor(() =>
      expect(result.current.inspect).toEqual({
        state: "error",
        message: "The workbook is busy.",
      }),
    );
    api.inspect.mockResolvedValue({
      hasRunTable: true,
      hasGovernance: true,
      hasPrompts: true,
      hasLog: true,
    });
    act(() => result.current.check());
    expect(result.current.inspect.state).toBe("loading");
    await waitFor(() => expect(result.current.inspect.state).toBe("ready"));
  });

  test("a list that cannot be read keeps its error apart from the inspection; the template's failure is kept too", async () => {
    const api = fakeApi({
      listRuns: () =>
        Promise.reject(
          new WorkbookError("LLMOutputTable has no RunID column.", "no-table"),
        ),
      createGovernanceTemplate: () =>
        Promise.reject(
          new WorkbookError("The workbook is protected.", "office"),
        ),
    });
    const { result } = renderHook(() => useWorkbookRuns(api, () => undefined));
    await waitFor(() =>
      expect(result.current.runsError).toBe(
        "LLMOutputTable has no RunID column.",
      ),
    );
    expect(result.current.inspect.state).toBe("ready");
    await act(() => result.current.createTemplate());
    expect(result.current.template).toEqual({
      busy: false,
      error: "The workbook is protected.",
    });
  });
});

describe("useExcelSelection", () => {
  test("follows the selection, and a late answer to an older selection is dropped", async () => {
    const first = deferred<string | null>();
    const api = fakeApi();
    api.selectedRunId
      .mockReturnValueOnce(first.promise)
      .mockResolvedValueOnce("RUN-002");
    const { result } = renderHook(() => useExcelSelection(api));
    await waitFor(() => expect(api.onSelectionChanged).toHaveBeenCalled());
    act(() => fireSelection(api));
    await waitFor(() => expect(result.current.current).toBe("RUN-002"));
    await act(() => Promise.resolve(first.resolve("RUN-001")));
    expect(result.current.current).toBe("RUN-002");
  });

  test("a selection Excel cannot read is a note, and the list can still set the run", async () => {
    const api = fakeApi({
      selectedRunId: () =>
        Promise.reject(
          new WorkbookError("The selection spans two tables.", "selection"),
        ),
    });
    const { result } = renderHook(() => useExcelSelection(api));
    await waitFor(() =>
      expect(result.current.selectionNote).toBe(
        "The selection spans two tables.",
      ),
    );
    act(() => result.current.setCurrent("RUN-003"));
    expect(result.current.current).toBe("RUN-003");
  });

  test("unsubscribes when done, even when the subscription arrives after", async () => {
    const off = jest.fn();
    const later = deferred<() => void>();
    const api = fakeApi({ onSelectionChanged: () => later.promise });
    const { unmount } = renderHook(() => useExcelSelection(api as WorkbookApi));
    unmount();
    await act(() => Promise.resolve(later.resolve(off)));
    expect(off).toHaveBeenCalledTimes(1);
  });
});

describe("useSealView", () => {
  test("ticked runs are sealed one by one with the row hint; results, ticks and the announcement follow", async () => {
    const seal = await realSeal("RUN-002");
    const api = fakeApi({
      sealRun: (runId: string) => {
        if (runId === "RUN-002") return Promise.resolve(sealedOutcome(seal));
        return Promise.reject(
          new WorkbookError(
            `${runId} is not in LLMOutputTable any more.`,
            "no-table",
          ),
        );
      },
    });
    const { result } = renderHook(() => useSealView(api, ACTOR, null), {
      wrapper,
    });
    await waitFor(() => expect(result.current.runs).not.toBeNull());
    act(() => result.current.toggle("RUN-002"));
    act(() => result.current.toggle("RUN-003"));
    expect(result.current.targets).toEqual(["RUN-002", "RUN-003"]);
    expect(result.current.blocked).toBe("");
    await act(() => result.current.seal());
    expect(api.sealRun).toHaveBeenNthCalledWith(1, "RUN-002", {
      actor: ACTOR,
      newVersionReason: undefined,
      rowHint: 1,
    });
    expect(
      result.current.results.map((r) => [r.runId, r.outcome?.kind ?? r.error]),
    ).toEqual([
      ["RUN-002", "sealed"],
      ["RUN-003", "RUN-003 is not in LLMOutputTable any more."],
    ]);
    expect(result.current.checked.size).toBe(0);
    expect(result.current.progress).toBeNull();
    await waitFor(() =>
      expect(announced()).toHaveTextContent(
        "2 runs: 1 sealed, 0 refused, 1 failed.",
      ),
    );
    expect(api.listRuns).toHaveBeenCalledTimes(2);
  });

  test("without an actor nothing is sealed", async () => {
    const api = fakeApi();
    const { result } = renderHook(() => useSealView(api, null, null), {
      wrapper,
    });
    await waitFor(() => expect(result.current.current).toBe("RUN-003"));
    expect(result.current.blocked).toBe(
      "Say who is sealing first: your name and role, above.",
    );
    await act(() => result.current.seal());
    expect(api.sealRun).not.toHaveBeenCalled();
  });

  test("a new version is sealed with its trimmed reason", async () => {
    const seal = await realSeal("RUN-003");
    const api = fakeApi({
      sealRun: () => Promise.resolve(sealedOutcome(seal)),
    });
    const { result } = renderHook(() => useSealView(api, ACTOR, null), {
      wrapper,
    });
    await waitFor(() =>
      expect(result.current.currentRun?.runId).toBe("RUN-003"),
    );
    act(() => result.current.setNewVersion(true));
    expect(result.current.blocked).toBe(
      "A new version needs a reason: say why this run is sealed again.",
    );
    act(() => result.current.setReason("  corrected dates "));
    await act(() => result.current.seal());
    expect(api.sealRun).toHaveBeenCalledWith("RUN-003", {
      actor: ACTOR,
      newVersionReason: "corrected dates",
      rowHint: 2,
    });
  });

  test("a ribbon message is handled once, however often the view renders", async () => {
    const seal = await realSeal("RUN-001");
    const api = fakeApi();
    const command = {
      view: "seal" as const,
      seq: 4,
      notice: { kind: "seal" as const, outcome: sealedOutcome(seal) },
    };
    const { result, rerender } = renderHook(
      ({ c }) => useSealView(api, ACTOR, c),
      { wrapper, initialProps: { c: command } },
    );
    await waitFor(() =>
      expect(result.current.results.map((r) => r.runId)).toEqual(["RUN-001"]),
    );
    rerender({ c: { ...command } });
    expect(result.current.resultSeq).toBe(1);
    rerender({
      c: {
        view: "seal",
        seq: 5,
        notice: {
          kind: "need-actor",
          message: "Say who is sealing, then seal again.",
        },
      } as never,
    });
    expect(result.current.commandNote).toEqual({
      intent: "warning",
      text: "Say who is sealing, then seal again.",
    });
    expect(result.current.results).toHaveLength(1);
  });
});

describe("useVerifyView", () => {
  test("a pasted seal is replayed, offered to Patch, announced and checked against the workbook", async () => {
    const seal = await realSeal();
    const onDocument = jest.fn();
    const api = fakeApi();
    const { result } = renderHook(() => useVerifyView(api, onDocument), {
      wrapper,
    });
    act(() => result.current.setPasted(seal.text));
    act(() => result.current.verifyPasted());
    await waitFor(() => expect(result.current.workbook.state).toBe("ready"));
    expect(result.current.checked?.report.admissible).toBe(true);
    expect(onDocument).toHaveBeenLastCalledWith({
      document: seal.document,
      name: "the pasted text",
    });
    expect(api.checkAgainstWorkbook).toHaveBeenCalledWith(seal.document);
    await waitFor(() =>
      expect(announced()).toHaveTextContent(
        "the pasted text holds: every rule passed.",
      ),
    );
  });

  test("an edited file is reported but never offered to Patch; outside Excel the workbook is not asked", async () => {
    const seal = await realSeal();
    const onDocument = jest.fn();
    const { result } = renderHook(() => useVerifyView(null, onDocument), {
      wrapper,
    });
    act(() =>
      result.current.verifyFile(
        fileOf("edited.json", seal.text.replace('"J. Rivera"', '"J. Rivers"')),
      ),
    );
    await waitFor(() => expect(result.current.checked).not.toBeNull());
    expect(result.current.checked?.report.admissible).toBe(false);
    expect(onDocument).toHaveBeenLastCalledWith(null);
    expect(result.current.workbook).toEqual({ state: "idle" });
  });

  test("an oversized file is refused unread, and a file still being read when it came is not shown", async () => {
    const seal = await realSeal();
    const onDocument = jest.fn();
    const { result } = renderHook(() => useVerifyView(null, onDocument), {
      wrapper,
    });
    // The first file's bytes arrive only when the test says, after the oversized file came.
    const bytes = deferred<ArrayBuffer>();
    const first = fileOf("first.json", seal.bytes);
    first.arrayBuffer = () => bytes.promise;
    act(() => result.current.verifyFile(first));
    expect(result.current.busy).toBe(true);
    const big = fileOf("huge.json", "x");
    Object.defineProperty(big, "size", { value: 6 * 1024 * 1024 });
    act(() => result.current.verifyFile(big));
    expect(result.current.readError).toMatch(
      /^huge\.json is 6291456 bytes; sealed files are at most 5 MiB/,
    );
    await act(async () => {
      bytes.resolve(seal.bytes.slice().buffer);
      // Time enough for the first file's replay to finish, had it been kept.
      await new Promise((r) => setTimeout(r, 300));
    });
    expect(result.current.checked).toBeNull();
    expect(result.current.busy).toBe(false);
    expect(onDocument).toHaveBeenLastCalledWith(null);
  });
});

describe("usePatchView", () => {
  test("a stored seal's fields are offered; the field chosen is dropped when the seal changes", async () => {
    const a = await realSeal("RUN-003");
    const b = await realSeal("RUN-004");
    const texts: Record<string, typeof a> = { "part-a": a, "part-b": b };
    const api = fakeApi({
      listStoredSeals: () =>
        Promise.resolve([
          {
            id: "part-a",
            fileName: a.fileName,
            runId: "RUN-003",
            hash: a.document.hash,
            head: "",
          },
          {
            id: "part-b",
            fileName: b.fileName,
            runId: "RUN-004",
            hash: b.document.hash,
            head: "",
          },
        ]),
      fetchStoredSeal: (id: string) =>
        Promise.resolve({
          fileName: texts[id].fileName,
          text: texts[id].text,
        }),
    });
    const { result } = renderHook(() => usePatchView(api, ACTOR, null), {
      wrapper,
    });
    await waitFor(() => expect(result.current.seals).toHaveLength(2));
    act(() => result.current.setChoice("part-a"));
    await waitFor(() =>
      expect(result.current.target?.hash).toBe(a.document.hash),
    );
    act(() => result.current.setFieldPath("kpis.summary_confidence_pct"));
    expect(result.current.current).toEqual({ ok: true, value: 78 });
    act(() => result.current.setChoice("part-b"));
    expect(result.current.target).toBeNull();
    await waitFor(() =>
      expect(result.current.target?.hash).toBe(b.document.hash),
    );
    expect(result.current.fieldPath).toBe("");
  });

  test("a newly verified file becomes the choice; when it no longer qualifies the choice is cleared", async () => {
    const seal = await realSeal();
    const api = fakeApi();
    const verified = { document: seal.document, name: "checked.json" };
    const { result, rerender } = renderHook(
      ({ v }) => usePatchView(api, ACTOR, v),
      { wrapper, initialProps: { v: null as typeof verified | null } },
    );
    expect(result.current.choice).toBe("");
    rerender({ v: verified });
    expect(result.current.choice).toBe(VERIFIED);
    expect(result.current.target).toMatchObject({
      name: "checked.json",
      hash: seal.document.hash,
      file: seal.document,
    });
    rerender({ v: null });
    expect(result.current.choice).toBe("");
    expect(result.current.target).toBeNull();
    await waitFor(() => expect(result.current.seals).toEqual([]));
  });

  test("a stored seal that is not a JSON object says so, naming the file", async () => {
    const api = fakeApi({
      fetchStoredSeal: () =>
        Promise.resolve({
          fileName: "RUN-003.sealed.json",
          text: "[1, 2]",
        }),
    });
    const { result } = renderHook(() => usePatchView(api, ACTOR, null), {
      wrapper,
    });
    act(() => result.current.setChoice("part-1"));
    await waitFor(() =>
      expect(result.current.targetError).toBe(
        "RUN-003.sealed.json kept in the workbook cannot be read: it is not a JSON object",
      ),
    );
    expect(result.current.target).toBeNull();
  });

  test("problems are named before anything is recorded, and a recorded patch clears the value and reason", async () => {
    const seal = await realSeal();
    const entry = {
      ...seal.logEntry,
      EntryID: "PL-000002",
      Action: "PATCH",
      Field: "kpis.summary_confidence_pct",
      OldValue: "78",
      NewValue: "81",
      Reason: "recount",
    };
    const api = fakeApi({
      recordPatch: () =>
        Promise.resolve({ logEntry: entry, saved: true, warnings: [] }),
    });
    const verified = { document: seal.document, name: "f.json" }; // one object, as the App's state is
    const { result } = renderHook(() => usePatchView(api, ACTOR, verified), {
      wrapper,
    });
    const submit = () =>
      result.current.submit({
        preventDefault: () => undefined,
      } as React.FormEvent);
    await act(submit);
    expect(result.current.tried).toBe(true);
    expect(result.current.problems).toMatchObject({
      target: "",
      field: "Choose what to correct.",
    });
    expect(api.recordPatch).not.toHaveBeenCalled();
    act(() => result.current.setFieldPath("kpis.summary_confidence_pct"));
    act(() => result.current.setNewValue("eighty"));
    expect(result.current.problems.value).toBe(
      "Type a number, for example 72.",
    );
    act(() => result.current.setNewValue("81"));
    act(() => result.current.setReason(" recount "));
    await act(submit);
    expect(api.recordPatch).toHaveBeenCalledWith({
      sealHash: seal.document.hash,
      field: "kpis.summary_confidence_pct",
      newValue: "81",
      reason: "recount",
      actor: ACTOR,
      document: seal.document,
    });
    expect(result.current.result?.logEntry.EntryID).toBe("PL-000002");
    expect([
      result.current.newValue,
      result.current.reason,
      result.current.tried,
    ]).toEqual(["", "", false]);
  });
});

describe("useLogView", () => {
  test("an answer to an older reading is dropped when Refresh started a newer one", async () => {
    const old = deferred<Awaited<ReturnType<WorkbookApi["readLog"]>>>();
    const log = await realLog(2);
    const { checkChain } = await import("./helpers");
    const fresh = { entries: log, chain: await checkChain(log), orphans: [] };
    const api = fakeApi();
    api.readLog.mockReturnValueOnce(old.promise).mockResolvedValueOnce(fresh);
    const { result } = renderHook(() => useLogView(api, ACTOR), { wrapper });
    act(() => result.current.load());
    await waitFor(() => expect(result.current.log?.entries).toHaveLength(2));
    await act(() =>
      Promise.resolve(
        old.resolve({
          entries: [],
          chain: { intact: true, entries: 0, head: "" },
          orphans: [],
        }),
      ),
    );
    expect(result.current.log?.entries).toHaveLength(2);
  });

  test("a broken chain chooses its first break; Repair adds entries and reads the log again", async () => {
    const log = await realLog(3);
    log[1] = { ...log[1], Reason: "edited by hand" };
    const { checkChain } = await import("./helpers");
    const chain = await checkChain(log);
    const api = fakeApi({
      readLog: () => Promise.resolve({ entries: log, chain, orphans: [] }),
      repairOrphans: () => Promise.resolve(2),
    });
    const { result } = renderHook(() => useLogView(api, ACTOR), { wrapper });
    await waitFor(() => expect(result.current.log).not.toBeNull());
    expect(chain.intact).toBe(false);
    expect(result.current.active).toBe(chain.firstBreak?.index);
    await act(() => result.current.doRepair());
    expect(result.current.repair).toEqual({
      busy: false,
      message: "Added 2 missing SEAL entries to PATCH_LOG.",
    });
    await waitFor(() => expect(api.readLog).toHaveBeenCalledTimes(2));
  });

  test("Repair without an actor does nothing; a log that cannot be read says why, and load() clears it", async () => {
    const api = fakeApi({
      readLog: () =>
        Promise.reject(
          new WorkbookError(
            "PATCH_LOG has a column the add-in does not know: Notes.",
            "log-layout",
          ),
        ),
    });
    const { result } = renderHook(() => useLogView(api, null), { wrapper });
    await waitFor(() =>
      expect(result.current.error).toBe(
        "PATCH_LOG has a column the add-in does not know: Notes.",
      ),
    );
    await act(() => result.current.doRepair());
    expect(api.repairOrphans).not.toHaveBeenCalled();
    api.readLog.mockResolvedValue({
      entries: [],
      chain: { intact: true, entries: 0, head: "" },
      orphans: [],
    });
    act(() => result.current.load());
    expect(result.current.error).toBeNull();
    await waitFor(() => expect(result.current.log?.entries).toEqual([]));
  });

  test("Export again gives the kept file with its hash, or says why not", async () => {
    const seal = await realSeal();
    const stored = {
      id: "part-9",
      fileName: seal.fileName,
      runId: "RUN-003",
      hash: seal.document.hash,
      head: "",
    };
    const api = fakeApi({
      fetchStoredSeal: () =>
        Promise.resolve({
          fileName: seal.fileName,
          text: seal.text,
        }),
    });
    const { result } = renderHook(() => useLogView(api, ACTOR), { wrapper });
    await act(() => result.current.exportAgain(stored));
    expect(result.current.exported).toEqual({
      fileName: seal.fileName,
      text: seal.text,
      hash: seal.document.hash,
    });
    api.fetchStoredSeal.mockRejectedValue(
      new WorkbookError(
        "That seal is no longer kept in this workbook.",
        "no-seal",
      ),
    );
    await act(() => result.current.exportAgain(stored));
    expect(result.current.exportError).toBe(
      "That seal is no longer kept in this workbook.",
    );
  });
});

// Also checked: rows from `run()` carry the row index the seal's hint uses.
test("the fake run list's row index is what the seal hint sends", () => {
  expect(run("RUN-002").rowIndex).toBe(1);
});
