// Excel.Workbook, Excel.Functions and Excel.FunctionResult.

import type { SimContext } from "../context";
import {
  dateSerial,
  SimError,
  type SimWorkbook,
} from "@sealed-run/workbook-model";
import { SimObject, defineProps, requireApi, type PropSpec } from "./base";
import { CustomXmlPartCollectionProxy } from "./customXml";
import { RangeAreasProxy, RangeProxy } from "./range";
import { TableCollectionProxy } from "./table";
import { WorksheetCollectionProxy } from "./worksheet";

const WORKBOOK_PROPS: Record<string, PropSpec<SimWorkbook>> = {
  name: { read: (b) => b.name },
};

/** Excel.Workbook [ExcelApi 1.1]. */
export class WorkbookProxy extends SimObject<SimWorkbook> {
  readonly _className = "Workbook";
  protected readonly _props = WORKBOOK_PROPS;
  protected override readonly _navs: Record<string, () => SimObject<unknown>> =
    {
      worksheets: () => this.worksheets as unknown as SimObject<unknown>,
      tables: () => this.tables as unknown as SimObject<unknown>,
    };
  private _worksheets?: WorksheetCollectionProxy;
  private _tables?: TableCollectionProxy;
  private _parts?: CustomXmlPartCollectionProxy;
  private _functions?: FunctionsProxy;

  constructor(ctx: SimContext, book: SimWorkbook) {
    super(ctx, { label: "RequestContext.workbook", resolve: () => book }, book);
  }

  /** [ExcelApi 1.1] */
  get worksheets(): WorksheetCollectionProxy {
    this._worksheets ??= new WorksheetCollectionProxy(
      this.context,
      { label: "Workbook.worksheets", resolve: () => this.context.book },
      this.context.book,
    );
    return this._worksheets;
  }

  /** [ExcelApi 1.1] */
  get tables(): TableCollectionProxy {
    this._tables ??= new TableCollectionProxy(
      this.context,
      {
        label: "Workbook.tables",
        resolve: () => ({ book: this.context.book }),
      },
      {
        book: this.context.book,
      },
    );
    return this._tables;
  }

  /** [ExcelApi 1.5] */
  get customXmlParts(): CustomXmlPartCollectionProxy {
    requireApi(this.context, "ExcelApi", "1.5", "Workbook.customXmlParts");
    this._parts ??= new CustomXmlPartCollectionProxy(
      this.context,
      {
        label: "Workbook.customXmlParts",
        resolve: () => ({ book: this.context.book }),
      },
      { book: this.context.book },
    );
    return this._parts;
  }

  /** [ExcelApi 1.2] */
  get functions(): FunctionsProxy {
    requireApi(this.context, "ExcelApi", "1.2", "Workbook.functions");
    this._functions ??= new FunctionsProxy(
      this.context,
      { label: "Workbook.functions", resolve: () => this.context.book },
      this.context.book,
    );
    return this._functions;
  }

  /** [ExcelApi 1.1] Fails with InvalidSelection when several areas are selected. */
  getSelectedRange(): RangeProxy {
    const label = "Workbook.getSelectedRange";
    this.context.assertOpen(label);
    return new RangeProxy(this.context, {
      label,
      resolve: () => {
        const sheet = this.context.book.activeSheet;
        if (sheet.selection.length !== 1) {
          throw new SimError(
            "InvalidSelection",
            `${sheet.selection.length} areas are selected; use getSelectedRanges().`,
            label,
          );
        }
        return { sheet, rect: sheet.selection[0] };
      },
    });
  }

  /** [ExcelApi 1.9] All selected areas of the active sheet. */
  getSelectedRanges(): RangeAreasProxy {
    const label = "Workbook.getSelectedRanges";
    requireApi(this.context, "ExcelApi", "1.9", label);
    this.context.assertOpen(label);
    return new RangeAreasProxy(this.context, {
      label,
      resolve: () => {
        const sheet = this.context.book.activeSheet;
        return { sheet, rects: [...sheet.selection] };
      },
    });
  }

  /** [ExcelApi 1.7] The active cell: the top-left cell of the first selected area. */
  getActiveCell(): RangeProxy {
    const label = "Workbook.getActiveCell";
    requireApi(this.context, "ExcelApi", "1.7", label);
    this.context.assertOpen(label);
    return new RangeProxy(this.context, {
      label,
      resolve: () => {
        const sheet = this.context.book.activeSheet;
        const { r0, c0 } = sheet.selection[0];
        return { sheet, rect: { r0, c0, r1: r0, c1: c0 } };
      },
    });
  }

  /**
   * [ExcelApi 1.11] Saves the workbook (the simulator counts saves). On a host without 1.11 the
   * call itself throws ApiNotFound, as Office.js does.
   */
  save(saveBehavior?: "Save" | "Prompt"): void {
    const label = "Workbook.save";
    requireApi(this.context, "ExcelApi", "1.11", label);
    this.context.assertOpen(label);
    this._enqueue(label, 16, () => {
      if (
        saveBehavior !== undefined &&
        saveBehavior !== "Save" &&
        saveBehavior !== "Prompt"
      ) {
        throw new SimError(
          "InvalidArgument",
          `${label}: unknown saveBehavior "${String(saveBehavior)}".`,
          label,
        );
      }
      const failure = this.context.book.saveFailures.shift();
      if (failure) throw new SimError(failure.code, failure.message, label);
      this.context.book.saveCount++;
    });
  }
}

defineProps(WorkbookProxy, Object.keys(WORKBOOK_PROPS));

/** Excel.Functions [ExcelApi 1.2]: worksheet functions evaluated by Excel. */
export class FunctionsProxy extends SimObject<SimWorkbook> {
  readonly _className = "Functions";
  protected readonly _props: Record<string, PropSpec<SimWorkbook>> = {};

  /**
   * DATE(year, month, day) in the workbook's date system: 1462 for 1904-01-01 in 1900, 0 in 1904.
   * Office.js has no property for the date system; this is how an add-in detects it.
   */
  date(year: number, month: number, day: number): FunctionResultProxy {
    const label = "Functions.date";
    this.context.assertOpen(label);
    return new FunctionResultProxy(this.context, {
      label,
      resolve: () => {
        const book = this._refFor(label);
        const args = [year, month, day];
        if (!args.every((a) => typeof a === "number" && Number.isFinite(a)))
          return { value: null, error: "#VALUE!" };
        const [y, m, d] = args.map(Math.trunc);
        if (y < 0 || y > 9999) return { value: null, error: "#NUM!" };
        const serial = dateSerial(y, m, d, book.dateSystem);
        if (serial < 0 || serial > 2_958_465)
          return { value: null, error: "#NUM!" };
        return { value: serial, error: null };
      },
    });
  }
}

export interface FunctionValue {
  value: number | null;
  error: string | null;
}

const RESULT_PROPS: Record<string, PropSpec<FunctionValue>> = {
  value: { read: (r) => r.value },
  error: { read: (r) => r.error },
};

/** Excel.FunctionResult [ExcelApi 1.2]: load("value") (or "error") and sync before reading. */
export class FunctionResultProxy extends SimObject<FunctionValue> {
  readonly _className = "FunctionResult";
  protected readonly _props = RESULT_PROPS;
}

defineProps(FunctionResultProxy, Object.keys(RESULT_PROPS));
