// §2 verify: any seal the core makes verifies and replays admissible; any change of a value breaks
// the hash; whitespace, indentation and member order never do; unreadable input is "invalid" with
// a reason, never a crash.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { sealRun } from "../../../src/core/seal/build";
import {
  computeSealHash,
  hashedText,
  verifyBytes,
  verifyDocument,
} from "../../../src/core/seal/verify";
import { replayBytes } from "../../../src/core/seal/replay";
import { canonicalize } from "../../../src/core/json/canonical";
import { ERROR_LITERALS } from "../../../src/core/row";
import type { SealedRun, SourceRecord } from "../../../src/core/types";
import {
  clone,
  csvSource,
  encode,
  excelSealRequest,
  excelSource,
  sealOk,
  sealRequest,
} from "../fixtures";

// ---- generated rows -------------------------------------------------------------------------

const item = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 16 })
  .map((s) => s.trim())
  .filter((s) => s !== "" && !s.includes(";"));
const list = fc.array(item, { maxLength: 5 });
const isoDay = fc
  .integer({
    min: Date.UTC(1900, 2, 1) / 86400000,
    max: Date.UTC(9999, 11, 31) / 86400000,
  })
  .map((d) => new Date(d * 86400000).toISOString().slice(0, 10));
const serialOf = (iso: string): number =>
  (Date.parse(iso) - Date.UTC(1899, 11, 30)) / 86400000;

interface GeneratedRow {
  runId: string;
  session: string;
  next: string;
  operator: string;
  model: string;
  risks: string[];
  actions: string[];
  updates: string[];
  hundredths: number;
  style: "plain" | "fixed" | "percent";
  excel: boolean;
}

const rows: fc.Arbitrary<GeneratedRow> = fc.record({
  runId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,40}$/),
  session: isoDay,
  next: isoDay,
  operator: fc.string({ unit: "grapheme", maxLength: 30 }),
  model: fc.string({ unit: "binary", maxLength: 20 }),
  risks: list,
  actions: list,
  updates: list,
  hundredths: fc.integer({ min: 0, max: 10000 }),
  style: fc.constantFrom<"plain" | "fixed" | "percent">(
    "plain",
    "fixed",
    "percent",
  ),
  excel: fc.boolean(),
});

function sourceOf(r: GeneratedRow): SourceRecord {
  const pct = r.hundredths / 100;
  const text = {
    RunID: r.runId,
    Operator: r.operator,
    Model: r.model,
    TopRisks: r.risks.join("; "),
    TopActions: r.actions.join(";"),
    SuggestedUpdates: r.updates.join(" ;  "),
  };
  if (r.excel) {
    const s = excelSource({
      ...text,
      SessionDate: serialOf(r.session),
      NextReviewDate: serialOf(r.next),
      SummaryConfidence_pct: r.hundredths / 10000,
    });
    s.number_formats![7] = "0.00%";
    return s;
  }
  const conf =
    r.style === "plain"
      ? String(pct)
      : r.style === "fixed"
        ? pct.toFixed(2)
        : `${pct}%`;
  return csvSource({
    ...text,
    SessionDate: r.session,
    NextReviewDate: r.next,
    SummaryConfidence_pct: conf,
  });
}

const isErrorLiteral = (s: string) =>
  (ERROR_LITERALS as readonly string[]).includes(s.trim());

describe("property: every seal verifies and replays admissible", () => {
  it("over generated rows (CSV and Excel table)", async () => {
    await fc.assert(
      fc.asyncProperty(rows, async (r) => {
        const source = sourceOf(r);
        fc.pre(
          !source.values.some(
            (v) => typeof v === "string" && isErrorLiteral(v),
          ),
        );
        const req = r.excel
          ? excelSealRequest({ runId: r.runId, source })
          : sealRequest({ runId: r.runId, source });
        const result = await sealRun(req);
        if (!result.sealed)
          throw new Error(
            `refused: ${result.reason}: ${JSON.stringify(result.checks.filter((c) => c.triggered))}`,
          );
        const d = result.document;
        // What the user sees in the seal is what the row holds.
        expect(d.meta.run_id).toBe(r.runId);
        expect(d.meta.operator).toBe(r.operator.trim());
        expect(d.meta.model).toBe(r.model.trim());
        expect(d.meta.session_date).toBe(r.session);
        expect(d.kpis).toEqual({
          summary_confidence_pct: r.hundredths / 100,
          next_review_date: r.next,
        });
        expect(d.top_risks).toEqual(r.risks);
        expect(d.top_actions).toEqual(r.actions);
        expect(d.suggested_updates).toEqual(r.updates);

        const v = await verifyBytes(result.bytes);
        expect(v).toMatchObject({ valid: true, hash: d.hash });
        const replay = await replayBytes(result.bytes);
        expect(replay.rules.filter((x) => x.status !== "pass")).toEqual([]);
        expect(replay.admissible).toBe(true);
      }),
      { numRuns: 80 },
    );
  });
});

