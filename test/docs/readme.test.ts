// The README is part of the product: its Python verifier must be the tested file, and its quick
// start must name scripts that exist.
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");

test("the README ships exactly the tested Python verifier", () => {
  const m =
    /<!-- verifier:start -->\n+```python\n([\s\S]*?)```\n+<!-- verifier:end -->/.exec(
      readme,
    );
  expect(m).not.toBeNull();
  expect(m![1]).toBe(
    readFileSync(path.join(root, "tools/verify_sealed_run.py"), "utf8"),
  );
});

test("the quick start's commands are npm scripts of this package", () => {
  const quick = /## Quick start\n\n```bash\n([\s\S]*?)```/.exec(readme)![1];
  const pkg = JSON.parse(
    readFileSync(path.join(root, "package.json"), "utf8"),
  ) as { scripts: Record<string, string> };
  const scripts = pkg.scripts;
  const used = [...quick.matchAll(/npm (?:run )?([a-z:-]+)/g)]
    .map((x) => x[1])
    .filter((s) => s !== "ci");
  expect(used).toEqual(["demo", "test"]);
  for (const s of used) expect(scripts[s]).toBeTruthy();
});
