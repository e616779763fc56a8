// What may import the workspace packages, and what they may import. The CLI ships the workbook
// model (its .xlsx package layer, src/xlsx, loads files into it) but not the Excel simulator, a
// test double and the workbench's engine; the task pane never bundles the simulator; each
// package imports only what its package.json declares, and nothing of src/.
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as path from "node:path";
import ts from "typescript";
import { ROOT, importGraph, reachable, type ImportGraph } from "./importGraph";

const SIMULATOR = "packages/excel-simulator/";
const MODEL = "packages/workbook-model/";

/**
 * Files the CLI build reaches that still import the simulator. src/node/xlsxSource.ts drives
 * the workflows through the simulator's Excel.run over a loaded workbook until a store over the
 * model replaces it (issue 12, "nothing the CLI ships imports it"); then this list becomes [].
 */
const CLI_IMPORTS_OF_THE_SIMULATOR_STILL_ALLOWED: string[] = [];

const graph: ImportGraph = importGraph(["src", "packages"]);

/** The CLI build's own files: what tsconfig.cli.json compiles (repository-relative). */
function cliSources(): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, "tsconfig.cli.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!parsed) throw new Error("tsconfig.cli.json could not be read");
  return parsed.fileNames.map((f) =>
    path.relative(ROOT, f).split(path.sep).join("/"),
  );
}

/** `from` files (among `files`) with an import into the folder `into`, as "file → target". */
function importsInto(files: string[], into: string): string[] {
  return files.flatMap((f) =>
    (graph.get(f) ?? [])
      .filter((e) => e.internal && e.to.startsWith(into))
      .map((e) => `${f} → ${e.to}`),
  );
}

/** The bare names of outside modules `files` import ("exceljs", "@types/x/y" → "@types/x"). */
function outsideModules(files: string[]): string[] {
  const names = files.flatMap((f) =>
    (graph.get(f) ?? [])
      .filter((e) => !e.internal)
      .map((e) =>
        e.spec
          .split("/")
          .slice(0, e.spec.startsWith("@") ? 2 : 1)
          .join("/"),
      ),
  );
  return [...new Set(names)].sort();
}

const packageFiles = (dir: string) =>
  [...graph.keys()].filter((f) => f.startsWith(dir));

describe("the CLI build", () => {
  const sources = cliSources();
  const shipped = reachable(graph, sources);

  it("compiles src/ only: the packages come built, and the simulator is not among its sources", () => {
    expect(sources).toEqual(
      expect.arrayContaining([
        "src/cli/main.ts",
        "src/xlsx/read.ts",
        "src/node/xlsxSource.ts",
      ]),
    );
    expect(
      sources.filter(
        (f) => !f.startsWith("src/") || f.startsWith("src/simulator/"),
      ),
    ).toEqual([]);
  });

  it("ships the workbook model (through src/xlsx)", () => {
    expect(shipped).toEqual(
      expect.arrayContaining([
        `${MODEL}src/index.ts`,
        `${MODEL}src/workbook.ts`,
      ]),
    );
  });

  it("imports the simulator from no file but the known exceptions", () => {
    const importers = [
      ...new Set(
        importsInto(
          shipped.filter((f) => !f.startsWith(SIMULATOR)),
          SIMULATOR,
        ).map((s) => s.split(" → ")[0]),
      ),
    ];
    expect(importers).toEqual(CLI_IMPORTS_OF_THE_SIMULATOR_STILL_ALLOWED);
  });
});

describe("the task pane and the ribbon commands", () => {
  it("never reach the simulator (only the workbench page bundles it)", () => {
    const entries = [
      "src/taskpane/index.tsx",
      "src/commands/commands.ts",
      "src/taskpane/support/support.ts",
    ];
    for (const e of entries) expect(graph.has(e)).toBe(true);
    expect(
      reachable(graph, entries).filter((f) => f.startsWith(SIMULATOR)),
    ).toEqual([]);
    expect(reachable(graph, ["src/workbench/index.tsx"])).toContain(
      `${SIMULATOR}src/index.ts`,
    );
  });
});

describe("the workspace packages", () => {
  const declared = (dir: string) => {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(ROOT, dir, "package.json"), "utf8"),
    ) as { dependencies?: Record<string, string> };
    return Object.keys(pkg.dependencies ?? {}).sort();
  };

  it("import nothing of src/", () => {
    expect(
      importsInto([...packageFiles(MODEL), ...packageFiles(SIMULATOR)], "src/"),
    ).toEqual([]);
  });

  it("the model imports no other module at all: no Office.js, no Node, no simulator", () => {
    expect(packageFiles(MODEL).length).toBeGreaterThan(10);
    expect(outsideModules(packageFiles(MODEL))).toEqual([]);
    expect(importsInto(packageFiles(MODEL), SIMULATOR)).toEqual([]);
    expect(declared(MODEL)).toEqual([]);
  });

  it("the simulator imports the model by its package name and only the modules its package.json declares, no Node module", () => {
    const files = packageFiles(SIMULATOR);
    expect(
      importsInto(files, MODEL).filter(
        (s) => !s.endsWith(`→ ${MODEL}src/index.ts`),
      ),
    ).toEqual([]);
    const outside = outsideModules(files);
    expect(
      outside.filter(
        (m) => m.startsWith("node:") || builtinModules.includes(m),
      ),
    ).toEqual([]);
    expect(outside).toEqual(
      declared(SIMULATOR).filter((d) => d !== "@sealed-run/workbook-model"),
    );
  });
});
