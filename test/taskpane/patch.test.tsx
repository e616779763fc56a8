/** @jest-environment jsdom */
// Patch view: correcting a sealed run's conclusions, and every way the form says no.
import "@testing-library/jest-dom";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { WorkbookError } from "../../src/workflows/api";
import { ACTOR_STORAGE_KEY } from "../../src/taskpane/actorStore";
import { patchablePaths } from "../../src/taskpane/views/PatchView";
import { fakeApi, fileOf, installDomPolyfills, realSeal, renderApp, type RealSeal } from "./helpers";

beforeAll(installDomPolyfills);
beforeEach(() => localStorage.clear());

const ACTOR = { name: "J. Rivera", role: "triage-lead" };

async function setup(seal: RealSeal, overrides: Parameters<typeof fakeApi>[0] = {}) {
  localStorage.setItem(ACTOR_STORAGE_KEY, JSON.stringify(ACTOR));
  const api = fakeApi({
    listStoredSeals: async () => [{ id: "part-7", fileName: seal.fileName, runId: "RUN-003", hash: seal.document.hash, head: "" }],
    fetchStoredSeal: async () => ({ fileName: seal.fileName, text: seal.text }),
    ...overrides,
  });
  renderApp({ api, initialView: "patch" });
  const sealSelect = await screen.findByTestId("patch-seal");
  await within(sealSelect).findByRole("option", { name: seal.fileName });
  fireEvent.change(sealSelect, { target: { value: "part-7" } });
  await screen.findByTestId("patch-field");
  return api;
}

test("fields offered are the document's conclusions, as leaf paths, with each list as a whole", async () => {
  const seal = await realSeal();
  const paths = patchablePaths(seal.document as unknown as Record<string, unknown>);
  expect(paths).toEqual(
    expect.arrayContaining(["meta.operator", "top_risks", "top_risks[0]", "top_risks[1]", "kpis.summary_confidence_pct", "kpis.next_review_date", "system_observations"]),
  );
  expect(paths.some((p) => p.startsWith("authority_envelope") || p.startsWith("reconstruction") || p === "hash")).toBe(false);
});

test("success: a stored seal's field is corrected with a reason; the PATCH entry is shown and announced", async () => {
  const seal = await realSeal();
  const entry = { ...seal.logEntry, EntryID: "PL-000002", Action: "PATCH", Field: "kpis.summary_confidence_pct", OldValue: "78", NewValue: "81", Reason: "reviewer recount" };
  const api = await setup(seal, { recordPatch: async () => ({ logEntry: entry, saved: true, warnings: [] }) });
  expect(api.fetchStoredSeal).toHaveBeenCalledWith("part-7");
  fireEvent.change(screen.getByTestId("patch-field"), { target: { value: "kpis.summary_confidence_pct" } });
  expect(screen.getByTestId("patch-current-value")).toHaveTextContent("Sealed value: 78");
  expect(screen.getByText(/This field is not text: type JSON/)).toBeInTheDocument();
  fireEvent.change(screen.getByTestId("patch-new-value"), { target: { value: "81" } });
  fireEvent.change(screen.getByTestId("patch-reason"), { target: { value: "  reviewer recount " } });
  fireEvent.click(screen.getByTestId("patch-submit"));
  const result = await screen.findByTestId("patch-result");
  expect(api.recordPatch).toHaveBeenCalledWith({ sealHash: seal.document.hash, field: "kpis.summary_confidence_pct", newValue: "81", reason: "reviewer recount", actor: ACTOR });
  expect(result).toHaveTextContent("Recorded PL-000002 (PATCH)");
  expect(result).toHaveTextContent("kpis.summary_confidence_pct: 78 → 81");
  expect(result).toHaveTextContent("Reason: reviewer recount");
  expect(result).not.toHaveTextContent("Save the workbook");
  await waitFor(() => expect(screen.getByTestId("announcer")).toHaveTextContent("Recorded PL-000002"));
});

test("a missing reason is named and nothing is recorded", async () => {
  const seal = await realSeal();
  const api = await setup(seal);
  fireEvent.change(screen.getByTestId("patch-field"), { target: { value: "top_risks[0]" } });
  expect(screen.getByTestId("patch-current-value")).toHaveTextContent("Budget reversal");
  fireEvent.change(screen.getByTestId("patch-new-value"), { target: { value: "Budget freeze" } });
  fireEvent.change(screen.getByTestId("patch-reason"), { target: { value: "   " } });
  fireEvent.click(screen.getByTestId("patch-submit"));
  expect(await screen.findByText("A patch needs a reason: say why the sealed value is corrected.")).toBeInTheDocument();
  expect(api.recordPatch).not.toHaveBeenCalled();
});

test("a number field given text that is not JSON says what to type, and nothing is recorded", async () => {
  const seal = await realSeal();
  const api = await setup(seal);
  fireEvent.change(screen.getByTestId("patch-field"), { target: { value: "kpis.summary_confidence_pct" } });
  fireEvent.change(screen.getByTestId("patch-new-value"), { target: { value: "eighty" } });
  fireEvent.change(screen.getByTestId("patch-reason"), { target: { value: "recount" } });
  fireEvent.click(screen.getByTestId("patch-submit"));
  expect(await screen.findByText(/the field holds 78, so the new value must be JSON/)).toBeInTheDocument();
  expect(api.recordPatch).not.toHaveBeenCalled();
});

