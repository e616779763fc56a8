// Shared by the component tests: jsdom polyfills, REAL sealed documents made by the core, and a
// fake WorkbookApi whose every method is a jest mock with a sensible default.
import { render, type RenderResult } from "@testing-library/react";
import {
  sealRun,
  makeEntry,
  checkChain,
  type PatchLogEntry,
  type SealedRun,
  type SourceRecord,
  USED_COLUMNS,
} from "../../src/core";
import type {
  RunListItem,
  SealOutcome,
  StoredSeal,
  WorkbookApi,
} from "../../src/workflows/api";
import { App, type AppProps } from "../../src/taskpane/App";
import { createBus } from "../../src/taskpane/bus";
// The pane's lazily loaded parts, required once per test file when it starts: ts-jest compiles a
// module the first time it is required, and that must not happen inside a test's one-second wait
// for what the module shows (the browser tests load them as the chunks they are).
import "../../src/taskpane/views/VerifyView";
import "../../src/taskpane/views/PatchView";
import "../../src/taskpane/views/LogView";
import "../../src/taskpane/views/seal/SealResults";
import "../../src/taskpane/signing/SignaturePanel";

/** What jsdom lacks and the task pane uses: ResizeObserver (virtual lists), object URLs (downloads), element sizes, scrollTo. */
export function installDomPolyfills(): void {
  const g = globalThis as Record<string, unknown>;
  if (!g.ResizeObserver) {
    g.ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }
  if (!URL.createObjectURL)
    Object.defineProperty(URL, "createObjectURL", {
      value: () => "blob:sealed-run-test",
      configurable: true,
      writable: true,
    });
  if (!URL.revokeObjectURL)
    Object.defineProperty(URL, "revokeObjectURL", {
      value: () => undefined,
      configurable: true,
      writable: true,
    });
  // The virtual list sizes its window from the scroller's clientHeight, which jsdom reports as 0.
  Object.defineProperty(HTMLElement.prototype, "clientHeight", {
    configurable: true,
    get: () => 400,
  });
  Object.defineProperty(HTMLElement.prototype, "clientWidth", {
    configurable: true,
    get: () => 360,
  });
  // jsdom lays nothing out; the virtual list's content is one child whose inline height is the total.
  Object.defineProperty(HTMLElement.prototype, "scrollHeight", {
    configurable: true,
    get(this: HTMLElement) {
      const child = this.firstElementChild as HTMLElement | null;
      return Math.max(400, parseFloat(child?.style.height ?? "") || 0);
    },
  });
  // jsdom does not scroll: keep scrollTop as set and fire the scroll event the virtual list listens to.
  const tops = new WeakMap<Element, number>();
  Object.defineProperty(HTMLElement.prototype, "scrollTop", {
    configurable: true,
    get(this: HTMLElement) {
      return tops.get(this) ?? 0;
    },
    set(this: HTMLElement, v: number) {
      tops.set(this, v);
    },
  });
  HTMLElement.prototype.scrollTo = function scrollTo(
    this: HTMLElement,
    a?: ScrollToOptions | number,
    b?: number,
  ) {
    const top = typeof a === "object" ? a.top : b;
    if (top !== undefined) this.scrollTop = top;
    // Browsers fire scroll events after the scroll, never inside the call.
    setTimeout(() => this.dispatchEvent(new Event("scroll")), 0);
  };
  if (!window.matchMedia) {
    window.matchMedia = (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener() {},
      removeListener() {},
      addEventListener() {},
      removeEventListener() {},
      dispatchEvent: () => false,
    });
  }
}

const GOVERNANCE = {
  policyVersion: "2026.02",
  baseline: "Triage policy baseline: every run is sealed before it is shared.",
  prompts: { triage_prompt: "You are a triage assistant." },
  authorizedActors: null,
  unreadable: [],
};

