// npm start / start:web / stop follow office-addin-debugging's documented usage (issue 10, point 11),
// and npm run validate says it needs the network. Checked with --dry-run: nothing is sideloaded.
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "../..");

/** The plan start.mjs prints with --dry-run (scripts/start.mjs). */
interface Plan {
  command: string | null;
  args: string[];
  https: boolean;
  note: string | null;
}

function isPlan(v: unknown): v is Plan {
  if (typeof v !== "object" || v === null) return false;
  const p = v as Record<string, unknown>;
  return (
    (p.command === null || typeof p.command === "string") &&
    Array.isArray(p.args) &&
    p.args.every((a) => typeof a === "string") &&
    typeof p.https === "boolean" &&
    (p.note === null || typeof p.note === "string")
  );
}

function dry(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(
    process.execPath,
    ["scripts/start.mjs", ...args, "--dry-run"],
    {
      cwd: REPO,
      encoding: "utf8",
      env: { ...process.env, SEALED_RUN_DOCUMENT: "", ...env },
    },
  );
  const printed: unknown = r.stdout.trim() ? JSON.parse(r.stdout) : null;
  if (printed !== null && !isPlan(printed))
    throw new Error(`start.mjs --dry-run printed ${r.stdout}`);
  return { code: r.status, out: printed, err: r.stderr };
}

test("Excel on the web: start <manifest> web --app excel --document <url>, over https", () => {
  const r = dry([
    "--web",
    "--document",
    "https://contoso.sharepoint.com/:x:/r/Book.xlsx",
  ]);
  expect(r.code).toBe(0);
  expect(r.out?.args).toEqual([
    "--yes",
    "office-addin-debugging",
    "start",
    "manifest.xml",
    "web",
    "--app",
    "excel",
    "--dev-server",
    "npm run dev-server",
    "--dev-server-port",
    "3000",
    "--document",
    "https://contoso.sharepoint.com/:x:/r/Book.xlsx",
  ]);
  expect(r.out?.https).toBe(true);
});

test("Excel on the web without a workbook link says how to get one", () => {
  const r = dry(["--web"]);
  expect(r.code).toBe(2);
  expect(r.err).toContain("Share > Copy link");
  expect(r.err).toContain("npm run start:web -- --document <that link>");
  expect(
    dry(["--web"], { SEALED_RUN_DOCUMENT: "https://x.example/Book.xlsx" }).out
      ?.args,
  ).toContain("https://x.example/Book.xlsx");
});

test("on Linux npm start serves the workbench; an unknown option is refused", () => {
  if (process.platform === "linux")
    expect(dry([]).out?.note).toContain("workbench.html");
  expect(dry(["--nope"]).code).toBe(2);
});

test("npm run validate says plainly that it needs the network", () => {
  const r = spawnSync(
    process.execPath,
    ["scripts/validate-online.mjs", "--dry-run"],
    { cwd: REPO, encoding: "utf8" },
  );
  expect(r.status).toBe(0);
  expect(r.stdout).toContain("it needs the network");
  expect(r.stdout).toContain("node scripts/validate-manifest.mjs");
});

test("desktop Excel (macOS, Windows): start <manifest> desktop --app excel, opening the sample workbook; stop", () => {
  for (const platform of ["darwin", "win32"]) {
    const r = dry([], { SEALED_RUN_PLATFORM: platform });
    expect(r.out?.args).toEqual([
      "--yes",
      "office-addin-debugging",
      "start",
      "manifest.xml",
      "desktop",
      "--app",
      "excel",
      "--dev-server",
      "npm run dev-server",
      "--dev-server-port",
      "3000",
      "--document",
      path.join("assets", "SealedRun-Sample.xlsx"),
    ]);
    expect(r.out?.command).toBe(platform === "win32" ? "npx.cmd" : "npx");
    expect(
      dry(["--stop"], { SEALED_RUN_PLATFORM: platform }).out?.args,
    ).toEqual(["--yes", "office-addin-debugging", "stop", "manifest.xml"]);
  }
});