// ---- leaves ---------------------------------------------------------------------------------

type Path = (string | number)[];

/** Every leaf of a JSON value (empty arrays and objects count as leaves). */
function leaves(v: unknown, at: Path = []): Path[] {
  if (Array.isArray(v))
    return v.length ? v.flatMap((x, i) => leaves(x, [...at, i])) : [at];
  if (v && typeof v === "object") {
    const keys = Object.keys(v);
    return keys.length
      ? keys.flatMap((k) =>
          leaves((v as Record<string, unknown>)[k], [...at, k]),
        )
      : [at];
  }
  return [at];
}

function getAt(v: unknown, p: Path): unknown {
  return p.reduce<unknown>(
    (cur, k) => (cur as Record<string | number, unknown>)[k],
    v,
  );
}

function setAt(v: unknown, p: Path, x: unknown): void {
  const parent = getAt(v, p.slice(0, -1)) as Record<string | number, unknown>;
  parent[p[p.length - 1]] = x;
}

/** Deterministic shuffle of every object's members, so fast-check can shrink to a seed. */
function shuffleMembers(v: unknown, seed: number): unknown {
  let s = seed >>> 0 || 1;
  const next = () => ((s = (s * 1103515245 + 12345) >>> 0), s);
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === "object") {
      const keys = Object.keys(x);
      for (let i = keys.length - 1; i > 0; i--) {
        const j = next() % (i + 1);
        [keys[i], keys[j]] = [keys[j], keys[i]];
      }
      const out: Record<string, unknown> = {};
      for (const k of keys) out[k] = walk((x as Record<string, unknown>)[k]);
      return out;
    }
    return x;
  };
  return walk(v);
}