export function sourceRow(
  runId = "RUN-003",
  overrides: Record<string, string | number> = {},
): SourceRecord {
  const base: Record<string, string | number> = {
    RunID: runId,
    SessionDate: 46068,
    Operator: "J. Rivera",
    Model: "gpt-4o",
    TopRisks: "Budget reversal; Legacy API consumer discovered",
    TopActions: "Validate ERP vendor SSO; Re-check hiring freeze",
    SuggestedUpdates: "Update CLM-003 confidence",
    SummaryConfidence_pct: 78,
    NextReviewDate: 46075,
    ...overrides,
  };
  const headers = [...USED_COLUMNS];
  return {
    kind: "excel-table",
    location: "LLM_OUTPUT!A5:I5",
    headers,
    values: headers.map((h) => base[h]),
    number_formats: headers.map((h) =>
      h.endsWith("Date") ? "yyyy-mm-dd" : "General",
    ),
    date_system: 1900,
  };
}

export interface RealSeal {
  document: SealedRun;
  text: string;
  bytes: Uint8Array;
  fileName: string;
  logEntry: PatchLogEntry;
}

/** A genuine seal from the core: what Excel would produce for this row. */
export async function realSeal(
  runId = "RUN-003",
  log: PatchLogEntry[] = [],
): Promise<RealSeal> {
  const r = await sealRun({
    runId,
    lookup: { check: "run_id_valid", triggered: false, detail: "" },
    source: sourceRow(runId),
    tableHeaders: [...USED_COLUMNS],
    governance: GOVERNANCE,
    actor: "J. Rivera",
    role: "triage-lead",
    scope: {
      workbook: "Triage.xlsx",
      sheet: "LLM_OUTPUT",
      table: "LLMOutputTable",
    },
    log,
    exportTimestamp: "2026-03-01T10:15:00Z",
  });
  if (!r.sealed || !r.logEntry)
    throw new Error(
      `test seal refused: ${r.sealed ? "no log entry" : r.reason}`,
    );
  return {
    document: r.document,
    text: r.text,
    bytes: r.bytes,
    fileName: r.fileName,
    logEntry: r.logEntry,
  };
}

export function sealedOutcome(
  s: RealSeal,
  extra: Partial<Extract<SealOutcome, { kind: "sealed" }>> = {},
): SealOutcome {
  return {
    kind: "sealed",
    document: s.document,
    fileName: s.fileName,
    text: s.text,
    bytes: s.bytes,
    logEntry: s.logEntry,
    saved: true,
    warnings: [],
    ...extra,
  };
}

/** A refusal as the workflows report it, with the core's check shapes. */
export function refusedOutcome(
  runId: string,
  triggered: Record<string, string>,
  logEntry: PatchLogEntry | null = null,
): Extract<SealOutcome, { kind: "refused" }> {
  const names = [
    "run_id_valid",
    "required_columns_present",
    "no_error_cells",
    "dates_valid",
    "confidence_in_range",
    "policy_snapshot_complete",
    "actor_authorized",
    "not_already_sealed",
  ] as const;
  return {
    kind: "refused",
    runId,
    checks: names.map((n) => ({
      check: n,
      triggered: n in triggered,
      detail: triggered[n] ?? "",
    })),
    gates: [],
    reason: Object.keys(triggered).join("; "),
    logEntry,
    warnings: [],
  };
}

/** A log of `n` chained entries (all REFUSED), built by the core. */
export async function realLog(n: number): Promise<PatchLogEntry[]> {
  const log: PatchLogEntry[] = [];
  for (let i = 0; i < n; i++) {
    log.push(
      await makeEntry(log, {
        Timestamp: "2026-03-01T10:15:00Z",
        Action: "REFUSED",
        RunID: `RUN-${String(i + 1).padStart(3, "0")}`,
        Actor: "J. Rivera",
        Reason: "dates_valid",
      }),
    );
  }
  return log;
}

export { checkChain };

export function run(
  runId: string,
  state: RunListItem["state"] = "unsealed",
  extra: Partial<RunListItem> = {},
): RunListItem {
  const n = Number(runId.replace(/\D/g, "")) || 1;
  return {
    runId,
    rowIndex: n - 1,
    address: `LLM_OUTPUT!A${n + 4}:I${n + 4}`,
    sessionDate: "2026-02-15",
    operator: "J. Rivera",
    state,
    ...extra,
  };
}

export type FakeApi = { [K in keyof WorkbookApi]: jest.Mock };

