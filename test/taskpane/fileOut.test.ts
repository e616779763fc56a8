/** @jest-environment jsdom */
// Getting a file out where the clipboard API is blocked, and the support page's address.
import {
  copyText,
  supportPageUrl,
  canOpenBrowserWindow,
  isMacExcel,
} from "../../src/taskpane/fileOut";
import {
  loadActor,
  loadActorAsync,
  resetActorCache,
  saveActor,
  ACTOR_STORAGE_KEY,
} from "../../src/taskpane/actorStore";
import { carryFragment, readCarried } from "../../src/taskpane/support/carry";
import * as fs from "node:fs";
import * as path from "node:path";

// Each test starts from an empty page, empty storage and no remembered actor: jest --randomize
// runs them in any order, and the support page's test fills the body and the location's hash.
beforeEach(() => {
  document.body.innerHTML = "";
  window.location.hash = "";
  localStorage.clear();
  resetActorCache();
});

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
  delete (globalThis as Record<string, unknown>).OfficeRuntime;
  Object.defineProperty(navigator, "clipboard", {
    value: undefined,
    configurable: true,
  });
});

test("copy falls back to a hidden textarea when the clipboard API refuses, and leaves nothing behind", async () => {
  Object.defineProperty(navigator, "clipboard", {
    value: { writeText: jest.fn(() => Promise.reject(new Error("denied"))) },
    configurable: true,
  });
  let copied = "";
  document.execCommand = jest.fn((cmd: string) => {
    copied =
      cmd === "copy"
        ? ((document.activeElement as HTMLTextAreaElement | null)?.value ??
          (document.querySelector("textarea") as HTMLTextAreaElement).value)
        : "";
    return true;
  });
  await copyText('{"hash":"sha256:…"}\n');
  expect(copied).toBe('{"hash":"sha256:…"}\n');
  expect(document.querySelector("textarea")).toBeNull();
});

test("when neither way can copy, the error says what to do instead", async () => {
  document.execCommand = jest.fn(() => false);
  await expect(copyText("x")).rejects.toThrow(
    "use Download, or Export again from the Seal Log",
  );
});

test("the support page address carries the whole file in its fragment, beside the task pane (issue 10, point 10)", () => {
  const text = '{\n  "run": "RUN 1&2",\n  "note": "é – 漢字 😀 #?&="\n}\n';
  const url = new URL(
    supportPageUrl(
      { fileName: "RUN 1&2.json", hash: "sha256:ab", text },
      "https://addin.example.com/app/taskpane.html?x=1",
    ),
  );
  expect(url.origin + url.pathname).toBe(
    "https://addin.example.com/app/support.html",
  );
  expect(url.search).toBe(""); // nothing of the file reaches the server
  expect(readCarried(url.hash)).toEqual({
    fileName: "RUN 1&2.json",
    hash: "sha256:ab",
    text,
  });
});

test("the support page shows the carried file and offers its exact bytes as a download", async () => {
  document.body.innerHTML = fs
    .readFileSync(
      path.join(__dirname, "../../src/taskpane/support/support.html"),
      "utf8",
    )
    .replace(/^[\s\S]*<body>|<\/body>[\s\S]*$/g, "");
  const text = '{"run":"RUN-1","é":"ü"}\n';
  window.location.hash = carryFragment({
    fileName: "RUN-1.json",
    hash: "sha256:cd",
    text,
  });
  // The page's script fills the page as it loads: loaded afresh here, after the page and its hash.
  await jest.isolateModulesAsync(async () => {
    await import("../../src/taskpane/support/support");
  });
  expect(document.getElementById("sealed-file")!.hidden).toBe(false);
  expect(
    (document.getElementById("sealed-file-text") as HTMLTextAreaElement).value,
  ).toBe(text);
  const a = document.getElementById(
    "sealed-file-download",
  ) as HTMLAnchorElement;
  expect(a.download).toBe("RUN-1.json");
  expect(
    Buffer.from(
      a.href.replace(/^data:application\/json;base64,/, ""),
      "base64",
    ).toString("utf8"),
  ).toBe(text);
  expect(document.getElementById("sealed-file-missing")!.hidden).toBe(true);
});

test("an older link with only name and hash (query) says the content is not carried", () => {
  expect(readCarried("", "?file=RUN-1.json&hash=sha256:cd")).toEqual({
    fileName: "RUN-1.json",
    hash: "sha256:cd",
    text: null,
  });
  expect(readCarried("#file=x&text=%%%")).toEqual({
    fileName: "x",
    hash: "",
    text: null,
  });
  expect(readCarried("")).toBeNull();
});

