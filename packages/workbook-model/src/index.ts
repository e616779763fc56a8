// @sealed-run/workbook-model: a workbook as data — sheets and their cells (values, formulas,
// number formats, entry rules), tables, custom XML parts, protection, A1 addresses and the two
// date systems. No Office.js, no Node and no DOM: the package layer (src/xlsx) loads .xlsx files
// into it, and @sealed-run/excel-simulator serves it through Office.js-shaped proxies.
export * from "./address";
export * from "./base64";
export * from "./cells";
export * from "./dates";
export * from "./entry";
export * from "./errors";
export * from "./numfmt";
export * from "./ooxmlCustomXml";
export * from "./protection";
export * from "./rangeData";
export * from "./sha512";
export * from "./workbook";
export * from "./xmlParts";
