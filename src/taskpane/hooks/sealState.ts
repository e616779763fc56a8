// The Seal view's batch state as a pure reducer: which runs are ticked, the progress of a batch,
// its results and the note a ribbon command left. Kept apart from React so every transition is
// tested in node (test/taskpane/sealState.test.ts).
import type { Actor, SealOutcome } from "../../workflows/api";
import type { CommandNotice } from "../bus";
import { counted } from "../plural";
import { refusalSentence } from "../texts";

export interface SealItem {
  runId: string;
  outcome?: SealOutcome;
  /** A WorkbookError (or fault) that stopped this attempt before any outcome. */
  error?: string;
}

export interface CommandNote {
  intent: "warning" | "error";
  text: string;
}

export interface SealState {
  checked: ReadonlySet<string>;
  progress: { done: number; total: number } | null;
  results: SealItem[];
  /** Increases with every new set of results: their heading then takes focus. */
  resultSeq: number;
  commandNote: CommandNote | null;
}

export type SealAction =
  | { type: "toggle"; runId: string }
  | { type: "clear-ticks" }
  | { type: "start"; total: number }
  | { type: "progress"; done: number; total: number }
  | { type: "finish"; items: SealItem[] }
  | { type: "command"; notice: CommandNotice }
  | { type: "close-results" };

export const INITIAL_SEAL_STATE: SealState = {
  checked: new Set(),
  progress: null,
  results: [],
  resultSeq: 0,
  commandNote: null,
};

/** The run a ribbon seal was about, whether it sealed or was refused. */
export function commandItem(outcome: SealOutcome): SealItem {
  return {
    runId:
      outcome.kind === "sealed" ? outcome.document.meta.run_id : outcome.runId,
    outcome,
  };
}

export function sealReducer(state: SealState, action: SealAction): SealState {
  switch (action.type) {
    case "toggle": {
      const checked = new Set(state.checked);
      if (checked.has(action.runId)) checked.delete(action.runId);
      else checked.add(action.runId);
      return { ...state, checked };
    }
    case "clear-ticks":
      return { ...state, checked: new Set() };
    case "start":
      return {
        ...state,
        results: [],
        commandNote: null,
        progress: { done: 0, total: action.total },
      };
    case "progress":
      return { ...state, progress: { done: action.done, total: action.total } };
    case "finish":
      return {
        ...state,
        progress: null,
        results: action.items,
        resultSeq: state.resultSeq + 1,
        checked: new Set(),
      };
    case "command": {
      const n = action.notice;
      // A seal made from the ribbon shows here like one made from this pane; ticks stay as they were.
      if (n.kind === "seal")
        return {
          ...state,
          results: [commandItem(n.outcome)],
          resultSeq: state.resultSeq + 1,
          commandNote: null,
        };
      return {
        ...state,
        commandNote: {
          intent: n.kind === "need-actor" ? "warning" : "error",
          text: n.message,
        },
      };
    }
    case "close-results":
      return { ...state, results: [] };
  }
}

/** One sentence for the live region and the batch heading. */
export function summarize(items: SealItem[]): string {
  const sealed = items.filter((i) => i.outcome?.kind === "sealed").length;
  const refused = items.filter((i) => i.outcome?.kind === "refused").length;
  const failed = items.filter((i) => i.error !== undefined).length;
  if (items.length === 1) {
    const [i] = items;
    if (i.outcome?.kind === "sealed")
      return `Sealed ${i.runId} as ${i.outcome.fileName}.`;
    if (i.outcome?.kind === "refused")
      return `${i.runId} refused: ${refusalSentence(i.outcome)}.`;
    return `Could not seal ${i.runId}: ${i.error}`;
  }
  return `${counted(items.length, "run", "runs")}: ${sealed} sealed, ${refused} refused${failed ? `, ${failed} failed` : ""}.`;
}

/** Why Seal cannot be pressed now, or "" when it can. */
export function blockedReason(p: {
  actor: Actor | null;
  targets: readonly string[];
  newVersion: boolean;
  reason: string;
  sealing: boolean;
}): string {
  if (!p.actor) return "Say who is sealing first: your name and role, above.";
  if (p.targets.length === 0)
    return "Select a row of LLMOutputTable in Excel, or choose a run in the list.";
  if (p.newVersion && !p.reason.trim())
    return "A new version needs a reason: say why this run is sealed again.";
  return p.sealing ? "Sealing…" : "";
}
