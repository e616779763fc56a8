// `npm run lint` stays clean: the same ESLint (eslint.config.mjs) and Prettier (.prettierrc.json)
// over LINT_SCOPE, failing on any finding, warnings included.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { LINT_SCOPE } from "./scope";

const root = path.resolve(__dirname, "../..");

function run(bin: string, args: readonly string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [path.join(root, "node_modules", bin), ...args], {
    cwd: root,
    encoding: "utf8",
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test("ESLint finds nothing in the linted files", () => {
  const r = run("eslint/bin/eslint.js", ["--max-warnings", "0", ...LINT_SCOPE]);
  if (r.status !== 0) throw new Error(`eslint found problems (npm run lint:fix fixes some):\n${r.out}`);
});

test("the linted files are formatted as Prettier formats them", () => {
  const r = run("prettier/bin/prettier.cjs", ["--check", ...LINT_SCOPE]);
  if (r.status !== 0) throw new Error(`prettier --check failed (npm run lint:fix formats them):\n${r.out}`);
});

test("the lint scope names only files that exist, so a rename cannot silently narrow it", () => {
  expect(LINT_SCOPE.length).toBeGreaterThan(0);
  expect(LINT_SCOPE.filter((f) => !existsSync(path.join(root, f)))).toEqual([]);
});
