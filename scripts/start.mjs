// npm start. Where desktop Excel can exist (Windows, macOS) it sideloads the add-in with
// office-addin-debugging; elsewhere (Linux, or with --workbench) it serves the workbench: the same
// task pane beside the Excel simulator, on plain http://localhost:3000 (a secure context, so Web
// Crypto works) and opens nothing.
//
//   node scripts/start.mjs                       Windows/macOS: desktop Excel, with the sample workbook
//   node scripts/start.mjs --document FILE       ... with that workbook (a path or a URL)
//   node scripts/start.mjs --web --document URL  Excel on the web: URL is a workbook in OneDrive or
//                                                SharePoint (Share > Copy link); also SEALED_RUN_DOCUMENT
//   node scripts/start.mjs --workbench           the workbench on any system
//   node scripts/start.mjs --stop                stop a sideloaded session
//   add --dry-run to print the command instead of running it
//
// office-addin-debugging's usage (its README): `office-addin-debugging start <manifest> [platform]
// [options]`, platform `desktop` or `web`, `--app excel`, `--document <path or url>`,
// `--dev-server <command>`, `--dev-server-port <port>`; `office-addin-debugging stop <manifest>`.
// It is run through npx and deliberately not a dependency: it pulls a native keychain module that
// does not build on Linux.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PORT = "3000";
const SAMPLE = path.join("assets", "SealedRun-Sample.xlsx");

/** What to run for these arguments on this platform: { command, args, env, note } or { error }. */
export function plan(argv, platform = process.platform, env = process.env) {
  const flags = new Set();
  let document;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--document") {
      document = argv[++i];
      if (!document)
        return { error: "start: --document needs a workbook path or URL" };
    } else if (["--web", "--workbench", "--stop", "--dry-run"].includes(a))
      flags.add(a);
    else
      return {
        error: `start: unknown option ${a} (use --web, --document, --workbench, --stop or --dry-run)`,
      };
  }
  const desktopExcelPossible = platform === "win32" || platform === "darwin";
  const npx = platform === "win32" ? "npx.cmd" : "npx";
  const debugging = ["--yes", "office-addin-debugging"];
  if (flags.has("--stop")) {
    if (!desktopExcelPossible && !flags.has("--web"))
      return {
        note: "start --stop: nothing is sideloaded on this system (the workbench stops with Ctrl+C).",
      };
    return { command: npx, args: [...debugging, "stop", "manifest.xml"] };
  }
  if (
    flags.has("--workbench") ||
    (!desktopExcelPossible && !flags.has("--web"))
  ) {
    return {
      command: process.execPath,
      args: [
        path.join(root, "node_modules", "webpack-cli", "bin", "cli.js"),
        "serve",
        "--mode",
        "development",
        "--no-open",
      ],
      note: "Sealed Run workbench: http://localhost:3000/workbench.html (Excel simulator + task pane; Ctrl+C stops it)",
    };
  }
  // Excel loads add-ins over https only: the dev server serves the Office dev certificates.
  const common = [
    "--app",
    "excel",
    "--dev-server",
    "npm run dev-server",
    "--dev-server-port",
    PORT,
  ];
  const httpsEnv = { ...env, SEALED_RUN_HTTPS: "1" };
  if (flags.has("--web")) {
    const url = document ?? env.SEALED_RUN_DOCUMENT;
    if (!url || !/^https:\/\//.test(url))
      return {
        error:
          "start --web: Excel on the web needs a workbook to open. Upload assets/SealedRun-Sample.xlsx to OneDrive or SharePoint, open it in Excel on the web, choose Share > Copy link, then run\n  npm run start:web -- --document <that link>\n(or set SEALED_RUN_DOCUMENT).",
      };
    return {
      command: npx,
      args: [
        ...debugging,
        "start",
        "manifest.xml",
        "web",
        ...common,
        "--document",
        url,
      ],
      env: httpsEnv,
    };
  }
  return {
    command: npx,
    args: [
      ...debugging,
      "start",
      "manifest.xml",
      "desktop",
      ...common,
      "--document",
      document ?? SAMPLE,
    ],
    env: httpsEnv,
  };
}

/** Runs a command in the project root with the terminal attached; exits with its status. */
function run(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
    env,
  });
  const forward = (signal) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("error", (e) => {
    console.error(`start: could not run ${command}: ${e.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  const argv = process.argv.slice(2);
  // SEALED_RUN_PLATFORM lets the tests plan for another system (with --dry-run).
  const p = plan(argv, process.env.SEALED_RUN_PLATFORM || process.platform);
  if (p.error) {
    console.error(p.error);
    process.exit(2);
  }
  if (argv.includes("--dry-run")) {
    console.log(
      JSON.stringify({
        command: p.command ?? null,
        args: p.args ?? [],
        https: p.env?.SEALED_RUN_HTTPS === "1",
        note: p.note ?? null,
      }),
    );
    process.exit(0);
  }
  if (p.note) console.log(p.note);
  if (p.command) run(p.command, p.args, p.env);
}
