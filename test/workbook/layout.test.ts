// Workbooks the add-in must not damage: a PATCH_LOG of someone else's layout, a log protected
// with a password, and the 1904 date system.
import { makeBook, ACTOR, CLOCK, loadSample, open } from "./helpers";
import { SimWorkbook } from "@sealed-run/excel-simulator/testing";

describe("an existing PATCH_LOG of another layout", () => {
  test("with a table of other columns: left unchanged, and the message says what was expected", async () => {
    const b = await loadSample();
    const log = b.book.addSheet("PATCH_LOG");
    log.setCells("A1:C2", [
      ["When", "Who", "What"],
      ["2026-01-01", "ops", "manual note"],
    ]);
    b.book.addTable("PATCH_LOG", "A1:C2", { name: "PatchLogTable" });
    b.book.select("LLM_OUTPUT", "C2");
    const message =
      "PATCH_LOG has columns When, Who, What; the add-in expects EntryID, Timestamp, Action, RunID, SealHash, FileName, Actor, Field, OldValue, NewValue, Reason, PrevEntryHash, EntryHash. It was left unchanged: rename that sheet or fix its columns.";
    await expect(
      b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK }),
    ).rejects.toMatchObject({ code: "log-layout", message });
    await expect(b.api.readLog()).rejects.toMatchObject({
      code: "log-layout",
      message,
    });
    expect(log.values("A1:D3")).toEqual([
      ["When", "Who", "What", ""],
      ["2026-01-01", "ops", "manual note", ""],
      ["", "", "", ""],
    ]);
    expect(b.book.liveParts).toHaveLength(0); // nothing stored either
  });

  test("a sheet named PATCH_LOG with other content and no table: left unchanged", async () => {
    const b = await loadSample();
    const log = b.book.addSheet("PATCH_LOG");
    log.setCells("B3", [["Notes kept by hand"]]);
    b.book.select("LLM_OUTPUT", "C2");
    await expect(
      b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK }),
    ).rejects.toThrow(
      "The sheet PATCH_LOG exists but has no table named PatchLogTable. It was left unchanged: rename that sheet so the add-in can create its log.",
    );
    expect(log.usedRect()).toEqual({ r0: 2, c0: 1, r1: 2, c1: 1 });
    expect(b.book.liveParts).toHaveLength(0);
  });
});

describe("a PATCH_LOG protected with a password the add-in does not have", () => {
  test("is reported, not forced; nothing is stored", async () => {
    const b = await loadSample();
    b.book.select("LLM_OUTPUT", "C2");
    const first = await b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
    expect(first.kind).toBe("sealed");
    const sheet = b.book.sheet("PATCH_LOG");
    sheet.unprotect();
    sheet.protect({}, "s3cret");
    const partsBefore = b.book.liveParts.length;
    b.book.select("LLM_OUTPUT", "C3");
    const err = await b.api
      .sealSelectedRun({ actor: ACTOR, now: CLOCK })
      .catch((e: { code: string; message: string }) => e);
    expect(err).toMatchObject({ code: "log-protected" });
    expect((err as { message: string }).message).toBe(
      "Storing the seal and its log entry: the sheet PATCH_LOG is protected with a password. Unprotect it (Review > Unprotect Sheet), then try again. Nothing was changed.",
    );
    expect(sheet.protection.protected).toBe(true);
    expect((await b.api.readLog()).entries).toHaveLength(1);
    expect(b.book.liveParts).toHaveLength(partsBefore); // the unprotect comes first: nothing was stored
    expect((await b.api.readLog()).orphans).toEqual([]);
    await expect(
      b.api.recordPatch({
        sealHash: (first as { document: { hash: string } }).document.hash,
        field: "top_risks[0]",
        newValue: "x",
        reason: "r",
        actor: ACTOR,
      }),
    ).rejects.toMatchObject({
      code: "log-protected",
    });
  });
});

describe("the 1904 date system", () => {
  test("serials of a 1904 workbook derive the right dates, and the seal records date_system 1904", async () => {
    const b = open(makeBook(3, { date1904: true, name: "Mac.xlsx" }));
    expect(b.book.sheet("LLM_OUTPUT").cell("B2").text).toBe("2026-02-15");
    b.book.select("LLM_OUTPUT", "A3");
    const out = await b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
    if (out.kind !== "sealed") throw new Error(out.reason);
    expect(out.document.meta.session_date).toBe("2026-02-15");
    expect(out.document.kpis.next_review_date).toBe("2026-02-22");
    expect(out.document.reconstruction.source.date_system).toBe(1904);
    expect(out.document.reconstruction.source.values[1]).toBe(46068 - 1462);
    const runs = await b.api.listRuns();
    expect(runs[0].sessionDate).toBe("2026-02-15");
  });

  test("the same serials in a 1900 workbook are four years and a day later", async () => {
    const book = makeBook(1, { date1904: true });
    book.date1904 = false;
    const b = open(book);
    b.book.select("LLM_OUTPUT", "A2");
    const out = await b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
    if (out.kind !== "sealed") throw new Error(out.reason);
    expect(out.document.meta.session_date).toBe("2022-02-14");
    expect(out.document.reconstruction.source.date_system).toBe(1900);
  });

  test("a 1904 workbook saved and loaded again keeps its flag", async () => {
    const { saveXlsx } = await import("@sealed-run/excel-simulator/testing");
    const { loadXlsx } = await import("../../src/xlsx");
    const again: SimWorkbook = await loadXlsx(
      await saveXlsx(makeBook(1, { date1904: true })),
    );
    expect(again.date1904).toBe(true);
    const b = open(again);
    const out = await b.api.sealRun("RUN-000001", { actor: ACTOR, now: CLOCK });
    if (out.kind !== "sealed") throw new Error(out.reason);
    expect(out.document.meta.session_date).toBe("2026-02-15");
  });
});
