/** @jest-environment jsdom */
// Ribbon functions: every path ends with event.completed() (else Office leaves the button busy),
// and every result reaches the task pane through the bus.
import { WorkbookError, type WorkbookApi } from "../../src/workflows/api";
import {
  createCommands,
  registerCommands,
  NEED_ACTOR_MESSAGE,
  type CommandDeps,
} from "../../src/commands/commands";
import { createBus } from "../../src/taskpane/bus";
import { fakeApi, realSeal, sealedOutcome, refusedOutcome } from "./helpers";

const ACTOR = { name: "J. Rivera", role: "triage-lead" };

function setup(
  over: Partial<CommandDeps> = {},
  api: WorkbookApi | null = fakeApi(),
) {
  const bus = createBus();
  const showTaskpane = jest.fn(() => Promise.resolve(undefined));
  const deps: CommandDeps = {
    getApi: () => Promise.resolve(api),
    showTaskpane,
    bus,
    getActor: () => ACTOR,
    ...over,
  };
  const event = { completed: jest.fn() };
  return {
    commands: createCommands(deps),
    bus,
    showTaskpane: deps.showTaskpane as jest.Mock,
    event,
    api,
  };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
});

test("Seal Run seals the selected row as the remembered actor, shows the result in the task pane, completes", async () => {
  const seal = await realSeal();
  const api = fakeApi({
    sealSelectedRun: () => Promise.resolve(sealedOutcome(seal)),
  });
  const { commands, bus, showTaskpane, event } = setup({}, api);
  await commands.sealRun(event);
  expect(api.sealSelectedRun).toHaveBeenCalledWith({ actor: ACTOR });
  expect(bus.latest()).toMatchObject({
    view: "seal",
    notice: {
      kind: "seal",
      outcome: { kind: "sealed", fileName: seal.fileName },
    },
  });
  expect(showTaskpane).toHaveBeenCalledTimes(1);
  expect(event.completed).toHaveBeenCalledTimes(1);
});

test("a refusal from the ribbon reaches the task pane with its checks", async () => {
  const outcome = refusedOutcome("RUN-002", {
    not_already_sealed: "RUN-002 is already sealed",
  });
  const { commands, bus, event } = setup(
    {},
    fakeApi({ sealSelectedRun: () => Promise.resolve(outcome) }),
  );
  await commands.sealRun(event);
  expect(bus.latest()?.notice).toEqual({ kind: "seal", outcome });
  expect(event.completed).toHaveBeenCalledTimes(1);
});

test("with no actor known, Seal Run opens the task pane to ask and seals nothing", async () => {
  const api = fakeApi();
  const { commands, bus, showTaskpane, event } = setup(
    { getActor: () => null },
    api,
  );
  await commands.sealRun(event);
  expect(api.sealSelectedRun).not.toHaveBeenCalled();
  expect(bus.latest()).toMatchObject({
    view: "seal",
    notice: { kind: "need-actor", message: NEED_ACTOR_MESSAGE },
  });
  expect(showTaskpane).toHaveBeenCalledTimes(1);
  expect(event.completed).toHaveBeenCalledTimes(1);
});

test("when the api throws, its message goes to the task pane and the event still completes", async () => {
  const api = fakeApi({
    sealSelectedRun: () =>
      Promise.reject(
        new WorkbookError(
          "The selection is on the header row of LLMOutputTable: select a run's row.",
          "selection",
        ),
      ),
  });
  const { commands, bus, event } = setup({}, api);
  await commands.sealRun(event);
  expect(bus.latest()?.notice).toEqual({
    kind: "error",
    message:
      "The selection is on the header row of LLMOutputTable: select a run's row.",
  });
  expect(event.completed).toHaveBeenCalledTimes(1);
});

