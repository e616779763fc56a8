/** @jest-environment jsdom */
// Seal view: what the analyst sees before, during and after pressing Seal, on every path.
import "@testing-library/jest-dom";
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from "@testing-library/react";
import { WorkbookError, type SealOutcome } from "../../src/workflows/api";
import { ACTOR_STORAGE_KEY } from "../../src/taskpane/actorStore";
import { readCarried } from "../../src/taskpane/support/carry";
import {
  fakeApi,
  fireSelection,
  installDomPolyfills,
  realSeal,
  refusedOutcome,
  renderApp,
  run,
  sealedOutcome,
} from "./helpers";

beforeAll(installDomPolyfills);
beforeEach(() => {
  localStorage.clear();
  delete (globalThis as Record<string, unknown>).Office;
});

const ACTOR = { name: "J. Rivera", role: "triage-lead" };
function rememberActor() {
  localStorage.setItem(ACTOR_STORAGE_KEY, JSON.stringify(ACTOR));
}

function blobText(b: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result as string);
    r.onerror = () => reject(r.error ?? new Error("FileReader failed"));
    r.readAsText(b);
  });
}

async function sealButton() {
  return screen.findByTestId("seal-button");
}

describe("before sealing", () => {
  test("a workbook without LLMOutputTable gets a message saying what to create, and Check again re-reads it", async () => {
    const api = fakeApi({
      inspect: () =>
        Promise.resolve({
          hasRunTable: false,
          hasGovernance: true,
          hasPrompts: true,
          hasLog: false,
        }),
    });
    renderApp({ api });
    const msg = await screen.findByTestId("no-run-table");
    expect(msg).toHaveTextContent(
      "a table named LLMOutputTable on a sheet named LLM_OUTPUT",
    );
    expect(msg).toHaveTextContent(
      "RunID, SessionDate, Operator, Model, TopRisks, TopActions, SummaryConfidence_pct and NextReviewDate",
    );
    expect(screen.queryByTestId("seal-button")).not.toBeInTheDocument();
    // The list may be asked for beside the inspection (a large table arrives sooner), but nothing of it is shown.
    expect(screen.queryByTestId("run-table")).not.toBeInTheDocument();
    expect(screen.queryByTestId("runs-error")).not.toBeInTheDocument();
    api.inspect.mockResolvedValue({
      hasRunTable: true,
      hasGovernance: true,
      hasPrompts: true,
      hasLog: false,
    });
    fireEvent.click(within(msg).getByRole("button", { name: "Check again" }));
    expect(await sealButton()).toBeInTheDocument();
    expect(api.listRuns).toHaveBeenCalled();
  });

  test("missing GOVERNANCE and PROMPTS: the template is offered, created, and the warning goes", async () => {
    const api = fakeApi({
      inspect: () =>
        Promise.resolve({
          hasRunTable: true,
          hasGovernance: false,
          hasPrompts: false,
          hasLog: false,
        }),
    });
    renderApp({ api });
    const warn = await screen.findByTestId("no-governance");
    expect(warn).toHaveTextContent("GOVERNANCE and PROMPTS missing");
    expect(warn).toHaveTextContent("policy_snapshot_complete");
    api.inspect.mockResolvedValue({
      hasRunTable: true,
      hasGovernance: true,
      hasPrompts: true,
      hasLog: false,
    });
    fireEvent.click(screen.getByTestId("create-governance"));
    await waitFor(() =>
      expect(screen.queryByTestId("no-governance")).not.toBeInTheDocument(),
    );
    expect(api.createGovernanceTemplate).toHaveBeenCalledTimes(1);
    await waitFor(() =>
      expect(screen.getByTestId("announcer")).toHaveTextContent(
        "Created GOVERNANCE and PROMPTS",
      ),
    );
  });

  test("only PROMPTS missing: the offer names PROMPTS; a failing template creation shows its message", async () => {
    const api = fakeApi({
      inspect: () =>
        Promise.resolve({
          hasRunTable: true,
          hasGovernance: true,
          hasPrompts: false,
          hasLog: false,
        }),
      createGovernanceTemplate: () =>
        Promise.reject(
          new WorkbookError(
            "The sheet PROMPTS exists but has no table PromptsTable; add the table or rename the sheet.",
            "no-table",
          ),
        ),
    });
    renderApp({ api });
    const button = await screen.findByTestId("create-governance");
    expect(button).toHaveTextContent("Create PROMPTS from a template");
    fireEvent.click(button);
    expect(
      await within(screen.getByTestId("no-governance")).findByRole("alert"),
    ).toHaveTextContent(
      "The sheet PROMPTS exists but has no table PromptsTable; add the table or rename the sheet.",
    );
  });

  test("a WorkbookError while reading the workbook is shown as written", async () => {
    const api = fakeApi({
      inspect: () =>
        Promise.reject(
          new WorkbookError(
            "Excel is in cell-edit mode: press Enter or Esc in the sheet, then try again.",
            "cell-edit",
          ),
        ),
    });
    renderApp({ api });
    expect(await screen.findByTestId("inspect-error")).toHaveTextContent(
      "Excel is in cell-edit mode: press Enter or Esc in the sheet, then try again.",
    );
  });

  test("no actor known: Seal is disabled with the reason; giving name and role remembers them and enables it", async () => {
    const api = fakeApi();
    renderApp({ api });
    const seal = await sealButton();
    expect(seal).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByTestId("seal-blocked-reason")).toHaveTextContent(
      "Say who is sealing first",
    );
    fireEvent.click(seal);
    expect(api.sealRun).not.toHaveBeenCalled();

    // Both are required.
    fireEvent.change(screen.getByTestId("actor-name"), {
      target: { value: "  J. Rivera " },
    });
    fireEvent.click(screen.getByTestId("actor-save"));
    expect(
      await screen.findByText("Give your role (for example triage-lead)."),
    ).toBeInTheDocument();
    expect(localStorage.getItem(ACTOR_STORAGE_KEY)).toBeNull();

    fireEvent.change(screen.getByTestId("actor-role"), {
      target: { value: "triage-lead" },
    });
    fireEvent.click(screen.getByTestId("actor-save"));
    expect(await screen.findByTestId("actor-summary")).toHaveTextContent(
      "Acting as J. Rivera (triage-lead)",
    );
    expect(JSON.parse(localStorage.getItem(ACTOR_STORAGE_KEY)!)).toEqual(ACTOR);
    await waitFor(() =>
      expect(screen.getByTestId("seal-button")).not.toHaveAttribute(
        "aria-disabled",
        "true",
      ),
    );
  });

  test("the list follows the Excel selection; a click chooses another run; a selection off the table says why", async () => {
    rememberActor();
    const api = fakeApi({
      listRuns: () =>
        Promise.resolve([
          run("RUN-001", "sealed"),
          run("RUN-002", "changed", {
            changedFields: ["kpis.summary_confidence_pct"],
          }),
          run("RUN-003", "patched"),
        ]),
    });
    renderApp({ api });
    await waitFor(() =>
      expect(screen.getByTestId("run-row-RUN-003")).toHaveAttribute(
        "aria-selected",
        "true",
      ),
    );
    expect(screen.getByTestId("run-state-RUN-001")).toHaveTextContent("sealed");
    expect(screen.getByTestId("run-state-RUN-002")).toHaveTextContent(
      "changed",
    );
    expect(
      screen.getByTestId("run-state-RUN-002").closest("[title]"),
    ).toHaveAttribute("title", expect.stringMatching(/^changed/));
    expect(screen.getByTestId("run-state-RUN-003")).toHaveTextContent(
      "patched",
    );
    expect(screen.getByTestId("current-run")).toHaveTextContent("RUN-003");

    api.selectedRunId.mockResolvedValue("RUN-002");
    act(() => fireSelection(api));
    await waitFor(() =>
      expect(screen.getByTestId("run-row-RUN-002")).toHaveAttribute(
        "aria-selected",
        "true",
      ),
    );
    expect(screen.getByTestId("run-row-RUN-003")).toHaveAttribute(
      "aria-selected",
      "false",
    );
    expect(screen.getByTestId("current-run")).toHaveTextContent(
      "changed since seal: kpis.summary_confidence_pct",
    );

    fireEvent.click(screen.getByTestId("run-row-RUN-001"));
    expect(screen.getByTestId("run-row-RUN-001")).toHaveAttribute(
      "aria-selected",
      "true",
    );
    expect(screen.getByTestId("seal-target")).toHaveTextContent("Statesealed");

    api.selectedRunId.mockRejectedValue(
      new WorkbookError(
        "The selection is on the header row of LLMOutputTable: select a run's row.",
        "selection",
      ),
    );
    act(() => fireSelection(api));
    expect(await screen.findByTestId("selection-note")).toHaveTextContent(
      "The selection is on the header row of LLMOutputTable: select a run's row.",
    );
  });

  test("no run under the selection and none clicked: Seal says to choose one", async () => {
    rememberActor();
    const api = fakeApi({
      selectedRunId: () =>
        Promise.reject(new WorkbookError("Select a run's row.", "selection")),
    });
    renderApp({ api });
    await screen.findByTestId("run-row-RUN-002");
    expect(await sealButton()).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByTestId("seal-blocked-reason")).toHaveTextContent(
      "Select a row of LLMOutputTable in Excel, or choose a run in the list.",
    );
  });

  test("50,000 runs: only a window of rows is in the page, and End reaches the last run", async () => {
    rememberActor();
    const many = Array.from({ length: 50_000 }, (_, i) => run(`RUN-${i + 1}`));
    const api = fakeApi({
      listRuns: () => Promise.resolve(many),
      selectedRunId: () => Promise.resolve("RUN-1"),
    });
    renderApp({ api });
    await screen.findByTestId("run-row-RUN-1");
    expect(screen.getAllByTestId(/^run-row-/).length).toBeLessThan(60);
    expect(screen.getByTestId("run-table")).toHaveAttribute(
      "aria-rowcount",
      "50001",
    );
    const grid = screen.getByTestId("run-table");
    fireEvent.keyDown(grid, { key: "End" });
    await waitFor(() =>
      expect(screen.getByTestId("run-row-RUN-50000")).toHaveAttribute(
        "aria-selected",
        "true",
      ),
    );
    expect(screen.getAllByTestId(/^run-row-/).length).toBeLessThan(60);
    fireEvent.keyDown(grid, { key: "ArrowUp" });
    await waitFor(() =>
      expect(screen.getByTestId("run-row-RUN-49999")).toHaveAttribute(
        "aria-selected",
        "true",
      ),
    );
    fireEvent.keyDown(grid, { key: " " });
    expect(screen.getByTestId("run-check-RUN-49999")).toBeChecked();
  });
});

