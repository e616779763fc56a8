// The shared runtime's page (taskpane.html). This entry is deliberately tiny: it registers the
// ribbon's handlers (Office.actions.associate) as soon as it runs, before the task pane's UI
// (React, Fluent UI: most of the bytes) is even fetched, so a first ribbon click that starts the
// runtime is handled rather than lost (OfficeDev/office-js#5176, #3378, #2744; evidence in
// packages/excel-simulator/README.md, rule 12). It imports only the commands, the bus and the actor store;
// the workbook layer and the UI load as their own chunks, started right away.
import type { WorkbookApi } from "../workflows/api";
import {
  createCommands,
  officeLoadOnOpen,
  officeShowTaskpane,
  registerCommands,
} from "../commands/commands";
import { loadActorAsync } from "./actorStore";
import { taskpaneBus } from "./bus";

const ROOT_ID = "sealed-run-taskpane";

function officeReady(): Promise<Office.HostType | null> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function")
    return Promise.resolve(null);
  return Office.onReady().then((info) => info.host ?? null);
}

async function excelApi(): Promise<WorkbookApi | null> {
  const loading = Promise.all([
    import(/* webpackChunkName: "workbook" */ "../workflows"),
    import(/* webpackChunkName: "workbook" */ "../office/host"),
  ]);
  loading.catch(() => undefined); // awaited below only in Excel; elsewhere a failed load does not matter
  const host = await officeReady();
  if (host === null || host !== Office.HostType.Excel) return null;
  const [
    { createWorkbookApi },
    { officeExcelHost, officeSelectionSubscriber },
  ] = await loading;
  return createWorkbookApi(officeExcelHost(), officeSelectionSubscriber());
}

// One api for the ribbon and the task pane: one write queue (src/workflows/writeQueue.ts).
const api = excelApi().catch((e: unknown) => {
  console.error("Sealed Run: could not connect to the workbook", e);
  return null;
});
registerCommands(
  createCommands({
    getApi: () => api,
    showTaskpane: officeShowTaskpane,
    bus: taskpaneBus,
    getActor: loadActorAsync,
    afterWrite: officeLoadOnOpen,
  }),
);

const root =
  typeof document === "undefined" ? null : document.getElementById(ROOT_ID);
if (root) {
  // The actor is read before the pane mounts, so the pane shows what the ribbon would use.
  void Promise.all([
    import(/* webpackChunkName: "ui" */ "./mount"),
    api,
    loadActorAsync(),
  ])
    .then(([{ mountTaskpane }, a]) => {
      root.textContent = "";
      mountTaskpane(root, a);
    })
    .catch((e: unknown) => {
      console.error("Sealed Run: the task pane could not load", e);
      root.textContent = `Sealed Run could not load its task pane: ${e instanceof Error ? e.message : String(e)}. The ribbon buttons still work.`;
      root.setAttribute("role", "alert");
    });
}
