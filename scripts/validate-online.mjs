// npm run validate: Microsoft's own manifest check (office-addin-manifest validate), which sends the
// manifest to Microsoft's online validation service and so needs the network. Said before it runs,
// and again, plainly, when it fails; the offline check (XSD and the rules the XSD cannot see) is
// `node scripts/validate-manifest.mjs`, which `npm test` runs.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const NEEDS_NETWORK =
  "npm run validate sends manifest.xml to Microsoft's online validation service: it needs the network. Offline, run `node scripts/validate-manifest.mjs` (npm test does).";

console.log(NEEDS_NETWORK);
if (process.argv.includes("--dry-run")) process.exit(0);
const bin = path.join(
  root,
  "node_modules",
  ".bin",
  process.platform === "win32"
    ? "office-addin-manifest.cmd"
    : "office-addin-manifest",
);
const child = spawn(bin, ["validate", "manifest.xml"], {
  cwd: root,
  stdio: "inherit",
  shell: process.platform === "win32",
});
child.on("error", (e) => {
  console.error(`validate: could not run office-addin-manifest: ${e.message}`);
  process.exit(1);
});
child.on("exit", (code) => {
  if (code !== 0)
    console.error(
      "validate: the online check did not pass or could not reach Microsoft's service (no network?). The offline check: node scripts/validate-manifest.mjs",
    );
  process.exit(code ?? 1);
});
