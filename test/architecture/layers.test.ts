// Imports only point down, and no files import each other in a circle (issue 12, item 1): the
// rules are in layers.ts; a failure names the file, the line and the import.
import * as path from "node:path";
import { importCircles, importGraph, type ImportEdge } from "./importGraph";
import { EXCEPTIONS, layerOf, upwardImports } from "./layers";

const ROOT = path.resolve(__dirname, "../..");
const edge = (from: string, to: string, line = 1): ImportEdge => ({
  from,
  to,
  spec: to,
  line,
});

describe("the layer checker itself", () => {
  it("names each import that points up or out of its layer", () => {
    const found = upwardImports([
      edge("src/core/a.ts", "src/office/b.ts", 3),
      edge("src/office/b.ts", "src/workflows/api.ts", 4),
      edge("src/workflows/seal.ts", "src/taskpane/bus.ts", 5),
      edge("src/cli/main.ts", "src/office/host.ts", 6),
      edge("src/node/csvSource.ts", "src/simulator/index.ts", 7),
      edge("src/xlsx/read.ts", "src/node/files.ts", 8),
      edge("src/simulator/workbook.ts", "src/simulator/proxies/range.ts", 9),
    ]);
    expect(found).toEqual([
      'src/core/a.ts:3 imports "src/office/b.ts" (core may not import office)',
      'src/office/b.ts:4 imports "src/workflows/api.ts" (office may not import workflows)',
      'src/workflows/seal.ts:5 imports "src/taskpane/bus.ts" (workflows may not import taskpane)',
      'src/cli/main.ts:6 imports "src/office/host.ts" (cli may not import office)',
      'src/node/csvSource.ts:7 imports "src/simulator/index.ts" (node may not import simulator)',
      'src/xlsx/read.ts:8 imports "src/node/files.ts" (xlsx may not import node)',
      'src/simulator/workbook.ts:9 imports "src/simulator/proxies/range.ts" (model may not import simulator)',
    ]);
  });

  it("lets imports point down, stay in their layer, or leave src/", () => {
    expect(
      upwardImports([
        edge("src/workflows/seal.ts", "src/office/ledger.ts"),
        edge("src/office/ledger.ts", "src/core/index.ts"),
        edge("src/cli/main.ts", "src/node/lock.ts"),
        edge("src/core/a.ts", "src/core/b.ts"),
        edge("src/core/a.ts", "ajv"),
      ]),
    ).toEqual([]);
  });

  it("finds circles, each once, as the chain that closes them", () => {
    const circles = importCircles([
      edge("src/office/a.ts", "src/office/b.ts"),
      edge("src/office/b.ts", "src/office/c.ts"),
      edge("src/office/c.ts", "src/office/a.ts"),
      edge("src/office/b.ts", "src/office/a.ts"),
      edge("src/office/d.ts", "src/office/a.ts"),
    ]);
    expect(circles).toEqual([
      [
        "src/office/a.ts",
        "src/office/b.ts",
        "src/office/c.ts",
        "src/office/a.ts",
      ],
      ["src/office/a.ts", "src/office/b.ts", "src/office/a.ts"],
    ]);
  });
});

describe("src/", () => {
  const edges = importGraph(ROOT, ["src"]);

  it("is read whole: every layer has files, and relative imports resolve to files", () => {
    const layers = new Set(edges.map((e) => layerOf(e.from)));
    for (const l of [
      "core",
      "model",
      "office",
      "workflows",
      "xlsx",
      "node",
      "commands",
      "taskpane",
      "workbench",
      "cli",
    ])
      expect(layers).toContain(l);
    expect(
      edges.filter(
        (e) => e.spec.startsWith(".") && !/\.(tsx?|m?js|cjs)$/.test(e.to),
      ),
    ).toEqual([]);
  });

  it("has no import that points up", () => {
    expect(upwardImports(edges)).toEqual([]);
  });

  it("keeps no exception to the layer rules", () => {
    expect(EXCEPTIONS).toEqual([]);
  });

  it("has no import circle", () => {
    // The simulator's proxies are broken out of their circle as it moves to its own package.
    const circles = importCircles(
      edges.filter((e) => !e.from.startsWith("src/simulator/")),
    );
    expect(circles.map((c) => c.join(" → "))).toEqual([]);
  });
});
