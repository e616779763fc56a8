/** @jest-environment jsdom */
// Seal Log view: the chain's state named plainly, every entry reachable, orphans repaired, seals exported again.
import "@testing-library/jest-dom";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { WorkbookError } from "../../src/workflows/api";
import { ACTOR_STORAGE_KEY } from "../../src/taskpane/actorStore";
import {
  checkChain,
  fakeApi,
  installDomPolyfills,
  realLog,
  realSeal,
  renderApp,
} from "./helpers";

beforeAll(installDomPolyfills);
beforeEach(() => localStorage.clear());

const ACTOR = { name: "J. Rivera", role: "triage-lead" };

test("an intact log: the chain is said to be intact and each entry is a row", async () => {
  const entries = await realLog(3);
  const chain = await checkChain(entries);
  const api = fakeApi({
    readLog: () => Promise.resolve({ entries, chain, orphans: [] }),
  });
  renderApp({ api, initialView: "log" });
  const status = await screen.findByTestId("chain-status");
  expect(status).toHaveAttribute("data-intact", "true");
  expect(status).toHaveTextContent(
    "Chain intact3 entries; every entry links to the one before.",
  );
  for (const id of ["PL-000001", "PL-000002", "PL-000003"])
    expect(screen.getByTestId(`log-row-${id}`)).toHaveTextContent("REFUSED");
  expect(screen.getByTestId("log-row-PL-000002")).toHaveTextContent("RUN-002");
  await waitFor(() =>
    expect(screen.getByTestId("announcer")).toHaveTextContent(
      "Seal log: chain intact, 3 entries.",
    ),
  );
});

test("a broken log names the first entry that breaks and how, and shows that entry's cells", async () => {
  const entries = await realLog(4);
  entries[1] = { ...entries[1], Reason: "edited afterwards" };
  const chain = await checkChain(entries);
  expect(chain.intact).toBe(false);
  const api = fakeApi({
    readLog: () => Promise.resolve({ entries, chain, orphans: [] }),
  });
  renderApp({ api, initialView: "log" });
  const status = await screen.findByTestId("chain-status");
  expect(status).toHaveAttribute("data-intact", "false");
  expect(status).toHaveTextContent("Chain broken at PL-000002");
  expect(status).toHaveTextContent(chain.firstBreak!.message);
  expect(status).toHaveTextContent(
    "its cells were changed after it was written",
  );
  expect(screen.getByTestId("log-row-PL-000002")).toHaveTextContent(
    "⚠ PL-000002",
  );
  expect(screen.getByTestId("log-row-PL-000002")).toHaveAttribute(
    "aria-selected",
    "true",
  );
  const details = screen.getByTestId("log-entry-details");
  expect(details).toHaveTextContent("PL-000002: the chain breaks here");
  expect(details).toHaveTextContent("edited afterwards");
  await waitFor(() =>
    expect(screen.getByTestId("announcer")).toHaveTextContent(
      "Seal log: chain broken at PL-000002.",
    ),
  );
  // Arrow keys walk the entries; the details follow.
  fireEvent.keyDown(screen.getByTestId("log-table"), { key: "ArrowDown" });
  expect(screen.getByTestId("log-entry-details")).toHaveTextContent(
    "PL-000003",
  );
});

test("orphaned seals are listed and Repair adds their SEAL entries, then the log is read again", async () => {
  localStorage.setItem(ACTOR_STORAGE_KEY, JSON.stringify(ACTOR));
  const seal = await realSeal();
  const orphan = {
    id: "part-2",
    fileName: seal.fileName,
    runId: "RUN-003",
    hash: seal.document.hash,
    head: "",
  };
  const api = fakeApi({
    readLog: () =>
      Promise.resolve({
        entries: [],
        chain: { intact: true, entries: 0, head: "" },
        orphans: [orphan],
      }),
    repairOrphans: () => Promise.resolve(1),
  });
  renderApp({ api, initialView: "log" });
  const orphans = await screen.findByTestId("orphans");
  expect(orphans).toHaveTextContent("1 seal has no SEAL entry");
  expect(orphans).toHaveTextContent(`${seal.fileName} ${seal.document.hash}`);
  api.readLog.mockResolvedValue({
    entries: [seal.logEntry],
    chain: await checkChain([seal.logEntry]),
    orphans: [],
  });
  fireEvent.click(within(orphans).getByTestId("repair-orphans"));
  expect(await screen.findByTestId("repair-result")).toHaveTextContent(
    "Added 1 missing SEAL entry to PATCH_LOG.",
  );
  expect(api.repairOrphans).toHaveBeenCalledWith(ACTOR);
  expect(await screen.findByTestId("log-row-PL-000001")).toHaveTextContent(
    seal.fileName,
  );
  expect(screen.queryByTestId("orphans")).not.toBeInTheDocument();
});

