// The layers of src/ and the imports each may make (ARCHITECTURE: imports only point down).
//
//   core       pure product logic: the seal, the log's chain and state, JSON, hashing
//   office     the only code that touches Office.js: reads and writes the open workbook
//   workflows  the use cases (seal, check, patch, log, runs, template), over a WorkbookStore
//              (workflows/store.ts) where a shell without Excel runs them too
//   model      the in-memory workbook (sheets, cells, tables, custom XML parts, protection, dates)
//   xlsx       the package layer: an .xlsx file read into the workbook model and written back
//   node       Node-side adapters of the CLI: files, locks, PATCH_LOG.csv, the workbook file store
//   shells     commands (ribbon), taskpane, workbench (the offline host), cli
//
// The model is packages/workbook-model; the simulator (Office.js emulated over it,
// packages/excel-simulator) is a test double and the workbench's engine: nothing the add-in or
// the CLI ships imports it (packages.test.ts checks what the CLI build reaches). Circles:
// cycles.test.ts.
import type { ImportGraph } from "./importGraph";

export type Layer =
  | "core"
  | "office"
  | "workflows"
  | "model"
  | "xlsx"
  | "node"
  | "simulator"
  | "commands"
  | "taskpane"
  | "workbench"
  | "cli";

/** What each layer may import besides itself (and packages from node_modules). */
export const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  core: [],
  office: ["core"],
  workflows: ["core", "office"],
  model: [],
  xlsx: ["core", "model"],
  simulator: ["model"],
  // Node adapters may reuse the office layer's Office-free pieces (table names, the log's and the
  // kept seal's cell and XML formats, error texts): the workbook file store writes the model as
  // the Office.js adapter writes the open workbook.
  node: ["core", "office", "workflows", "model", "xlsx"],
  // The ribbon command and the taskpane are one add-in: they share the bus and error texts.
  commands: ["core", "office", "workflows", "taskpane"],
  taskpane: ["core", "office", "workflows", "commands"],
  workbench: [
    "core",
    "office",
    "workflows",
    "model",
    "xlsx",
    "simulator",
    "commands",
    "taskpane",
  ],
  cli: ["core", "workflows", "xlsx", "node"],
};

/** Imports allowed against the rules above, each with why; none may stay for good. */
export const EXCEPTIONS: readonly { from: string; to: string; why: string }[] =
  [];

/** The layer of a repository-relative file: src/<layer>/…, or one of the workspace packages. */
export function layerOf(file: string): Layer | null {
  if (file.startsWith("packages/workbook-model/")) return "model";
  if (file.startsWith("packages/excel-simulator/")) return "simulator";
  const m = /^src\/([^/]+)\//.exec(file);
  return m && m[1] in MAY_IMPORT && m[1] !== "model" ? (m[1] as Layer) : null;
}

/** Every import that points up or sideways out of its layer's list, as `file:line imports spec (a may not import b)`. */
export function upwardImports(graph: ImportGraph): string[] {
  return [...graph].flatMap(([from, edges]) =>
    edges.flatMap((e) => {
      const a = layerOf(from);
      const b = e.internal ? layerOf(e.to) : null;
      if (!a || !b || a === b || MAY_IMPORT[a].includes(b)) return [];
      if (EXCEPTIONS.some((x) => x.from === from && x.to === e.to)) return [];
      return [
        `${from}:${e.line} imports ${JSON.stringify(e.spec)} (${a} may not import ${b})`,
      ];
    }),
  );
}
