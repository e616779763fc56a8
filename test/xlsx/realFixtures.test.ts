// Workbooks the project did not write (test/fixtures/workbooks: saved by LibreOffice, see
// scripts/make-lo-fixtures.py; excel-form.xlsm adds by hand what Excel writes and LibreOffice does
// not) sealed twice from the CLI. Then: (a) the fields are those of the same runs sealed from the
// sample workbook, (b) every part with no business changing is byte-identical, and the package's
// lists only gained entries, (c) LibreOffice, headless, opens the result and reads PATCH_LOG with
// every value as text, (d) `extract` finds both seals again.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import JSZip from "jszip";
import {
  EPOCH,
  LOG_COLUMNS,
  parseJsonOutput,
  readSealed,
  removeWorkspaces,
  run,
} from "../cli/helpers";
import type { SealedRun } from "../../src/core/types";

/** What `extract --json` reports of each kept seal, as far as these tests read it. */
type Extracted = { files: { hash: string; status: string }[] };
import { loadXlsx } from "../../src/xlsx";
import { createTestHost } from "@sealed-run/excel-simulator/testing";
import { createWorkbookApi } from "../../src/workflows";
import { adapt, REPO, SAMPLE } from "../workbook/helpers";
import { libreOfficeSheets } from "./libreOffice";

jest.setTimeout(240_000);
const FIXTURES = path.join(REPO, "test/fixtures/workbooks");
const temps: string[] = [];
afterAll(() => {
  removeWorkspaces();
  for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "sealed-run-real-"));
  temps.push(d);
  return d;
}

const ACTOR = ["--actor", "J. Rivera", "--role", "triage-lead"];
const FIELDS = [
  "top_risks",
  "top_actions",
  "system_observations",
  "suggested_updates",
  "kpis",
] as const;

async function parts(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files))
    if (!zip.files[name].dir)
      out.set(name, await zip.files[name].async("nodebuffer"));
  return out;
}

