// The Excel selection resolved to one row of the runs table, or the reason it names none (on the
// header, the total row, outside the table, several rows or areas, another sheet).
// Requirement sets: getSelectedRanges/RangeAreas 1.9.
import { RUN_TABLE } from "./names";
import type { TableGeometry } from "./tables";

/** The sheet of a Range.address (`LLM_OUTPUT!C2`, `'My runs'!C2`): one load fewer than worksheet/name. */
function sheetOfAddress(address: string): string {
  const quoted = /^'((?:[^']|'')*)'!/.exec(address);
  if (quoted) return quoted[1].replace(/''/g, "'");
  const bang = address.lastIndexOf("!");
  return bang >= 0 ? address.slice(0, bang) : "";
}

export function resolveSelection(
  sel: Excel.RangeAreas,
  runs: TableGeometry,
): { row: number; address: string } | { problem: string } {
  if (sel.areaCount !== 1)
    return {
      problem: `Select one row of ${RUN_TABLE} (the selection ${sel.address} has ${sel.areaCount} areas).`,
    };
  const a = sel.areas.items[0];
  const lastCol = runs.bodyCol + runs.headers.length - 1;
  const name = `${RUN_TABLE} on ${runs.sheet}`;
  const on = sheetOfAddress(a.address);
  if (on !== runs.sheet)
    return {
      problem: `The selection ${sel.address} is on ${on}; select a row of ${name}.`,
    };
  if (
    a.columnIndex > lastCol ||
    a.columnIndex + a.columnCount - 1 < runs.bodyCol
  ) {
    return {
      problem: `The selection ${sel.address} is outside ${name}; select a cell in the run's row.`,
    };
  }
  const top = a.rowIndex;
  const bottom = a.rowIndex + a.rowCount - 1;
  if (bottom === runs.bodyRow - 1 && top === bottom)
    return {
      problem: `The selection ${sel.address} is on the header of ${name}; select a run's row below it.`,
    };
  const first = Math.max(top, runs.bodyRow);
  const last = Math.min(bottom, runs.bodyRow + runs.rowCount - 1);
  if (runs.showTotals && top === bottom && top === runs.bodyRow + runs.rowCount)
    return {
      problem: `The selection ${sel.address} is on the total row of ${name}; select a run's row above it.`,
    };
  if (first > last)
    return {
      problem: `The selection ${sel.address} is outside ${name}; select a cell in the run's row.`,
    };
  if (last > first)
    return {
      problem: `The selection ${sel.address} covers ${last - first + 1} rows of ${name}; select one run (or seal several from the taskpane).`,
    };
  return { row: first - runs.bodyRow, address: sel.address };
}
