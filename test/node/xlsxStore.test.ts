// The CLI's workbook store against the add-in's: the same workbook sealed through Office.js (the
// simulator, which enforces Excel's rules) and through the workbook file store (the model the CLI
// loads, no Office.js) must give the same outcome and leave the same workbook behind: the same
// log cells with the same number formats and quote prefixes, the same tables, protection and kept
// seals. Each case is a state of PATCH_LOG the add-in handles: missing, present, half-created,
// protected, with something below it, of another layout.
import type { SimWorkbook } from "@sealed-run/workbook-model";
import {
  createStoreApi,
  type SealOptions,
  type SealOutcome,
} from "../../src/workflows";
import { xlsxStore } from "../../src/node/xlsxStore";
import {
  exportSpki,
  generateKeyPair,
  signSeal,
  type Signer,
} from "../../src/core/sign";
import { ACTOR, CLOCK, loadSample, makeBook, open } from "../workbook/helpers";

type Setup = () => Promise<SimWorkbook>;

const sample: Setup = async () => (await loadSample()).book;

/** Everything a seal may have changed, cell by cell. */
function state(book: SimWorkbook) {
  return {
    sheets: book.liveSheets.map((s) => {
      const used = s.usedRect();
      const cells: unknown[] = [];
      if (used)
        for (let r = used.r0; r <= used.r1; r++)
          for (let c = used.c0; c <= used.c1; c++) {
            const v = s.cell(s.address({ r0: r, c0: c, r1: r, c1: c }));
            cells.push([v.address, v.value, v.numberFormat, v.quotePrefix]);
          }
      return { name: s.name, protected: s.protection.protected, cells };
    }),
    tables: book.liveTables.map((t) => ({
      name: t.name,
      sheet: t.sheet.name,
      rect: t.rect,
      totals: t.showTotals,
    })),
    parts: book.liveParts.map((p) => p.xml),
  };
}

/** Seal `runId` both ways, each on its own copy of the workbook; returns both outcomes (or errors) and workbooks. */
async function bothWays(
  setup: Setup,
  runId: string,
  opts: Partial<SealOptions> = {},
) {
  const seal = { actor: ACTOR, now: CLOCK, ...opts };
  const addin = open(await setup());
  const file = await setup();
  const settle = (p: Promise<SealOutcome>) =>
    p.then(
      // The undo notice is the add-in's own (Excel's undo history): not a store's outcome.
      (o: SealOutcome) => ({
        ok: o.kind === "sealed" ? { ...o, undoNotice: undefined } : o,
      }),
      (e: Error & { code?: string }) => ({
        error: { message: e.message, code: e.code },
      }),
    );
  return {
    addin: {
      book: addin.book,
      result: await settle(addin.api.sealRun(runId, seal)),
    },
    file: {
      book: file,
      result: await settle(
        createStoreApi(xlsxStore(file)).sealRun(runId, seal),
      ),
    },
  };
}

async function expectSame(
  setup: Setup,
  runId: string,
  opts: Partial<SealOptions> = {},
) {
  const { addin, file } = await bothWays(setup, runId, opts);
  expect(file.result).toEqual(addin.result);
  expect(state(file.book)).toEqual(state(addin.book));
  return addin;
}

