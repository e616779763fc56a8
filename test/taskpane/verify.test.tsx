/** @jest-environment jsdom */
// Verify: a real seal holds; one changed value fails the hash rule by name; garbage and oversized
// files say why; inside Excel the workbook check reports log, row, patches and chain.
import "@testing-library/jest-dom";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { MAX_SEALED_FILE_BYTES, REPLAY_RULES } from "../../src/core";
import {
  fakeApi,
  fileOf,
  installDomPolyfills,
  realSeal,
  renderApp,
} from "./helpers";

beforeAll(installDomPolyfills);
beforeEach(() => localStorage.clear());

async function choose(file: File) {
  fireEvent.change(await screen.findByTestId("verify-file-input"), {
    target: { files: [file] },
  });
}

test("jsdom has what the core needs (Web Crypto digest, TextEncoder)", async () => {
  expect(typeof globalThis.crypto.subtle.digest).toBe("function");
  const d = await globalThis.crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode("abc"),
  );
  expect(Buffer.from(d).toString("hex")).toBe(
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
});

test("a genuine sealed file holds: every rule passes, one line per rule in the contract's order", async () => {
  const seal = await realSeal();
  renderApp({ api: null });
  await choose(fileOf(seal.fileName, seal.bytes));
  const verdict = await screen.findByTestId("verify-verdict");
  expect(verdict).toHaveTextContent("Holds");
  expect(verdict).toHaveTextContent(`${seal.fileName} is admissible`);
  const lines = screen.getAllByTestId(/^rule-/);
  expect(lines.map((l) => l.getAttribute("data-testid"))).toEqual(
    REPLAY_RULES.map((r) => `rule-${r}`),
  );
  for (const l of lines) expect(l).toHaveAttribute("data-status", "pass");
  expect(screen.getByTestId("rule-hash")).toHaveTextContent(seal.document.hash);
  expect(screen.getByTestId("workbook-check-unavailable")).toHaveTextContent(
    "Open this add-in in Excel",
  );
  await waitFor(() =>
    expect(screen.getByTestId("announcer")).toHaveTextContent(
      `${seal.fileName} holds`,
    ),
  );
});

test("a file with one value changed after sealing fails the hash rule, saying the content was changed", async () => {
  const seal = await realSeal();
  const tampered = seal.text.replace(
    '"summary_confidence_pct": 78',
    '"summary_confidence_pct": 95',
  );
  expect(tampered).not.toBe(seal.text);
  renderApp({ api: null });
  await choose(fileOf("tampered.json", tampered));
  expect(await screen.findByTestId("verify-verdict")).toHaveTextContent(
    "Does not hold",
  );
  const hash = screen.getByTestId("rule-hash");
  expect(hash).toHaveAttribute("data-status", "fail");
  expect(hash).toHaveTextContent("strict read and hash");
  expect(hash).toHaveTextContent("hash mismatch");
  expect(hash).toHaveTextContent("changed after sealing");
  // Re-deriving from the recorded row also catches the changed conclusion.
  expect(screen.getByTestId("rule-reconstruction")).toHaveAttribute(
    "data-status",
    "fail",
  );
  expect(screen.getByTestId("rule-reconstruction")).toHaveTextContent(
    "summary_confidence_pct: sealed 95 but the source row gives 78",
  );
  await waitFor(() =>
    expect(screen.getByTestId("announcer")).toHaveTextContent(
      "tampered.json does not hold: strict read and hash",
    ),
  );
});

test("a file that is not JSON fails the first rule with where it broke, and the rest are not checked", async () => {
  renderApp({ api: null });
  await choose(fileOf("notes.json", "this is not json"));
  expect(await screen.findByTestId("verify-verdict")).toHaveTextContent(
    "notes.json is not admissible",
  );
  expect(screen.getByTestId("rule-hash")).toHaveAttribute(
    "data-status",
    "fail",
  );
  expect(screen.getByTestId("rule-hash").textContent).toMatch(/JSON/);
  for (const r of REPLAY_RULES.slice(1)) {
    expect(screen.getByTestId(`rule-${r}`)).toHaveAttribute(
      "data-status",
      "skipped",
    );
    expect(screen.getByTestId(`rule-${r}`)).toHaveTextContent("Not checked");
  }
});

