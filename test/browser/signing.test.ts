/**
 * Signing in the task pane, in headless Chromium over the workbench (docs/SIGNING.md): Sign keeps
 * the envelope in the workbook beside the seal, "add my key" appends a pending row to the sample's
 * ActorKeysTable, and Verify then says who signed the file and that the workbook has that key as
 * pending — each state found by accessible names and scanned with axe-core (no serious or critical
 * violation). The key is a real non-extractable Web Crypto key in the browser's IndexedDB.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { startBench, type Bench } from "./harness";

let bench: Bench;
let tmp: string;
beforeAll(async () => {
  bench = await startBench();
  tmp = mkdtempSync(path.join(os.tmpdir(), "sealed-run-signing-"));
}, 110_000);
afterAll(async () => {
  await bench?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} — ${v.help}`),
    );
}

test("sign, keep in the workbook, register the key, and verify who signed", async () => {
  const context = await bench.browser.newContext({
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  await context.addInitScript(() => {
    if (location.protocol === "http:")
      localStorage.setItem(
        "sealed-run.actor",
        JSON.stringify({ name: "J. Rivera", role: "triage-lead" }),
      );
  });
  const errors: string[] = [];
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${bench.server.url}workbench.html`);
  await page.waitForSelector('body[data-ready="true"]');
  const pane = page.locator("#workbench-taskpane");
  await pane.getByTestId("run-row-RUN-003").click();
  await pane.getByRole("button", { name: /^Seal( RUN-003)?$/ }).click();
  await pane.getByRole("heading", { name: "Sealed RUN-003" }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    pane.getByRole("button", { name: "Download" }).first().click(),
  ]);
  const sealed = path.join(tmp, download.suggestedFilename());
  await download.saveAs(sealed);

  await pane.getByRole("button", { name: "Sign as J. Rivera" }).click();
  await pane
    .getByText("The signature is kept in this workbook beside the seal.")
    .waitFor();
  const keyId = (await pane.getByTestId("signing-key-id").innerText()).trim();
  expect(keyId).toMatch(/^[0-9a-f]{64}$/);
  await pane
    .getByRole("button", {
      name: "Add my key to this workbook's ActorKeysTable for approval",
    })
    .click();
  await pane
    .getByText(
      "Added to ActorKeysTable as pending (ACTOR_KEYS!A2). The governance owner approves it by setting its Status to approved.",
    )
    .waitFor();
  expect(await axeProblems(page)).toEqual([]);

  await page.getByRole("tab", { name: "Verify", exact: true }).click();
  await pane.getByLabel("Choose a sealed file to verify").setInputFiles(sealed);
  const signature = pane.getByRole("region", { name: "Signature" });
  await signature.waitFor();
  const text = await signature.innerText();
  expect(text).toContain(
    `signed by J. Rivera (${keyId}), but that key is not listed for J. Rivera`,
  );
  expect(text).toContain(
    "ActorKeysTable has this key for J. Rivera as pending (ACTOR_KEYS!A2)",
  );
  expect(text).toContain("sealed-run verify --trusted-keys");
  expect(await axeProblems(page)).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});
