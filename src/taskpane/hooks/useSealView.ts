// Everything the Seal view holds: the workbook's inspection and run list, the current run (from the
// Excel selection or the list), the ticks, the new-version reason, the batch in progress and its
// results, and what a ribbon command reported. The view only renders it.
import * as React from "react";
import type { Actor, RunListItem, WorkbookApi } from "../../workflows/api";
import type { BusMessage } from "../bus";
import { messageOf } from "../errors";
import { useAnnounce } from "../components/Announcer";
import {
  INITIAL_SEAL_STATE,
  blockedReason,
  commandItem,
  sealReducer,
  summarize,
  type SealItem,
  type SealState,
} from "./sealState";
import { useExcelSelection, type ExcelSelection } from "./useExcelSelection";
import { useWorkbookRuns, type WorkbookRuns } from "./useWorkbookRuns";

export interface SealViewModel extends WorkbookRuns, ExcelSelection, SealState {
  currentRun: RunListItem | undefined;
  /** The runs Seal acts on: the ticked ones, else the current one. */
  targets: string[];
  /** Why Seal cannot be pressed now, or "". */
  blocked: string;
  newVersion: boolean;
  setNewVersion: (on: boolean) => void;
  reason: string;
  setReason: (reason: string) => void;
  toggle: (runId: string) => void;
  clearTicks: () => void;
  closeResults: () => void;
  seal: () => Promise<void>;
}

export function useSealView(
  api: WorkbookApi,
  actor: Actor | null,
  command: BusMessage | null,
): SealViewModel {
  const announce = useAnnounce();
  const workbook = useWorkbookRuns(api, announce);
  const selection = useExcelSelection(api);
  const [state, dispatch] = React.useReducer(sealReducer, INITIAL_SEAL_STATE);
  const [newVersion, setNewVersion] = React.useState(false);
  const [reason, setReason] = React.useState("");
  const { runs, loadRuns } = workbook;
  const { current } = selection;

  // A seal made from the ribbon shows here like one made from this pane.
  const handledSeq = React.useRef(0);
  React.useEffect(() => {
    if (!command || command.seq === handledSeq.current || !command.notice)
      return;
    handledSeq.current = command.seq;
    const notice = command.notice;
    dispatch({ type: "command", notice });
    if (notice.kind === "seal") {
      announce(summarize([commandItem(notice.outcome)]));
      void loadRuns();
    } else {
      announce(notice.message);
    }
  }, [command, announce, loadRuns]);

  const runsById = React.useMemo(
    () => new Map((runs ?? []).map((r) => [r.runId, r])),
    [runs],
  );
  const { checked } = state;
  const targets = checked.size
    ? (runs ?? []).filter((r) => checked.has(r.runId)).map((r) => r.runId)
    : current
      ? [current]
      : [];
  const blocked = blockedReason({
    actor,
    targets,
    newVersion,
    reason,
    sealing: state.progress !== null,
  });

  const seal = async () => {
    if (blocked || !actor) return;
    const opts = {
      actor,
      newVersionReason: newVersion ? reason.trim() : undefined,
    };
    const items: SealItem[] = [];
    dispatch({ type: "start", total: targets.length });
    for (const runId of targets) {
      try {
        // rowHint saves Excel a lookup when the row has not moved since the list was read.
        const rowHint = runsById.get(runId)?.rowIndex;
        items.push({
          runId,
          outcome: await api.sealRun(
            runId,
            rowHint === undefined ? opts : { ...opts, rowHint },
          ),
        });
      } catch (e) {
        items.push({ runId, error: messageOf(e) });
      }
      dispatch({ type: "progress", done: items.length, total: targets.length });
    }
    dispatch({ type: "finish", items });
    announce(summarize(items));
    await loadRuns();
  };

  return {
    ...workbook,
    ...selection,
    ...state,
    currentRun: current ? runsById.get(current) : undefined,
    targets,
    blocked,
    newVersion,
    setNewVersion,
    reason,
    setReason,
    toggle: (runId) => dispatch({ type: "toggle", runId }),
    clearTicks: () => dispatch({ type: "clear-ticks" }),
    closeResults: () => dispatch({ type: "close-results" }),
    seal,
  };
}
