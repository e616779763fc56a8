// PATCH_LOG.csv read back: every cell lands in its own column (the reader builds entries from
// cell positions), guarded cells come back as written, and the layout is checked.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PATCH_LOG_COLUMNS, type PatchLogEntry } from "../../src/core/types";
import {
  formatLog,
  LogLayoutError,
  readLogSnapshot,
} from "../../src/node/patchLogCsv";

const dir = mkdtempSync(path.join(os.tmpdir(), "sealed-run-logcsv-"));

it("reads back each of the thirteen columns into its own field, formula-looking cells included", () => {
  const entries: PatchLogEntry[] = [0, 1].map(
    (n) =>
      Object.fromEntries(
        PATCH_LOG_COLUMNS.map((c, i) => [
          c,
          i === 8 ? `=${c}${n}` : i === 9 ? `'+${n}, "q"` : `${c}-${n}`,
        ]),
      ) as PatchLogEntry,
  );
  const file = path.join(dir, "PATCH_LOG.csv");
  writeFileSync(file, formatLog(entries));
  const back = readLogSnapshot(file).entries;
  expect(back).toEqual(entries);
  for (const e of back) expect(Object.keys(e)).toEqual([...PATCH_LOG_COLUMNS]);
});

it("skips blank rows", () => {
  const file = path.join(dir, "blank.csv");
  writeFileSync(
    file,
    PATCH_LOG_COLUMNS.join(",") +
      "\n" +
      ",".repeat(12) +
      "\n" +
      "x,".repeat(12) +
      "x\n",
  );
  expect(readLogSnapshot(file).entries).toHaveLength(1);
});

it("refuses a log whose columns are in another order, naming them", () => {
  const file = path.join(dir, "swapped.csv");
  const cols = [...PATCH_LOG_COLUMNS];
  [cols[1], cols[2]] = [cols[2], cols[1]];
  for (const body of ["", "a,b,c,d,e,f,g,h,i,j,k,l,m\n"]) {
    // With no entry (checked at the end) and with entries (checked at the first row).
    writeFileSync(file, cols.join(",") + "\n" + body);
    expect(() => readLogSnapshot(file)).toThrow(LogLayoutError);
    expect(() => readLogSnapshot(file)).toThrow(
      /has columns EntryID, Action, Timestamp/,
    );
  }
});