test("no field chosen is named", async () => {
  const seal = await realSeal();
  const api = await setup(seal);
  fireEvent.change(screen.getByTestId("patch-reason"), { target: { value: "recount" } });
  fireEvent.click(screen.getByTestId("patch-submit"));
  expect(await screen.findByText("Choose the field to correct.")).toBeInTheDocument();
  expect(api.recordPatch).not.toHaveBeenCalled();
});

test("a WorkbookError from recording is shown as written; unsaved results remind to save", async () => {
  const seal = await realSeal();
  const api = await setup(seal, {
    recordPatch: async () => {
      throw new WorkbookError(`No SEAL entry in PATCH_LOG has the hash ${seal.document.hash}: a patch must name a seal of this workbook.`, "no-seal");
    },
  });
  fireEvent.change(screen.getByTestId("patch-field"), { target: { value: "meta.operator" } });
  fireEvent.change(screen.getByTestId("patch-new-value"), { target: { value: "K. Osei" } });
  fireEvent.change(screen.getByTestId("patch-reason"), { target: { value: "wrong operator recorded" } });
  fireEvent.click(screen.getByTestId("patch-submit"));
  expect(await screen.findByTestId("patch-error")).toHaveTextContent(`No SEAL entry in PATCH_LOG has the hash ${seal.document.hash}: a patch must name a seal of this workbook.`);

  api.recordPatch.mockResolvedValue({ logEntry: { ...seal.logEntry, EntryID: "PL-000003", Action: "PATCH", Field: "meta.operator" }, saved: false, warnings: [] });
  fireEvent.click(screen.getByTestId("patch-submit"));
  expect(await screen.findByTestId("patch-result")).toHaveTextContent("The workbook is not saved yet: save it now");
  expect(screen.queryByTestId("patch-error")).not.toBeInTheDocument();
});

test("a stored seal that cannot be fetched says why", async () => {
  localStorage.setItem(ACTOR_STORAGE_KEY, JSON.stringify(ACTOR));
  const seal = await realSeal();
  const api = fakeApi({
    listStoredSeals: async () => [{ id: "part-7", fileName: seal.fileName, runId: "RUN-003", hash: seal.document.hash, head: "" }],
    fetchStoredSeal: async () => {
      throw new WorkbookError("That seal is no longer kept in this workbook.", "no-seal");
    },
  });
  renderApp({ api, initialView: "patch" });
  const sel = await screen.findByTestId("patch-seal");
  await within(sel).findByRole("option", { name: seal.fileName });
  fireEvent.change(sel, { target: { value: "part-7" } });
  expect(await screen.findByTestId("patch-target-error")).toHaveTextContent("That seal is no longer kept in this workbook.");
});

test("the file just verified can be patched straight from the Verify view", async () => {
  localStorage.setItem(ACTOR_STORAGE_KEY, JSON.stringify(ACTOR));
  const seal = await realSeal();
  const api = fakeApi({ recordPatch: async () => ({ logEntry: { ...seal.logEntry, EntryID: "PL-000002", Action: "PATCH" }, saved: true, warnings: [] }) });
  renderApp({ api, initialView: "verify" });
  fireEvent.change(await screen.findByTestId("verify-file-input"), { target: { files: [fileOf(seal.fileName, seal.bytes)] } });
  fireEvent.click(await screen.findByTestId("verify-patch"));
  const sel = await screen.findByTestId("patch-seal");
  expect(sel).toHaveValue("__verified__");
  expect(within(sel).getByRole("option", { name: `The file checked in Verify: ${seal.fileName}` })).toBeInTheDocument();
  fireEvent.change(await screen.findByTestId("patch-field"), { target: { value: "top_actions[1]" } });
  fireEvent.change(screen.getByTestId("patch-new-value"), { target: { value: "Re-check hiring plan" } });
  fireEvent.change(screen.getByTestId("patch-reason"), { target: { value: "action renamed" } });
  fireEvent.click(screen.getByTestId("patch-submit"));
  await screen.findByTestId("patch-result");
  expect(api.recordPatch).toHaveBeenCalledWith(expect.objectContaining({ sealHash: seal.document.hash, field: "top_actions[1]", newValue: "Re-check hiring plan" }));
});

test("without an actor the form asks who you are and Record patch is disabled", async () => {
  const seal = await realSeal();
  const api = fakeApi({ listStoredSeals: async () => [{ id: "p", fileName: seal.fileName, runId: "RUN-003", hash: seal.document.hash, head: "" }] });
  renderApp({ api, initialView: "patch" });
  expect(await screen.findByTestId("actor-form")).toBeInTheDocument();
  expect(screen.getByTestId("patch-submit")).toHaveAttribute("aria-disabled", "true");
  fireEvent.click(screen.getByTestId("patch-submit"));
  expect(api.recordPatch).not.toHaveBeenCalled();
});
