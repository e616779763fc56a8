/** @jest-environment jsdom */
// Under a sealed result: Sign makes (or finds) this browser's key, offers <file>.intoto.json, shows
// the key id and copies the "I am … and this is my key" entry; without a key store it says why.
import "@testing-library/jest-dom";
import * as React from "react";
import { fireEvent, render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { SignaturePanel } from "../../src/taskpane/signing/SignaturePanel";
import type { KeyDb, StoredKey } from "../../src/taskpane/signing/indexedDbKeyDb";
import { AnnouncerProvider } from "../../src/taskpane/components/Announcer";
import { installDomPolyfills, realSeal } from "./helpers";

beforeAll(installDomPolyfills);

function memoryDb(): KeyDb {
  let slot: StoredKey | undefined;
  return { get: async () => slot, put: async (k) => void (slot = k) };
}

async function show(keyDb: KeyDb | null) {
  const seal = await realSeal("RUN-003");
  render(
    <FluentProvider theme={webLightTheme}>
      <AnnouncerProvider>
        <SignaturePanel document={seal.document} fileName={seal.fileName} keyDb={keyDb} />
      </AnnouncerProvider>
    </FluentProvider>,
  );
  return seal;
}

test("Sign offers the envelope beside the seal and shows the key it was made with", async () => {
  const seal = await show(memoryDb());
  fireEvent.click(screen.getByTestId("sign-seal"));
  expect(await screen.findByTestId("signing-key-id")).toHaveTextContent(/^[0-9a-f]{64}$/);
  expect(await screen.findByRole("group", { name: `Get ${seal.fileName}.intoto.json` })).toBeInTheDocument();
  expect(screen.queryByTestId("sign-seal")).toBeNull();
  expect(screen.getByTestId("copy-key-entry")).toHaveTextContent(`I am ${seal.document.authority_envelope.actor} and this is my key`);
});

test("without a key store, signing says why instead of failing silently", async () => {
  await show(null);
  fireEvent.click(screen.getByTestId("sign-seal"));
  expect(await screen.findByRole("alert")).toHaveTextContent("Could not sign: this browser keeps no key store (IndexedDB is unavailable); sign from the command line");
});
