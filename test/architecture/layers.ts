// The layers of src/ and the imports each may make (ARCHITECTURE: imports only point down).
//
//   core       pure product logic: the seal, the log's chain and state, JSON, hashing
//   office     the only code that touches Office.js: reads and writes the open workbook
//   workflows  the use cases (seal, check, patch, log, runs, template) over the stores below them
//   xlsx       the package layer: an .xlsx file read into the in-memory workbook model and back
//   node       Node-side adapters of the CLI: files, locks, PATCH_LOG.csv, the workbook on disk
//   shells     commands (ribbon), taskpane, workbench (the offline host), cli
//
// The simulator (Office.js emulated over the workbook model) is a test double and the workbench's
// engine: nothing the add-in or the CLI ships imports it.
import type { ImportEdge } from "./importGraph";

export type Layer =
  | "core"
  | "office"
  | "workflows"
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
  // The package layer fills the workbook model, which lives with the simulator until it becomes
  // a package of its own.
  xlsx: ["core", "simulator"],
  simulator: ["core"],
  // Node adapters may reuse the office layer's Office-free pieces (table names, the kept seal's
  // XML); the CLI-build test keeps Office.js itself out of the CLI.
  node: ["core", "office", "workflows", "xlsx"],
  // The ribbon command and the taskpane are one add-in: they share the bus and error texts.
  commands: ["core", "office", "workflows", "taskpane"],
  taskpane: ["core", "office", "workflows", "commands"],
  workbench: [
    "core",
    "office",
    "workflows",
    "xlsx",
    "simulator",
    "commands",
    "taskpane",
  ],
  cli: ["core", "workflows", "xlsx", "node"],
};

/** Imports allowed against the rules above, each with why; none may stay for good. */
export const EXCEPTIONS: readonly { from: string; to: string; why: string }[] =
  [
    {
      from: "src/node/xlsxSource.ts",
      to: "src/simulator/index.ts",
      why: "the CLI drives the add-in's workflows through the simulator until they run over stores",
    },
  ];

export function layerOf(file: string): Layer | null {
  const m = /^src\/([^/]+)\//.exec(file);
  return m && m[1] in MAY_IMPORT ? (m[1] as Layer) : null;
}

/** Every import that points up or sideways out of its layer's list, as `file:line imports spec (a → b)`. */
export function upwardImports(edges: readonly ImportEdge[]): string[] {
  return edges.flatMap((e) => {
    const from = layerOf(e.from);
    const to = layerOf(e.to);
    if (!from || !to || from === to || MAY_IMPORT[from].includes(to)) return [];
    if (EXCEPTIONS.some((x) => x.from === e.from && x.to === e.to)) return [];
    return [
      `${e.from}:${e.line} imports ${JSON.stringify(e.spec)} (${from} may not import ${to})`,
    ];
  });
}
