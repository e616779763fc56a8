// Everything the Seal Log view holds: PATCH_LOG as read (entries, chain state, orphaned seals), the
// entry whose details are shown, the Repair of orphans, and the seals kept in the workbook with
// the one exported again.
import * as React from "react";
import type {
  Actor,
  LogView as LogData,
  StoredSeal,
  WorkbookApi,
} from "../../workflows/api";
import { messageOf } from "../errors";
import { useAnnounce } from "../components/Announcer";
import { entries as countEntries } from "../plural";

export interface ExportedSeal {
  fileName: string;
  text: string;
  hash: string;
}

export interface LogViewModel {
  log: LogData | null;
  error: string | null;
  /** The entry whose details are shown (the first break when the chain is broken), or -1. */
  active: number;
  setActive: (index: number) => void;
  repair: { busy: boolean; message?: string; error?: string };
  seals: StoredSeal[] | null;
  sealsError: string | null;
  exported: ExportedSeal | null;
  exportError: string | null;
  /** Read the log and the kept seals again (Refresh, Try again). */
  load: () => void;
  doRepair: () => Promise<void>;
  exportAgain: (seal: StoredSeal) => Promise<void>;
}

export function useLogView(
  api: WorkbookApi,
  actor: Actor | null,
): LogViewModel {
  const announce = useAnnounce();
  const [log, setLog] = React.useState<LogData | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [active, setActive] = React.useState(-1);
  const [repair, setRepair] = React.useState<LogViewModel["repair"]>({
    busy: false,
  });
  const [seals, setSeals] = React.useState<StoredSeal[] | null>(null);
  const [sealsError, setSealsError] = React.useState<string | null>(null);
  const [exported, setExported] = React.useState<ExportedSeal | null>(null);
  const [exportError, setExportError] = React.useState<string | null>(null);

  // Each reading is one generation: Refresh, Try again and Repair start the next, and an answer to
  // an older one is dropped.
  const [generation, setGeneration] = React.useState(0);
  React.useEffect(() => {
    let alive = true;
    const read = async () => {
      try {
        const view = await api.readLog();
        if (!alive) return;
        setLog(view);
        const b = view.chain.firstBreak;
        setActive(b ? b.index : -1);
        announce(
          view.chain.intact
            ? `Seal log: chain intact, ${countEntries(view.entries.length)}.`
            : `Seal log: chain broken at ${b?.entryId || `row ${(b?.index ?? 0) + 1}`}.`,
        );
      } catch (e) {
        if (!alive) return;
        const m = messageOf(e);
        setError(m);
        announce(m);
      }
      try {
        const kept = await api.listStoredSeals();
        if (!alive) return;
        setSeals(kept);
        setSealsError(null);
      } catch (e) {
        if (alive) setSealsError(messageOf(e));
      }
    };
    void read();
    return () => {
      alive = false;
    };
  }, [api, announce, generation]);

  const load = React.useCallback(() => {
    setError(null);
    setGeneration((g) => g + 1);
  }, []);

  const doRepair = async () => {
    if (!actor) return;
    setRepair({ busy: true });
    try {
      const n = await api.repairOrphans(actor);
      const message = `Added ${n} missing SEAL ${n === 1 ? "entry" : "entries"} to PATCH_LOG.`;
      setRepair({ busy: false, message });
      announce(message);
      load();
    } catch (e) {
      setRepair({ busy: false, error: messageOf(e) });
    }
  };

  const exportAgain = async (s: StoredSeal) => {
    setExportError(null);
    try {
      const { fileName, text } = await api.fetchStoredSeal(s.id);
      setExported({ fileName, text, hash: s.hash });
      announce(`${fileName} is ready: download or copy it.`);
    } catch (e) {
      setExportError(messageOf(e));
    }
  };

  return {
    log,
    error,
    active,
    setActive,
    repair,
    seals,
    sealsError,
    exported,
    exportError,
    load,
    doRepair,
    exportAgain,
  };
}
