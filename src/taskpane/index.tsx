// The shared runtime's page (taskpane.html): registers the ribbon functions at once, then renders
// the task pane when Office is ready. In Excel the api is built over Office.js; anywhere else
// (a plain browser) the pane opens without one and offers Verify. The workflows load as their own
// chunk, started right away so they arrive while Office initializes.
import type { WorkbookApi } from "../workflows/api";
import { createCommands, officeShowTaskpane, registerCommands } from "../commands/commands";
import { loadActor } from "./actorStore";
import { taskpaneBus } from "./bus";
import { mountTaskpane } from "./mount";

export { mountTaskpane } from "./mount";

const ROOT_ID = "sealed-run-taskpane";

function officeReady(): Promise<Office.HostType | null> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return Promise.resolve(null);
  return Office.onReady().then((info) => info.host ?? null);
}

async function excelApi(): Promise<WorkbookApi | null> {
  const loading = Promise.all([import(/* webpackChunkName: "workbook" */ "../workflows"), import(/* webpackChunkName: "workbook" */ "../office/host")]);
  loading.catch(() => undefined); // awaited below only in Excel; elsewhere a failed load does not matter
  const host = await officeReady();
  if (host === null || host !== Office.HostType.Excel) return null;
  const [{ createWorkbookApi }, { officeExcelHost, officeSelectionSubscriber }] = await loading;
  return createWorkbookApi(officeExcelHost(), officeSelectionSubscriber());
}

function boot(root: HTMLElement): void {
  const api = excelApi().catch((e: unknown) => {
    console.error("Sealed Run: could not connect to the workbook", e);
    return null;
  });
  registerCommands(createCommands({ getApi: () => api, showTaskpane: officeShowTaskpane, bus: taskpaneBus, getActor: loadActor }));
  void api.then((a) => {
    root.textContent = "";
    mountTaskpane(root, a);
  });
}

const root = typeof document === "undefined" ? null : document.getElementById(ROOT_ID);
if (root) boot(root);
