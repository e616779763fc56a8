// Follow the Excel selection: the row under it becomes the current run. Only the latest answer
// counts when the selection moves faster than Excel answers. The current run can also be set from
// the run list.
import * as React from "react";
import type { WorkbookApi } from "../../workflows/api";
import { messageOf } from "../errors";

export interface ExcelSelection {
  current: string | null;
  setCurrent: (runId: string) => void;
  /** Why the selection could not be followed, or "". */
  selectionNote: string;
}

export function useExcelSelection(api: WorkbookApi): ExcelSelection {
  const [current, setCurrent] = React.useState<string | null>(null);
  const [selectionNote, setSelectionNote] = React.useState("");

  React.useEffect(() => {
    let alive = true;
    let asked = 0;
    let unsubscribe: (() => void) | null = null;
    const follow = async () => {
      const mine = ++asked;
      try {
        const id = await api.selectedRunId();
        if (!alive || mine !== asked) return;
        setCurrent(id);
        setSelectionNote("");
      } catch (e) {
        if (!alive || mine !== asked) return;
        setSelectionNote(messageOf(e));
      }
    };
    void follow();
    api
      .onSelectionChanged(() => void follow())
      .then((off) => {
        if (alive) unsubscribe = off;
        else off();
      })
      .catch((e: unknown) => alive && setSelectionNote(messageOf(e)));
    return () => {
      alive = false;
      unsubscribe?.();
    };
  }, [api]);

  return { current, setCurrent, selectionNote };
}