describe("sealing", () => {
  test("success: file name, hash, log entry, announced, and the file offered by download and copy", async () => {
    rememberActor();
    const seal = await realSeal();
    const api = fakeApi({
      sealRun: () => Promise.resolve(sealedOutcome(seal)),
    });
    const created: Blob[] = [];
    const createObjectURL = jest
      .spyOn(URL, "createObjectURL")
      .mockImplementation((b) => {
        created.push(b as Blob);
        return "blob:sealed";
      });
    const clicks: { download: string; href: string }[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, "click")
      .mockImplementation(function (this: HTMLAnchorElement) {
        clicks.push({ download: this.download, href: this.href });
      });
    const writeText = jest.fn(() => Promise.resolve(undefined));
    Object.defineProperty(navigator, "clipboard", {
      value: { writeText },
      configurable: true,
    });
    try {
      renderApp({ api });
      await waitFor(() =>
        expect(screen.getByTestId("run-row-RUN-003")).toHaveAttribute(
          "aria-selected",
          "true",
        ),
      );
      fireEvent.click(await sealButton());
      const result = await screen.findByTestId("seal-result");
      expect(api.sealRun).toHaveBeenCalledWith("RUN-003", {
        actor: ACTOR,
        newVersionReason: undefined,
        rowHint: 2,
      });
      expect(within(result).getByTestId("sealed-file-name")).toHaveTextContent(
        "RUN-003_20260301T101500Z.json",
      );
      expect(within(result).getByTestId("sealed-hash")).toHaveTextContent(
        seal.document.hash,
      );
      expect(within(result).getByTestId("sealed-log-entry")).toHaveTextContent(
        "PL-000001 (SEAL)",
      );
      expect(screen.getByTestId("download-note")).toHaveTextContent(
        "in Excel on Mac it does nothing",
      );
      await waitFor(() =>
        expect(screen.getByTestId("announcer")).toHaveTextContent(
          "Sealed RUN-003 as RUN-003_20260301T101500Z.json.",
        ),
      );
      // No openBrowserWindow outside Office: no button that would fail.
      expect(
        within(result).queryByTestId("open-browser"),
      ).not.toBeInTheDocument();

      fireEvent.click(within(result).getByTestId("download-file"));
      expect(clicks).toEqual([
        { download: "RUN-003_20260301T101500Z.json", href: "blob:sealed" },
      ]);
      expect(createObjectURL).toHaveBeenCalledTimes(1);
      expect(await blobText(created[0])).toBe(seal.text);

      fireEvent.click(within(result).getByTestId("copy-file"));
      await waitFor(() => expect(writeText).toHaveBeenCalledWith(seal.text));
      expect(
        await within(result).findByTestId("file-out-status"),
      ).toHaveTextContent("save it as RUN-003_20260301T101500Z.json");
      // The list is re-read so the run shows its new state.
      expect(api.listRuns).toHaveBeenCalledTimes(2);
    } finally {
      createObjectURL.mockRestore();
      click.mockRestore();
    }
  });

  test("where Office can open a browser, the file's page opens with its name and hash; unsaved and warnings are shown", async () => {
    rememberActor();
    const seal = await realSeal();
    const openBrowserWindow = jest.fn((url: string) => void url);
    (globalThis as Record<string, unknown>).Office = {
      context: {
        ui: { openBrowserWindow },
        requirements: {
          isSetSupported: (s: string) => s === "OpenBrowserWindowApi",
        },
        platform: "Mac",
      },
      PlatformType: { Mac: "Mac" },
    };
    const api = fakeApi({
      sealRun: () =>
        Promise.resolve(
          sealedOutcome(seal, {
            saved: false,
            warnings: [
              "Another editor sealed RUN-002 at the same time; both entries are kept.",
            ],
          }),
        ),
    });
    renderApp({ api });
    await waitFor(() =>
      expect(screen.getByTestId("run-row-RUN-003")).toHaveAttribute(
        "aria-selected",
        "true",
      ),
    );
    fireEvent.click(await sealButton());
    const result = await screen.findByTestId("seal-result");
    expect(within(result).getByTestId("save-reminder")).toHaveTextContent(
      "save it now",
    );
    expect(within(result).getByTestId("seal-warnings")).toHaveTextContent(
      "Another editor sealed RUN-002 at the same time; both entries are kept.",
    );
    fireEvent.click(within(result).getByTestId("open-browser"));
    expect(openBrowserWindow).toHaveBeenCalledTimes(1);
    const url = new URL(openBrowserWindow.mock.calls[0][0]);
    expect(url.pathname.endsWith("/support.html")).toBe(true);
    // The page carries the file itself: the browser it opens in shares no storage with the pane.
    expect(readCarried(url.hash)).toEqual({
      fileName: seal.fileName,
      hash: seal.document.hash,
      text: seal.text,
    });
    // On Mac, Download says plainly that it does nothing there.
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, "click")
      .mockImplementation(() => undefined);
    try {
      fireEvent.click(within(result).getByTestId("download-file"));
    } finally {
      click.mockRestore();
    }
    expect(within(result).getByTestId("file-out-status")).toHaveTextContent(
      "Excel on Mac does not download from add-ins: use Copy JSON instead.",
    );
  });

  test("refusal: says nothing was released, lists each triggered check with its detail and what to do", async () => {
    rememberActor();
    const refusedEntry = {
      ...(await realSeal()).logEntry,
      EntryID: "PL-000004",
      Action: "REFUSED",
    };
    const outcome = refusedOutcome(
      "RUN-003",
      {
        dates_valid: "LLM_OUTPUT!B7 SessionDate: 2/15/2026 is not a date",
        not_already_sealed:
          "RUN-003 is already sealed (sha256:aa…, PL-000001); a seal is never replaced",
      },
      refusedEntry,
    );
    const api = fakeApi({ sealRun: () => Promise.resolve(outcome) });
    renderApp({ api });
    await waitFor(() =>
      expect(screen.getByTestId("run-row-RUN-003")).toHaveAttribute(
        "aria-selected",
        "true",
      ),
    );
    fireEvent.click(await sealButton());
    const refused = await screen.findByTestId("seal-refused");
    expect(refused).toHaveTextContent("Refused RUN-003");
    expect(refused).toHaveTextContent(
      "Nothing was sealed and no file was released. The attempt is logged as PL-000004 (REFUSED).",
    );
    expect(within(refused).getByTestId("check-dates_valid")).toHaveTextContent(
      "Dates (dates_valid)LLM_OUTPUT!B7 SessionDate: 2/15/2026 is not a date",
    );
    expect(
      within(refused).getByTestId("check-not_already_sealed"),
    ).toHaveTextContent(
      "Tick “new version” and give a reason, or record a patch.",
    );
    expect(
      within(refused).queryByTestId("check-run_id_valid"),
    ).not.toBeInTheDocument();
    expect(within(refused).queryByTestId("file-out")).not.toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByTestId("announcer")).toHaveTextContent(
        "RUN-003 refused: a date is not a real date; it is already sealed.",
      ),
    );
  });

  test("refusal by a failed gate names the gate", async () => {
    rememberActor();
    const outcome: SealOutcome = {
      ...refusedOutcome("RUN-003", {}),
      gates: [
        { gate: "schema_valid", result: "pass", detail: "" },
        {
          gate: "patch_log_intact",
          result: "fail",
          detail:
            "PL-000002 (row 2 of the log): its cells were changed after it was written",
        },
      ],
      reason: "gate:patch_log_intact",
    };
    const api = fakeApi({ sealRun: () => Promise.resolve(outcome) });
    renderApp({ api });
    await waitFor(() =>
      expect(screen.getByTestId("run-row-RUN-003")).toHaveAttribute(
        "aria-selected",
        "true",
      ),
    );
    fireEvent.click(await sealButton());
    const gate = await screen.findByTestId("gate-patch_log_intact");
    expect(gate).toHaveTextContent(
      "The PATCH_LOG hash chain is intact (patch_log_intact)PL-000002 (row 2 of the log): its cells were changed",
    );
    expect(screen.queryByTestId("gate-schema_valid")).not.toBeInTheDocument();
  });

  test("a WorkbookError from sealing is shown as written", async () => {
    rememberActor();
    const api = fakeApi({
      sealRun: () =>
        Promise.reject(
          new WorkbookError(
            "PATCH_LOG is protected with a password the add-in does not have: unprotect it, then seal again.",
            "log-protected",
          ),
        ),
    });
    renderApp({ api });
    await waitFor(() =>
      expect(screen.getByTestId("run-row-RUN-003")).toHaveAttribute(
        "aria-selected",
        "true",
      ),
    );
    fireEvent.click(await sealButton());
    expect(await screen.findByTestId("seal-error")).toHaveTextContent(
      "PATCH_LOG is protected with a password the add-in does not have: unprotect it, then seal again.",
    );
    // The failure is the result: its heading takes focus.
    expect(
      screen.getByRole("heading", { name: "Could not seal RUN-003" }),
    ).toHaveFocus();
  });

  test("a new version needs a reason, which is passed to the seal", async () => {
    rememberActor();
    const seal = await realSeal();
    const api = fakeApi({
      sealRun: () => Promise.resolve(sealedOutcome(seal)),
    });
    renderApp({ api });
    await waitFor(() =>
      expect(screen.getByTestId("run-row-RUN-003")).toHaveAttribute(
        "aria-selected",
        "true",
      ),
    );
    fireEvent.click(
      screen.getByRole("checkbox", {
        name: "Seal a new version of an already sealed run",
      }),
    );
    expect(await sealButton()).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByTestId("seal-blocked-reason")).toHaveTextContent(
      "A new version needs a reason",
    );
    fireEvent.change(screen.getByTestId("new-version-reason"), {
      target: { value: "source row corrected by data steward" },
    });
    fireEvent.click(screen.getByTestId("seal-button"));
    await screen.findByTestId("seal-result");
    expect(api.sealRun).toHaveBeenCalledWith("RUN-003", {
      actor: ACTOR,
      newVersionReason: "source row corrected by data steward",
      rowHint: 2,
    });
  });

  test("several ticked runs: sealed one by one with a progress bar, then a summary naming each refusal and failure", async () => {
    rememberActor();
    const sealed = await realSeal("RUN-001");
    const pending: Record<string, (o: SealOutcome) => void> = {};
    const api = fakeApi({
      sealRun: (runId: string) => {
        if (runId === "RUN-003")
          return Promise.reject(
            new WorkbookError(
              "LLM_OUTPUT!A7 is being edited by another user.",
              "office",
            ),
          );
        return new Promise<SealOutcome>(
          (resolve) => (pending[runId] = resolve),
        );
      },
    });
    renderApp({ api });
    await screen.findByTestId("run-row-RUN-001");
    for (const id of ["RUN-001", "RUN-002", "RUN-003"])
      fireEvent.click(screen.getByTestId(`run-check-${id}`));
    expect(screen.getByTestId("seal-target")).toHaveTextContent(
      "3 runs ticked: RUN-001, RUN-002, RUN-003",
    );
    fireEvent.click(await sealButton());

    const bar = await screen.findByTestId("seal-progress");
    expect(screen.getByText("Sealing 0 of 3…")).toBeInTheDocument();
    expect(screen.getByTestId("seal-button")).toHaveAttribute(
      "aria-disabled",
      "true",
    );
    await act(() => Promise.resolve(pending["RUN-001"](sealedOutcome(sealed))));
    expect(await screen.findByText("Sealing 1 of 3…")).toBeInTheDocument();
    expect(bar).toBeInTheDocument();
    await act(() =>
      Promise.resolve(
        pending["RUN-002"](
          refusedOutcome("RUN-002", {
            confidence_in_range: "LLM_OUTPUT!H6: 140 is above 100",
          }),
        ),
      ),
    );

    const summary = await screen.findByTestId("seal-summary");
    expect(summary).toHaveTextContent("1 sealed, 1 refused, 1 failed.");
    expect(summary).toHaveTextContent(
      "RUN-002: refused: the confidence is out of range",
    );
    expect(summary).toHaveTextContent(
      "RUN-003: LLM_OUTPUT!A7 is being edited by another user.",
    );
    expect(screen.queryByTestId("seal-progress")).not.toBeInTheDocument();
    expect(api.sealRun.mock.calls.map((c: unknown[]) => c[0])).toEqual([
      "RUN-001",
      "RUN-002",
      "RUN-003",
    ]);
    expect(screen.getAllByTestId("seal-result")).toHaveLength(1);
    expect(screen.getByTestId("check-confidence_in_range")).toHaveTextContent(
      "LLM_OUTPUT!H6: 140 is above 100",
    );
    // Ticks are cleared for the next batch.
    expect(screen.getByTestId("run-check-RUN-001")).not.toBeChecked();
  });

  test("a seal made from the ribbon shows here; a ribbon seal without an actor asks for one", async () => {
    const seal = await realSeal();
    const api = fakeApi();
    const { bus } = renderApp({ api });
    await sealButton();
    act(() =>
      bus.publish({
        view: "seal",
        notice: {
          kind: "need-actor",
          message:
            "Say who is sealing (your name and role) below, then press Seal Run again.",
        },
      }),
    );
    expect(await screen.findByTestId("command-note")).toHaveTextContent(
      "then press Seal Run again",
    );
    expect(screen.getByTestId("actor-form")).toBeInTheDocument();
    act(() =>
      bus.publish({
        view: "seal",
        notice: { kind: "seal", outcome: sealedOutcome(seal) },
      }),
    );
    expect(await screen.findByTestId("sealed-file-name")).toHaveTextContent(
      seal.fileName,
    );
    expect(screen.queryByTestId("command-note")).not.toBeInTheDocument();
  });

  test("a ribbon seal that happened before the pane mounted is shown when it mounts", async () => {
    const seal = await realSeal();
    const { createBus } = await import("../../src/taskpane/bus");
    const bus = createBus();
    bus.publish({
      view: "seal",
      notice: { kind: "seal", outcome: sealedOutcome(seal) },
    });
    renderApp({ api: fakeApi(), bus });
    expect(await screen.findByTestId("sealed-file-name")).toHaveTextContent(
      seal.fileName,
    );
  });

  test("a failing run list is reported as written", async () => {
    const api = fakeApi({
      listRuns: () =>
        Promise.reject(
          new WorkbookError(
            "LLMOutputTable has no RunID column (headers: Run, Date, …).",
            "no-table",
          ),
        ),
    });
    renderApp({ api });
    expect(await screen.findByTestId("runs-error")).toHaveTextContent(
      "LLMOutputTable has no RunID column (headers: Run, Date, …).",
    );
  });
});

