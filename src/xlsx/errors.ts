// Why a file cannot be read or written as a workbook. Each message names the file's part (the zip
// entry) or what the file is, and what to do; the Node shell prefixes the file's path.

/** The bytes are not a workbook this project reads (another format, damaged, or hostile). */
export class WorkbookFormatError extends Error {
  constructor(
    message: string,
    /** What was found: a short tag for tests and --json output. */
    readonly kind:
      | "not-zip"
      | "truncated"
      | "encrypted"
      | "xls"
      | "xlsb"
      | "ods"
      | "zip-unsafe"
      | "too-large"
      | "xml-unsafe"
      | "xml-malformed"
      | "not-workbook",
  ) {
    super(message);
    this.name = "WorkbookFormatError";
  }
}

/** The workflows changed something the package writer does not write (so it refuses, not drops). */
export class WorkbookWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkbookWriteError";
  }
}
