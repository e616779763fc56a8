// The TypeScript import graph of this repository's own code (src/ and packages/*/src), read
// from each file's syntax tree: import and export … from, import type, import(), require() and
// `import("…")` types all count. Relative specifiers resolve to files; the workspace packages
// resolve to their sources by tsconfig.json's paths; everything else is an outside module.
// Reusable: the layer tests ask it who imports what, and `findCycles` for import circles.
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(__dirname, "../..");

export interface ImportEdge {
  /** Repository-relative path of the imported file, or the bare module name for outside modules. */
  to: string;
  /** The specifier as written. */
  spec: string;
  /** True when the target is a file of this repository (not a module from node_modules or Node). */
  internal: boolean;
  /** `import type`, `export type` or an `import("…")` type: erased when compiled. */
  typeOnly: boolean;
  line: number;
}

/** Repository-relative file → its imports, in source order. */
export type ImportGraph = Map<string, ImportEdge[]>;

const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;
const EXTENSIONS = [".ts", ".tsx", ".js", ".mjs", ".cjs"];

/** Every source file under `dir` (repository-relative), skipping build output and dependencies. */
export function sourceFiles(dir: string, root = ROOT): string[] {
  const abs = path.resolve(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((d) => {
    if (d.isDirectory())
      return ["node_modules", "dist", "build"].includes(d.name)
        ? []
        : sourceFiles(path.join(dir, d.name), root);
    return SOURCE.test(d.name) && !d.name.endsWith(".d.ts")
      ? [path.join(dir, d.name).split(path.sep).join("/")]
      : [];
  });
}

/** tsconfig.json's `paths` (exact specifiers only), as specifier → repository-relative file. */
export function workspacePaths(root = ROOT): Map<string, string> {
  const config = ts.readConfigFile(path.join(root, "tsconfig.json"), (p) =>
    ts.sys.readFile(p),
  ).config as { compilerOptions?: { paths?: Record<string, string[]> } };
  const paths = config.compilerOptions?.paths ?? {};
  return new Map(
    Object.entries(paths).map(([spec, [target]]) => [
      spec,
      path.posix.normalize(target),
    ]),
  );
}

function resolveRelative(
  fromFile: string,
  spec: string,
  root: string,
): string | undefined {
  const base = path.posix.join(path.posix.dirname(fromFile), spec);
  const candidates = [
    base,
    ...EXTENSIONS.map((e) => base + e),
    ...EXTENSIONS.map((e) => `${base}/index${e}`),
  ];
  return candidates.find(
    (c) =>
      fs.existsSync(path.join(root, c)) &&
      fs.statSync(path.join(root, c)).isFile(),
  );
}

/** The imports of one file's text (`file` is repository-relative; `root` locates relative targets). */
export function importsOf(
  file: string,
  text: string,
  paths: Map<string, string>,
  root = ROOT,
): ImportEdge[] {
  const kind = file.endsWith("x") ? ts.ScriptKind.TSX : undefined;
  const sf = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    kind,
  );
  const edges: ImportEdge[] = [];
  const add = (
    node: ts.Node,
    specNode: ts.Node | undefined,
    typeOnly: boolean,
  ) => {
    if (!specNode || !ts.isStringLiteralLike(specNode)) return;
    const spec = specNode.text;
    const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const target = spec.startsWith(".")
      ? resolveRelative(file, spec, root)
      : paths.get(spec);
    if (spec.startsWith(".") && !target)
      throw new Error(
        `${file}:${line}: cannot resolve ${JSON.stringify(spec)}`,
      );
    edges.push({
      to: target ?? spec,
      spec,
      internal: target !== undefined,
      typeOnly,
      line,
    });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n)) {
      const clause = n.importClause;
      // `import { type A, type B }` is erased too, when every named binding is a type.
      const allTypes =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(n, n.moduleSpecifier, allTypes);
    } else if (ts.isExportDeclaration(n))
      add(n, n.moduleSpecifier, n.isTypeOnly);
    else if (
      ts.isImportEqualsDeclaration(n) &&
      ts.isExternalModuleReference(n.moduleReference)
    )
      add(n, n.moduleReference.expression, n.isTypeOnly);
    else if (
      ts.isCallExpression(n) &&
      (n.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(n.expression) && n.expression.text === "require"))
    )
      add(n, n.arguments[0], false);
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument))
      add(n, n.argument.literal, true);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return edges;
}

/** The import graph of every source file under `dirs` (repository-relative folders). */
export function importGraph(dirs: string[], root = ROOT): ImportGraph {
  const paths = workspacePaths(root);
  const graph: ImportGraph = new Map();
  for (const file of dirs.flatMap((d) => sourceFiles(d, root)))
    graph.set(
      file,
      importsOf(
        file,
        fs.readFileSync(path.join(root, file), "utf8"),
        paths,
        root,
      ),
    );
  return graph;
}

/** The files `start` reaches through internal imports (itself included), as a sorted list. */
export function reachable(
  graph: ImportGraph,
  start: Iterable<string>,
): string[] {
  const seen = new Set<string>();
  const stack = [...start];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const e of graph.get(f) ?? []) if (e.internal) stack.push(e.to);
  }
  return [...seen].sort();
}

/**
 * Import circles: each strongly connected set of files (Tarjan's algorithm) of more than one
 * file, or one file importing itself, as its sorted file list. Only edges `keep` accepts count
 * (by default every internal import, type-only ones too: a circle of types is still a circle).
 */
export function findCycles(
  graph: ImportGraph,
  keep: (e: ImportEdge) => boolean = (e) => e.internal,
): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const next = (f: string) =>
    (graph.get(f) ?? [])
      .filter(keep)
      .map((e) => e.to)
      .filter((t) => graph.has(t));
  const strongConnect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        strongConnect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w))
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next(v).includes(v))
        cycles.push(component.sort());
    }
  };
  for (const f of [...graph.keys()].sort()) if (!index.has(f)) strongConnect(f);
  return cycles.sort((a, b) => a[0].localeCompare(b[0]));
}
