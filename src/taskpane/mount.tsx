// Mount the task pane into a page: the add-in's own (index.tsx) or the workbench, which passes a
// simulator-backed api. No side effects on import.
import * as React from "react";
import { createRoot, type Root } from "react-dom/client";
import type { WorkbookApi } from "../workflows/api";
import { App } from "./App";
import { taskpaneBus, type TaskpaneBus, type View } from "./bus";

export interface MountOptions {
  bus?: TaskpaneBus;
  initialView?: View;
  /** Mounted inside another page's main landmark (the workbench). */
  embedded?: boolean;
}

export function mountTaskpane(
  root: HTMLElement,
  api: WorkbookApi | null,
  options: MountOptions = {},
): Root {
  const r = createRoot(root);
  r.render(
    <React.StrictMode>
      <App
        api={api}
        bus={options.bus ?? taskpaneBus}
        initialView={options.initialView}
        embedded={options.embedded}
      />
    </React.StrictMode>,
  );
  return r;
}
