// What the browser tests share: one webpack build of the pages into a temp folder, a static
// server for it, and headless Chromium driven through playwright-core (never downloaded: the
// system's /usr/bin/chromium).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser } from "playwright-core";
import { serveDir, type StaticServer } from "./staticServer";

export const ROOT = path.resolve(__dirname, "../..");
export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const CLI = path.join(ROOT, "build/cli/cli/main.js");

const run = promisify(execFile);

export interface Bench {
  dir: string;
  server: StaticServer;
  browser: Browser;
  close(): Promise<void>;
}

/** Builds the pages (development mode: the same code, built in a fraction of the time) and serves them. */
export async function startBench(): Promise<Bench> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sealed-run-browser-"));
  try {
    await run(
      process.execPath,
      [
        path.join(ROOT, "node_modules/webpack-cli/bin/cli.js"),
        "--mode",
        "development",
        "--output-path",
        dir,
      ],
      {
        cwd: ROOT,
        maxBuffer: 64 << 20,
      },
    );
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const out = e as { stdout?: string; stderr?: string };
    throw new Error(
      `webpack build for the browser tests failed:\n${out.stdout ?? ""}\n${out.stderr ?? ""}`,
    );
  }
  const server = await serveDir(dir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  return {
    dir,
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The CLI's replay of a file: exit status and output. */
export async function cliReplay(
  file: string,
): Promise<{ status: number; out: string }> {
  try {
    const r = await run(process.execPath, [CLI, "replay", "--sealed", file]);
    return { status: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return {
      status: typeof err.code === "number" ? err.code : -1,
      out: `${err.stdout ?? ""}${err.stderr ?? ""}`,
    };
  }
}