describe("the workbook file store writes what the add-in writes", () => {
  test("a workbook without PATCH_LOG: the sheet and table are created, the seal kept", async () => {
    const a = await expectSame(sample, "RUN-002");
    expect("ok" in a.result && a.result.ok.kind).toBe("sealed");
    expect(a.book.findTable("PatchLogTable")).toBeDefined();
  });

  test("a second seal appends below the first and moves the checkpoint", async () => {
    const once: Setup = async () => {
      const b = await sample();
      await createStoreApi(xlsxStore(b)).sealRun("RUN-001", {
        actor: ACTOR,
        now: CLOCK,
      });
      return b;
    };
    const a = await expectSame(once, "RUN-003");
    expect(a.book.sheet("PATCH_LOG").values("O1:O2")).toEqual([
      ["Chain verified through (entries|EntryHash)"],
      [expect.stringMatching(/^2\|sha256:/)],
    ]);
  });

  test("a run sealed already: the REFUSED entry, and a new version with its reason", async () => {
    const once: Setup = async () => {
      const b = await sample();
      await createStoreApi(xlsxStore(b)).sealRun("RUN-001", {
        actor: ACTOR,
        now: CLOCK,
      });
      return b;
    };
    const refused = await expectSame(once, "RUN-001");
    expect("ok" in refused.result && refused.result.ok.kind).toBe("refused");
    const again = await expectSame(once, "RUN-001", {
      newVersionReason: "corrected TopRisks",
    });
    expect("ok" in again.result && again.result.ok.logEntry?.Reason).toBe(
      "corrected TopRisks",
    );
  });

  test("an actor that looks like a formula, or starts with an apostrophe, stays text", async () => {
    await expectSame(sample, "RUN-002", {
      actor: { name: "=HYPERLINK(1)", role: "-ops" },
    });
    await expectSame(sample, "RUN-002", {
      actor: { name: "'quoted", role: "+1" },
    });
  });

  test("cells under the log are moved down, never overwritten", async () => {
    const below: Setup = async () => {
      const b = await sample();
      await createStoreApi(xlsxStore(b)).sealRun("RUN-001", {
        actor: ACTOR,
        now: CLOCK,
      });
      b.sheet("PATCH_LOG").setCells("A3:B3", [["kept note", 7]]);
      return b;
    };
    const a = await expectSame(below, "RUN-002");
    expect(a.book.sheet("PATCH_LOG").values("A4:B4")).toEqual([
      ["kept note", 7],
    ]);
  });

  test("a PATCH_LOG left half-created (its header row only, or an unnamed table of it) is finished", async () => {
    const header = [
      "EntryID",
      "Timestamp",
      "Action",
      "RunID",
      "SealHash",
      "FileName",
      "Actor",
      "Field",
      "OldValue",
      "NewValue",
      "Reason",
      "PrevEntryHash",
      "EntryHash",
    ];
    const headerOnly: Setup = async () => {
      const b = await sample();
      b.addSheet("PATCH_LOG").setCells("A1:M1", [header]);
      return b;
    };
    await expectSame(headerOnly, "RUN-002");
    const unnamed: Setup = async () => {
      const b = await headerOnly();
      b.addTable("PATCH_LOG", "A1:M1", { name: "Table9" });
      return b;
    };
    const a = await expectSame(unnamed, "RUN-002");
    expect(a.book.findTable("Table9")).toBeUndefined();
  });

  test("a log protected without a password is unprotected for the append and protected again", async () => {
    const guarded: Setup = async () => {
      const b = await sample();
      await createStoreApi(xlsxStore(b)).sealRun("RUN-001", {
        actor: ACTOR,
        now: CLOCK,
      });
      expect(b.sheet("PATCH_LOG").protection.protected).toBe(true);
      return b;
    };
    const a = await expectSame(guarded, "RUN-002");
    expect(a.book.sheet("PATCH_LOG").protection.protected).toBe(true);
  });

  test("a log protected with a password: the same refusal, and nothing kept", async () => {
    const locked: Setup = async () => {
      const b = await sample();
      await createStoreApi(xlsxStore(b)).sealRun("RUN-001", {
        actor: ACTOR,
        now: CLOCK,
      });
      const s = b.sheet("PATCH_LOG");
      b.passwordSpinCount = 1; // the hash's cost is not what is tested
      s.unprotect();
      s.protect({}, "s3cret");
      return b;
    };
    const { addin, file } = await bothWays(locked, "RUN-002");
    expect(file.result).toEqual({
      error: {
        code: "log-protected",
        message:
          "Storing the seal and its log entry: the sheet PATCH_LOG is protected with a password. Unprotect it (Review > Unprotect Sheet), then try again. Nothing was changed.",
      },
    });
    expect(file.result).toEqual(addin.result);
    expect(file.book.liveParts).toHaveLength(1); // the first seal's only
    expect(state(file.book)).toEqual(state(addin.book));
  });

  test("logs that cannot take entries are refused with the add-in's message, unchanged", async () => {
    const totals: Setup = async () => {
      const b = await sample();
      await createStoreApi(xlsxStore(b)).sealRun("RUN-001", {
        actor: ACTOR,
        now: CLOCK,
      });
      b.table("PatchLogTable").showTotals = true;
      return b;
    };
    const other: Setup = async () => {
      const b = await sample();
      b.addSheet("PATCH_LOG").setCells("B3", [["Notes kept by hand"]]);
      return b;
    };
    const layout: Setup = async () => {
      const b = await sample();
      b.addSheet("PATCH_LOG").setCells("A1:C2", [
        ["When", "Who", "What"],
        ["2026-01-01", "ops", "manual note"],
      ]);
      b.addTable("PATCH_LOG", "A1:C2", { name: "PatchLogTable" });
      return b;
    };
    for (const [setup, says] of [
      [
        totals,
        "PatchLogTable on PATCH_LOG cannot take new entries: it has a total row.",
      ],
      [
        other,
        "The sheet PATCH_LOG exists but has no table named PatchLogTable.",
      ],
      [layout, "PATCH_LOG has columns When, Who, What;"],
    ] as const) {
      const { addin, file } = await bothWays(setup, "RUN-002");
      const refused = "error" in file.result ? file.result.error : null;
      expect(refused?.code).toBe("log-layout");
      expect(refused?.message).toContain(says);
      expect(file.result).toEqual(addin.result);
      expect(state(file.book)).toEqual(state(addin.book));
    }
  });

  test("a generated workbook in the 1904 date system seals the same", async () => {
    await expectSame(
      () => Promise.resolve(makeBook(3, { date1904: true, name: "Mac.xlsx" })),
      "RUN-000002",
    );
  });
});

