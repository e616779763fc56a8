// §6 PATCH_LOG chain: a log written with makeEntry verifies; any single edit, deletion, insertion
// or swap is found at the first position that differs, and named for what it is.
import { createHash } from "node:crypto";
import fc from "fast-check";
import {
  checkChain,
  checkChainSync,
  latestSeal,
  type ChainBreakKind,
} from "../../../src/core/log/chain";
import {
  computeEntryHash,
  entryHashSync,
} from "../../../src/core/log/entryHash";
import { entryId } from "../../../src/core/log/entryId";
import {
  LogCellTooLongError,
  makeEntry,
  MAX_CELL_CHARS,
} from "../../../src/core/log/newEntry";
import { PATCH_LOG_COLUMNS, type PatchLogEntry } from "../../../src/core/types";
import { buildLog } from "../fixtures";

const emptyEntry = Object.fromEntries(
  PATCH_LOG_COLUMNS.map((c) => [c, ""]),
) as PatchLogEntry;
emptyEntry.Action = "PATCH";

/** The first index where two logs differ (cell by cell). */
function firstDifference(
  a: readonly PatchLogEntry[],
  b: readonly PatchLogEntry[],
): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++)
    if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return i;
  return -1;
}

describe("a log written with makeEntry", () => {
  it("is intact, numbered PL-000001…, chained, and its head is the last EntryHash", async () => {
    const log = await buildLog(5);
    expect(log.map((e) => e.EntryID)).toEqual([
      "PL-000001",
      "PL-000002",
      "PL-000003",
      "PL-000004",
      "PL-000005",
    ]);
    expect(log[0].PrevEntryHash).toBe("");
    for (let i = 1; i < log.length; i++)
      expect(log[i].PrevEntryHash).toBe(log[i - 1].EntryHash);
    expect(await checkChain(log)).toEqual({
      intact: true,
      entries: 5,
      head: log[4].EntryHash,
    });
  });

  it("an empty log is intact with an empty head", async () => {
    expect(await checkChain([])).toEqual({
      intact: true,
      entries: 0,
      head: "",
    });
  });

  it("entryId pads to six digits", () => {
    expect([entryId(1), entryId(42), entryId(999999)]).toEqual([
      "PL-000001",
      "PL-000042",
      "PL-999999",
    ]);
  });

  it("keeps formula-looking text exactly as written", async () => {
    const e = await makeEntry([], {
      Timestamp: "t",
      Action: "PATCH",
      RunID: "R",
      Actor: '=HYPERLINK("x")',
      OldValue: "+1",
      NewValue: "-2",
      Field: "@x",
      Reason: "\tcr\r",
    });
    expect([e.Actor, e.OldValue, e.NewValue, e.Field, e.Reason]).toEqual([
      '=HYPERLINK("x")',
      "+1",
      "-2",
      "@x",
      "\tcr\r",
    ]);
    expect((await checkChain([e])).intact).toBe(true);
  });
});

describe("EntryHash", () => {
  it("is SHA-256 of the JCS of the twelve other columns (independent computation)", async () => {
    const entry: PatchLogEntry = {
      EntryID: "PL-000002",
      Timestamp: "2026-02-15T18:30:00Z",
      Action: "PATCH",
      RunID: "RUN-001",
      SealHash: "sha256:" + "ab".repeat(32),
      FileName: "",
      Actor: "J. Rivera",
      Field: "top_risks[2]",
      OldValue: "Assumption staleness",
      NewValue: "Assumption staleness — café",
      Reason: 'typo "fix"',
      PrevEntryHash: "sha256:" + "01".repeat(32),
      EntryHash: "ignored",
    };
    const expectedCanonical =
      '{"Action":"PATCH","Actor":"J. Rivera","EntryID":"PL-000002","Field":"top_risks[2]","FileName":"",' +
      '"NewValue":"Assumption staleness — café","OldValue":"Assumption staleness",' +
      `"PrevEntryHash":"sha256:${"01".repeat(32)}","Reason":"typo \\"fix\\"","RunID":"RUN-001",` +
      `"SealHash":"sha256:${"ab".repeat(32)}","Timestamp":"2026-02-15T18:30:00Z"}`;
    const hex = createHash("sha256")
      .update(Buffer.from(expectedCanonical, "utf8"))
      .digest("hex");
    expect(await computeEntryHash(entry)).toBe(`sha256:${hex}`);
  });

  it("does not depend on its own value", async () => {
    const [e] = await buildLog(1);
    expect(await computeEntryHash({ ...e, EntryHash: "" })).toBe(e.EntryHash);
  });
});