/** Seals RUN-002 then RUN-003 (and a refused third try by "=1+2") in a copy of `source`. */
async function sealTwice(source: string, name: string) {
  const ws = tempDir();
  const book = path.join(ws, name);
  fs.copyFileSync(source, book);
  const docs = [];
  for (const [i, id] of ["RUN-002", "RUN-003"].entries()) {
    const r = await run(
      ws,
      ["export", "--run-id", id, "--source", name, ...ACTOR, "--json"],
      { epoch: EPOCH + i },
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = parseJsonOutput(r);
    if (typeof out.file !== "string")
      throw new Error(`export --json named no file: ${r.stdout}`);
    docs.push(readSealed(ws, out.file));
  }
  // A refusal is logged too: its actor is a string that Excel would take for a formula.
  const refused = await run(
    ws,
    [
      "export",
      "--run-id",
      "RUN-002",
      "--source",
      name,
      "--actor",
      "=1+2",
      "--json",
    ],
    { epoch: EPOCH + 5 },
  );
  expect(refused.code).toBe(1);
  return { ws, book, docs };
}

let baseline: SealedRun[] = [];
beforeAll(async () => {
  baseline = (await sealTwice(SAMPLE, "Sample.xlsx")).docs;
});

const fixtures = fs.readdirSync(FIXTURES).filter((f) => /\.xls[xm]$/.test(f));

test("the fixtures are there: made by LibreOffice, and the hand-written Excel form", () => {
  expect(fixtures).toEqual(
    expect.arrayContaining([
      "libreoffice-features.xlsx",
      "libreoffice-1904.xlsx",
      "libreoffice-macro.xlsm",
      "excel-form.xlsm",
    ]),
  );
});

describe.each(fixtures)("%s, sealed twice from the CLI", (fixture) => {
  let sealed: Awaited<ReturnType<typeof sealTwice>>;
  const source = path.join(FIXTURES, fixture);
  beforeAll(async () => {
    sealed = await sealTwice(source, `Book${path.extname(fixture)}`);
  });

  test("(a) the sealed fields are those of the same runs in the sample workbook", () => {
    sealed.docs.forEach((doc, i) => {
      for (const f of FIELDS) expect(doc[f]).toEqual(baseline[i][f]);
      // The same meta but for the moment of sealing.
      expect({ ...doc.meta, export_timestamp: "" }).toEqual({
        ...baseline[i].meta,
        export_timestamp: "",
      });
      expect(doc.authority_envelope.scope.workbook).toBe(
        path.basename(sealed.book),
      );
    });
  });

  test("(b) every part with no business changing is byte-identical; the lists only gained entries", async () => {
    const before = await parts(source);
    const after = await parts(sealed.book);
    const mayChange = new Set([
      "[Content_Types].xml",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
    ]);
    for (const [name, bytes] of before) {
      expect(after.has(name)).toBe(true);
      if (!mayChange.has(name))
        expect({
          name,
          same: Buffer.compare(after.get(name)!, bytes) === 0,
        }).toEqual({ name, same: true });
    }
    const added = [...after.keys()].filter((n) => !before.has(n)).sort();
    expect(added.filter((n) => !/^customXml\//.test(n))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^xl\/worksheets\/sheet\d+\.xml$/),
        expect.stringMatching(/^xl\/tables\/table\d+\.xml$/),
      ]),
    );
    expect(
      added.filter((n) => /^customXml\/item\d+\.xml$/.test(n)),
    ).toHaveLength(2);
    // Lists: each old entry is still there, as it was written.
    const text = (m: Map<string, Buffer>, n: string) =>
      m.get(n)!.toString("utf8");
    for (const [name, tag] of [
      ["[Content_Types].xml", /<(?:Default|Override)\b[^>]*\/>/g],
      ["xl/_rels/workbook.xml.rels", /<Relationship\b[^>]*\/>/g],
      ["xl/workbook.xml", /<sheet\b[^>]*\/>/g],
    ] as const)
      for (const entry of text(before, name).match(tag) ?? [])
        expect(text(after, name)).toContain(entry);
    // Styles: the existing cell formats are a prefix of the new list (appended to, never renumbered).
    const xfs = (s: string) =>
      /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(s)![1];
    expect(
      xfs(text(after, "xl/styles.xml")).startsWith(
        xfs(text(before, "xl/styles.xml")),
      ),
    ).toBe(true);
    if (fixture.endsWith(".xlsm"))
      expect(text(after, "[Content_Types].xml")).toContain(
        "macroEnabled.main+xml",
      );
  });

  test("(c) LibreOffice opens the result and reads PATCH_LOG with every value as text", async () => {
    const sheets = libreOfficeSheets(sealed.book);
    expect([...sheets.keys()]).toEqual(
      expect.arrayContaining(["LLM_OUTPUT", "PATCH_LOG"]),
    );
    const rows = sheets.get("PATCH_LOG")!;
    expect(rows[0].slice(0, 13)).toEqual(LOG_COLUMNS);
    const ours = await createWorkbookApi(
      adapt(
        createTestHost(
          await loadXlsx(new Uint8Array(fs.readFileSync(sealed.book))),
        ),
      ),
    ).readLog();
    expect(ours.entries.map((e) => e.Action)).toEqual([
      "SEAL",
      "SEAL",
      "REFUSED",
    ]);
    expect(ours.chain.intact).toBe(true);
    ours.entries.forEach((e, i) =>
      expect(rows[i + 1].slice(0, 13)).toEqual(
        LOG_COLUMNS.map((c) => e[c as keyof typeof e]),
      ),
    );
    expect(rows[3][6]).toBe("=1+2");
  });

  test("(d) extract finds both seals again", async () => {
    const r = await run(sealed.ws, [
      "extract",
      path.basename(sealed.book),
      "--out",
      "extracted",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const out = parseJsonOutput(r) as Extracted;
    expect(out.files.map((f) => f.hash).sort()).toEqual(
      sealed.docs.map((d) => d.hash).sort(),
    );
    expect(out.files.map((f) => f.status)).toEqual(["written", "written"]);
    expect(fs.readdirSync(path.join(sealed.ws, "extracted"))).toHaveLength(2);
  });
});

test("a sealed workbook saved again by LibreOffice seals again: the log's chain intact, both seals found", async () => {
  const ws = tempDir();
  fs.copyFileSync(
    path.join(FIXTURES, "libreoffice-features.xlsx"),
    path.join(ws, "Book.xlsx"),
  );
  const first = await run(
    ws,
    ["export", "--run-id", "RUN-002", "--source", "Book.xlsx", ...ACTOR],
    { epoch: EPOCH },
  );
  expect(first.code).toBe(0);
  // LibreOffice opens the sealed workbook and saves it with its own writer (shared strings, its styles).
  const out = tempDir();
  const profile = tempDir();
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--convert-to",
      "xlsx:Calc MS Excel 2007 XML",
      "--outdir",
      out,
      path.join(ws, "Book.xlsx"),
    ],
    {
      stdio: "pipe",
      timeout: 120_000,
    },
  );
  fs.copyFileSync(path.join(out, "Book.xlsx"), path.join(ws, "Book.xlsx"));
  const second = await run(
    ws,
    ["export", "--run-id", "RUN-003", "--source", "Book.xlsx", ...ACTOR],
    { epoch: EPOCH + 1 },
  );
  expect(second.stderr).toBe("");
  expect(second.code).toBe(0);
  const log = await createWorkbookApi(
    adapt(
      createTestHost(
        await loadXlsx(
          new Uint8Array(fs.readFileSync(path.join(ws, "Book.xlsx"))),
        ),
      ),
    ),
  ).readLog();
  expect(log.entries.map((e) => [e.Action, e.RunID])).toEqual([
    ["SEAL", "RUN-002"],
    ["SEAL", "RUN-003"],
  ]);
  expect(log.chain.intact).toBe(true);
  const extracted = await run(ws, [
    "extract",
    "Book.xlsx",
    "--out",
    "x",
    "--json",
  ]);
  expect(extracted.code).toBe(0);
  expect((parseJsonOutput(extracted) as Extracted).files).toHaveLength(2);
});