describe("the workbook file store reads what the add-in reads", () => {
  test("the log view and the kept seals", async () => {
    const b = await sample();
    const api = createStoreApi(xlsxStore(b));
    await api.sealRun("RUN-001", { actor: ACTOR, now: CLOCK });
    await api.sealRun("RUN-002", { actor: ACTOR, now: CLOCK });
    const addin = open(b).api;
    expect(await api.readLog()).toEqual(await addin.readLog());
    const kept = await api.listStoredSeals();
    expect(kept).toEqual(await addin.listStoredSeals());
    expect(kept).toHaveLength(2);
    expect(await api.fetchStoredSeal(kept[1].id)).toEqual(
      await addin.fetchStoredSeal(kept[1].id),
    );
    await expect(api.fetchStoredSeal("no-such-part")).rejects.toMatchObject({
      code: "no-seal",
    });
  });

  test("a workbook file has no selection to seal", async () => {
    await expect(
      xlsxStore(await sample()).snapshot({ selection: true }),
    ).rejects.toThrow("a workbook file has no selection to seal");
  });
});

describe("signatures kept in a workbook file", () => {
  test("kept as the add-in keeps them, and ActorKeysTable read as the add-in reads it", async () => {
    const pair = await generateKeyPair(false);
    const signer: Signer = {
      privateKey: pair.privateKey,
      spki: await exportSpki(pair.publicKey),
    };
    const sealed = async () => {
      const b = await sample();
      const out = await createStoreApi(xlsxStore(b)).sealRun("RUN-001", {
        actor: ACTOR,
        now: CLOCK,
      });
      if (out.kind !== "sealed") throw new Error(out.reason);
      return { b, doc: out.document, fileName: out.fileName };
    };
    const addin = await sealed();
    const file = await sealed();
    const envelope = await signSeal(file.doc, file.fileName, signer);
    const fileApi = createStoreApi(xlsxStore(file.b));
    const addinApi = open(addin.b).api;
    const kept = await fileApi.keepSignature(file.doc, file.fileName, envelope);
    expect(kept).toMatchObject({ kind: "kept" });
    expect(
      await addinApi.keepSignature(addin.doc, addin.fileName, envelope),
    ).toMatchObject({ kind: "kept", keyId: kept.keyId });
    expect(state(file.b)).toEqual(state(addin.b));
    expect(
      await fileApi.keepSignature(file.doc, file.fileName, envelope),
    ).toEqual({ ...kept, kind: "already-kept" });
    expect(await fileApi.readActorKeys()).toEqual(
      await addinApi.readActorKeys(),
    );
    expect(await fileApi.checkKeptSignature(file.doc)).toEqual(
      await addinApi.checkKeptSignature(addin.doc),
    );
    expect(await xlsxStore(file.b).keptSignatures()).toEqual([
      expect.objectContaining({
        sealHash: file.doc.hash,
        keyId: kept.keyId,
        envelope,
      }),
    ]);
  });
});

describe("registering a key in a workbook file", () => {
  test("the same rows, cells, formats and answers as the add-in: added, listed already, no table", async () => {
    const keys: Uint8Array[] = [];
    for (let i = 0; i < 2; i++)
      keys.push(await exportSpki((await generateKeyPair(false)).publicKey));
    const steps: [string, Uint8Array][] = [
      ["J. Rivera", keys[0]], // fills the table's one empty row
      ["=M. Chen", keys[1]], // a row below it; an actor Excel would take for a formula stays text
      ["J. Rivera", keys[0]], // listed already
      ["A. Nobody", keys[1]], // listed already, for someone else
    ];
    const kinds: string[][] = [];
    for (const setup of [sample, () => Promise.resolve(makeBook(1))]) {
      const addin = open(await setup());
      const file = await setup();
      const fileApi = createStoreApi(xlsxStore(file));
      const said: string[] = [];
      for (const [actor, spki] of steps) {
        const a = await addin.api.registerActorKey(actor, spki, CLOCK);
        expect(await fileApi.registerActorKey(actor, spki, CLOCK)).toEqual(a);
        expect(state(file)).toEqual(state(addin.book));
        said.push("cell" in a ? `${a.kind} ${a.cell}` : a.kind);
      }
      expect(await fileApi.readActorKeys()).toEqual(
        await addin.api.readActorKeys(),
      );
      kinds.push(said);
    }
    expect(kinds).toEqual([
      [
        "added ACTOR_KEYS!A2",
        "added ACTOR_KEYS!A3",
        "exists ACTOR_KEYS!A2",
        "exists ACTOR_KEYS!A3",
      ],
      ["no-table", "no-table", "no-table", "no-table"],
    ]);
  });

  test("a protected ACTOR_KEYS sheet: refused by both, nothing changed", async () => {
    const spki = await exportSpki((await generateKeyPair(false)).publicKey);
    const guarded = async () => {
      const b = await sample();
      b.sheet("ACTOR_KEYS").protect({});
      return b;
    };
    const addin = open(await guarded());
    const file = await guarded();
    await expect(
      addin.api.registerActorKey(ACTOR.name, spki, CLOCK),
    ).rejects.toMatchObject({ code: "log-protected" });
    await expect(
      createStoreApi(xlsxStore(file)).registerActorKey(ACTOR.name, spki, CLOCK),
    ).rejects.toThrow(
      "the sheet ACTOR_KEYS is protected, so ActorKeysTable cannot take a row",
    );
    expect(state(file)).toEqual(state(addin.book));
  });
});
