// No import circles: none inside the workspace packages (the simulator's proxies used to form
// one: Range.worksheet ↔ Worksheet.getRange ↔ Table.worksheet), and none in src/ but the one the
// issue's layering item removes. Type-only imports count: a circle of types is still a circle.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findCycles, importGraph } from "./importGraph";

/**
 * Circles src/ still has, each as its sorted files. src/office's snapshot, ledger and readRuns
 * are split by the layering work of issue 12 (item 1); when that lands, this list becomes [].
 */
const KNOWN_SRC_CYCLES: string[][] = [];

describe("the circle finder", () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "import-graph-"));
    const put = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    put(
      "tsconfig.json",
      JSON.stringify({
        compilerOptions: {
          paths: { "@x/pkg": ["./packages/pkg/src/index.ts"] },
        },
      }),
    );
    // a → b → c → a (value imports, one of them through a folder's index and a re-export)
    put("src/a.ts", 'import { b } from "./b";\nexport const a = b;\n');
    put("src/b.ts", 'export { c as b } from "./c/index";\n');
    put("src/c/index.ts", 'export const c = require("../a");\n');
    // d ↔ e only through types; f imports itself; g → the package, which imports g back
    put("src/d.ts", 'import type { E } from "./e";\nexport type D = E[];\n');
    put("src/e.ts", 'export type E = import("./d").D | number;\n');
    put("src/f.ts", 'export const f = () => import("./f");\n');
    put("src/g.ts", 'import { p } from "@x/pkg";\nexport const g = p;\n');
    put(
      "packages/pkg/src/index.ts",
      'import { g } from "../../../src/g";\nimport fs from "node:fs";\nexport const p = [g, fs];\n',
    );
    // h → i (no circle)
    put("src/h.ts", 'import { i } from "./i";\nexport const h = i;\n');
    put("src/i.ts", "export const i = 1;\n");
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("finds each circle, through relative paths, folder indexes, require, import() and the workspace paths", () => {
    expect(findCycles(importGraph(["src", "packages"], root))).toEqual([
      ["packages/pkg/src/index.ts", "src/g.ts"],
      ["src/a.ts", "src/b.ts", "src/c/index.ts"],
      ["src/d.ts", "src/e.ts"],
      ["src/f.ts"],
    ]);
  });

  it("can leave type-only imports out, and marks outside modules as such", () => {
    const graph = importGraph(["src", "packages"], root);
    expect(findCycles(graph, (e) => e.internal && !e.typeOnly)).toEqual([
      ["packages/pkg/src/index.ts", "src/g.ts"],
      ["src/a.ts", "src/b.ts", "src/c/index.ts"],
      ["src/f.ts"],
    ]);
    expect(graph.get("packages/pkg/src/index.ts")).toEqual([
      {
        to: "src/g.ts",
        spec: "../../../src/g",
        internal: true,
        typeOnly: false,
        line: 1,
      },
      {
        to: "node:fs",
        spec: "node:fs",
        internal: false,
        typeOnly: false,
        line: 2,
      },
    ]);
  });

  it("names the file and line of an import it cannot resolve", () => {
    fs.writeFileSync(
      path.join(root, "src/broken.ts"),
      '\nimport { z } from "./missing";\n',
    );
    try {
      expect(() => importGraph(["src"], root)).toThrow(
        'src/broken.ts:2: cannot resolve "./missing"',
      );
    } finally {
      fs.rmSync(path.join(root, "src/broken.ts"));
    }
  });
});

describe("import circles in this repository", () => {
  const graph = importGraph(["src", "packages"]);

  it("scans the packages and src/", () => {
    const files = [...graph.keys()];
    expect(files).toEqual(
      expect.arrayContaining([
        "packages/excel-simulator/src/proxies/range.ts",
        "packages/workbook-model/src/workbook.ts",
        "src/cli/main.ts",
      ]),
    );
  });

  it("has none inside the workspace packages", () => {
    expect(
      findCycles(graph).filter((c) => c.some((f) => f.startsWith("packages/"))),
    ).toEqual([]);
  });

  it("has none in src/ but the known ones", () => {
    expect(
      findCycles(graph).filter((c) => c.every((f) => f.startsWith("src/"))),
    ).toEqual(KNOWN_SRC_CYCLES);
  });
});
