// A verified checkpoint (count and head) lets the chain be checked from it on: checkChain with a
// start, checkLog over a VerifiedLog, and makeEntryAfter chain exactly as over the whole log.
import { checkChain } from "../../../src/core/log/chain";
import { makeEntry, makeEntryAfter } from "../../../src/core/log/newEntry";
import {
  checkLog,
  logEnd,
  type VerifiedLog,
} from "../../../src/core/log/state";
import type { PatchLogEntry } from "../../../src/core/types";
import { buildLog } from "../fixtures";

function verified(log: PatchLogEntry[], count: number): VerifiedLog {
  return {
    verifiedCount: count,
    verifiedHead: log[count - 1].EntryHash,
    tail: log.slice(count - 1),
    latestSeal: () => undefined,
  };
}

const NEXT = {
  Timestamp: "2026-03-01T00:00:00Z",
  Action: "REFUSED" as const,
  RunID: "RUN-009",
  Actor: "J. Rivera",
  Reason: "dates_valid",
};

test("makeEntryAfter({count, head}) is makeEntry over the whole log", async () => {
  const log = await buildLog(7);
  expect(
    await makeEntryAfter({ count: 7, head: log[6].EntryHash }, NEXT),
  ).toEqual(await makeEntry(log, NEXT));
  expect(await makeEntryAfter({ count: 0, head: "" }, NEXT)).toEqual(
    await makeEntry([], NEXT),
  );
  expect(logEnd(verified(log, 4))).toEqual({
    count: 7,
    head: log[6].EntryHash,
  });
});

test("a chain checked from a start gives the whole log's report, positions included", async () => {
  const log = await buildLog(12);
  const whole = await checkChain(log);
  const part = await checkChain(log.slice(5), [], {
    index: 5,
    prevHash: log[4].EntryHash,
  });
  expect(part).toEqual(whole);
  const edited = log.map((e, i) => (i === 8 ? { ...e, Reason: "changed" } : e));
  const full = await checkChain(edited);
  const fromCheckpoint = await checkLog(verified(edited, 6));
  expect(fromCheckpoint.firstBreak).toEqual(full.firstBreak);
  expect(fromCheckpoint.firstBreak).toMatchObject({
    index: 8,
    entryId: "PL-000009",
    kind: "edited",
  });
  // Deleted right after the checkpoint's entry, and renumbered entries, show as in a full check.
  const cut = [...log.slice(0, 6), ...log.slice(7)];
  expect((await checkLog(verified(cut, 6))).firstBreak).toMatchObject({
    index: 6,
    kind: "deleted",
  });
});

test("a checkpoint whose entry no longer has its head breaks; the prefix before it is trusted", async () => {
  const log = await buildLog(10);
  const v = verified(log, 6);
  expect(
    await checkLog({ ...v, verifiedHead: log[2].EntryHash }),
  ).toMatchObject({ intact: false, firstBreak: { index: 5, kind: "edited" } });
  expect(await checkLog({ ...v, tail: [] })).toMatchObject({
    intact: false,
    firstBreak: { kind: "cut" },
  });
  const early = log.map((e, i) => (i === 1 ? { ...e, Reason: "changed" } : e));
  expect((await checkLog(verified(early, 6))).intact).toBe(true);
  expect((await checkChain(early)).intact).toBe(false);
});

test("kept seals logged in the tail must name a head in it; heads before it are trusted", async () => {
  const log = await buildLog(10);
  const seal = log[6]; // a SEAL entry (i % 3 === 0)
  expect(seal.Action).toBe("SEAL");
  const v = verified(log, 5);
  expect(
    (
      await checkLog(v, [
        {
          head: log[5].EntryHash,
          recordedBy: "x.json",
          sealHash: seal.SealHash,
        },
      ])
    ).intact,
  ).toBe(true);
  expect(
    (
      await checkLog(v, [
        {
          head: "sha256:" + "0".repeat(64),
          recordedBy: "old.json",
          sealHash: "sha256:" + "e".repeat(64),
        },
      ])
    ).intact,
  ).toBe(true);
  expect(
    await checkLog(v, [
      {
        head: "sha256:" + "0".repeat(64),
        recordedBy: "x.json",
        sealHash: seal.SealHash,
      },
    ]),
  ).toMatchObject({ intact: false, firstBreak: { kind: "cut" } });
});