test("Repair needs to know who you are, and its WorkbookError is shown as written", async () => {
  const seal = await realSeal();
  const orphan = {
    id: "part-2",
    fileName: seal.fileName,
    runId: "RUN-003",
    hash: seal.document.hash,
    head: "",
  };
  const api = fakeApi({
    readLog: () =>
      Promise.resolve({
        entries: [],
        chain: { intact: true, entries: 0, head: "" },
        orphans: [orphan],
      }),
    repairOrphans: () =>
      Promise.reject(
        new WorkbookError(
          "PATCH_LOG is protected with a password the add-in does not have.",
          "log-protected",
        ),
      ),
  });
  renderApp({ api, initialView: "log" });
  const orphans = await screen.findByTestId("orphans");
  expect(within(orphans).getByTestId("repair-orphans")).toHaveAttribute(
    "aria-disabled",
    "true",
  );
  expect(orphans).toHaveTextContent("Say who you are below before repairing");
  fireEvent.change(screen.getByTestId("actor-name"), {
    target: { value: "J. Rivera" },
  });
  fireEvent.change(screen.getByTestId("actor-role"), {
    target: { value: "triage-lead" },
  });
  fireEvent.click(screen.getByTestId("actor-save"));
  await waitFor(() =>
    expect(within(orphans).getByTestId("repair-orphans")).not.toHaveAttribute(
      "aria-disabled",
      "true",
    ),
  );
  fireEvent.click(within(orphans).getByTestId("repair-orphans"));
  expect(await within(orphans).findByRole("alert")).toHaveTextContent(
    "PATCH_LOG is protected with a password the add-in does not have.",
  );
});

test("a PATCH_LOG of another layout: the WorkbookError is shown as written, with Try again", async () => {
  const api = fakeApi({
    readLog: () =>
      Promise.reject(
        new WorkbookError(
          "PATCH_LOG has the columns Date, Note; Sealed Run expects EntryID … EntryHash and left it unchanged.",
          "log-layout",
        ),
      ),
  });
  renderApp({ api, initialView: "log" });
  const error = await screen.findByTestId("log-error");
  expect(error).toHaveTextContent(
    "PATCH_LOG has the columns Date, Note; Sealed Run expects EntryID … EntryHash and left it unchanged.",
  );
  api.readLog.mockResolvedValue({
    entries: [],
    chain: { intact: true, entries: 0, head: "" },
    orphans: [],
  });
  fireEvent.click(within(error).getByRole("button", { name: "Try again" }));
  expect(await screen.findByTestId("chain-status")).toHaveTextContent(
    "The log is empty.",
  );
});

test("a long log stays light: only a window of its rows is in the page", async () => {
  const entries = await realLog(2000);
  const api = fakeApi({
    readLog: () =>
      Promise.resolve({
        entries,
        chain: {
          intact: true,
          entries: entries.length,
          head: entries[entries.length - 1].EntryHash,
        },
        orphans: [],
      }),
  });
  renderApp({ api, initialView: "log" });
  await screen.findByTestId("log-row-PL-000001");
  expect(screen.getAllByTestId(/^log-row-/).length).toBeLessThan(60);
  expect(screen.getByTestId("log-table")).toHaveAttribute(
    "aria-rowcount",
    "2001",
  );
  fireEvent.keyDown(screen.getByTestId("log-table"), { key: "End" });
  expect(await screen.findByTestId("log-row-PL-002000")).toHaveAttribute(
    "aria-selected",
    "true",
  );
});

test("a seal kept in the workbook can be exported again; a failure says why", async () => {
  const seal = await realSeal();
  const api = fakeApi({
    listStoredSeals: () =>
      Promise.resolve([
        {
          id: "part-9",
          fileName: seal.fileName,
          runId: "RUN-003",
          hash: seal.document.hash,
          head: "",
        },
      ]),
    fetchStoredSeal: () =>
      Promise.resolve({ fileName: seal.fileName, text: seal.text }),
  });
  renderApp({ api, initialView: "log" });
  fireEvent.click(await screen.findByTestId("export-again-part-9"));
  const out = await within(screen.getByTestId("stored-seals")).findByTestId(
    "file-out",
  );
  expect(api.fetchStoredSeal).toHaveBeenCalledWith("part-9");
  expect(within(out).getByRole("group")).toHaveAccessibleName(
    `Get ${seal.fileName}`,
  );

  api.fetchStoredSeal.mockRejectedValue(
    new WorkbookError(
      "That seal is no longer kept in this workbook.",
      "no-seal",
    ),
  );
  fireEvent.click(screen.getByTestId("export-again-part-9"));
  expect(await screen.findByTestId("export-error")).toHaveTextContent(
    "That seal is no longer kept in this workbook.",
  );
});
