// `npm run lint` stays clean: the same ESLint (eslint.config.mjs: type-checked typescript-eslint,
// react-hooks, jsx-a11y, office-addins, jest) and Prettier (.prettierrc.json) over the whole
// repository, failing on any finding, warnings included.
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

function run(
  bin: string,
  args: readonly string[],
): { status: number | null; out: string } {
  const r = spawnSync(
    process.execPath,
    [path.join(root, "node_modules", bin), ...args],
    { cwd: root, encoding: "utf8" },
  );
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test("ESLint finds nothing in any .ts or .tsx file", () => {
  const r = run("eslint/bin/eslint.js", ["--max-warnings", "0", "."]);
  if (r.status !== 0)
    throw new Error(
      `eslint found problems (npm run lint:fix fixes some):\n${r.out}`,
    );
});

test("every file is formatted as Prettier formats it", () => {
  const r = run("prettier/bin/prettier.cjs", ["--check", "."]);
  if (r.status !== 0)
    throw new Error(
      `prettier --check failed (npm run lint:fix formats them):\n${r.out}`,
    );
});
