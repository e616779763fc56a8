// src/xlsx runs in the workbench page as well as in the CLI: it may import no Node module, and
// only point down (to the workbook model and the core), never to the Excel simulator (the CLI
// ships this layer, not the simulator), the CLI, the Node shell or the UI.
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as path from "node:path";

const DIR = path.resolve(__dirname, "../../src/xlsx");

test("src/xlsx imports no Node module and nothing above it", () => {
  const found: string[] = [];
  for (const f of fs.readdirSync(DIR).filter((n) => n.endsWith(".ts"))) {
    const text = fs.readFileSync(path.join(DIR, f), "utf8");
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
      const spec = m[1];
      const bad =
        spec.startsWith("node:") ||
        spec.startsWith("@sealed-run/excel-simulator") ||
        builtinModules.includes(spec.split("/")[0]) ||
        /^\.\.\/(cli|node|taskpane|workbench|commands|workflows|office)\b/.test(
          spec,
        );
      if (bad) found.push(`${f}: ${spec}`);
    }
  }
  expect(found).toEqual([]);
});
