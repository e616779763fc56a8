/** @jest-environment jsdom */
// Patch view: correcting a sealed run's conclusions, and every way the form says no.
import "@testing-library/jest-dom";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { WorkbookError } from "../../src/workflows/api";
import { ACTOR_STORAGE_KEY } from "../../src/taskpane/actorStore";
import { patchFields, typedValue } from "../../src/taskpane/patchFields";
import {
  fakeApi,
  fileOf,
  installDomPolyfills,
  realSeal,
  renderApp,
  type RealSeal,
} from "./helpers";

beforeAll(installDomPolyfills);
beforeEach(() => localStorage.clear());

const ACTOR = { name: "J. Rivera", role: "triage-lead" };

async function setup(
  seal: RealSeal,
  overrides: Parameters<typeof fakeApi>[0] = {},
) {
  localStorage.setItem(ACTOR_STORAGE_KEY, JSON.stringify(ACTOR));
  const api = fakeApi({
    listStoredSeals: () =>
      Promise.resolve([
        {
          id: "part-7",
          fileName: seal.fileName,
          runId: "RUN-003",
          hash: seal.document.hash,
          head: "",
        },
      ]),
    fetchStoredSeal: () =>
      Promise.resolve({ fileName: seal.fileName, text: seal.text }),
    ...overrides,
  });
  renderApp({ api, initialView: "patch" });
  const sealSelect = await screen.findByTestId("patch-seal");
  await within(sealSelect).findByRole("option", { name: seal.fileName });
  fireEvent.change(sealSelect, { target: { value: "part-7" } });
  await screen.findByTestId("patch-field");
  return api;
}

test("fields offered are the document's conclusions, named as a person would; the seal's identity is not offered", async () => {
  const seal = await realSeal();
  const fields = patchFields(
    seal.document as unknown as Record<string, unknown>,
  );
  const labels = fields.map((f) => f.label);
  expect(labels).toEqual(
    expect.arrayContaining([
      "Operator",
      "Top risk 1",
      "Top risk 2",
      "Top risks (the whole list)",
      "Summary confidence (%)",
      "Next review date",
      "System observations (the whole list)",
    ]),
  );
  expect(fields.find((f) => f.label === "Summary confidence (%)")).toEqual({
    path: "kpis.summary_confidence_pct",
    label: "Summary confidence (%)",
    kind: "number",
  });
  const paths = fields.map((f) => f.path);
  expect(
    paths.some((p) =>
      /run_id|export_timestamp|workbook_version|authority_envelope|reconstruction|^hash$/.test(
        p,
      ),
    ),
  ).toBe(false);
});

test("a number is typed as a number and a list one item per line; neither needs JSON", () => {
  expect(typedValue("number", " 72 % ")).toEqual({ ok: true, value: "72" });
  expect(typedValue("number", "eighty")).toEqual({
    ok: false,
    message: "Type a number, for example 72.",
  });
  expect(typedValue("number", "120")).toEqual({
    ok: false,
    message: "A confidence is a number from 0 to 100.",
  });
  expect(typedValue("list", "Budget freeze\n\n  Vendor exit  \n")).toEqual({
    ok: true,
    value: '["Budget freeze","Vendor exit"]',
  });
  expect(typedValue("text", "=SUM(A1)")).toEqual({
    ok: true,
    value: "=SUM(A1)",
  });
});

test("success: a stored seal's field is corrected with a reason; the PATCH entry is shown and announced", async () => {
  const seal = await realSeal();
  const entry = {
    ...seal.logEntry,
    EntryID: "PL-000002",
    Action: "PATCH",
    Field: "kpis.summary_confidence_pct",
    OldValue: "78",
    NewValue: "81",
    Reason: "reviewer recount",
  };
  const api = await setup(seal, {
    recordPatch: () =>
      Promise.resolve({ logEntry: entry, saved: true, warnings: [] }),
  });
  expect(api.fetchStoredSeal).toHaveBeenCalledWith("part-7");
  fireEvent.change(screen.getByTestId("patch-field"), {
    target: { value: "kpis.summary_confidence_pct" },
  });
  expect(screen.getByTestId("patch-current-value")).toHaveTextContent(
    "Sealed value: 78",
  );
  expect(screen.getByText("A number from 0 to 100.")).toBeInTheDocument();
  fireEvent.change(screen.getByTestId("patch-new-value"), {
    target: { value: "81" },
  });
  fireEvent.change(screen.getByTestId("patch-reason"), {
    target: { value: "  reviewer recount " },
  });
  fireEvent.click(screen.getByTestId("patch-submit"));
  const result = await screen.findByTestId("patch-result");
  expect(api.recordPatch).toHaveBeenCalledWith({
    sealHash: seal.document.hash,
    field: "kpis.summary_confidence_pct",
    newValue: "81",
    reason: "reviewer recount",
    actor: ACTOR,
  });
  expect(result).toHaveTextContent(
    "Recorded PL-000002: Summary confidence (%) corrected",
  );
  expect(result).toHaveTextContent(
    "Summary confidence (%) (kpis.summary_confidence_pct): 78 → 81",
  );
  expect(result).toHaveTextContent("Reason: reviewer recount");
  expect(result).not.toHaveTextContent("Save the workbook");
  await waitFor(() =>
    expect(screen.getByTestId("announcer")).toHaveTextContent(
      "Recorded PL-000002",
    ),
  );
});

