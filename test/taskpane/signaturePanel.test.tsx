/** @jest-environment jsdom */
// Under a sealed result: Sign makes (or finds) this browser's key, offers <file>.intoto.json, shows
// the key id and copies the "I am … and this is my key" entry; without a key store it says why.
import "@testing-library/jest-dom";
import { fireEvent, render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { SignaturePanel } from "../../src/taskpane/signing/SignaturePanel";
import type {
  KeyDb,
  StoredKey,
} from "../../src/taskpane/signing/indexedDbKeyDb";
import { AnnouncerProvider } from "../../src/taskpane/components/Announcer";
import { callArgs, fakeApi, installDomPolyfills, realSeal } from "./helpers";

beforeAll(installDomPolyfills);

function memoryDb(): KeyDb {
  let slot: StoredKey | undefined;
  return {
    get: () => Promise.resolve(slot),
    put: (k) => {
      slot = k;
      return Promise.resolve();
    },
  };
}

async function show(keyDb: KeyDb | null) {
  const seal = await realSeal("RUN-003");
  render(
    <FluentProvider theme={webLightTheme}>
      <AnnouncerProvider>
        <SignaturePanel
          document={seal.document}
          fileName={seal.fileName}
          keyDb={keyDb}
        />
      </AnnouncerProvider>
    </FluentProvider>,
  );
  return seal;
}

test("Sign offers the envelope beside the seal and shows the key it was made with", async () => {
  const seal = await show(memoryDb());
  fireEvent.click(screen.getByTestId("sign-seal"));
  expect(await screen.findByTestId("signing-key-id")).toHaveTextContent(
    /^[0-9a-f]{64}$/,
  );
  expect(
    await screen.findByRole("group", {
      name: `Get ${seal.fileName}.intoto.json`,
    }),
  ).toBeInTheDocument();
  expect(screen.queryByTestId("sign-seal")).toBeNull();
  expect(screen.getByTestId("copy-key-entry")).toHaveTextContent(
    `I am ${seal.document.authority_envelope.actor} and this is my key`,
  );
});

test("without a key store, signing says why instead of failing silently", async () => {
  await show(null);
  fireEvent.click(screen.getByTestId("sign-seal"));
  expect(await screen.findByRole("alert")).toHaveTextContent(
    "Could not sign: this browser keeps no key store (IndexedDB is unavailable); sign from the command line",
  );
});

describe("with the workbook", () => {
  async function showWith(keyDb: KeyDb, api: ReturnType<typeof fakeApi>) {
    const seal = await realSeal("RUN-003");
    render(
      <FluentProvider theme={webLightTheme}>
        <AnnouncerProvider>
          <SignaturePanel
            document={seal.document}
            fileName={seal.fileName}
            keyDb={keyDb}
            api={api}
          />
        </AnnouncerProvider>
      </FluentProvider>,
    );
    return seal;
  }

  test("the signature is kept in the workbook beside the seal, the very text offered for download", async () => {
    const api = fakeApi();
    const seal = await showWith(memoryDb(), api);
    fireEvent.click(screen.getByTestId("sign-seal"));
    expect(await screen.findByTestId("signature-kept")).toHaveTextContent(
      "The signature is kept in this workbook beside the seal.",
    );
    const [doc, name, text] = callArgs(api, "keepSignature");
    expect([doc, name]).toEqual([seal.document, seal.fileName]);
    expect(JSON.parse(text)).toMatchObject({
      signatures: [{ keyid: screen.getByTestId("signing-key-id").textContent }],
    });
  });

  test("a workbook that refuses to keep it says so and points to the download", async () => {
    const api = fakeApi({
      keepSignature: () => Promise.reject(new Error("the sheet is protected")),
    });
    await showWith(memoryDb(), api);
    fireEvent.click(screen.getByTestId("sign-seal"));
    expect(await screen.findByTestId("signature-kept")).toHaveTextContent(
      "The signature was not kept in the workbook (the sheet is protected); keep the downloaded file with the seal.",
    );
  });

  test("a key this browser holds is shown before signing, and registering it adds a pending row", async () => {
    const db = memoryDb();
    const { loadOrCreateSigningKey } =
      await import("../../src/taskpane/signing/keyStore");
    const key = await loadOrCreateSigningKey(db);
    const api = fakeApi();
    const seal = await showWith(db, api);
    expect(await screen.findByTestId("signing-key-id")).toHaveTextContent(
      key.keyId,
    );
    const button = screen.getByRole("button", {
      name: "Add my key to this workbook's ActorKeysTable for approval",
    });
    fireEvent.click(button);
    expect(await screen.findByTestId("register-key-result")).toHaveTextContent(
      "Added to ActorKeysTable as pending (ACTOR_KEYS!A2). The governance owner approves it by setting its Status to approved.",
    );
    expect(api.registerActorKey).toHaveBeenCalledWith(
      seal.document.authority_envelope.actor,
      key.spki,
    );
    expect(api.keepSignature).not.toHaveBeenCalled();
  });

  test.each([
    [
      {
        kind: "exists",
        cell: "ACTOR_KEYS!A4",
        status: "approved",
        actor: "J. Rivera",
      },
      "This key is already in ActorKeysTable for J. Rivera (ACTOR_KEYS!A4, approved).",
    ],
    [
      // A key belongs to one person: listed for someone else, it is not added for this actor.
      {
        kind: "exists",
        cell: "ACTOR_KEYS!A5",
        status: "pending",
        actor: "M. Okafor",
      },
      "This key is already in ActorKeysTable for M. Okafor (ACTOR_KEYS!A5, pending).",
    ],
    [
      {
        kind: "bad-table",
        problem: "ActorKeysTable on ACTOR_KEYS has no column KeyId",
      },
      "Nothing was added: ActorKeysTable on ACTOR_KEYS has no column KeyId. Copy the entry above and send it to the governance owner.",
    ],
    [
      { kind: "no-table" },
      "This workbook has no ActorKeysTable: add one (an empty table on a new sheet ACTOR_KEYS), or copy the entry above and send it to the governance owner.",
    ],
  ])("registering when the table says %j", async (answer, said) => {
    const db = memoryDb();
    const { loadOrCreateSigningKey } =
      await import("../../src/taskpane/signing/keyStore");
    await loadOrCreateSigningKey(db);
    await showWith(
      db,
      fakeApi({ registerActorKey: () => Promise.resolve(answer) }),
    );
    fireEvent.click(await screen.findByTestId("register-key"));
    expect(await screen.findByTestId("register-key-result")).toHaveTextContent(
      said,
    );
  });
});

test("a workbook without ActorKeysTable: the pane offers to add the table, then adds the key to it", async () => {
  const db = memoryDb();
  const { loadOrCreateSigningKey } =
    await import("../../src/taskpane/signing/keyStore");
  await loadOrCreateSigningKey(db);
  const answers = [
    { kind: "no-table" },
    { kind: "added", cell: "ACTOR_KEYS!A2" },
  ];
  const api = fakeApi({
    registerActorKey: () => Promise.resolve(answers.shift()),
  });
  const seal = await realSeal("RUN-003");
  render(
    <FluentProvider theme={webLightTheme}>
      <AnnouncerProvider>
        <SignaturePanel
          document={seal.document}
          fileName={seal.fileName}
          keyDb={db}
          api={api}
        />
      </AnnouncerProvider>
    </FluentProvider>,
  );
  fireEvent.click(await screen.findByTestId("register-key"));
  fireEvent.click(
    await screen.findByRole("button", {
      name: "Add ActorKeysTable to this workbook and my key to it",
    }),
  );
  expect(
    await screen.findByText(
      /Added to ActorKeysTable as pending \(ACTOR_KEYS!A2\)/,
    ),
  ).toBeInTheDocument();
  expect(api.createGovernanceTemplate).toHaveBeenCalledTimes(1);
  expect(api.registerActorKey).toHaveBeenCalledTimes(2);
  expect(screen.queryByTestId("create-key-table")).toBeNull();
});
