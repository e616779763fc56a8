// src/core runs unchanged in the taskpane, the ribbon command and Node: it may not import Node,
// React or Office, nor reach for Excel/Office/DOM globals. The scan reads each file's syntax tree,
// so comments and strings that mention "the document." do not count, and imports written any way
// (import, export … from, import(), require) do.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");
const CORE = path.join(ROOT, "src/core");
const FORBIDDEN_GLOBALS = new Set(["Excel", "Office", "document", "window"]);
const BUILTINS = new Set(builtinModules);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(d.name) ? [p] : [];
  });
}

function forbiddenModule(spec: string, fromFile: string): string | null {
  if (spec.startsWith("node:")) return "a node: module";
  if (BUILTINS.has(spec) || BUILTINS.has(spec.split("/")[0]))
    return "a Node built-in module";
  if (/^react(-dom)?(\/|$)/.test(spec)) return "React";
  if (/office/i.test(spec)) return "Office";
  if (spec.startsWith(".")) {
    const target = path.resolve(path.dirname(fromFile), spec);
    if (!(target + path.sep).startsWith(CORE + path.sep))
      return "a module outside src/core";
  }
  return null;
}

/** Every forbidden import or global reference in one file's text, as `file:line: what`. */
function violations(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith("x") ? ts.ScriptKind.TSX : undefined,
  );
  const found: string[] = [];
  const at = (n: ts.Node, what: string) =>
    found.push(
      `${path.relative(ROOT, fileName)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${what}`,
    );
  const checkSpec = (n: ts.Node, spec: ts.Expression | undefined) => {
    if (spec && ts.isStringLiteralLike(spec)) {
      const why = forbiddenModule(spec.text, fileName);
      if (why) at(n, `imports ${JSON.stringify(spec.text)} (${why})`);
    }
  };
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n))
      checkSpec(n, n.moduleSpecifier);
    else if (
      ts.isImportEqualsDeclaration(n) &&
      ts.isExternalModuleReference(n.moduleReference)
    )
      checkSpec(n, n.moduleReference.expression);
    else if (
      ts.isCallExpression(n) &&
      (n.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(n.expression) && n.expression.text === "require"))
    ) {
      checkSpec(n, n.arguments[0]);
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument))
      checkSpec(n, n.argument.literal);
    else if (
      ts.isPropertyAccessExpression(n) ||
      ts.isElementAccessExpression(n)
    ) {
      const base = n.expression;
      if (ts.isIdentifier(base) && FORBIDDEN_GLOBALS.has(base.text))
        at(n, `references ${base.text}.`);
      if (
        ts.isIdentifier(base) &&
        base.text === "globalThis" &&
        ts.isPropertyAccessExpression(n) &&
        FORBIDDEN_GLOBALS.has(n.name.text)
      )
        at(n, `references globalThis.${n.name.text}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe("the scanner itself", () => {
  const bad = path.join(CORE, "probe.ts");
  it("finds each kind of forbidden reference", () => {
    const text = [
      'import { readFileSync } from "fs";',
      'import path from "node:path";',
      'import * as React from "react";',
      'export { x } from "@microsoft/office-js";',
      'import { y } from "../../taskpane/ui";',
      'const c = require("crypto");',
      'const d = import("os");',
      "Excel.run(async () => 1);",
      "Office.onReady();",
      "document.title = 'x';",
      "window['x'] = 1;",
      "globalThis.document;",
    ].join("\n");
    expect(
      violations(bad, text).map((v) => v.replace(/^src\/core\/probe\.ts:/, "")),
    ).toEqual([
      '1: imports "fs" (a Node built-in module)',
      '2: imports "node:path" (a node: module)',
      '3: imports "react" (React)',
      '4: imports "@microsoft/office-js" (Office)',
      '5: imports "../../taskpane/ui" (a module outside src/core)',
      '6: imports "crypto" (a Node built-in module)',
      '7: imports "os" (a Node built-in module)',
      "8: references Excel.",
      "9: references Office.",
      "10: references document.",
      "11: references window.",
      "12: references globalThis.document",
    ]);
  });

  it("ignores comments, strings, member names and core-relative imports", () => {
    const text = [
      "// the sealed document. Office.js returns values; window.x",
      "/* Excel.run */",
      'const s = "document.title and window.open";',
      "const r = { document: 1 }; r.document;",
      'import { canonicalize } from "../json/canonical";',
      'import { ucs2 } from "ajv/dist/runtime/ucs2length";',
    ].join("\n");
    expect(violations(path.join(CORE, "seal/probe.ts"), text)).toEqual([]);
  });
});

describe("src/core is pure", () => {
  const files = sourceFiles(CORE);

  it("has source files to scan (including the generated validators)", () => {
    expect(files.length).toBeGreaterThan(15);
    expect(files.map((f) => path.relative(CORE, f))).toEqual(
      expect.arrayContaining([
        "index.ts",
        "json/canonical.ts",
        "schema/validators.generated.js",
      ]),
    );
  });

  it("imports no Node, React or Office module and references no Excel, Office, document or window global", () => {
    expect(
      files.flatMap((f) => violations(f, fs.readFileSync(f, "utf8"))),
    ).toEqual([]);
  });
});

describe("generated validators", () => {
  it("are not stale: scripts/gen-validators.mjs --check exits 0", () => {
    const out = execFileSync(
      process.execPath,
      [path.join(ROOT, "scripts/gen-validators.mjs"), "--check"],
      { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    expect(out.trim()).toBe("validators up to date");
  });
});
