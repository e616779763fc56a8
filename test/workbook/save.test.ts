// Saving apart from writing (issue 10, point 3): Workbook.save runs in its own Excel.run after the
// seal's writes have synced. A save that fails (simulator rule 11) leaves the seal sealed and
// logged, with a warning to save by hand; it is never reported as "nothing was sealed".
import { UNDO_NOTICE } from "../../src/workflows";
import { ACTOR, CLOCK, makeBook, open } from "./helpers";

test("a failed save after a seal is a warning: the seal is kept and logged", async () => {
  const b = open(makeBook(3));
  b.book.saveFailures.push({ code: "RequestAborted" });
  const out = await b.api.sealRun("RUN-000002", {
    actor: ACTOR,
    now: CLOCK,
    rowHint: 1,
  });
  expect(out.kind).toBe("sealed");
  if (out.kind !== "sealed") return;
  expect(out.saved).toBe(false);
  expect(out.warnings).toContainEqual(
    expect.stringMatching(
      /^Sealed and logged; the workbook is not saved yet \(Excel could not save it \(RequestAborted\)/,
    ),
  );
  expect(b.book.saveCount).toBe(0);
  const log = await b.api.readLog();
  expect(log.entries.map((e) => `${e.Action} ${e.RunID}`)).toEqual([
    "SEAL RUN-000002",
  ]);
  expect(log.orphans).toEqual([]);
  expect(await b.api.listStoredSeals()).toHaveLength(1);
});

test("the save is its own round trip, after the one that wrote the seal and its entry", async () => {
  const b = open(makeBook(3));
  await b.api.sealRun("RUN-000001", { actor: ACTOR, now: CLOCK, rowHint: 0 });
  const syncs = b.sim.stats.log;
  expect(syncs[syncs.length - 1].operations).toBe(1); // Workbook.save alone
  expect(syncs[syncs.length - 2].operations).toBeGreaterThan(5); // the writes, synced before it
  expect(b.book.saveCount).toBe(1);
});

test("a failed save after a refusal: the refusal stands, logged, with the warning", async () => {
  const b = open(makeBook(3));
  await b.api.sealRun("RUN-000001", { actor: ACTOR, now: CLOCK, rowHint: 0 });
  b.book.saveFailures.push({ code: "GeneralException" });
  const again = await b.api.sealRun("RUN-000001", {
    actor: ACTOR,
    now: CLOCK,
    rowHint: 0,
  });
  expect(again.kind).toBe("refused");
  expect(again.warnings.join(" ")).toContain(
    "The refusal is logged; the workbook is not saved yet",
  );
  expect((await b.api.readLog()).entries.map((e) => e.Action)).toEqual([
    "SEAL",
    "REFUSED",
  ]);
});

test("a failed save after a patch: the entry stands and the outcome says it is not saved", async () => {
  const b = open(makeBook(3));
  const sealed = await b.api.sealRun("RUN-000001", {
    actor: ACTOR,
    now: CLOCK,
    rowHint: 0,
  });
  if (sealed.kind !== "sealed") throw new Error("not sealed");
  b.book.saveFailures.push({
    code: "GeneralException",
    message: "The file is locked.",
  });
  const p = await b.api.recordPatch({
    sealHash: sealed.document.hash,
    field: "meta.operator",
    newValue: "M. Okafor",
    reason: "typo",
    actor: ACTOR,
    now: CLOCK,
  });
  expect(p.saved).toBe(false);
  expect(p.warnings.join(" ")).toContain(
    "The patch is logged; the workbook is not saved yet (Excel could not save it (GeneralException): There was an internal error while processing the request. The file is locked.)",
  );
  expect((await b.api.readLog()).entries.map((e) => e.Action)).toEqual([
    "SEAL",
    "PATCH",
  ]);
});

test("without Workbook.save (ExcelApi 1.10) the seal says to save by hand", async () => {
  const b = open(makeBook(3), { apiSets: { ExcelApi: "1.10" } });
  const out = await b.api.sealRun("RUN-000001", {
    actor: ACTOR,
    now: CLOCK,
    rowHint: 0,
  });
  expect(out.kind).toBe("sealed");
  expect(out.warnings.join(" ")).toContain(
    "this version of Excel cannot save from an add-in",
  );
});

test("the first seal of a session says once that Excel cannot undo past it (issue 10, point 9)", async () => {
  const b = open(makeBook(3));
  const first = await b.api.sealRun("RUN-000001", {
    actor: ACTOR,
    now: CLOCK,
    rowHint: 0,
  });
  const second = await b.api.sealRun("RUN-000002", {
    actor: ACTOR,
    now: CLOCK,
    rowHint: 1,
  });
  expect(first.kind === "sealed" && first.undoNotice).toBe(UNDO_NOTICE);
  expect(second.kind === "sealed" && second.undoNotice).toBeUndefined();
});
