// The import graph of the source tree, read from each file's syntax tree (TypeScript's own
// pre-processor: `import`, `export … from`, `import()` and `require`, type-only imports included,
// comments and strings not). Edges are file → file, relative specifiers resolved the way the
// compiler resolves them (.ts, .tsx, .js, /index.*); package imports are kept as their names.
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

export interface ImportEdge {
  /** Repository-relative paths, `/`-separated. */
  from: string;
  to: string;
  /** The specifier as written, and its 1-based line. */
  spec: string;
  line: number;
}

const EXTENSIONS = [".ts", ".tsx", ".js", ".mjs", ".cjs"];

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "node_modules" ? [] : sourceFiles(p);
    return EXTENSIONS.some((e) => d.name.endsWith(e)) &&
      !d.name.endsWith(".d.ts")
      ? [p]
      : [];
  });
}

function resolveRelative(fromFile: string, spec: string): string | null {
  const base = path.resolve(path.dirname(fromFile), spec);
  const stem = base.replace(/\.(js|mjs|cjs)$/, "");
  const candidates = [
    base,
    ...EXTENSIONS.map((e) => stem + e),
    ...EXTENSIONS.map((e) => path.join(base, "index" + e)),
  ];
  return (
    candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? null
  );
}

/** Every import of every source file under `dirs` (repository-relative), resolved where relative. */
export function importGraph(
  root: string,
  dirs: readonly string[],
): ImportEdge[] {
  const rel = (p: string) => path.relative(root, p).split(path.sep).join("/");
  const edges: ImportEdge[] = [];
  for (const file of dirs.flatMap((d) => sourceFiles(path.join(root, d)))) {
    const text = fs.readFileSync(file, "utf8");
    const info = ts.preProcessFile(text, true, true);
    for (const ref of info.importedFiles) {
      const line = text.slice(0, ref.pos).split("\n").length;
      const target = ref.fileName.startsWith(".")
        ? resolveRelative(file, ref.fileName)
        : null;
      edges.push({
        from: rel(file),
        to: target ? rel(target) : ref.fileName,
        spec: ref.fileName,
        line,
      });
    }
  }
  return edges;
}

/** The import circles among files (each once, as the chain of files that closes it). */
export function importCircles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const circles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (f: string): void => {
    state.set(f, "open");
    stack.push(f);
    for (const t of next.get(f) ?? []) {
      if (state.get(t) === "open") {
        const circle = stack.slice(stack.indexOf(t));
        // The same circle found from another of its files is reported once.
        const key = [...circle].sort().join("|");
        if (!seen.has(key)) {
          seen.add(key);
          circles.push([...circle, t]);
        }
      } else if (!state.has(t)) visit(t);
    }
    stack.pop();
    state.set(f, "done");
  };
  for (const f of [...next.keys()].sort()) if (!state.has(f)) visit(f);
  return circles;
}
