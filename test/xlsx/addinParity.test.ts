// A seal from the CLI (the workbook read from its file by src/xlsx) and a seal by the add-in's
// workflow on the same workbook as Excel holds it in memory (the simulator) are the same document:
// the package reader gives the workflows exactly the Range.values and number formats Excel would.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { saveXlsx } from "@sealed-run/excel-simulator/testing";
import { EPOCH, parseJsonOutput, removeWorkspaces, run } from "../cli/helpers";
import { ACTOR, makeBook, open } from "../workbook/helpers";

jest.setTimeout(120_000);
const temps: string[] = [];
afterAll(() => {
  removeWorkspaces();
  for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
});

test.each([1900, 1904])(
  "CLI and add-in seals of the same row are equal byte for byte (%s date system)",
  async (system) => {
    const book = makeBook(3, {
      name: "Parity.xlsx",
      date1904: system === 1904,
    });
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), "sealed-run-parity-"));
    temps.push(ws);
    // The file first (a writer other than ours: exceljs), then the add-in's seal in memory.
    fs.writeFileSync(path.join(ws, "Parity.xlsx"), await saveXlsx(book));
    const addin = await open(book).api.sealRun("RUN-000002", {
      actor: ACTOR,
      now: () => new Date(EPOCH * 1000),
    });
    if (addin.kind !== "sealed") throw new Error(addin.reason);
    const r = await run(
      ws,
      [
        "export",
        "--run-id",
        "RUN-000002",
        "--source",
        "Parity.xlsx",
        "--actor",
        ACTOR.name,
        "--role",
        ACTOR.role,
        "--json",
      ],
      { epoch: EPOCH },
    );
    expect(r.code).toBe(0);
    const cli = fs.readFileSync(
      path.join(ws, String(parseJsonOutput(r).file)),
      "utf8",
    );
    expect(JSON.parse(cli)).toEqual(JSON.parse(addin.text));
    expect(cli).toBe(addin.text);
  },
);