describe("the preview before sealing", () => {
  test("shows the file and the exact document a seal of the selected run would write", async () => {
    rememberActor();
    const s = await realSeal("RUN-003");
    const api = fakeApi({
      previewSeal: () =>
        Promise.resolve({
          kind: "would-seal",
          document: s.document,
          fileName: s.fileName,
          text: s.text,
          warnings: [],
        }),
    });
    renderApp({ api });
    const preview = await screen.findByTestId(
      "seal-preview",
      {},
      { timeout: 3000 },
    );
    expect(preview).toHaveAttribute("data-kind", "would-seal");
    expect(preview).toHaveTextContent(
      `Sealing RUN-003 would write ${s.fileName}`,
    );
    expect(screen.getByTestId("seal-preview-json").textContent).toBe(s.text);
    expect(api.previewSeal).toHaveBeenLastCalledWith(
      "RUN-003",
      expect.objectContaining({ actor: ACTOR, rowHint: 2 }),
    );
  });

  test("names the checks that would refuse the seal, in plain words with their details", async () => {
    rememberActor();
    const api = fakeApi({
      previewSeal: () =>
        Promise.resolve({
          kind: "would-refuse",
          runId: "RUN-003",
          checks: [
            {
              check: "dates_valid",
              triggered: true,
              detail: "SessionDate at LLM_OUTPUT!B7 is not a real date",
            },
            { check: "actor_authorized", triggered: false, detail: "" },
          ],
          gates: [],
          reason: "dates_valid",
          warnings: [],
        }),
    });
    renderApp({ api });
    const preview = await screen.findByTestId(
      "seal-preview",
      {},
      { timeout: 3000 },
    );
    expect(preview).toHaveAttribute("data-kind", "would-refuse");
    expect(screen.getByTestId("preview-check-dates_valid")).toHaveTextContent(
      "SessionDate at LLM_OUTPUT!B7 is not a real date",
    );
    expect(
      screen.queryByTestId("preview-check-actor_authorized"),
    ).not.toBeInTheDocument();
  });

  test("a preview that cannot be made says why and does not stop sealing", async () => {
    rememberActor();
    const api = fakeApi({
      previewSeal: () =>
        Promise.reject(
          new WorkbookError(
            "A cell is being edited. Press Enter or Esc to finish editing, then try again.",
            "cell-edit",
          ),
        ),
    });
    renderApp({ api });
    expect(
      await screen.findByTestId("seal-preview-error", {}, { timeout: 3000 }),
    ).toHaveTextContent("No preview: A cell is being edited.");
    expect(await sealButton()).not.toHaveAttribute("aria-disabled", "true");
  });
});
