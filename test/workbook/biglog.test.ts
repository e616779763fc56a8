// A log larger than one Excel request (5 MB) is read in 4 MB chunks: the seal still works, and
// costs one more sync per chunk, never a refusal or a half-read chain.
import {
  makeEntry,
  PATCH_LOG_COLUMNS,
  type PatchLogEntry,
} from "../../src/core";
import { ACTOR, CLOCK, makeBook, open, runId } from "./helpers";

jest.setTimeout(180_000);

test("sealing with a PATCH_LOG of over 5 MB reads it in chunks and chains onto its head", async () => {
  const book = makeBook(20);
  const entries: PatchLogEntry[] = [];
  const reason = "Reviewer note: ".padEnd(2500, "n");
  for (let i = 0; i < 2400; i++) {
    entries.push(
      await makeEntry(entries, {
        Timestamp: "2026-02-15T18:30:00Z",
        Action: "REFUSED",
        RunID: `OLD-${i}`,
        Actor: "A. Auditor",
        Reason: reason,
      }),
    );
  }
  const sheet = book.addSheet("PATCH_LOG");
  const last = entries.length + 1;
  sheet.setCells(
    `A1:M${last}`,
    [
      [...PATCH_LOG_COLUMNS],
      ...entries.map((e) => PATCH_LOG_COLUMNS.map((c) => e[c])),
    ],
    "@",
  );
  book.addTable("PATCH_LOG", `A1:M${last}`, { name: "PatchLogTable" });
  const b = open(book);

  b.book.select("LLM_OUTPUT", "A5");
  b.sim.resetStats();
  const out = await b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
  expect(out.kind).toBe("sealed");
  if (out.kind !== "sealed") return;
  expect(out.document.meta.run_id).toBe(runId(3));
  expect(out.document.reconstruction.patch_log_head).toBe(
    entries[entries.length - 1].EntryHash,
  );
  expect(out.logEntry.EntryID).toBe("PL-002401");
  const sealSyncs = b.sim.stats.syncs;
  const log = await b.api.readLog();
  expect(log.chain.intact).toBe(true);
  expect(log.entries).toHaveLength(2401);
  // 3 syncs plus the refused whole read and one per 4 MB chunk of the log (about 6 MB here).
  expect(sealSyncs).toBeGreaterThan(3);
  expect(sealSyncs).toBeLessThanOrEqual(3 + 1 + 1 + 3);
});