test("a missing reason is named and nothing is recorded", async () => {
  const seal = await realSeal();
  const api = await setup(seal);
  fireEvent.change(screen.getByTestId("patch-field"), {
    target: { value: "top_risks[0]" },
  });
  expect(screen.getByTestId("patch-current-value")).toHaveTextContent(
    "Budget reversal",
  );
  fireEvent.change(screen.getByTestId("patch-new-value"), {
    target: { value: "Budget freeze" },
  });
  fireEvent.change(screen.getByTestId("patch-reason"), {
    target: { value: "   " },
  });
  fireEvent.click(screen.getByTestId("patch-submit"));
  expect(
    await screen.findByText(
      "A patch needs a reason: say why the sealed value is corrected.",
    ),
  ).toBeInTheDocument();
  expect(api.recordPatch).not.toHaveBeenCalled();
});

test("a number field given words says to type a number, and nothing is recorded", async () => {
  const seal = await realSeal();
  const api = await setup(seal);
  fireEvent.change(screen.getByTestId("patch-field"), {
    target: { value: "kpis.summary_confidence_pct" },
  });
  fireEvent.change(screen.getByTestId("patch-new-value"), {
    target: { value: "eighty" },
  });
  fireEvent.change(screen.getByTestId("patch-reason"), {
    target: { value: "recount" },
  });
  fireEvent.click(screen.getByTestId("patch-submit"));
  expect(
    await screen.findByText("Type a number, for example 72."),
  ).toBeInTheDocument();
  expect(api.recordPatch).not.toHaveBeenCalled();
});

test("no field chosen is named", async () => {
  const seal = await realSeal();
  const api = await setup(seal);
  fireEvent.change(screen.getByTestId("patch-reason"), {
    target: { value: "recount" },
  });
  fireEvent.click(screen.getByTestId("patch-submit"));
  expect(
    await screen.findByText("Choose what to correct."),
  ).toBeInTheDocument();
  expect(api.recordPatch).not.toHaveBeenCalled();
});

test("a WorkbookError from recording is shown as written; unsaved results remind to save", async () => {
  const seal = await realSeal();
  const api = await setup(seal, {
    recordPatch: () =>
      Promise.reject(
        new WorkbookError(
          `No SEAL entry in PATCH_LOG has the hash ${seal.document.hash}: a patch must name a seal of this workbook.`,
          "no-seal",
        ),
      ),
  });
  fireEvent.change(screen.getByTestId("patch-field"), {
    target: { value: "meta.operator" },
  });
  fireEvent.change(screen.getByTestId("patch-new-value"), {
    target: { value: "K. Osei" },
  });
  fireEvent.change(screen.getByTestId("patch-reason"), {
    target: { value: "wrong operator recorded" },
  });
  fireEvent.click(screen.getByTestId("patch-submit"));
  expect(await screen.findByTestId("patch-error")).toHaveTextContent(
    `No SEAL entry in PATCH_LOG has the hash ${seal.document.hash}: a patch must name a seal of this workbook.`,
  );

  api.recordPatch.mockResolvedValue({
    logEntry: {
      ...seal.logEntry,
      EntryID: "PL-000003",
      Action: "PATCH",
      Field: "meta.operator",
    },
    saved: false,
    warnings: [],
  });
  fireEvent.click(screen.getByTestId("patch-submit"));
  expect(await screen.findByTestId("patch-result")).toHaveTextContent(
    "The workbook is not saved yet: save it now",
  );
  expect(screen.queryByTestId("patch-error")).not.toBeInTheDocument();
});

test("a stored seal that cannot be fetched says why", async () => {
  localStorage.setItem(ACTOR_STORAGE_KEY, JSON.stringify(ACTOR));
  const seal = await realSeal();
  const api = fakeApi({
    listStoredSeals: () =>
      Promise.resolve([
        {
          id: "part-7",
          fileName: seal.fileName,
          runId: "RUN-003",
          hash: seal.document.hash,
          head: "",
        },
      ]),
    fetchStoredSeal: () =>
      Promise.reject(
        new WorkbookError(
          "That seal is no longer kept in this workbook.",
          "no-seal",
        ),
      ),
  });
  renderApp({ api, initialView: "patch" });
  const sel = await screen.findByTestId("patch-seal");
  await within(sel).findByRole("option", { name: seal.fileName });
  fireEvent.change(sel, { target: { value: "part-7" } });
  expect(await screen.findByTestId("patch-target-error")).toHaveTextContent(
    "That seal is no longer kept in this workbook.",
  );
});

