// Task pane figures for npm run bench (imported by scripts/bench.mjs):
//   taskpane_initial_js_gzip_kb   gzip size of the JS the task pane loads before it is usable in
//                                 Excel: the taskpane entry's scripts plus the "workbook" and "ui"
//                                 chunks it starts loading at once (production build; office.js from
//                                 Microsoft's CDN is not counted).
//   taskpane_commands_js_gzip_kb  gzip size of the entry alone: what runs before the ribbon's
//                                 handlers are registered (issue 10, point 1).
//   runlist_50000_interactive_ms  headless Chromium, workbench with a 50,000-run book
//                                 (?rows=50000): from the moment the task pane starts (the
//                                 workbook is open, as it is in Excel when the pane opens) until
//                                 the run list is on screen and a click on a run has selected it
//                                 (median of 3 loads).
//   runlist_50000_page_ms         the same end point, from navigation start: includes building the
//                                 50,000-run workbook in the simulator, which Excel does not do.
//   runlist_50000_scroll_p95_ms   the run list scrolled through 50,000 runs in steps of 12 rows,
//                                 one step per frame for 240 frames: the 95th percentile of the
//                                 time between frames.
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const RUNS = 50_000;
const LOADS = 3;

/** Production build into `outDir` through webpack's Node API; returns the stats as JSON. */
async function buildProduction(root, outDir) {
  const require = createRequire(path.join(root, "package.json"));
  const webpack = require("webpack");
  const makeConfig = require(path.join(root, "webpack.config.js"));
  // Any https URL keeps the production manifest step quiet; the bench never serves the manifest.
  process.env.ADDIN_URL ??= "https://localhost/";
  const config = await makeConfig({ workbench: true }, { mode: "production" });
  config.output = { ...config.output, path: outDir };
  const stats = await new Promise((resolve, reject) =>
    webpack(config, (err, s) =>
      err
        ? reject(err)
        : s.hasErrors()
          ? reject(new Error(s.toString("errors-only")))
          : resolve(s),
    ),
  );
  return stats.toJson({
    all: false,
    entrypoints: true,
    chunkGroups: true,
    assets: false,
  });
}

function gzipKb(outDir, files) {
  let bytes = 0;
  for (const f of new Set(files))
    if (f.endsWith(".js"))
      bytes += gzipSync(readFileSync(path.join(outDir, f)), {
        level: 9,
      }).length;
  return bytes / 1024;
}

function assetNames(group) {
  return (group?.assets ?? []).map((a) => (typeof a === "string" ? a : a.name));
}

function serve(dir) {
  const server = createServer(async (req, res) => {
    const file = path.resolve(
      dir,
      "." + decodeURIComponent(new URL(req.url, "http://localhost").pathname),
    );
    if (!file.startsWith(path.resolve(dir) + path.sep))
      return void res.writeHead(403).end();
    try {
      const type = file.endsWith(".html")
        ? "text/html"
        : file.endsWith(".js")
          ? "text/javascript"
          : "application/octet-stream";
      res.writeHead(200, { "Content-Type": type }).end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(server)),
  );
}

/** One load of the 50,000-run workbench: ms from the task pane's start and from navigation start to a selected run. */
async function timeRunList(browser, url, scroll) {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
  });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url);
    // The list is there when it says how many runs it holds and shows the first of them.
    await page.waitForFunction(
      (n) =>
        document.body.textContent.includes(`${n} in LLMOutputTable`) &&
        document.querySelector('[data-testid="run-row-RUN-002"]'),
      RUNS,
      { polling: "raf" },
    );
    await page.click('[data-testid="run-row-RUN-002"]');
    const handle = await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="run-row-RUN-002"]')
          ?.getAttribute("aria-selected") === "true" && performance.now(),
      undefined,
      { polling: "raf" },
    );
    const page_ms = await handle.jsonValue();
    const start = await page.evaluate(
      () =>
        performance.getEntriesByName("sealed-run:taskpane-start")[0]?.startTime,
    );
    if (typeof start !== "number")
      throw new Error("the workbench did not mark sealed-run:taskpane-start");
    // Scrolling is timed once the pane is at rest: the chosen run's preview (asked 250 ms after the
    // click) has arrived.
    if (scroll)
      await page.waitForSelector(
        '[data-testid="seal-preview"], [data-testid="seal-preview-error"]',
      );
    const frames = scroll ? await scrollFrames(page) : [];
    if (errors.length)
      throw new Error(
        `the workbench failed while loading ${RUNS} runs: ${errors.join("; ")}`,
      );
    return { pane: page_ms - start, page: page_ms, frames };
  } finally {
    await context.close();
  }
}

/** Scrolls the run list one step a frame and returns the times between frames (ms). */
function scrollFrames(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const list = document.querySelector(
          '[data-testid="run-table"] [role="rowgroup"]',
        );
        const deltas = [];
        let last = performance.now();
        let n = 0;
        const step = (now) => {
          deltas.push(now - last);
          last = now;
          list.scrollTop += 12 * 34;
          if (++n < 240) requestAnimationFrame(step);
          else resolve(deltas.slice(1));
        };
        requestAnimationFrame(step);
      }),
  );
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

export default async function benchTaskpane({ root, record }) {
  const out = mkdtempSync(path.join(os.tmpdir(), "sealed-run-bench-taskpane-"));
  const results = {};
  const put = (name, value, unit) => {
    record(name, value, unit);
    results[name] = Number(value.toFixed(3));
  };
  let server;
  let browser;
  try {
    const stats = await buildProduction(root, out);
    if (!stats.entrypoints.taskpane)
      throw new Error("the webpack build has no taskpane entry");
    const initial = [
      ...assetNames(stats.entrypoints.taskpane),
      ...assetNames(stats.namedChunkGroups.workbook),
      ...assetNames(stats.namedChunkGroups.ui),
    ];
    put("taskpane_initial_js_gzip_kb", gzipKb(out, initial), "KiB gzip");
    put(
      "taskpane_commands_js_gzip_kb",
      gzipKb(out, assetNames(stats.entrypoints.taskpane)),
      "KiB gzip",
    );

    server = await serve(out);
    const require = createRequire(path.join(root, "package.json"));
    const { chromium } = require("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
    const url = `http://localhost:${server.address().port}/workbench.html?rows=${RUNS}`;
    const loads = [];
    for (let i = 0; i < LOADS; i++)
      loads.push(await timeRunList(browser, url, i === LOADS - 1));
    const median = (xs) =>
      [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    put("runlist_50000_interactive_ms", median(loads.map((l) => l.pane)), "ms");
    put("runlist_50000_page_ms", median(loads.map((l) => l.page)), "ms");
    put(
      "runlist_50000_scroll_p95_ms",
      percentile(loads[LOADS - 1].frames, 95),
      "ms/frame",
    );
  } finally {
    await browser?.close();
    server?.close();
    rmSync(out, { recursive: true, force: true });
  }
  return results;
}
