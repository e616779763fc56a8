// The workbench page: the Excel simulator holding the sample workbook, with the task pane mounted
// beside it over a simulator-backed WorkbookApi, and the ribbon's three commands. For working on
// the add-in without Excel (npm start on Linux) and for the browser tests and the bench.
import { createRoot } from "react-dom/client";
import { createCommands } from "../commands/commands";
import { loadActor } from "../taskpane/actorStore";
import { taskpaneBus } from "../taskpane/bus";
import { mountTaskpane } from "../taskpane/mount";
import { createWorkbookApi } from "../workflows";
import { loadWorkbenchBook } from "./loadBook";
import { createWorkbenchHost } from "./simHost";
import { Workbench } from "./Workbench";

async function boot(
  sheetRoot: HTMLElement,
  paneRoot: HTMLElement,
): Promise<void> {
  const book = await loadWorkbenchBook(
    window.location.href,
    window.location.search,
  );
  const wb = createWorkbenchHost(book);
  const api = createWorkbookApi(wb.host, wb.subscribeSelection);
  // The pane is always open here; "showing" it moves focus there, as opening a pane would.
  const showTaskpane = () => {
    paneRoot.focus({ preventScroll: false });
    return Promise.resolve();
  };
  const commands = createCommands({
    getApi: () => Promise.resolve(api),
    showTaskpane,
    bus: taskpaneBus,
    getActor: loadActor,
  });
  sheetRoot.textContent = "";
  paneRoot.textContent = "";
  createRoot(sheetRoot).render(
    <Workbench book={book} wb={wb} commands={commands} />,
  );
  // The bench times the run list from here: in Excel the workbook is open before the pane starts.
  performance.mark("sealed-run:taskpane-start");
  mountTaskpane(paneRoot, api, { embedded: true });
  document.body.dataset.ready = "true";
}

const sheetRoot = document.getElementById("workbench");
const paneRoot = document.getElementById("workbench-taskpane");
if (sheetRoot && paneRoot) {
  boot(sheetRoot, paneRoot).catch((e: unknown) => {
    console.error("Sealed Run workbench could not start", e);
    sheetRoot.textContent = `The workbench could not start: ${e instanceof Error ? e.message : String(e)}`;
    sheetRoot.setAttribute("role", "alert");
    document.body.dataset.ready = "error";
  });
}
