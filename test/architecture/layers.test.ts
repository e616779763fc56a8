// Imports only point down (issue 12, item 1): the rules are in layers.ts; a failure names the
// file, the line and the import. Circles are cycles.test.ts's.
import { importGraph, type ImportEdge, type ImportGraph } from "./importGraph";
import { EXCEPTIONS, layerOf, upwardImports } from "./layers";

const edge = (to: string, line = 1, internal = true): ImportEdge => ({
  to,
  spec: to,
  internal,
  typeOnly: false,
  line,
});
const graphOf = (edges: [string, ImportEdge][]): ImportGraph => {
  const g: ImportGraph = new Map();
  for (const [from, e] of edges) g.set(from, [...(g.get(from) ?? []), e]);
  return g;
};

describe("the layer checker itself", () => {
  it("names each import that points up or out of its layer", () => {
    const found = upwardImports(
      graphOf([
        ["src/core/a.ts", edge("src/office/b.ts", 3)],
        ["src/office/b.ts", edge("src/workflows/api.ts", 4)],
        ["src/workflows/seal.ts", edge("src/taskpane/bus.ts", 5)],
        ["src/cli/main.ts", edge("src/office/host.ts", 6)],
        [
          "src/node/csvSource.ts",
          edge("packages/excel-simulator/src/index.ts", 7),
        ],
        ["src/xlsx/read.ts", edge("src/node/files.ts", 8)],
        [
          "packages/workbook-model/src/workbook.ts",
          edge("packages/excel-simulator/src/proxies/range.ts", 9),
        ],
      ]),
    );
    expect(found).toEqual([
      'src/core/a.ts:3 imports "src/office/b.ts" (core may not import office)',
      'src/office/b.ts:4 imports "src/workflows/api.ts" (office may not import workflows)',
      'src/workflows/seal.ts:5 imports "src/taskpane/bus.ts" (workflows may not import taskpane)',
      'src/cli/main.ts:6 imports "src/office/host.ts" (cli may not import office)',
      'src/node/csvSource.ts:7 imports "packages/excel-simulator/src/index.ts" (node may not import simulator)',
      'src/xlsx/read.ts:8 imports "src/node/files.ts" (xlsx may not import node)',
      'packages/workbook-model/src/workbook.ts:9 imports "packages/excel-simulator/src/proxies/range.ts" (model may not import simulator)',
    ]);
  });

  it("lets imports point down, stay in their layer, or leave the repository", () => {
    expect(
      upwardImports(
        graphOf([
          ["src/workflows/seal.ts", edge("src/office/ledger.ts")],
          ["src/office/ledger.ts", edge("src/core/index.ts")],
          ["src/cli/main.ts", edge("src/node/lock.ts")],
          [
            "src/node/xlsxStore.ts",
            edge("packages/workbook-model/src/index.ts"),
          ],
          ["src/core/a.ts", edge("src/core/b.ts")],
          ["src/core/a.ts", edge("ajv", 1, false)],
        ]),
      ),
    ).toEqual([]);
  });
});

describe("src/ and the workspace packages", () => {
  const graph = importGraph(["src", "packages"]);

  it("are read whole: every layer has files", () => {
    const layers = new Set([...graph.keys()].map(layerOf));
    for (const l of [
      "core",
      "model",
      "simulator",
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
  });

  it("have no import that points up", () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it("keep no exception to the layer rules", () => {
    expect(EXCEPTIONS).toEqual([]);
  });
});
