// The CLI and a workbook on disk: nothing is written while Excel or LibreOffice has it open; a
// failure at any step of replacing it leaves the original as it was, no temporary file and no
// sealed file that the workbook never logged; permissions are kept; foreign and hostile files are
// refused with exit 1, a reason, and no stack trace.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { exportFromWorkbook } from "../../src/node/xlsxSource";
import type { ReplaceStep } from "../../src/node/atomicReplace";
import { EPOCH, removeWorkspaces, run } from "../cli/helpers";
import { SAMPLE } from "../workbook/helpers";
import { rawZip, workbookEntries } from "./packages";

jest.setTimeout(120_000);
const temps: string[] = [];
afterAll(() => {
  removeWorkspaces();
  for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
});

function workspace(): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), "sealed-run-polite-"));
  temps.push(ws);
  fs.copyFileSync(SAMPLE, path.join(ws, "Book.xlsx"));
  return ws;
}

const ACTOR = ["--actor", "J. Rivera", "--role", "triage-lead"];
const noStack = (s: string) =>
  expect(s).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);

test.each([
  ["Excel", "~$Book.xlsx"],
  ["LibreOffice", ".~lock.Book.xlsx#"],
])(
  "while %s has the workbook open (its owner file is there), export refuses and writes nothing",
  async (who, owner) => {
    const ws = workspace();
    fs.writeFileSync(path.join(ws, owner), "owner");
    const before = fs.readFileSync(path.join(ws, "Book.xlsx"));
    const r = await run(
      ws,
      ["export", "--run-id", "RUN-002", "--source", "Book.xlsx", ...ACTOR],
      { epoch: EPOCH },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `Book.xlsx is open in ${who} (its owner file ${owner} is beside it): close the workbook there and run this again; nothing was written`,
    );
    expect(fs.readFileSync(path.join(ws, "Book.xlsx")).equals(before)).toBe(
      true,
    );
    expect(fs.existsSync(path.join(ws, "artifacts"))).toBe(false);
    expect(fs.readdirSync(ws).sort()).toEqual([owner, "Book.xlsx"].sort());
  },
);

test.each<ReplaceStep>(["open", "write", "flush", "chmod", "rename"])(
  "a failure at the %s step of saving leaves the workbook as it was, no temp file and no sealed file",
  async (step) => {
    const ws = workspace();
    const book = path.join(ws, "Book.xlsx");
    const before = fs.readFileSync(book);
    const outDir = path.join(ws, "out");
    fs.mkdirSync(outDir);
    await expect(
      exportFromWorkbook(book, {
        runId: "RUN-002",
        actor: { name: "J. Rivera", role: "triage-lead" },
        now: () => new Date(EPOCH * 1000),
        outPath: null,
        outDir,
        priorDirs: [outDir],
        replace: {
          beforeStep: (s) => {
            if (s === step) throw new Error(`injected failure at ${s}`);
          },
        },
      }),
    ).rejects.toThrow(`injected failure at ${step}`);
    expect(fs.readFileSync(book).equals(before)).toBe(true);
    expect(fs.readdirSync(ws).sort()).toEqual(["Book.xlsx", "out"]);
    expect(fs.readdirSync(outDir)).toEqual([]);
  },
);

test("the workbook keeps its permissions", async () => {
  const ws = workspace();
  fs.chmodSync(path.join(ws, "Book.xlsx"), 0o640);
  const r = await run(
    ws,
    ["export", "--run-id", "RUN-002", "--source", "Book.xlsx", ...ACTOR],
    { epoch: EPOCH },
  );
  expect(r.code).toBe(0);
  expect(fs.statSync(path.join(ws, "Book.xlsx")).mode & 0o777).toBe(0o640);
});

test("a workbook that is a symbolic link is refused", async () => {
  const ws = workspace();
  fs.symlinkSync(path.join(ws, "Book.xlsx"), path.join(ws, "Link.xlsx"));
  const r = await run(ws, [
    "export",
    "--run-id",
    "RUN-002",
    "--source",
    "Link.xlsx",
    ...ACTOR,
  ]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("Link.xlsx is a symbolic link");
});

test(".xlsm is read and written like .xlsx", async () => {
  const ws = workspace();
  fs.renameSync(path.join(ws, "Book.xlsx"), path.join(ws, "Book.xlsm"));
  const r = await run(
    ws,
    ["export", "--run-id", "RUN-002", "--source", "Book.xlsm", ...ACTOR],
    { epoch: EPOCH },
  );
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("logged  PL-000001 SEAL in Book.xlsm (PATCH_LOG)");
});

describe("foreign and hostile files: exit 1, a reason, nothing written, no stack trace", () => {
  const cases: [string, string, Uint8Array, RegExp][] = [
    [
      "a .xls by its name",
      "Old.xls",
      new Uint8Array(16),
      /Old.xls is a legacy Excel 97-2003 workbook \(\.xls\).*save it as an Excel Workbook \(\.xlsx\)/,
    ],
    [
      "a .xlsb by its name",
      "Big.xlsb",
      new Uint8Array(16),
      /Big.xlsb is an Excel Binary Workbook/,
    ],
    [
      "an .ods by its name",
      "Calc.ods",
      new Uint8Array(16),
      /Calc.ods is an OpenDocument spreadsheet/,
    ],
    [
      "a password-protected workbook saved as .xlsx",
      "Locked.xlsx",
      (() => {
        const b = Buffer.alloc(2048);
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
        Buffer.from("EncryptedPackage", "utf16le").copy(b, 1024);
        return new Uint8Array(b);
      })(),
      /Locked.xlsx cannot be read as a workbook: it is a password-protected \(encrypted\) workbook/,
    ],
    [
      "a zip bomb",
      "Bomb.xlsx",
      (() => {
        const entries = workbookEntries({
          sheets: [{ name: "LLM_OUTPUT", xml: "<sheetData/>" }],
        });
        entries.find((e) => e.name === "xl/worksheets/sheet1.xml")!.data =
          `<worksheet>${" ".repeat(4_000_000)}</worksheet>`;
        entries.find(
          (e) => e.name === "xl/worksheets/sheet1.xml",
        )!.declaredSize = 100;
        return rawZip(entries);
      })(),
      /Bomb.xlsx cannot be read as a workbook: the package entry xl\/worksheets\/sheet1.xml inflates to more than the 100 bytes it declares/,
    ],
    [
      "a duplicate entry",
      "Twice.xlsx",
      rawZip([
        ...workbookEntries({ sheets: [{ name: "A", xml: "<sheetData/>" }] }),
        { name: "xl/workbook.xml", data: "<workbook/>" },
      ]),
      /two entries named "xl\/workbook.xml"/,
    ],
  ];
  test.each(cases)("%s", async (_, name, bytes, message) => {
    const ws = workspace();
    fs.writeFileSync(path.join(ws, name), bytes);
    for (const args of [
      ["export", "--run-id", "RUN-002", "--source", name, ...ACTOR],
      ["extract", name],
    ]) {
      const r = await run(ws, args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      noStack(r.stderr);
    }
    expect(
      fs.readFileSync(path.join(ws, name)).equals(Buffer.from(bytes)),
    ).toBe(true);
    expect(fs.existsSync(path.join(ws, "artifacts"))).toBe(false);
  });
});
