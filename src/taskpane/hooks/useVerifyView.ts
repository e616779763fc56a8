// Everything the Verify view holds: the pasted text, the file being read, what could not be read,
// the replay report (CONTRACT §5) and, inside Excel, the check against this workbook. Only the
// latest file counts when a second one is given before the first is checked.
import * as React from "react";
import {
  MAX_SEALED_FILE_BYTES,
  REPLAY_RULE_TITLES,
  replayBytes,
  type ReplayReport,
  type SealedRun,
} from "../../core";
import type { WorkbookApi, WorkbookCheck } from "../../workflows/api";
import { messageOf } from "../errors";
import { useAnnounce } from "../components/Announcer";

export type Checked = { name: string; report: ReplayReport };
export type WorkbookState =
  | { state: "idle" }
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "ready"; check: WorkbookCheck };
export type VerifiedDocument = { document: SealedRun; name: string };

export interface VerifyViewModel {
  pasted: string;
  setPasted: (text: string) => void;
  busy: boolean;
  readError: string | null;
  checked: Checked | null;
  workbook: WorkbookState;
  /** Check a dropped or chosen file (nothing when no file was given). */
  verifyFile: (file: File | undefined) => void;
  verifyPasted: () => void;
}

async function fileBytes(file: File): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function")
    return new Uint8Array(await file.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () =>
      reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsArrayBuffer(file);
  });
}

/** Whether the file's content is what was sealed: only then may it be patched from. */
export function isIntact(report: ReplayReport): boolean {
  return report.rules.some((r) => r.rule === "hash" && r.status === "pass");
}

export function useVerifyView(
  api: WorkbookApi | null,
  onDocument: (doc: VerifiedDocument | null) => void,
): VerifyViewModel {
  const announce = useAnnounce();
  const [pasted, setPasted] = React.useState("");
  const [busy, setBusy] = React.useState(false);
  const [readError, setReadError] = React.useState<string | null>(null);
  const [checked, setChecked] = React.useState<Checked | null>(null);
  const [workbook, setWorkbook] = React.useState<WorkbookState>({
    state: "idle",
  });
  const run = React.useRef(0);

  const refuse = (message: string) => {
    setReadError(message);
    onDocument(null);
    announce(message);
  };

  const verify = async (name: string, read: () => Promise<Uint8Array>) => {
    const mine = ++run.current;
    setBusy(true);
    setReadError(null);
    setChecked(null);
    setWorkbook({ state: "idle" });
    let report: ReplayReport;
    try {
      report = await replayBytes(await read());
    } catch (e) {
      if (mine !== run.current) return;
      setBusy(false);
      refuse(
        `${name} could not be read: ${e instanceof Error ? e.message : String(e)}`,
      );
      return;
    }
    if (mine !== run.current) return;
    setBusy(false);
    setChecked({ name, report });
    // An edited file's values are not the seal's: it is not offered to the Patch view.
    onDocument(
      report.document && isIntact(report)
        ? { document: report.document, name }
        : null,
    );
    const failed = report.rules
      .filter((r) => r.status === "fail")
      .map((r) => REPLAY_RULE_TITLES[r.rule]);
    announce(
      report.admissible
        ? `${name} holds: every rule passed.`
        : `${name} does not hold: ${failed.join("; ")} failed.`,
    );
    if (api && report.document) {
      setWorkbook({ state: "loading" });
      try {
        const check = await api.checkAgainstWorkbook(report.document);
        if (mine === run.current) setWorkbook({ state: "ready", check });
      } catch (e) {
        if (mine === run.current)
          setWorkbook({ state: "error", message: messageOf(e) });
      }
    }
  };

  const verifyFile = (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_SEALED_FILE_BYTES) {
      // The latest file counts: a file still being read when this one came is not shown.
      run.current++;
      setBusy(false);
      setChecked(null);
      setWorkbook({ state: "idle" });
      refuse(
        `${file.name} is ${file.size} bytes; sealed files are at most 5 MiB (${MAX_SEALED_FILE_BYTES} bytes), so it is not a sealed file.`,
      );
      return;
    }
    void verify(file.name, () => fileBytes(file));
  };

  const verifyPasted = () =>
    void verify("the pasted text", () =>
      Promise.resolve(new TextEncoder().encode(pasted)),
    );

  return {
    pasted,
    setPasted,
    busy,
    readError,
    checked,
    workbook,
    verifyFile,
    verifyPasted,
  };
}