test("the file just verified can be patched straight from the Verify view", async () => {
  localStorage.setItem(ACTOR_STORAGE_KEY, JSON.stringify(ACTOR));
  const seal = await realSeal();
  const api = fakeApi({
    recordPatch: () =>
      Promise.resolve({
        logEntry: { ...seal.logEntry, EntryID: "PL-000002", Action: "PATCH" },
        saved: true,
        warnings: [],
      }),
  });
  renderApp({ api, initialView: "verify" });
  fireEvent.change(await screen.findByTestId("verify-file-input"), {
    target: { files: [fileOf(seal.fileName, seal.bytes)] },
  });
  fireEvent.click(await screen.findByTestId("verify-patch"));
  const sel = await screen.findByTestId("patch-seal");
  expect(sel).toHaveValue("__verified__");
  expect(
    within(sel).getByRole("option", {
      name: `The file checked in Verify: ${seal.fileName}`,
    }),
  ).toBeInTheDocument();
  fireEvent.change(await screen.findByTestId("patch-field"), {
    target: { value: "top_actions[1]" },
  });
  fireEvent.change(screen.getByTestId("patch-new-value"), {
    target: { value: "Re-check hiring plan" },
  });
  fireEvent.change(screen.getByTestId("patch-reason"), {
    target: { value: "action renamed" },
  });
  fireEvent.click(screen.getByTestId("patch-submit"));
  await screen.findByTestId("patch-result");
  // The verified file goes with the patch, so the old value logged is read from the document shown.
  expect(api.recordPatch).toHaveBeenCalledWith(
    expect.objectContaining({
      sealHash: seal.document.hash,
      field: "top_actions[1]",
      newValue: "Re-check hiring plan",
      document: seal.document,
    }),
  );
});

test("a file that failed verification is never offered for a patch", async () => {
  localStorage.setItem(ACTOR_STORAGE_KEY, JSON.stringify(ACTOR));
  const seal = await realSeal();
  const api = fakeApi();
  renderApp({ api, initialView: "verify" });
  const edited = new TextEncoder().encode(
    seal.text.replace(
      /"summary_confidence_pct":\s*78/,
      '"summary_confidence_pct": 79',
    ),
  );
  expect(Buffer.from(edited).equals(Buffer.from(seal.bytes))).toBe(false);
  fireEvent.change(await screen.findByTestId("verify-file-input"), {
    target: { files: [fileOf(seal.fileName, edited)] },
  });
  await waitFor(() =>
    expect(screen.getByTestId("verify-verdict")).toHaveTextContent(
      "Does not hold",
    ),
  );
  expect(screen.queryByTestId("verify-patch")).not.toBeInTheDocument();
  fireEvent.click(screen.getByRole("tab", { name: "Patch" }));
  const sel = await screen.findByTestId("patch-seal");
  expect(sel).toHaveValue("");
  expect(
    within(sel).queryByRole("option", { name: /checked in Verify/ }),
  ).not.toBeInTheDocument();
});

test("without an actor the form asks who you are and Record patch is disabled", async () => {
  const seal = await realSeal();
  const api = fakeApi({
    listStoredSeals: () =>
      Promise.resolve([
        {
          id: "p",
          fileName: seal.fileName,
          runId: "RUN-003",
          hash: seal.document.hash,
          head: "",
        },
      ]),
  });
  renderApp({ api, initialView: "patch" });
  expect(await screen.findByTestId("actor-form")).toBeInTheDocument();
  expect(screen.getByTestId("patch-submit")).toHaveAttribute(
    "aria-disabled",
    "true",
  );
  fireEvent.click(screen.getByTestId("patch-submit"));
  expect(api.recordPatch).not.toHaveBeenCalled();
});

test("the seal chosen for a patch says who signed it, as Verify does", async () => {
  const seal = await realSeal();
  const keyId = "cd".repeat(32);
  const line = `signed by J. Rivera (${keyId}), a key listed for J. Rivera in ActorKeysTable`;
  const api = await setup(seal, {
    checkKeptSignature: () =>
      Promise.resolve({
        verdict: {
          status: "trusted" as const,
          actor: "J. Rivera",
          keyId,
          listedIn: ["ActorKeysTable"],
          message: line,
        },
        line,
        notes: [],
      }),
  });
  const signed = await screen.findByTestId("signed-by");
  expect(signed).toHaveAccessibleName("Signature");
  expect(signed).toHaveTextContent(`✓ Signature: ${line}`);
  expect(api.checkKeptSignature).toHaveBeenCalledWith(
    expect.objectContaining({ hash: seal.document.hash }),
  );
});

test("a kept seal whose document lacks the parts a signature names can still be patched, and is not said to be signed", async () => {
  const seal = await realSeal();
  const doc = JSON.parse(seal.text) as Record<string, unknown>;
  delete doc.authority_envelope;
  const api = await setup(seal, {
    fetchStoredSeal: () =>
      Promise.resolve({ fileName: seal.fileName, text: JSON.stringify(doc) }),
  });
  // The schema check is asynchronous: give it time to answer before looking for the line.
  await new Promise((r) => setTimeout(r, 200));
  expect(screen.getByTestId("patch-field")).toBeInTheDocument();
  expect(screen.queryByTestId("signed-by")).toBeNull();
  expect(api.checkKeptSignature).not.toHaveBeenCalled();
});
