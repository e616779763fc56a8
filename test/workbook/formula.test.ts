// PATCH_LOG cells are text, always: a reason or corrected value that begins with = + - @ or a
// tab is written as text, reads back exactly, never becomes a formula, and the chain still holds.
import fc from "fast-check";
import type { SealedRun } from "../../src/core";
import { ACTOR, CLOCK, formulasOn, loadSample, type Bench } from "./helpers";
import { matching } from "../matchers";

jest.setTimeout(180_000);

const dangerous = fc
  .tuple(
    fc.constantFrom(
      "=",
      "+",
      "-",
      "@",
      "\t",
      "\r",
      "=HYPERLINK(",
      "-1+",
      "+1",
      "=1+1",
      "@SUM(A1:A2)",
    ),
    fc.string({ maxLength: 40 }),
  )
  .map(([lead, rest]) => lead + rest);

let b: Bench;
let doc: SealedRun;

beforeAll(async () => {
  b = await loadSample();
  b.book.select("LLM_OUTPUT", "A2");
  const out = await b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
  if (out.kind !== "sealed") throw new Error(out.reason);
  doc = out.document;
});

test("dangerous reasons and new values are written as text and read back identical", async () => {
  // The other tests share this workbook and may run first (jest --randomize): count from what is there.
  const before = (await b.api.readLog()).entries.length;
  let n = 0;
  await fc.assert(
    fc.asyncProperty(dangerous, dangerous, async (value, reasonText) => {
      n++;
      // A reason is trimmed before it is logged; keep one that is not blank after trimming.
      const reason = reasonText.trim() === "" ? `${reasonText}x` : reasonText;
      const newValue = `${value}#${n}`; // unique: a patch to the value already logged is refused
      const out = await b.api.recordPatch({
        sealHash: doc.hash,
        field: "top_risks[0]",
        newValue,
        reason,
        actor: ACTOR,
        now: CLOCK,
      });
      expect(out.logEntry.NewValue).toBe(newValue);
      expect(out.logEntry.Reason).toBe(reason.trim());
      const log = await b.api.readLog();
      const last = log.entries[log.entries.length - 1];
      expect(last).toEqual(out.logEntry);
      expect(log.chain.intact).toBe(true);
      // What the sheet itself holds: text, shown as written, no formula.
      const sheet = b.book.sheet("PATCH_LOG");
      const row = log.entries.length + 1;
      expect(sheet.cell(`J${row}`).value).toBe(newValue);
      expect(sheet.cell(`J${row}`).valueType).toBe("String");
      expect(sheet.cell(`K${row}`).value).toBe(reason.trim());
    }),
    { numRuns: 40, seed: 20260216 },
  );
  expect(formulasOn(b.book, "PATCH_LOG")).toEqual([]);
  const log = await b.api.readLog();
  expect(log.entries).toHaveLength(before + 40);
  expect(log.chain).toMatchObject({ intact: true, entries: before + 40 });
});

test("a value over 32,767 characters is refused with a message and nothing is written", async () => {
  const before = (await b.api.readLog()).entries.length;
  await expect(
    b.api.recordPatch({
      sealHash: doc.hash,
      field: "top_risks[0]",
      newValue: "=" + "x".repeat(32_767),
      reason: "too long",
      actor: ACTOR,
      now: CLOCK,
    }),
  ).rejects.toMatchObject({
    code: "too-long",
    message: matching(
      /NewValue .* 32768 characters; a cell holds at most 32767/,
    ),
  });
  expect((await b.api.readLog()).entries).toHaveLength(before);
});

test.each([
  "00123",
  "TRUE",
  "1e5",
  "2026-02-15",
  "=1+1",
  "+5",
  "-5",
  "@x",
  "'quoted",
  "\tTab",
  "78%",
  "1,234",
])(
  "the value %p is logged as text in a cell formatted @ (issue 10, point 8)",
  async (value) => {
    const out = await b.api
      .recordPatch({
        sealHash: doc.hash,
        field: "top_risks[1]",
        newValue: `${value}`,
        reason: value,
        actor: ACTOR,
        now: CLOCK,
      })
      .catch((e: Error) => e);
    if (out instanceof Error) throw out;
    const log = await b.api.readLog();
    const row = log.entries.length + 1;
    const sheet = b.book.sheet("PATCH_LOG");
    // A leading apostrophe goes behind the quote prefix in a General cell (Text cells and a leading
    // apostrophe: undocumented); everything else into a cell formatted @ before its value arrived.
    const lead = value.startsWith("'");
    for (const col of ["J", "K"]) {
      const cell = sheet.cell(`${col}${row}`);
      expect({
        value: cell.value,
        type: cell.valueType,
        format: cell.numberFormat,
        quote: cell.quotePrefix,
      }).toEqual({
        value: col === "K" ? value.trim() : value,
        type: "String",
        format: lead ? "General" : "@",
        quote: lead,
      });
    }
    for (const col of "ABCDEFGHI")
      expect(sheet.cell(`${col}${row}`).numberFormat).toBe("@");
    expect(log.chain.intact).toBe(true);
  },
);

test("the checkpoint beside the log is text formatted @", () => {
  const sheet = b.book.sheet("PATCH_LOG");
  expect(sheet.cell("O1").numberFormat).toBe("@");
  expect(sheet.cell("O2")).toMatchObject({
    numberFormat: "@",
    valueType: "String",
  });
});
