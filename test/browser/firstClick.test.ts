/**
 * The first ribbon click, in headless Chromium on the built taskpane.html (issue 10, point 1): a
 * stand-in for office.js records what the page registers with Office.actions.associate, and the
 * task pane's UI chunk is held back, as a slow network would. The ribbon's handlers are registered
 * and a click on each completes while the UI has still not arrived.
 */
import type { Route } from "playwright-core";
import { startBench, type Bench } from "./harness";

let bench: Bench;
beforeAll(async () => {
  bench = await startBench();
}, 110_000);
afterAll(async () => {
  await bench?.close();
});

// What the page sees as office.js: associate records the handlers; Office is ready outside Excel.
const FAKE_OFFICE = `
window.__handlers = {};
window.Office = {
  HostType: { Excel: "Excel" },
  StartupBehavior: { load: "Load" },
  onReady: () => Promise.resolve({ host: null }),
  actions: { associate: (name, fn) => { window.__handlers[name] = fn; } },
  addin: { showAsTaskpane: () => new Promise(() => {}) },
  context: { requirements: { isSetSupported: () => false } },
};`;

test("the ribbon's handlers are registered, and their clicks complete, before the task pane's UI has loaded", async () => {
  const page = await bench.browser.newPage();
  const held: Route[] = [];
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  try {
    await page.route("**/appsforoffice.microsoft.com/**", (r) =>
      r.fulfill({ contentType: "text/javascript", body: FAKE_OFFICE }),
    );
    await page.route(/\/ui\.js$/, (r) => void held.push(r)); // never answered during the test
    await page.addInitScript(() =>
      localStorage.setItem(
        "sealed-run.actor",
        JSON.stringify({ name: "J. Rivera", role: "triage-lead" }),
      ),
    );
    await page.goto(new URL("taskpane.html", bench.server.url).href, {
      waitUntil: "domcontentloaded",
    });
    await page.waitForFunction(
      () =>
        Object.keys((window as unknown as { __handlers: object }).__handlers)
          .length === 3,
    );
    const completed = await page.evaluate(async () => {
      const h = (
        window as unknown as {
          __handlers: Record<string, (e: { completed(): void }) => void>;
        }
      ).__handlers;
      const click = (name: string) =>
        new Promise<string>((resolve) =>
          h[name]({ completed: () => resolve(name) }),
        );
      return Promise.all([
        click("showVerify"),
        click("showSealLog"),
        click("sealRun"),
      ]);
    });
    expect(completed).toEqual(["showVerify", "showSealLog", "sealRun"]);
    expect(held.length).toBe(1); // the UI chunk was asked for, and is still not there
    expect(await page.textContent("#sealed-run-taskpane")).toContain(
      "Loading Sealed Run",
    );
    expect(errors).toEqual([]);
  } finally {
    for (const r of held) await r.abort().catch(() => undefined);
    await page.close();
  }
});