test("openBrowserWindow is offered only where OpenBrowserWindowApi 1.1 is supported; Mac is recognised", () => {
  expect(canOpenBrowserWindow()).toBe(false);
  (globalThis as Record<string, unknown>).Office = {
    context: {
      ui: { openBrowserWindow: () => undefined },
      requirements: { isSetSupported: () => false },
      platform: "PC",
    },
    PlatformType: { Mac: "Mac" },
  };
  expect(canOpenBrowserWindow()).toBe(false);
  expect(isMacExcel()).toBe(false);
  (globalThis as Record<string, unknown>).Office = {
    context: {
      ui: { openBrowserWindow: () => undefined },
      requirements: { isSetSupported: () => true },
      platform: "Mac",
    },
    PlatformType: { Mac: "Mac" },
  };
  expect(canOpenBrowserWindow()).toBe(true);
  expect(isMacExcel()).toBe(true);
});

test("the actor is remembered trimmed; anything else stored under the key is ignored", () => {
  localStorage.clear();
  expect(loadActor()).toBeNull();
  saveActor({ name: " J. Rivera ", role: "triage-lead " });
  expect(localStorage.getItem(ACTOR_STORAGE_KEY)).toBe(
    '{"name":"J. Rivera","role":"triage-lead"}',
  );
  expect(loadActor()).toEqual({ name: "J. Rivera", role: "triage-lead" });
  localStorage.setItem(ACTOR_STORAGE_KEY, '{"name":"J. Rivera","role":""}');
  expect(loadActor()).toBeNull();
  localStorage.setItem(ACTOR_STORAGE_KEY, "not json");
  expect(loadActor()).toBeNull();
});

test("the theme follows Office: dark when Office says so or its background is dark, light otherwise", async () => {
  const { pickTheme } = await import("../../src/taskpane/theme");
  const { webDarkTheme, webLightTheme } =
    await import("@fluentui/react-components");
  expect(pickTheme()).toBe(webLightTheme);
  (globalThis as Record<string, unknown>).Office = {
    context: { officeTheme: { isDarkTheme: true } },
  };
  expect(pickTheme()).toBe(webDarkTheme);
  (globalThis as Record<string, unknown>).Office = {
    context: { officeTheme: { bodyBackgroundColor: "#262626" } },
  };
  expect(pickTheme()).toBe(webDarkTheme);
  (globalThis as Record<string, unknown>).Office = {
    context: { officeTheme: { bodyBackgroundColor: "#FFFFFF" } },
  };
  expect(pickTheme()).toBe(webLightTheme);
});

test("remembered settings: keyed by Office.context.partitionKey where Office partitions storage (issue 10, point 10)", async () => {
  localStorage.clear();
  resetActorCache();
  (globalThis as Record<string, unknown>).Office = {
    context: { partitionKey: "p-42:" },
  };
  saveActor({ name: "J. Rivera", role: "triage-lead" });
  expect(localStorage.getItem(ACTOR_STORAGE_KEY)).toBeNull();
  expect(localStorage.getItem("p-42:" + ACTOR_STORAGE_KEY)).toBe(
    '{"name":"J. Rivera","role":"triage-lead"}',
  );
  expect(await loadActorAsync()).toEqual({
    name: "J. Rivera",
    role: "triage-lead",
  });
  // An unpartitioned key is not this partition's.
  resetActorCache();
  localStorage.clear();
  localStorage.setItem(ACTOR_STORAGE_KEY, '{"name":"Other","role":"x"}');
  expect(await loadActorAsync()).toBeNull();
});

test("remembered settings: OfficeRuntime.storage first (shared runtime), which the ribbon and the pane share", async () => {
  localStorage.clear();
  resetActorCache();
  const store = new Map<string, string>();
  (globalThis as Record<string, unknown>).OfficeRuntime = {
    storage: {
      getItem: (k: string) => Promise.resolve(store.get(k) ?? null),
      setItem: (k: string, v: string) => {
        store.set(k, v);
        return Promise.resolve();
      },
    },
  };
  try {
    saveActor({ name: " M. Okafor ", role: "reviewer" });
    await Promise.resolve();
    expect(store.get(ACTOR_STORAGE_KEY)).toBe(
      '{"name":"M. Okafor","role":"reviewer"}',
    );
    localStorage.clear();
    resetActorCache();
    expect(await loadActorAsync()).toEqual({
      name: "M. Okafor",
      role: "reviewer",
    });
    expect(loadActor()).toEqual({ name: "M. Okafor", role: "reviewer" }); // what the pane reads after the entry awaited it
  } finally {
    delete (globalThis as Record<string, unknown>).OfficeRuntime;
    resetActorCache();
  }
});