export function fakeApi(
  overrides: Partial<
    Record<keyof WorkbookApi, (...args: never[]) => unknown>
  > = {},
): FakeApi & WorkbookApi {
  const selectionListeners: (() => void)[] = [];
  const api: FakeApi = {
    listRuns: jest.fn(() =>
      Promise.resolve([
        run("RUN-001", "sealed", { sealHash: "sha256:" + "1".repeat(64) }),
        run("RUN-002"),
        run("RUN-003"),
      ]),
    ),
    selectedRunId: jest.fn(() => Promise.resolve("RUN-003")),
    sealSelectedRun: jest.fn(() =>
      Promise.reject(new Error("sealSelectedRun not set up in this test")),
    ),
    sealRun: jest.fn(() =>
      Promise.reject(new Error("sealRun not set up in this test")),
    ),
    previewSeal: jest.fn(() =>
      Promise.reject(new Error("no preview in this test")),
    ),
    recordPatch: jest.fn(),
    checkAgainstWorkbook: jest.fn(() =>
      Promise.resolve({
        fileIntact: true,
        basis: { kind: "file" as const },
        fileEdits: [],
        sealEntry: null,
        rowFound: true,
        changes: [],
        patches: [],
        chain: { intact: true, entries: 0, head: "" },
      }),
    ),
    readLog: jest.fn(() =>
      Promise.resolve({
        entries: [],
        chain: { intact: true, entries: 0, head: "" },
        orphans: [],
      }),
    ),
    listStoredSeals: jest.fn((): Promise<StoredSeal[]> => Promise.resolve([])),
    fetchStoredSeal: jest.fn(),
    repairOrphans: jest.fn(() => Promise.resolve(0)),
    inspect: jest.fn(() =>
      Promise.resolve({
        hasRunTable: true,
        hasGovernance: true,
        hasPrompts: true,
        hasLog: true,
      }),
    ),
    createGovernanceTemplate: jest.fn(() => Promise.resolve(undefined)),
    keepSignature: jest.fn(() =>
      Promise.resolve({
        kind: "kept" as const,
        partId: "sig-1",
        keyId: "0".repeat(64),
      }),
    ),
    checkKeptSignature: jest.fn(() =>
      Promise.resolve({
        verdict: null,
        line: "not signed: this workbook keeps no signature for this seal",
        notes: [],
      }),
    ),
    registerActorKey: jest.fn(() =>
      Promise.resolve({ kind: "added" as const, cell: "ACTOR_KEYS!A2" }),
    ),
    readActorKeys: jest.fn(() =>
      Promise.resolve({ exists: true, keys: [], rows: [], problems: [] }),
    ),
    onSelectionChanged: jest.fn((cb: () => void) => {
      selectionListeners.push(cb);
      return Promise.resolve(() => undefined);
    }),
  };
  for (const [k, f] of Object.entries(overrides))
    (api as Record<string, jest.Mock>)[k] = jest.fn(
      f as (...a: unknown[]) => unknown,
    );
  return Object.assign(api, {
    fireSelectionChanged: () => selectionListeners.forEach((l) => l()),
  });
}

/** The arguments of the `call`-th call of the fake's `method`, typed as the method's parameters. */
export function callArgs<K extends keyof WorkbookApi>(
  api: FakeApi,
  method: K,
  call = 0,
): Parameters<WorkbookApi[K]> {
  const args: unknown = api[method].mock.calls[call];
  if (!Array.isArray(args))
    throw new Error(`${method} was not called ${call + 1} time(s)`);
  return args as Parameters<WorkbookApi[K]>;
}

export function fireSelection(api: WorkbookApi): void {
  (
    api as unknown as { fireSelectionChanged: () => void }
  ).fireSelectionChanged();
}

export function renderApp(
  props: Partial<AppProps> & { api: WorkbookApi | null },
): RenderResult & { bus: ReturnType<typeof createBus> } {
  const bus = props.bus ?? createBus();
  const result = render(<App {...props} bus={bus} />);
  return Object.assign(result, { bus });
}

/** A File whose bytes the task pane reads like a dropped or chosen file. */
export function fileOf(name: string, content: Uint8Array | string): File {
  return new File(
    [typeof content === "string" ? content : Buffer.from(content)],
    name,
    { type: "application/json" },
  );
}