test("an unexpected fault is reported as one, and the event still completes", async () => {
  const { commands, bus, event } = setup(
    {},
    fakeApi({
      sealSelectedRun: () => Promise.reject(new TypeError("x is undefined")),
    }),
  );
  await commands.sealRun(event);
  expect(bus.latest()?.notice).toEqual({
    kind: "error",
    message: "Something went wrong in the add-in: x is undefined",
  });
  expect(event.completed).toHaveBeenCalledTimes(1);
});

test("when the api cannot be built, or Office will not show the pane, the event still completes", async () => {
  const failing = setup({
    getApi: () => Promise.reject(new Error("Excel.run is not a function")),
    showTaskpane: jest.fn(() => Promise.reject(new Error("no shared runtime"))),
  });
  await failing.commands.sealRun(failing.event);
  expect(failing.bus.latest()?.notice).toEqual({
    kind: "error",
    message: "Something went wrong in the add-in: Excel.run is not a function",
  });
  expect(failing.event.completed).toHaveBeenCalledTimes(1);

  const outside = setup({}, null);
  await outside.commands.sealRun(outside.event);
  expect(outside.bus.latest()?.notice).toEqual({
    kind: "error",
    message: "Open this add-in in Excel (or run `npm start` for the workbench)",
  });
  expect(outside.event.completed).toHaveBeenCalledTimes(1);
});

test("Verify and Seal Log open the task pane on their view and complete, even when showing fails", () => {
  const ok = setup();
  ok.commands.showVerify(ok.event);
  expect(ok.bus.latest()).toMatchObject({ view: "verify" });
  ok.commands.showSealLog(ok.event);
  expect(ok.bus.latest()).toMatchObject({ view: "log" });
  expect(ok.showTaskpane).toHaveBeenCalledTimes(2);
  expect(ok.event.completed).toHaveBeenCalledTimes(2);

  const failing = setup({
    showTaskpane: jest.fn(() => Promise.reject(new Error("closed"))),
  });
  failing.commands.showVerify(failing.event);
  failing.commands.showSealLog(failing.event);
  expect(failing.event.completed).toHaveBeenCalledTimes(2);
});

test("registerCommands associates the manifest's three function names, which complete their events", async () => {
  const associated: Record<string, (e: { completed(): void }) => void> = {};
  (globalThis as Record<string, unknown>).Office = {
    actions: {
      associate: (name: string, f: (e: { completed(): void }) => void) =>
        (associated[name] = f),
    },
  };
  const { commands } = setup();
  expect(registerCommands(commands)).toBe(true);
  expect(Object.keys(associated).sort()).toEqual([
    "sealRun",
    "showSealLog",
    "showVerify",
  ]);
  const event = { completed: jest.fn() };
  associated.showVerify(event);
  await new Promise((r) => setTimeout(r, 0));
  expect(event.completed).toHaveBeenCalledTimes(1);
});

test("registerCommands does nothing where Office has no actions (a plain browser)", () => {
  const { commands } = setup();
  expect(registerCommands(commands)).toBe(false);
});

test("a showAsTaskpane that never settles does not hold back event.completed (issue 10, point 2)", async () => {
  const never = () => new Promise<void>(() => undefined);
  for (const name of ["sealRun", "showVerify", "showSealLog"] as const) {
    const { commands, event, bus } = setup({ showTaskpane: jest.fn(never) });
    await commands[name](event);
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(bus.latest()).not.toBeNull();
  }
});

test("a ribbon seal that wrote to the workbook asks Office to load the add-in with it next time", async () => {
  const seal = await realSeal();
  const afterWrite = jest.fn();
  const { commands, event } = setup(
    { afterWrite },
    fakeApi({ sealSelectedRun: () => Promise.resolve(sealedOutcome(seal)) }),
  );
  await commands.sealRun(event);
  expect(afterWrite).toHaveBeenCalledTimes(1);
  const nothing = setup({ afterWrite: jest.fn(), getActor: () => null });
  await nothing.commands.sealRun(nothing.event);
  expect(nothing.event.completed).toHaveBeenCalledTimes(1);
});
