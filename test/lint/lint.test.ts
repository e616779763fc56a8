// `npm run lint` stays clean: Microsoft's office-addins rules (load before read, no sync in loops)
// and the Office prettier style over src/ and the workspace packages. The same eslint, config and
// files (package.json's config.lint_files) office-addin-lint runs.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

test("src/ and packages/*/src pass the add-in lint rules", () => {
  const files = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { config: { lint_files: string } }).config.lint_files;
  expect(files).toBe("{src,packages/*/src}/**/*.{ts,tsx,js,jsx}");
  const eslint = path.join(root, "node_modules/eslint/bin/eslint.js");
  const r = spawnSync(process.execPath, [eslint, "-c", "eslint.config.mjs", files], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`lint failed (npm run lint:fix fixes formatting):\n${r.stdout}${r.stderr}`);
  expect(r.status).toBe(0);
});
