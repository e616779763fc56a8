/**
 * The workbench in headless Chromium: the real task pane bundle over the Excel simulator holding
 * the sample workbook. Seals RUN-003 from the ribbon and checks the downloaded file with the CLI,
 * refuses a second seal, verifies the file and a tampered copy, records a patch, reads the log,
 * and seals with the keyboard alone. Screenshots of each view go to a temporary folder, or to
 * docs/screenshots/ (the README's) with UPDATE_SCREENSHOTS=1, so a test run leaves the tree as it was.
 */
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { ROOT, cliReplay, startBench, type Bench } from "./harness";

const SHOTS =
  process.env.UPDATE_SCREENSHOTS === "1"
    ? path.join(ROOT, "docs/screenshots")
    : mkdtempSync(path.join(os.tmpdir(), "sealed-run-shots-"));
const ACTOR = { name: "J. Rivera", role: "triage-lead" };
const VIEWPORT = { width: 1400, height: 900 };

let bench: Bench;
let tmp: string;

beforeAll(async () => {
  bench = await startBench();
  tmp = mkdtempSync(path.join(os.tmpdir(), "sealed-run-downloads-"));
  mkdirSync(SHOTS, { recursive: true });
}, 110_000);

afterAll(async () => {
  await bench?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Uncaught errors of every page opened, checked after each test: a crash that unmounts the grid must fail loudly. */
const pageErrors: string[] = [];
afterEach(() => {
  const seen = pageErrors.splice(0);
  expect(seen).toEqual([]);
});

async function openWorkbench(page: Page, query = ""): Promise<void> {
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(`${bench.server.url}workbench.html${query}`);
  await page.waitForSelector("body[data-ready]");
  expect(await page.getAttribute("body", "data-ready")).toBe("true");
}

async function saveActor(page: Page): Promise<void> {
  await page.getByTestId("actor-name").first().fill(ACTOR.name);
  await page.getByTestId("actor-role").first().fill(ACTOR.role);
  await page.getByTestId("actor-save").first().click();
  await page.getByTestId("actor-summary").first().waitFor();
}

/** The PATCH_LOG panel's rows as text, one string per entry. */
async function logRows(page: Page): Promise<string[]> {
  return page.locator('[data-testid^="patch-log-row-"]').allInnerTexts();
}

/** Retries `read` until `check` stops throwing (an expect inside it), for up to 15 s; the last failure is thrown. */
async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => void,
): Promise<void> {
  const until = Date.now() + 15_000;
  for (;;) {
    try {
      check(await read());
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** One named step of a walk-through: a failure says which step it was. */
async function step(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    throw new Error(
      `step "${name}" failed: ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
}

async function paneShot(page: Page, name: string): Promise<void> {
  await page
    .locator("#workbench-taskpane")
    .screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

// One page walks through the whole story, each step building on the one before (the SEAL row the
// refusal follows, the file Verify checks, the patch the log counts): one test with named steps,
// so that jest --randomize cannot run a step before the steps it needs.
describe("workbench: seal, refuse, verify, patch, log", () => {
  test("the walk-through, step by step", async () => {
    const context = await bench.browser.newContext({
      viewport: VIEWPORT,
      acceptDownloads: true,
    });
    const page = await context.newPage();
    let sealedFile = "";
    await openWorkbench(page);

    await step(
      "shows the sample workbook's sheets, the ribbon and an empty PATCH_LOG",
      async () => {
        await expect(
          page.getByTestId("sheet-tabs").innerText(),
        ).resolves.toMatch(/LLM_OUTPUT[\s\S]*GOVERNANCE[\s\S]*PROMPTS/);
        expect(await page.locator('[data-cell="A4"]').innerText()).toBe(
          "RUN-003",
        );
        await expect(page.getByTestId("ribbon").innerText()).resolves.toMatch(
          /Seal Run[\s\S]*Verify[\s\S]*Seal Log/,
        );
        await page.getByTestId("patch-log-missing").waitFor();
        await page.getByTestId("sheet-tab-GOVERNANCE").click();
        expect(await page.locator('[data-cell="A2"]').innerText()).toBe(
          "PolicyVersion",
        );
        await page.getByTestId("sheet-tab-LLM_OUTPUT").click();
        expect(await page.locator('[data-cell="A4"]').innerText()).toBe(
          "RUN-003",
        );
      },
    );

    await step(
      "Seal Run on RUN-003's row downloads a file the CLI replays, and PATCH_LOG gains its SEAL row",
      async () => {
        await saveActor(page);
        await page.locator('[data-cell="C4"]').click();
        await expect(page.getByTestId("name-box").innerText()).resolves.toBe(
          "LLM_OUTPUT!C4",
        );
        await eventually(
          () => page.getByTestId("current-run").innerText(),
          (t) => expect(t).toContain("RUN-003"),
        );

        await page.getByTestId("ribbon-sealRun").click();
        const result = page.getByTestId("seal-result");
        await result.waitFor();
        const fileName = await page.getByTestId("sealed-file-name").innerText();
        expect(fileName).toMatch(/RUN-003.*\.json$/);

        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByTestId("download-file").click(),
        ]);
        expect(download.suggestedFilename()).toBe(fileName);
        sealedFile = path.join(tmp, fileName);
        await download.saveAs(sealedFile);
        const replay = await cliReplay(sealedFile);
        expect({ status: replay.status, out: replay.out }).toEqual({
          status: 0,
          out: expect.any(String) as unknown,
        });

        await page.getByTestId("patch-log-row-1").waitFor();
        const rows = await logRows(page);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatch(/SEAL/);
        expect(rows[0]).toContain("RUN-003");
        expect(rows[0]).toContain(
          await page.getByTestId("sealed-hash").innerText(),
        );
        await expect(
          page.getByTestId("save-count").innerText(),
        ).resolves.toMatch(/Saved \d+ time/);
        await page.screenshot({ path: path.join(SHOTS, "workbench.png") });
        await result.scrollIntoViewIfNeeded();
        await paneShot(page, "seal");
      },
    );

    await step(
      "a second Seal Run on RUN-003 is refused, and the refusal is logged",
      async () => {
        await page.getByTestId("ribbon-sealRun").click();
        const refused = page.getByTestId("seal-refused");
        await refused.waitFor();
        expect(await refused.innerText()).toMatch(
          /not_already_sealed|already sealed|Not sealed before/i,
        );
        await eventually(
          () => logRows(page),
          (rows) => expect(rows).toHaveLength(2),
        );
        const rows = await logRows(page);
        expect(rows[1]).toContain("RUN-003");
        expect(rows[1]).toMatch(/\bREFUSED\b/);
      },
    );

    await step(
      "Verify passes the downloaded file and fails a tampered copy, naming the hash rule",
      async () => {
        await page.getByTestId("ribbon-showVerify").click();
        const input = page.getByTestId("verify-file-input");
        await input.setInputFiles(sealedFile);
        await expect(
          page.getByTestId("verify-verdict").innerText(),
        ).resolves.toMatch(/Holds/);
        expect(
          await page.getByTestId("rule-hash").getAttribute("data-status"),
        ).toBe("pass");

        const text = readFileSync(sealedFile, "utf8");
        const tampered = text.replace("S. Lindqvist", "S. Lindqvust");
        expect(tampered).not.toBe(text);
        const tamperedFile = path.join(tmp, "tampered.json");
        writeFileSync(tamperedFile, tampered);
        await input.setInputFiles(tamperedFile);
        await eventually(
          () => page.getByTestId("verify-verdict").innerText(),
          (t) => expect(t).toMatch(/Does not hold/),
        );
        expect(
          await page.getByTestId("rule-hash").getAttribute("data-status"),
        ).toBe("fail");
        await expect(
          page.getByTestId("verify-verdict").innerText(),
        ).resolves.toContain("tampered.json");

        await input.setInputFiles(sealedFile);
        await eventually(
          () => page.getByTestId("verify-verdict").innerText(),
          (t) => expect(t).toMatch(/Holds/),
        );
        await paneShot(page, "verify");
      },
    );

    await step("a patch of the verified seal lands in PATCH_LOG", async () => {
      await page.getByTestId("verify-patch").click();
      await page.getByTestId("patch-seal").waitFor();
      const options = await page
        .getByTestId("patch-seal")
        .locator("option")
        .allInnerTexts();
      expect(options.some((o) => o.includes("RUN-003"))).toBe(true);
      const seal = page.getByTestId("patch-seal");
      if (!(await seal.inputValue())) await seal.selectOption({ index: 1 });
      await page
        .getByTestId("patch-field")
        .selectOption("kpis.summary_confidence_pct");
      await page.getByTestId("patch-new-value").fill("72");
      await page
        .getByTestId("patch-reason")
        .fill("Confidence re-assessed after the CAB review");
      await page.getByTestId("patch-submit").click();
      const result = page.getByTestId("patch-result");
      await result.waitFor();
      expect(await result.innerText()).toContain("kpis.summary_confidence_pct");
      await eventually(
        () => logRows(page),
        (rows) => expect(rows).toHaveLength(3),
      );
      const rows = await logRows(page);
      expect(rows[2]).toMatch(/PATCH/);
      expect(rows[2]).toContain("kpis.summary_confidence_pct");
      await paneShot(page, "patch");
    });

    await step(
      "Seal Log shows the three entries and an intact chain",
      async () => {
        await page.getByTestId("ribbon-showSealLog").click();
        const status = page.getByTestId("chain-status");
        await status.waitFor();
        expect(await status.getAttribute("data-intact")).toBe("true");
        expect(await page.locator('[data-testid^="log-row-"]').count()).toBe(3);
        await paneShot(page, "log");
      },
    );
    await context.close();
  }, 300_000);
});

describe("workbench: keyboard only", () => {
  test("Tab, Space and Enter select RUN-005's row and seal it", async () => {
    const context = await bench.browser.newContext({ viewport: VIEWPORT });
    // The actor was given on an earlier visit (the pane remembers it on this computer).
    await context.addInitScript(
      (actor) =>
        localStorage.setItem("sealed-run.actor", JSON.stringify(actor)),
      ACTOR,
    );
    const page = await context.newPage();
    await openWorkbench(page);
    await page.getByTestId("actor-summary").waitFor();

    const focused = () =>
      page.evaluate(
        () => document.activeElement?.getAttribute("data-testid") ?? "",
      );
    const tabTo = async (testId: string, limit: number) => {
      for (let i = 0; i < limit; i++) {
        if ((await focused()) === testId) return;
        await page.keyboard.press("Tab");
      }
      throw new Error(
        `Tab never reached ${testId} in ${limit} presses (stopped on "${await focused()}")`,
      );
    };

    await tabTo("row-header-6", 40);
    await page.keyboard.press("Space");
    await expect(page.getByTestId("name-box").innerText()).resolves.toBe(
      "LLM_OUTPUT!A6:I6",
    );
    await eventually(
      () => page.getByTestId("current-run").innerText(),
      (t) => expect(t).toContain("RUN-005"),
    );

    await tabTo("seal-button", 120);
    await page.keyboard.press("Enter");
    await page.getByTestId("seal-result").waitFor();
    expect(await page.getByTestId("sealed-file-name").innerText()).toMatch(
      /RUN-005/,
    );
    await page.getByTestId("patch-log-row-1").waitFor();
    expect((await logRows(page))[0]).toContain("RUN-005");
    await context.close();
  });
});

describe("workbench: the sheet grid by keyboard", () => {
  test("the selected cell is the grid's one Tab stop; arrows, Home and Ctrl+Home move the selection and the focus with it", async () => {
    const context = await bench.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await openWorkbench(page);
    const focusedCell = () =>
      page.evaluate(
        () => document.activeElement?.getAttribute("data-cell") ?? "",
      );
    const nameBox = () => page.getByTestId("name-box").innerText();

    await page.locator('[data-cell="C4"]').click();
    await expect(nameBox()).resolves.toBe("LLM_OUTPUT!C4");
    expect(
      await page
        .locator('[role="grid"] [tabindex="0"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-cell"))),
    ).toEqual(["C4"]);
    expect(await focusedCell()).toBe("C4");

    await page.keyboard.press("ArrowDown");
    await eventually(nameBox, (t) => expect(t).toBe("LLM_OUTPUT!C5"));
    await eventually(focusedCell, (c) => expect(c).toBe("C5"));
    await page.keyboard.press("ArrowRight");
    await eventually(nameBox, (t) => expect(t).toBe("LLM_OUTPUT!D5"));
    await page.keyboard.press("Home");
    await eventually(nameBox, (t) => expect(t).toBe("LLM_OUTPUT!A5"));
    await page.keyboard.press("Control+Home");
    await eventually(nameBox, (t) => expect(t).toBe("LLM_OUTPUT!A1"));
    await eventually(focusedCell, (c) => expect(c).toBe("A1"));
    await page.keyboard.press("ArrowUp"); // already on the first row: stays
    await eventually(nameBox, (t) => expect(t).toBe("LLM_OUTPUT!A1"));
    await context.close();
  });
});

describe("workbench: generated books", () => {
  test("?rows=200 grows LLMOutputTable to 200 runs, listed in the task pane", async () => {
    const context = await bench.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await openWorkbench(page, "?rows=200");
    await page.getByText("200 in LLMOutputTable").waitFor();
    expect(await page.locator('[data-cell="A201"]').count()).toBe(0); // virtualized: off screen, not rendered
    await context.close();
  });

  test("a bad ?rows= value stops the page with a message naming it", async () => {
    const context = await bench.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${bench.server.url}workbench.html?rows=lots`);
    await page.waitForSelector('body[data-ready="error"]');
    expect(await page.locator("#workbench").innerText()).toContain(
      "?rows=lots: give a whole number of runs from 1 to 200000.",
    );
    await context.close();
  });
});