describe("makeEntry refuses a cell over 32,767 characters", () => {
  it.each(["Reason", "NewValue", "OldValue", "Actor"] as const)(
    "in %s, naming the column, entry and limit",
    async (col) => {
      const log = await buildLog(2);
      const e = {
        Timestamp: "t",
        Action: "PATCH" as const,
        RunID: "R",
        Actor: "a",
        [col]: "x".repeat(MAX_CELL_CHARS + 1),
      };
      await expect(makeEntry(log, e)).rejects.toThrow(LogCellTooLongError);
      await expect(makeEntry(log, e)).rejects.toThrow(
        `PATCH_LOG ${col} of PL-000003 would be 32768 characters; a cell holds at most 32767`,
      );
    },
  );

  it("accepts exactly 32,767", async () => {
    const e = await makeEntry([], {
      Timestamp: "t",
      Action: "PATCH",
      RunID: "R",
      Actor: "a",
      NewValue: "x".repeat(MAX_CELL_CHARS),
    });
    expect(e.NewValue).toHaveLength(MAX_CELL_CHARS);
  });
});

type Mutation =
  | {
      kind: "edit";
      index: number;
      column: (typeof PATCH_LOG_COLUMNS)[number];
      text: string;
    }
  | { kind: "delete"; index: number }
  | { kind: "copy"; from: number; at: number }
  | { kind: "fresh"; prefix: number; at: number }
  | { kind: "swap"; index: number };

const EXPECTED_KIND: Partial<Record<Mutation["kind"], ChainBreakKind>> = {
  edit: "edited",
  delete: "deleted",
  copy: "inserted",
  swap: "reordered",
};

async function apply(
  log: PatchLogEntry[],
  m: Mutation,
): Promise<PatchLogEntry[] | null> {
  const out = log.map((e) => ({ ...e }));
  switch (m.kind) {
    case "edit": {
      const e = out[m.index];
      // An Action cell only takes the three actions; any other text is "malformed" (tested apart).
      const next =
        m.column === "Action"
          ? (["SEAL", "PATCH", "REFUSED"].find((a) => a !== e.Action) as string)
          : e[m.column] + m.text;
      if (next === e[m.column]) return null;
      e[m.column] = next;
      return out;
    }
    case "delete":
      out.splice(m.index, 1);
      return out;
    case "copy":
      out.splice(m.at, 0, { ...log[m.from] });
      return out;
    case "fresh": {
      if (m.prefix === m.at) return null; // that is a fork, tested apart
      const fresh = await makeEntry(log.slice(0, m.prefix), {
        Timestamp: "2026-03-01T00:00:00Z",
        Action: "PATCH",
        RunID: "RUN-009",
        Actor: "intruder",
        Field: "kpis.summary_confidence_pct",
        OldValue: "78",
        NewValue: "99",
        Reason: "x",
      });
      out.splice(m.at, 0, fresh);
      return out;
    }
    case "swap":
      [out[m.index], out[m.index + 1]] = [out[m.index + 1], out[m.index]];
      return out;
  }
}

function mutations(n: number): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.record({
      kind: fc.constant("edit" as const),
      index: fc.nat(n - 1),
      column: fc.constantFrom(...PATCH_LOG_COLUMNS),
      text: fc.string({ minLength: 1, maxLength: 3, unit: "grapheme" }),
    }),
    fc.record({ kind: fc.constant("delete" as const), index: fc.nat(n - 2) }),
    fc.record({
      kind: fc.constant("copy" as const),
      from: fc.nat(n - 1),
      at: fc.nat(n),
    }),
    fc.record({
      kind: fc.constant("fresh" as const),
      prefix: fc.nat(n),
      at: fc.nat(n),
    }),
    fc.record({ kind: fc.constant("swap" as const), index: fc.nat(n - 2) }),
  );
}

