// Office's object model is a graph: Range.worksheet and Table.worksheet lead to the Worksheet,
// whose getRange() and tables lead back. The proxy modules import one way only (base ← range ←
// table ← worksheet ← workbook), so range.ts and table.ts reach the worksheet proxy through this
// registry, which worksheet.ts fills when it loads (host.ts imports it before any batch runs).
import type { SimSheet } from "@sealed-run/workbook-model";
import type { SimContext } from "../context";
import type { Resolver, SimObject } from "./base";

type WorksheetFactory = (
  context: SimContext,
  resolver: Resolver<SimSheet>,
) => SimObject<SimSheet>;

let makeWorksheet: WorksheetFactory | undefined;

export function registerWorksheetProxy(factory: WorksheetFactory): void {
  makeWorksheet = factory;
}

/** The worksheet an object lies on (Range.worksheet, Table.worksheet…); null with a null object. */
export function worksheetOf<T extends { sheet: SimSheet }>(
  from: SimObject<T>,
  label: string,
): SimObject<SimSheet> {
  if (!makeWorksheet)
    throw new Error(
      `${label}: no worksheet proxy is registered (proxies/worksheet.ts registers it when loaded)`,
    );
  return makeWorksheet(from.context, {
    label,
    resolve: () => from._resolveNow()?.sheet ?? null,
  });
}
