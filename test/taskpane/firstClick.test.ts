// The first ribbon click (issue 10, point 1). With a shared runtime, a click on Seal Run can be what
// starts the runtime; Office dispatches it as soon as the page registers its handlers
// (OfficeDev/office-js#5176, #3378). The page's entry registers them before the task pane's UI is
// loaded at all: here the UI (React, the pane) cannot load, and a click dispatched before any UI
// mounted still seals the selected row in the (simulated) workbook and completes.
import { createTestHost } from "@sealed-run/excel-simulator/testing";
import { ACTOR_STORAGE_KEY } from "../../src/taskpane/actorStore";
import type { TaskpaneBus } from "../../src/taskpane/bus";
import { makeBook } from "../workbook/helpers";

jest.mock("react", () => {
  throw new Error("the UI bundle has not loaded");
});
jest.mock("react-dom/client", () => {
  throw new Error("the UI bundle has not loaded");
});
jest.mock("../../src/taskpane/mount", () => {
  throw new Error("the UI bundle has not loaded");
});

type Handler = (event: { completed(): void }) => void;

afterEach(() => {
  for (const k of ["Office", "Excel", "OfficeRuntime"])
    delete (globalThis as Record<string, unknown>)[k];
});

test("a Seal Run click dispatched before the task pane's UI has mounted is handled", async () => {
  const book = makeBook(3);
  book.select("LLM_OUTPUT", "C3"); // RUN-000002
  const sim = createTestHost(book);
  const handlers = new Map<string, Handler>();
  const stored = new Map([
    [
      ACTOR_STORAGE_KEY,
      JSON.stringify({ name: "J. Rivera", role: "triage-lead" }),
    ],
  ]);
  const setStartupBehavior = jest.fn(() => Promise.resolve(undefined));
  Object.assign(globalThis, {
    Office: {
      HostType: { Excel: "Excel" },
      StartupBehavior: { load: "Load" },
      onReady: () => Promise.resolve({ host: "Excel" }),
      actions: {
        associate: (name: string, fn: Handler) => handlers.set(name, fn),
      },
      addin: {
        showAsTaskpane: () => new Promise(() => undefined),
        setStartupBehavior,
      },
      context: {
        requirements: {
          isSetSupported: (s: string, v: string) => sim.isSetSupported(s, v),
        },
      },
    },
    Excel: { run: sim.run },
    OfficeRuntime: {
      storage: {
        getItem: (k: string) => Promise.resolve(stored.get(k) ?? null),
        setItem: (k: string, v: string) => {
          stored.set(k, v);
          return Promise.resolve();
        },
      },
    },
  });

  let bus!: TaskpaneBus;
  // The entry registers the handlers as it loads: loaded afresh here, after Office is in place.
  await jest.isolateModulesAsync(async () => {
    await import("../../src/taskpane/index");
    bus = (await import("../../src/taskpane/bus")).taskpaneBus;
  });
  // Registered synchronously, by the entry alone.
  expect([...handlers.keys()].sort()).toEqual([
    "sealRun",
    "showSealLog",
    "showVerify",
  ]);

  const done = new Promise<void>((resolve) =>
    handlers.get("sealRun")!({ completed: resolve }),
  );
  await done;
  const notice = bus.latest()?.notice;
  expect(notice).toMatchObject({
    kind: "seal",
    outcome: {
      kind: "sealed",
      fileName: expect.stringMatching(/^RUN-000002_/) as unknown,
    },
  });
  expect(book.customXmlParts).toHaveLength(1);
  expect(setStartupBehavior).toHaveBeenCalledWith("Load");
});
