// Co-authoring: two people seal at once. Each reads the log, then appends; the second append no
// longer follows the entry its author read. The seal reads back the entry before its own in the
// same sync, reports the fork, and the chain check names both entries.
import { createTestHost } from "@sealed-run/excel-simulator/testing";
import type { ExcelHost } from "../../src/office/host";
import { createWorkbookApi } from "../../src/workflows";
import { ACTOR, CLOCK, adapt, makeBook } from "./helpers";

test("a seal whose log moved on between its read and its write reports the fork", async () => {
  const book = makeBook(5);
  const other = createWorkbookApi(adapt(createTestHost(book)));
  await other.sealRun("RUN-000005", { actor: ACTOR, now: CLOCK, rowHint: 4 }); // a log to start from

  // Alice's host lets Bob finish a whole seal just before Alice's third round trip (her write).
  const inner = adapt(createTestHost(book));
  let calls = 0;
  const alice: ExcelHost = {
    supports: (set, version) => inner.supports(set, version),
    run: (async (a: never, b?: never) => {
      calls++;
      if (calls === 3)
        await other.sealRun("RUN-000002", {
          actor: { name: "M. Okafor", role: "triage-lead" },
          now: CLOCK,
          rowHint: 1,
        });
      return b === undefined ? inner.run(a) : inner.run(a, b);
    }) as ExcelHost["run"],
  };
  const out = await createWorkbookApi(alice).sealRun("RUN-000001", {
    actor: ACTOR,
    now: CLOCK,
    rowHint: 0,
  });

  expect(out.kind).toBe("sealed");
  expect(out.warnings.join(" ")).toContain(
    "The log forked: someone else appended an entry (PL-000002, SEAL RUN-000002) while this was being recorded, so the entry just written (PL-000002, SEAL RUN-000001) does not follow it.",
  );
  const log = await other.readLog();
  // Both numbered PL-000002: each was made against the one-entry log its author read.
  expect(log.entries.map((e) => `${e.EntryID} ${e.RunID}`)).toEqual([
    "PL-000001 RUN-000005",
    "PL-000002 RUN-000002",
    "PL-000002 RUN-000001",
  ]);
  expect(log.chain.intact).toBe(false);
  expect(log.chain.firstBreak).toMatchObject({ index: 2, kind: "forked" });
  expect(log.chain.firstBreak!.message).toMatch(
    /PL-000002 \(row 3 of the log\) and PL-000002 \(row 2 of the log\) both follow the same entry/,
  );
});

// Microsoft's guidance (simulator README rule 14): TableRowCollection.add makes merge conflicts for
// co-authors editing the table or below it; write Range.values directly below the table instead.
test("a seal appends its entry while a co-author edits PATCH_LOG: no TableRowCollection.add conflict", async () => {
  const book = makeBook(3);
  const api = createWorkbookApi(adapt(createTestHost(book)));
  await api.sealRun("RUN-000001", { actor: ACTOR, now: CLOCK, rowHint: 0 }); // the log exists
  book.coauthorsEditing.add("PATCH_LOG");
  const out = await api.sealRun("RUN-000002", {
    actor: ACTOR,
    now: CLOCK,
    rowHint: 1,
  });
  expect(out.kind).toBe("sealed");
  const log = await api.readLog();
  expect(log.entries.map((e) => e.RunID)).toEqual(["RUN-000001", "RUN-000002"]);
  expect(log.chain.intact).toBe(true);
  expect(
    book.tables.find((t) => t.name === "PatchLogTable")!.rect,
  ).toMatchObject({ r0: 0, r1: 2 });
});

test("what someone put directly under the log is moved down, never overwritten", async () => {
  const book = makeBook(3);
  const api = createWorkbookApi(adapt(createTestHost(book)));
  await api.sealRun("RUN-000001", { actor: ACTOR, now: CLOCK, rowHint: 0 });
  const sheet = book.sheet("PATCH_LOG");
  sheet.setCells("A3:B3", [["a note under the log", 42]]);
  await api.sealRun("RUN-000002", { actor: ACTOR, now: CLOCK, rowHint: 1 });
  expect(sheet.cell("A4").value).toBe("a note under the log");
  expect(sheet.cell("B4").value).toBe(42);
  expect((await api.readLog()).entries.map((e) => e.RunID)).toEqual([
    "RUN-000001",
    "RUN-000002",
  ]);
});