describe("a change of any value breaks verify; form does not", () => {
  let docs: SealedRun[];
  beforeAll(async () => {
    docs = [
      (await sealOk()).document,
      (await sealOk(excelSealRequest())).document,
    ];
  });

  const replacement = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 8 }),
    fc.integer({ min: -1000, max: 1000 }),
    // Whole doubles beyond ±(2^53−1) are refused by the strict reader before any hash (tested there).
    fc
      .double({ noNaN: true, noDefaultInfinity: true })
      .filter((d) => !Number.isInteger(d) || Number.isSafeInteger(d)),
    fc.boolean(),
    fc.constant(null),
    fc.constant([]),
    fc.constant({}),
    fc.array(fc.string(), { minLength: 1, maxLength: 2 }),
  );

  it("property: one changed leaf (not hash) gives 'hash mismatch'", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(1),
        fc.nat(),
        replacement,
        async (which, pick, x) => {
          const doc = clone(docs[which]);
          const paths = leaves(doc).filter(
            (p) => !(p.length === 1 && p[0] === "hash"),
          );
          const p = paths[pick % paths.length];
          fc.pre(canonicalize(getAt(doc, p)) !== canonicalize(x));
          setAt(doc, p, x);
          const v = await verifyBytes(encode(JSON.stringify(doc, null, 2)));
          expect(v.valid).toBe(false);
          if (!v.valid)
            expect(v.reason).toMatch(
              /^hash mismatch: the file says sha256:[0-9a-f]{64} but its content hashes to sha256:[0-9a-f]{64}/,
            );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("every leaf of the document is covered, including a one-character edit of each string", async () => {
    for (const base of docs) {
      for (const p of leaves(base)) {
        if (p.length === 1 && p[0] === "hash") continue;
        const doc = clone(base);
        const old = getAt(doc, p);
        setAt(
          doc,
          p,
          typeof old === "string"
            ? old + " "
            : typeof old === "number"
              ? old + 1
              : typeof old === "boolean"
                ? !old
                : [0],
        );
        const v = await verifyDocument(
          doc as unknown as Record<string, unknown>,
        );
        expect([p.join("."), v.valid]).toEqual([p.join("."), false]);
      }
    }
  });

  it("adding or removing a member breaks verify", async () => {
    const added = clone(docs[0]) as unknown as Record<string, unknown>;
    (added.meta as Record<string, unknown>).note = "";
    expect((await verifyDocument(added)).valid).toBe(false);
    const removed = clone(docs[0]) as unknown as Record<string, unknown>;
    delete removed.system_observations;
    expect((await verifyDocument(removed)).valid).toBe(false);
  });

  it("property: re-indenting and reordering members keeps the hash valid", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(1),
        fc.constantFrom<string | number>(0, 4, "\t", 1),
        fc.integer(),
        fc.boolean(),
        async (which, indent, seed, crlf) => {
          let text = JSON.stringify(
            shuffleMembers(docs[which], seed),
            null,
            indent,
          );
          if (crlf) text = text.replace(/\n/g, "\r\n") + "\r\n";
          const v = await verifyBytes(encode(text));
          expect(v).toMatchObject({ valid: true, hash: docs[which].hash });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('the hash is SHA-256 of the RFC 8785 form with hash set to ""', () => {
  it("matches an independent computation with node:crypto", async () => {
    const { document, text } = await sealOk();
    const obj = JSON.parse(text) as Record<string, unknown>;
    const canonicalText = hashedText(obj);
    expect(
      canonicalText.startsWith('{"authority_envelope":{"actor":"J. Rivera",'),
    ).toBe(true);
    expect(canonicalText).toContain(
      ',"hash":"","kpis":{"next_review_date":"2026-02-22","summary_confidence_pct":78},"meta":{',
    );
    expect(canonicalText).not.toMatch(/\s"|\n/);
    const hex = createHash("sha256")
      .update(Buffer.from(canonicalText, "utf8"))
      .digest("hex");
    expect(document.hash).toBe(`sha256:${hex}`);
    expect(await computeSealHash(obj)).toBe(`sha256:${hex}`);
  });

  it("ignores the hash value it is given", async () => {
    const { document } = await sealOk();
    const other = { ...document, hash: "sha256:" + "0".repeat(64) };
    expect(
      await computeSealHash(other as unknown as Record<string, unknown>),
    ).toBe(document.hash);
  });
});

describe("verify refuses what it cannot check, with the reason", () => {
  let text: string;
  let doc: SealedRun;
  beforeAll(async () => {
    const s = await sealOk();
    text = s.text;
    doc = s.document;
  });

  it.each([
    ["an array", "[]", "top level is an array, not an object"],
    ["null", "null", "top level is null, not an object"],
    ["a string", '"x"', "top level is string, not an object"],
    ["a number", "1", "top level is number, not an object"],
  ])("a top level that is %s", async (_what, t, reason) => {
    expect(await verifyBytes(encode(t))).toEqual({ valid: false, reason });
  });

  it("a missing hash", async () => {
    const rest: Partial<SealedRun> = { ...doc };
    delete rest.hash;
    expect(await verifyBytes(encode(JSON.stringify(rest)))).toMatchObject({
      valid: false,
      reason: "no hash member",
    });
  });

  it.each([
    [
      "uppercase hex",
      (h: string) => h.toUpperCase().replace("SHA256", "sha256"),
    ],
    ["no prefix", (h: string) => h.slice(7)],
    ["another algorithm", (h: string) => h.replace("sha256", "sha512")],
    ["63 digits", (h: string) => h.slice(0, -1)],
    ["65 digits", (h: string) => h + "0"],
    ["a number", () => 5],
    ["null", () => null],
    ["empty", () => ""],
  ])("a malformed hash: %s", async (_what, f) => {
    const v = await verifyBytes(
      encode(JSON.stringify({ ...doc, hash: f(doc.hash) })),
    );
    expect(v.valid).toBe(false);
    if (!v.valid)
      expect(v.reason).toMatch(
        /^hash .* is not "sha256:" followed by 64 lowercase hex digits$/,
      );
  });

  it("a repeated member added by hand (a reader could show either value)", async () => {
    const forged = text.replace(
      '"operator": "J. Rivera",',
      '"operator": "J. Rivera",\n    "operator": "Someone Else",',
    );
    const v = await verifyBytes(encode(forged));
    expect(v).toEqual({
      valid: false,
      reason: 'line 7, column 5 ($.meta): repeated member name "operator"',
    });
  });

  it("bytes that are not UTF-8, a BOM, and text that is not JSON", async () => {
    expect(await verifyBytes(Uint8Array.from([0x7b, 0xff, 0x7d]))).toEqual({
      valid: false,
      reason: "not UTF-8: invalid byte sequence at byte offset 1",
    });
    expect(
      (await verifyBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...encode(text)])))
        .valid,
    ).toBe(false);
    expect((await verifyBytes(encode(text.slice(0, -3)))).valid).toBe(false);
  });

  it("a value the strict reader accepts but that changed after sealing", async () => {
    const edited = text.replace(
      '"summary_confidence_pct": 78',
      '"summary_confidence_pct": 87',
    );
    const v = await verifyBytes(encode(edited));
    expect(v.valid).toBe(false);
    if (!v.valid) {
      expect(v.reason).toContain(`the file says ${doc.hash}`);
      expect(v.computed).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(v.computed).not.toBe(doc.hash);
    }
  });

  it("a document that cannot be canonicalized (verifyDocument on a value no reader produces)", async () => {
    const v = await verifyDocument({ ...doc, meta: { run_id: "\uD800" } });
    expect(v).toMatchObject({
      valid: false,
      reason: "cannot canonicalize: lone surrogate in string at $.meta.run_id",
    });
  });
});
