// What the Seal view needs to know of the workbook before anything else: whether it has the run
// table, GOVERNANCE and PROMPTS (inspection), and the runs of LLMOutputTable. Also creates the
// GOVERNANCE and PROMPTS template and checks again.
import * as React from "react";
import type { RunListItem, WorkbookApi } from "../../workflows/api";
import { messageOf } from "../errors";

export type Inspection = Awaited<ReturnType<WorkbookApi["inspect"]>>;
export type InspectState = { state: "loading" } | { state: "error"; message: string } | { state: "ready"; info: Inspection };

export interface WorkbookRuns {
  inspect: InspectState;
  runs: RunListItem[] | null;
  runsError: string | null;
  /** Inspect the workbook again (Try again, Check again). */
  check: () => Promise<void>;
  /** Read the run list again (Refresh, and after a seal). */
  loadRuns: () => Promise<void>;
  template: { busy: boolean; error?: string };
  createTemplate: () => Promise<void>;
}

export function useWorkbookRuns(api: WorkbookApi, announce: (text: string) => void): WorkbookRuns {
  const [inspect, setInspect] = React.useState<InspectState>({ state: "loading" });
  const [runs, setRuns] = React.useState<RunListItem[] | null>(null);
  const [runsError, setRunsError] = React.useState<string | null>(null);
  const [template, setTemplate] = React.useState<{ busy: boolean; error?: string }>({ busy: false });

  const showRuns = React.useCallback(async (listing: Promise<RunListItem[]>) => {
    try {
      setRuns(await listing);
      setRunsError(null);
    } catch (e) {
      setRunsError(messageOf(e));
    }
  }, []);

  const loadRuns = React.useCallback(() => showRuns(api.listRuns()), [api, showRuns]);

  // Every state change here follows an answer from the workbook, so the first read can run from an effect.
  const read = React.useCallback(async () => {
    // The list is asked for at once, beside the inspection, so that a large table is on screen
    // sooner; it is shown only if the workbook has the table.
    const listing = api.listRuns();
    listing.catch(() => undefined);
    try {
      const info = await api.inspect();
      setInspect({ state: "ready", info });
      if (info.hasRunTable) await showRuns(listing);
    } catch (e) {
      setInspect({ state: "error", message: messageOf(e) });
    }
  }, [api, showRuns]);

  React.useEffect(() => {
    void read();
  }, [read]);

  const check = React.useCallback(() => {
    setInspect({ state: "loading" });
    return read();
  }, [read]);

  const createTemplate = React.useCallback(async () => {
    setTemplate({ busy: true });
    try {
      await api.createGovernanceTemplate();
      setTemplate({ busy: false });
      announce("Created GOVERNANCE and PROMPTS: fill in PolicyVersion, PolicyBaseline and your prompts before sealing.");
      await check();
    } catch (e) {
      setTemplate({ busy: false, error: messageOf(e) });
    }
  }, [api, announce, check]);

  return { inspect, runs, runsError, check, loadRuns, template, createTemplate };
}