describe("property: one change to a log is found where it happened", () => {
  let logs: PatchLogEntry[][];
  beforeAll(async () => {
    logs = [];
    for (let n = 2; n <= 30; n++) logs[n] = await buildLog(n);
  });

  it("edit, deletion, insertion (copy or fresh) and swap", async () => {
    const scenario = fc
      .integer({ min: 2, max: 30 })
      .chain((n) => fc.tuple(fc.constant(n), mutations(n)));
    await fc.assert(
      fc.asyncProperty(scenario, async ([n, m]) => {
        const log = logs[n];
        const changed = await apply(log, m);
        fc.pre(changed !== null);
        const report = await checkChain(changed);
        expect(report.intact).toBe(false);
        expect(report.firstBreak!.index).toBe(firstDifference(log, changed));
        const kind = EXPECTED_KIND[m.kind];
        if (kind) expect(report.firstBreak!.kind).toBe(kind);
        expect(report.firstBreak!.message).toContain(
          `row ${report.firstBreak!.index + 1} of the log`,
        );
      }),
      { numRuns: 400 },
    );
  });
});

describe("named breaks", () => {
  it("an edited cell names the entry and says its cells were changed", async () => {
    const log = await buildLog(4);
    log[2] = { ...log[2], NewValue: "changed" };
    const r = await checkChain(log);
    expect(r.firstBreak).toMatchObject({
      index: 2,
      entryId: "PL-000003",
      kind: "edited",
    });
    expect(r.firstBreak!.message).toMatch(
      /^PL-000003 \(row 3 of the log\): its cells were changed after it was written \(they hash to sha256:[0-9a-f]{64}, the entry says sha256:/,
    );
  });

  it("an Action that is not SEAL, PATCH or REFUSED is malformed", async () => {
    const log = await buildLog(3);
    log[1] = { ...log[1], Action: "Seal" };
    const r = await checkChain(log);
    expect(r.firstBreak).toMatchObject({
      index: 1,
      kind: "malformed",
      message:
        'PL-000002 (row 2 of the log): Action "Seal" is not SEAL, PATCH or REFUSED',
    });
  });

  it("a copy of a later entry inserted earlier is an insertion, not a reordering", async () => {
    const log = await buildLog(5);
    const changed = [log[0], { ...log[3] }, ...log.slice(1)];
    const r = await checkChain(changed);
    expect(r.firstBreak).toMatchObject({ index: 1, kind: "inserted" });
    expect(r.firstBreak!.message).toContain("a copy of PL-000004");
  });

  it("two entries made against the same prefix (co-authoring) fork", async () => {
    const log = await buildLog(3);
    const a = await makeEntry(log, {
      Timestamp: "2026-03-01T00:00:00Z",
      Action: "PATCH",
      RunID: "RUN-001",
      Actor: "A",
      Reason: "mine",
    });
    const b = await makeEntry(log, {
      Timestamp: "2026-03-01T00:00:01Z",
      Action: "PATCH",
      RunID: "RUN-001",
      Actor: "B",
      Reason: "theirs",
    });
    expect(a.PrevEntryHash).toBe(b.PrevEntryHash);
    const r = await checkChain([...log, a, b]);
    expect(r.intact).toBe(false);
    expect(r.firstBreak).toMatchObject({
      index: 4,
      entryId: "PL-000004",
      kind: "forked",
    });
    expect(r.firstBreak!.message).toContain("both follow the same entry");
  });

  it("an entry whose EntryID is out of sequence but whose chain holds is reported", async () => {
    const log = await buildLog(2);
    const odd = await makeEntry(log, {
      Timestamp: "t",
      Action: "REFUSED",
      RunID: "R",
      Actor: "a",
    });
    const renumbered = { ...odd, EntryID: "PL-000009" };
    renumbered.EntryHash = await computeEntryHash(renumbered);
    const r = await checkChain([...log, renumbered]);
    expect(r.firstBreak).toMatchObject({ index: 2, kind: "inserted" });
    expect(r.firstBreak!.message).toContain(
      'EntryID "PL-000009" is out of sequence (expected PL-000003)',
    );
  });

  // The check compares EntryIDs digit by digit instead of building entryId(n): every near miss
  // must still be out of sequence, and the comparison must agree with entryId at every position.
  it.each([
    "PL-00003",
    "PL-0000003",
    "pl-000003",
    "PL_000003",
    " PL-00003",
    "PL-00003 ",
    "PL-0x0003",
    "PL-00 003",
    "PL-00000\u0663",
    "PL-+00003",
    "PL-00003.",
    "",
  ])("EntryID %j in third place is out of sequence", async (id) => {
    const log = await buildLog(2);
    const odd = {
      ...(await makeEntry(log, {
        Timestamp: "t",
        Action: "PATCH",
        RunID: "R",
        Actor: "a",
      })),
      EntryID: id,
    };
    odd.EntryHash = await computeEntryHash(odd);
    const r = await checkChain([...log, odd]);
    expect(r.firstBreak).toMatchObject({ index: 2, kind: "inserted" });
    expect(r.firstBreak!.message).toContain("(expected PL-000003)");
  });

  it("EntryIDs agree with entryId at any position, past a million too", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 1, max: 2_000_000 }),
        (start, n) => {
          // One entry checked as if `start` entries came before it: in sequence exactly when it is entryId(start + 1).
          const entry: PatchLogEntry = {
            ...emptyEntry,
            EntryID: entryId(n),
            PrevEntryHash: "p",
          };
          entry.EntryHash = entryHashSync(entry);
          expect(
            checkChainSync([entry], [], { index: start, prevHash: "p" }).intact,
          ).toBe(n === start + 1);
        },
      ),
      { numRuns: 300 },
    );
    const at = (start: number) => {
      const entry: PatchLogEntry = {
        ...emptyEntry,
        EntryID: entryId(start + 1),
        PrevEntryHash: "p",
      };
      entry.EntryHash = entryHashSync(entry);
      return checkChainSync([entry], [], { index: start, prevHash: "p" })
        .intact;
    };
    for (const start of [
      0, 8, 9, 99_999, 999_998, 999_999, 1_000_000, 9_999_999,
    ])
      expect(at(start)).toBe(true);
  });

  it("a second first entry (both with an empty PrevEntryHash) forks the log", async () => {
    const log = await buildLog(3);
    const restart = await makeEntry([], {
      Timestamp: "t",
      Action: "SEAL",
      RunID: "R",
      Actor: "a",
    });
    const r = await checkChain([log[0], restart, log[1], log[2]]);
    expect(r.firstBreak).toMatchObject({ index: 1, kind: "forked" });
  });

  it("deleting the first entry is a deletion at row 1", async () => {
    const log = await buildLog(3);
    const r = await checkChain(log.slice(1));
    expect(r.firstBreak).toMatchObject({ index: 0, kind: "deleted" });
    expect(r.firstBreak!.message).toContain("entries before it were deleted");
  });
});

