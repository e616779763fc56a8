// The log as one model: PATCH_LOG.csv and a workbook's PatchLogTable are two stores behind the
// core's LogStore. Read gives the core's LogState (entries, count, head, checkpoint, problems);
// append follows the log as read, or refuses.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { logStateOf, makeEntry, type PatchLogEntry } from "../../src/core";
import { csvLogStore, LogChangedError } from "../../src/node/patchLogCsv";
import { xlsxStore } from "../../src/node/xlsxStore";
import { createStoreApi } from "../../src/workflows";
import { ledgerLogStore } from "../../src/workflows/ledgerLog";
import { buildLog } from "../core/fixtures";
import { ACTOR, CLOCK, loadSample } from "../workbook/helpers";

const dirs: string[] = [];
afterAll(() =>
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })),
);
function logFile(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "logstores-"));
  dirs.push(d);
  return path.join(d, "PATCH_LOG.csv");
}

const next = (log: readonly PatchLogEntry[], run: string) =>
  makeEntry(log, {
    Timestamp: "2026-03-01T00:00:00Z",
    Action: "REFUSED",
    RunID: run,
    Actor: "=J. Rivera",
    Reason: "dates_valid",
  });

describe("logStateOf", () => {
  test("counts the entries and names the head, of a whole log and of an empty one", async () => {
    const log = await buildLog(3);
    expect(logStateOf(log)).toEqual({
      entries: log,
      count: 3,
      head: log[2].EntryHash,
      checkpoint: null,
      problems: [],
    });
    expect(logStateOf([], { count: 1, head: "sha256:x" }, ["no room"])).toEqual(
      {
        entries: [],
        count: 0,
        head: "",
        checkpoint: { count: 1, head: "sha256:x" },
        problems: ["no room"],
      },
    );
  });
});

describe("PATCH_LOG.csv as a LogStore", () => {
  test("a missing file reads as an empty log; entries appended together read back as written", async () => {
    const file = logFile();
    const store = csvLogStore(file);
    const empty = await store.read();
    expect(empty).toMatchObject({ entries: [], count: 0, head: "" });
    const a = await next([], "RUN-001");
    const b = await next([a], "RUN-002");
    expect(await store.append([a, b])).toEqual([]);
    const again = await store.read();
    expect(again.entries).toEqual([a, b]);
    expect(again.head).toBe(b.EntryHash);
    const c = await next(again.entries, "RUN-003");
    await store.append([c]);
    expect((await csvLogStore(file).read()).entries).toEqual([a, b, c]);
  });

  test("an append without a read first is refused, and nothing is written", async () => {
    const file = logFile();
    await expect(
      csvLogStore(file).append([await next([], "RUN-001")]),
    ).rejects.toThrow("read the log before appending to it");
    expect(fs.existsSync(file)).toBe(false);
  });

  test("an append after the file changed is refused (LogChangedError), and the other writer's entry stays", async () => {
    const file = logFile();
    const mine = csvLogStore(file);
    await mine.read();
    const theirs = csvLogStore(file);
    await theirs.read();
    const first = await next([], "RUN-001");
    await theirs.append([first]);
    await expect(
      mine.append([await next([], "RUN-002")]),
    ).rejects.toBeInstanceOf(LogChangedError);
    expect((await csvLogStore(file).read()).entries).toEqual([first]);
  });

  test("the lock check runs before anything is written", async () => {
    const file = logFile();
    const store = csvLogStore(file, {
      beforeWrite: () => {
        throw new Error("lock lost");
      },
    });
    await store.read();
    await expect(store.append([await next([], "RUN-001")])).rejects.toThrow(
      "lock lost",
    );
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe("a workbook's PATCH_LOG as a LogStore", () => {
  test("reads the log with its problems, and appends after it with the checkpoint", async () => {
    const book = (await loadSample()).book;
    const store = xlsxStore(book);
    await createStoreApi(store).sealRun("RUN-001", {
      actor: ACTOR,
      now: CLOCK,
    });
    const ledger = ledgerLogStore(store, "Appending");
    const log = await ledger.read();
    expect(log).toMatchObject({ count: 1, problems: [] });
    const e = await next(log.entries, "RUN-009");
    expect(await ledger.append([e], { count: 2, head: e.EntryHash })).toEqual(
      [],
    );
    expect((await ledger.read()).entries).toEqual([...log.entries, e]);
    expect(book.sheet("PATCH_LOG").values("O2")).toEqual([
      [`2|${e.EntryHash}`],
    ]);
    book.table("PatchLogTable").showTotals = true;
    expect((await ledger.read()).problems).toEqual([
      expect.stringContaining("it has a total row"),
    ]);
  });

  test("an append without a read first is refused", async () => {
    const ledger = ledgerLogStore(
      xlsxStore((await loadSample()).book),
      "Appending",
    );
    await expect(
      ledger.append([await next([], "RUN-001")]),
    ).rejects.toMatchObject({
      code: "log-layout",
      message: "Appending: PATCH_LOG was not read before appending to it.",
    });
  });
});