test("a file over 5 MiB is refused by name without being read", async () => {
  renderApp({ api: null });
  const big = fileOf("huge.json", "x");
  Object.defineProperty(big, "size", { value: MAX_SEALED_FILE_BYTES + 1 });
  await choose(big);
  expect(await screen.findByTestId("verify-read-error")).toHaveTextContent(
    `huge.json is ${MAX_SEALED_FILE_BYTES + 1} bytes; sealed files are at most 5 MiB`,
  );
  expect(screen.queryByTestId("verify-verdict")).not.toBeInTheDocument();
});

test("a dropped file is verified like a chosen one", async () => {
  const seal = await realSeal();
  renderApp({ api: null });
  fireEvent.drop(await screen.findByTestId("verify-drop-zone"), {
    dataTransfer: { files: [fileOf(seal.fileName, seal.bytes)] },
  });
  expect(await screen.findByTestId("verify-verdict")).toHaveTextContent(
    "Holds",
  );
});

test("pasted JSON text is verified; the button waits for text", async () => {
  const seal = await realSeal();
  renderApp({ api: null });
  expect(await screen.findByTestId("verify-paste-button")).toBeDisabled();
  fireEvent.change(screen.getByTestId("verify-paste"), {
    target: { value: seal.text },
  });
  fireEvent.click(screen.getByTestId("verify-paste-button"));
  expect(await screen.findByTestId("verify-verdict")).toHaveTextContent(
    "the pasted text is admissible",
  );
});

test("an altered file: the workbook check says the file was altered and compares the row with the kept seal, or with nothing", async () => {
  const seal = await realSeal();
  const edited = new TextEncoder().encode(
    seal.text.replace(
      /"summary_confidence_pct":\s*78/,
      '"summary_confidence_pct": 79',
    ),
  );
  const base = {
    sealEntry: seal.logEntry,
    rowFound: true,
    changes: [],
    patches: [],
    chain: { intact: true, entries: 1, head: "" },
  };
  const api = fakeApi({
    checkAgainstWorkbook: () =>
      Promise.resolve({
        ...base,
        fileIntact: false,
        basis: {
          kind: "kept-seal" as const,
          fileName: seal.fileName,
          hash: seal.document.hash,
        },
        fileEdits: [
          { field: "summary_confidence_pct", sealed: "78", now: "79" },
        ],
      }),
  });
  renderApp({ api, initialView: "verify" });
  fireEvent.change(await screen.findByTestId("verify-file-input"), {
    target: { files: [fileOf("edited.json", edited)] },
  });
  let check = await screen.findByTestId("workbook-check");
  expect(within(check).getByTestId("wb-file-altered")).toHaveTextContent(
    `compared with the seal kept in this workbook, ${seal.fileName}, which the file claims to be`,
  );
  expect(within(check).getByTestId("wb-file-edits")).toHaveTextContent(
    "summary_confidence_pct: sealed 78, the file says 79",
  );
  expect(within(check).getByTestId("wb-row")).toHaveTextContent(
    "The row of RUN-003 still holds exactly the sealed values.",
  );
  expect(within(check).getByTestId("wb-seal-entry")).toHaveTextContent(
    "The hash the file claims is in the log as PL-000001",
  );
  expect(check).not.toHaveTextContent("changed since the seal");

  api.checkAgainstWorkbook.mockResolvedValue({
    ...base,
    fileIntact: false,
    basis: { kind: "log-only", entryId: "PL-000001", hash: seal.document.hash },
    fileEdits: [],
  });
  fireEvent.change(screen.getByTestId("verify-file-input"), {
    target: { files: [fileOf("edited-again.json", edited)] },
  });
  await waitFor(() =>
    expect(screen.getByTestId("verify-verdict")).toHaveTextContent(
      "edited-again.json",
    ),
  );
  check = await screen.findByTestId("workbook-check");
  expect(within(check).getByTestId("wb-file-altered")).toHaveTextContent(
    "no copy of it is kept in this workbook, so the row is not compared",
  );
  expect(within(check).getByTestId("wb-row").textContent).toBe("");
});

