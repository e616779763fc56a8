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
  saveActor,
  ACTOR_STORAGE_KEY,
} from "../../src/taskpane/actorStore";

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
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

test("the support page address carries the file name and hash, encoded, beside the task pane", () => {
  const url = new URL(
    supportPageUrl(
      "RUN 1&2.json",
      "sha256:ab",
      "https://addin.example.com/app/taskpane.html?x=1",
    ),
  );
  expect(url.origin + url.pathname).toBe(
    "https://addin.example.com/app/support.html",
  );
  expect(url.searchParams.get("file")).toBe("RUN 1&2.json");
  expect(url.searchParams.get("hash")).toBe("sha256:ab");
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
