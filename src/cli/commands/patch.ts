// `sealed-run patch`: record a correction of a sealed run as a PATCH entry (seal → version → patch).
// The sealed file is never touched.
import os from "node:os";
import path from "node:path";
import {
  checkChain,
  exportTimestamp,
  lookupField,
  logText,
  makeEntry,
  newValueText,
  verifyBytes,
} from "../../core";
import { parse, required, UsageError } from "../args";
import { EXIT, makeOut, said } from "../output";
import { readSealedInput } from "../sealedInput";
import { withLock } from "../../node/lock";
import { csvLogStore } from "../../node/patchLogCsv";
import { headsToCheck, scanSealFolders } from "../../node/priorSeals";
import { now } from "./exportDefaults";

export async function patchCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    sealed: { type: "string" },
    field: { type: "string" },
    new: { type: "string" },
    reason: { type: "string" },
    actor: { type: "string" },
  });
  const out = makeOut(!!values.json);
  const file = required(values, "sealed");
  const field = required(values, "field");
  if (typeof values.new !== "string")
    throw new UsageError("--new is required (the corrected value)");
  const reason = required(values, "reason").trim();
  if (!reason)
    throw new UsageError("--reason must say why the correction is made");
  const fail = (code: number, message: string) => {
    out.error(message);
    out.result({ patched: false, error: message });
    return code;
  };

  const bytes = readSealedInput(out, file, { patched: false });
  if (!bytes) return EXIT.usage;
  const v = await verifyBytes(bytes);
  if (!v.valid)
    return fail(
      EXIT.refused,
      `${file} is not a valid seal (${v.reason}); only an intact seal can be patched`,
    );
  const found = lookupField(v.document, field);
  if (!found.ok) throw new UsageError(`--field ${field}: ${found.message}`);
  const next = newValueText(found.value, values.new);
  if (!next.ok) throw new UsageError(`--new: ${next.message}`);
  const oldText = logText(found.value);
  if (next.text === oldText)
    return fail(
      EXIT.refused,
      `${field} already is ${oldText}; nothing to correct`,
    );

  const dir = path.dirname(path.resolve(file));
  const logFile = path.join(dir, "PATCH_LOG.csv");
  return withLock(
    logFile,
    async (lock) => {
      const store = csvLogStore(logFile, {
        beforeWrite: () => lock.assertHeld("logged"),
      });
      const log = (await store.read()).entries;
      const scan = await scanSealFolders([dir]);
      scan.warnings.forEach(out.warn);
      const chain = await checkChain(log, headsToCheck(scan, dir));
      if (!chain.intact)
        return fail(
          EXIT.refused,
          `PATCH_LOG is broken, nothing was recorded: ${chain.firstBreak?.message}`,
        );
      const meta = v.document.meta as { run_id: string };
      if (!log.some((e) => e.Action === "SEAL" && e.SealHash === v.hash)) {
        return fail(
          EXIT.refused,
          `${path.relative(process.cwd(), logFile)} has no SEAL entry for ${v.hash}; a patch must name a logged seal`,
        );
      }
      const entry = await makeEntry(log, {
        Timestamp: exportTimestamp(now()),
        Action: "PATCH",
        RunID: meta.run_id,
        SealHash: v.hash,
        FileName: path.basename(file),
        Actor: values.actor ?? os.userInfo().username,
        Field: field,
        OldValue: oldText,
        NewValue: next.text,
        Reason: reason,
      });
      await store.append([entry]);
      out.line(`patched ${meta.run_id} ${field}: ${oldText} → ${next.text}`);
      out.line(
        `  logged ${entry.EntryID} PATCH in ${path.relative(process.cwd(), logFile)} (the sealed file is unchanged)`,
      );
      out.result({ patched: true, log_entry: entry, ...said(out.warnings) });
      return EXIT.ok;
    },
    { command: `patch --sealed ${file}`, warn: out.warn },
  );
}