describe("a cut tail", () => {
  it("is intact alone but fails with kind cut against a seal's recorded head", async () => {
    const log = await buildLog(6);
    for (const keep of [0, 1, 3, 5]) {
      const cut = log.slice(0, keep);
      expect((await checkChain(cut)).intact).toBe(true);
      const r = await checkChain(cut, [
        { head: log[5].EntryHash, recordedBy: "RUN-004_20260301T101500Z.json" },
      ]);
      expect(r.intact).toBe(false);
      expect(r.firstBreak).toMatchObject({ index: keep, kind: "cut" });
      expect(r.firstBreak!.message).toBe(
        `RUN-004_20260301T101500Z.json names log head ${log[5].EntryHash}, which is no longer in the log: entries were deleted from its end`,
      );
    }
  });

  it("heads still in the log, and the empty head of a seal made on an empty log, pass", async () => {
    const log = await buildLog(4);
    const heads = [log[1], log[3]].map((e, i) => ({
      head: e.EntryHash,
      recordedBy: `seal${i}.json`,
    }));
    expect(
      (
        await checkChain(log, [
          ...heads,
          { head: "", recordedBy: "first.json" },
        ])
      ).intact,
    ).toBe(true);
  });
});

describe("latestSeal", () => {
  it("finds the last SEAL of a run, ignoring PATCH and REFUSED entries and other runs", async () => {
    const log: PatchLogEntry[] = [];
    const add = async (
      Action: "SEAL" | "PATCH" | "REFUSED",
      RunID: string,
      SealHash = "",
    ) =>
      log.push(
        await makeEntry(log, {
          Timestamp: "t",
          Action,
          RunID,
          SealHash,
          Actor: "a",
        }),
      );
    await add("SEAL", "RUN-001", "sha256:1");
    await add("SEAL", "RUN-002", "sha256:2");
    await add("SEAL", "RUN-001", "sha256:3");
    await add("PATCH", "RUN-001", "sha256:3");
    await add("REFUSED", "RUN-001");
    expect(latestSeal(log, "RUN-001")?.SealHash).toBe("sha256:3");
    expect(latestSeal(log, "RUN-002")?.EntryID).toBe("PL-000002");
    expect(latestSeal(log, "RUN-003")).toBeUndefined();
  });
});
