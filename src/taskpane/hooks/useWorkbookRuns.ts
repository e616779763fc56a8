// What the Seal view needs to know of the workbook before anything else: whether it has the run
// table, GOVERNANCE and PROMPTS (inspection), and the runs of LLMOutputTable. Also creates the
// GOVERNANCE and PROMPTS template and checks again.
import * as React from "react";
import type { RunListItem, WorkbookApi } from "../../workflows/api";
import { messageOf } from "../errors";

export type Inspection = Awaited<ReturnType<WorkbookApi["inspect"]>>;
export type InspectState =
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "ready"; info: Inspection };

export interface WorkbookRuns {
  inspect: InspectState;
  runs: RunListItem[] | null;
  runsError: string | null;
  /** Inspect the workbook again (Try again, Check again). */
  check: () => void;
  /** Read the run list again (Refresh, and after a seal). */
  loadRuns: () => Promise<void>;
  template: { busy: boolean; error?: string };
  createTemplate: () => Promise<void>;
}

export function useWorkbookRuns(
  api: WorkbookApi,
  announce: (text: string) => void,
): WorkbookRuns {
  const [inspect, setInspect] = React.useState<InspectState>({
    state: "loading",
  });
  const [runs, setRuns] = React.useState<RunListItem[] | null>(null);
  const [runsError, setRunsError] = React.useState<string | null>(null);
  const [template, setTemplate] = React.useState<{
    busy: boolean;
    error?: string;
  }>({ busy: false });

  const showRuns = React.useCallback(
    async (listing: Promise<RunListItem[]>) => {
      try {
        setRuns(await listing);
        setRunsError(null);
      } catch (e) {
        setRunsError(messageOf(e));
      }
    },
    [],
  );

  const loadRuns = React.useCallback(
    () => showRuns(api.listRuns()),
    [api, showRuns],
  );

  // Each inspection is one generation: Try again and Check again start the next, and an answer
  // to an older one is dropped.
  const [generation, setGeneration] = React.useState(0);
  React.useEffect(() => {
    let alive = true;
    const read = async () => {
      // The list is asked for at once, beside the inspection, so that a large table is on screen
      // sooner; it is shown only if the workbook has the table.
      const listing = api.listRuns();
      listing.catch(() => undefined);
      try {
        const info = await api.inspect();
        if (!alive) return;
        setInspect({ state: "ready", info });
        if (info.hasRunTable) await showRuns(listing);
      } catch (e) {
        if (alive) setInspect({ state: "error", message: messageOf(e) });
      }
    };
    void read();
    return () => {
      alive = false;
    };
  }, [api, showRuns, generation]);

  const check = React.useCallback(() => {
    setInspect({ state: "loading" });
    setGeneration((g) => g + 1);
  }, []);

  const createTemplate = React.useCallback(async () => {
    setTemplate({ busy: true });
    try {
      await api.createGovernanceTemplate();
      setTemplate({ busy: false });
      announce(
        "Created GOVERNANCE and PROMPTS: fill in PolicyVersion, PolicyBaseline and your prompts before sealing.",
      );
      check();
    } catch (e) {
      setTemplate({ busy: false, error: messageOf(e) });
    }
  }, [api, announce, check]);

  return {
    inspect,
    runs,
    runsError,
    check,
    loadRuns,
    template,
    createTemplate,
  };
}
