// npm start. Where desktop Excel can exist (Windows, macOS) it sideloads the add-in with
// office-addin-debugging; elsewhere (Linux, or with --workbench) it serves the workbench: the same
// task pane beside the Excel simulator, on plain http://localhost:3000 (a secure context, so Web
// Crypto works) and opens nothing.
//
//   node scripts/start.mjs              Windows/macOS: sideload into desktop Excel; Linux: workbench
//   node scripts/start.mjs --web        sideload into Excel on the web
//   node scripts/start.mjs --workbench  the workbench on any system
//   node scripts/start.mjs --stop       stop a sideloaded session
//
// office-addin-debugging is run through npx and deliberately not a dependency: it pulls a native
// keychain module that does not build on Linux.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const known = new Set(["--web", "--workbench", "--stop"]);
for (const a of args) {
  if (!known.has(a)) {
    console.error(`start: unknown option ${a} (use --web, --workbench or --stop)`);
    process.exit(2);
  }
}

const desktopExcelPossible = process.platform === "win32" || process.platform === "darwin";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

/** Runs a command in the project root with the terminal attached; exits with its status. */
function run(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: "inherit", shell: process.platform === "win32", env });
  const forward = (signal) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("error", (e) => {
    console.error(`start: could not run ${command}: ${e.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (args.has("--stop")) {
  if (!desktopExcelPossible && !args.has("--web")) {
    console.log("start --stop: nothing is sideloaded on this system (the workbench stops with Ctrl+C).");
    process.exit(0);
  }
  run(npx, ["--yes", "office-addin-debugging", "stop", "manifest.xml"]);
} else if (args.has("--workbench") || (!desktopExcelPossible && !args.has("--web"))) {
  console.log("Sealed Run workbench: http://localhost:3000/workbench.html (Excel simulator + task pane; Ctrl+C stops it)");
  const webpackCli = path.join(root, "node_modules", "webpack-cli", "bin", "cli.js");
  run(process.execPath, [webpackCli, "serve", "--mode", "development", "--no-open"]);
} else {
  const target = args.has("--web") ? ["web"] : [];
  // office-addin-debugging starts `npm run dev-server` itself; Excel needs it on https
  // (certificates from office-addin-dev-certs).
  run(npx, ["--yes", "office-addin-debugging", "start", "manifest.xml", ...target], { ...process.env, SEALED_RUN_HTTPS: "1" });
}