test("in Excel: the workbook check names the SEAL entry, the row's changes, the patches, and a broken chain", async () => {
  const seal = await realSeal();
  const patch = {
    ...seal.logEntry,
    EntryID: "PL-000002",
    Action: "PATCH",
    Field: "top_risks[0]",
    OldValue: "Budget reversal",
    NewValue: "Budget freeze",
    Reason: "typo in export",
  };
  const api = fakeApi({
    checkAgainstWorkbook: () =>
      Promise.resolve({
        fileIntact: true,
        basis: { kind: "file" as const },
        fileEdits: [],
        sealEntry: seal.logEntry,
        rowFound: true,
        changes: [
          { field: "kpis.summary_confidence_pct", sealed: "78", now: "81" },
        ],
        patches: [patch],
        chain: {
          intact: false,
          entries: 3,
          head: "",
          firstBreak: {
            index: 1,
            entryId: "PL-000002",
            kind: "edited",
            message:
              "PL-000002 (row 2 of the log): its cells were changed after it was written",
          },
        },
      }),
  });
  renderApp({ api, initialView: "verify" });
  fireEvent.change(await screen.findByTestId("verify-file-input"), {
    target: { files: [fileOf(seal.fileName, seal.bytes)] },
  });
  const check = await screen.findByTestId("workbook-check");
  expect(api.checkAgainstWorkbook).toHaveBeenCalledWith(
    expect.objectContaining({ hash: seal.document.hash }),
  );
  expect(within(check).getByTestId("wb-seal-entry")).toHaveTextContent(
    `In the log as ${seal.logEntry.EntryID} (SEAL, 2026-03-01T10:15:00Z, by J. Rivera)`,
  );
  expect(within(check).getByTestId("wb-row")).toHaveTextContent(
    "The row of RUN-003 changed since the seal:kpis.summary_confidence_pct: sealed 78, now 81",
  );
  expect(within(check).getByTestId("wb-patches")).toHaveTextContent(
    "PL-000002: top_risks[0] Budget reversal → Budget freeze (typo in export",
  );
  expect(within(check).getByTestId("wb-chain")).toHaveTextContent(
    "broken at PL-000002: PL-000002 (row 2 of the log): its cells were changed",
  );
});

test("in Excel: a seal not in this workbook and a row that is gone are said plainly", async () => {
  const seal = await realSeal();
  const api = fakeApi({
    checkAgainstWorkbook: () =>
      Promise.resolve({
        fileIntact: true,
        basis: { kind: "file" as const },
        fileEdits: [],
        sealEntry: null,
        rowFound: false,
        changes: [],
        patches: [],
        chain: { intact: true, entries: 0, head: "" },
      }),
  });
  renderApp({ api, initialView: "verify" });
  fireEvent.change(await screen.findByTestId("verify-file-input"), {
    target: { files: [fileOf(seal.fileName, seal.bytes)] },
  });
  expect(await screen.findByTestId("wb-seal-entry")).toHaveTextContent(
    "Not in this workbook's log",
  );
  expect(screen.getByTestId("wb-row")).toHaveTextContent(
    "No row of LLMOutputTable has the run id RUN-003 any more.",
  );
  expect(screen.getByTestId("wb-patches")).toHaveTextContent(
    "No patch names this seal.",
  );
  expect(screen.getByTestId("wb-chain")).toHaveTextContent(
    "intact (0 entries)",
  );
});

