// `npm run lint` stays clean: Microsoft's office-addins rules (load before read, no sync in loops)
// and the Office prettier style over src/. The same eslint and config office-addin-lint runs.
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

test("src/ passes the add-in lint rules", () => {
  const eslint = path.join(root, "node_modules/eslint/bin/eslint.js");
  const r = spawnSync(process.execPath, [eslint, "-c", "eslint.config.mjs", "src/**/*.{ts,tsx,js,jsx}"], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`lint failed (npm run lint:fix fixes formatting):\n${r.stdout}${r.stderr}`);
  expect(r.status).toBe(0);
});
