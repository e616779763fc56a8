// LibreOffice, headless, reading a workbook we wrote: every sheet as CSV (one file per sheet),
// parsed. A reader we did not make, so that a file it opens is not just one we agree with.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseCsvText } from "../cli/helpers";

/** LibreOffice's own reading of every sheet of `file`, by sheet name. */
export function libreOfficeSheets(file: string): Map<string, string[][]> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "sealed-run-lo-out-"));
  // A profile of its own: a second soffice with the default one would hand its work to the first.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "sealed-run-lo-"));
  try {
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--convert-to",
        // Sheet -1: every sheet, each to BASE-SHEET.csv; UTF-8 (76), formulas' results.
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        "--outdir",
        out,
        file,
      ],
      { stdio: "pipe", timeout: 120_000 },
    );
    const base = path.basename(file).replace(/\.[^.]+$/, "");
    const sheets = new Map<string, string[][]>();
    for (const f of fs.readdirSync(out))
      if (f.startsWith(`${base}-`))
        sheets.set(
          f.slice(base.length + 1, -4),
          parseCsvText(fs.readFileSync(path.join(out, f), "utf8")),
        );
    return sheets;
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