test("in Excel: a WorkbookError from the workbook check is shown as written", async () => {
  const seal = await realSeal();
  const { WorkbookError } = await import("../../src/workflows/api");
  const api = fakeApi({
    checkAgainstWorkbook: () =>
      Promise.reject(
        new WorkbookError(
          "PATCH_LOG has columns EntryID, When, …; expected the 13 columns EntryID … EntryHash. It was left unchanged.",
          "log-layout",
        ),
      ),
  });
  renderApp({ api, initialView: "verify" });
  fireEvent.change(await screen.findByTestId("verify-file-input"), {
    target: { files: [fileOf(seal.fileName, seal.bytes)] },
  });
  expect(await screen.findByTestId("workbook-check-error")).toHaveTextContent(
    "PATCH_LOG has columns EntryID, When, …; expected the 13 columns EntryID … EntryHash. It was left unchanged.",
  );
  // The file's own verdict stands: the workbook is a separate question.
  expect(screen.getByTestId("verify-verdict")).toHaveTextContent("Holds");
});

test("in Excel: who signed the seal, by the envelope the workbook keeps, and what the workbook's listing is worth", async () => {
  const seal = await realSeal();
  const keyId = "ab".repeat(32);
  const api = fakeApi({
    checkKeptSignature: () =>
      Promise.resolve({
        verdict: {
          status: "unlisted" as const,
          actor: "J. Rivera",
          keyId,
          message: `signed by J. Rivera (${keyId}), but that key is not listed for J. Rivera`,
        },
        envelopeName: `${seal.fileName}.intoto.json`,
        line: `signed by J. Rivera (${keyId}), but that key is not listed for J. Rivera`,
        notes: [
          "ActorKeysTable has this key for J. Rivera as pending (ACTOR_KEYS!A2): the governance owner approves it by setting its Status to approved",
        ],
      }),
  });
  renderApp({ api, initialView: "verify" });
  fireEvent.change(await screen.findByTestId("verify-file-input"), {
    target: { files: [fileOf(seal.fileName, seal.bytes)] },
  });
  const signed = await screen.findByTestId("signed-by");
  expect(signed).toHaveAccessibleName("Signature");
  expect(signed).toHaveTextContent(
    `– Signature: signed by J. Rivera (${keyId}), but that key is not listed for J. Rivera`,
  );
  expect(signed).toHaveTextContent("as pending (ACTOR_KEYS!A2)");
  expect(within(signed).getByTestId("signed-by-caveat")).toHaveTextContent(
    "sealed-run verify --trusted-keys",
  );
  expect(api.checkKeptSignature).toHaveBeenCalledWith(
    expect.objectContaining({ hash: seal.document.hash }),
  );
});

test("in Excel: an unsigned seal is said to be unsigned, an altered file is not said to be signed, and a failure is said", async () => {
  const seal = await realSeal();
  const api = fakeApi();
  renderApp({ api, initialView: "verify" });
  fireEvent.change(await screen.findByTestId("verify-file-input"), {
    target: { files: [fileOf(seal.fileName, seal.bytes)] },
  });
  expect(await screen.findByTestId("signed-by")).toHaveTextContent(
    "Signature: not signed: this workbook keeps no signature for this seal",
  );
  expect(screen.queryByTestId("signed-by-caveat")).toBeNull();

  api.checkKeptSignature.mockRejectedValue(
    new Error("Reading ActorKeysTable failed in Excel"),
  );
  fireEvent.change(screen.getByTestId("verify-file-input"), {
    target: { files: [fileOf("again.json", seal.bytes)] },
  });
  await waitFor(() =>
    expect(screen.getByTestId("signed-by")).toHaveTextContent(
      "Signature: could not be checked (Reading ActorKeysTable failed in Excel)",
    ),
  );

  const edited = new TextEncoder().encode(
    seal.text.replace(
      /"summary_confidence_pct":\s*78/,
      '"summary_confidence_pct": 79',
    ),
  );
  api.checkKeptSignature.mockClear();
  fireEvent.change(screen.getByTestId("verify-file-input"), {
    target: { files: [fileOf("edited.json", edited)] },
  });
  await screen.findByTestId("workbook-check");
  await waitFor(() =>
    expect(screen.getByTestId("verify-verdict")).toHaveTextContent(
      "edited.json",
    ),
  );
  expect(screen.queryByTestId("signed-by")).toBeNull();
  expect(api.checkKeptSignature).not.toHaveBeenCalled();
});
