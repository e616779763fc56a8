import {
  CsvReader,
  MAX_CSV_RECORD_CHARS,
  parseCsv,
} from "../../../src/core/row";

const enc = (s: string) => new TextEncoder().encode(s);
const HEADER =
  "RunID,SessionDate,Operator,Model,TopRisks,TopActions,SuggestedUpdates,SummaryConfidence_pct,NextReviewDate";
const ROW =
  'RUN-001,2026-02-15,J. Rivera,gpt-4o,"Budget reversal; Legacy API",Validate ERP vendor SSO,,78,2026-02-22';
const ROW_FIELDS = [
  "RUN-001",
  "2026-02-15",
  "J. Rivera",
  "gpt-4o",
  "Budget reversal; Legacy API",
  "Validate ERP vendor SSO",
  "",
  "78",
  "2026-02-22",
];
const SAVE_AS =
  'In Excel use File › Save As › "CSV UTF-8 (Comma delimited) (*.csv)".';

function refusal(text: string | Uint8Array, name = "llm_output.csv"): string {
  const r = parseCsv(typeof text === "string" ? enc(text) : text, name);
  if (r.ok) throw new Error("expected a refusal");
  return r.message;
}

describe("parseCsv: reading", () => {
  it("reads the header and rows as strings, never converting types", () => {
    expect(parseCsv(enc(`${HEADER}\r\n${ROW}\r\n`), "f.csv")).toEqual({
      ok: true,
      headers: HEADER.split(","),
      rows: [ROW_FIELDS],
    });
  });

  it("accepts LF line ends and no trailing newline", () => {
    expect(parseCsv(enc(`${HEADER}\n${ROW}`), "f.csv")).toEqual({
      ok: true,
      headers: HEADER.split(","),
      rows: [ROW_FIELDS],
    });
  });

  it("accepts lone CR line ends (classic Mac)", () => {
    expect(parseCsv(enc("a,b\r1,2\r3,4\r"), "f.csv")).toEqual({
      ok: true,
      headers: ["a", "b"],
      rows: [
        ["1", "2"],
        ["3", "4"],
      ],
    });
  });

  it("drops a UTF-8 BOM, keeping headers otherwise exactly as written", () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...enc(" RunID ,Model\n1,2\n"),
    ]);
    expect(parseCsv(bytes, "f.csv")).toEqual({
      ok: true,
      headers: [" RunID ", "Model"],
      rows: [["1", "2"]],
    });
  });

  it('handles quoted fields: commas, "" escapes, and line breaks inside quotes', () => {
    const r = parseCsv(
      enc('a,b,c\n"x, y","say ""hi""","line1\r\nline2"\n"",plain,"\n"\n'),
      "f.csv",
    );
    expect(r).toEqual({
      ok: true,
      headers: ["a", "b", "c"],
      rows: [
        ["x, y", 'say "hi"', "line1\r\nline2"],
        ["", "plain", "\n"],
      ],
    });
  });

  it("keeps values exactly, spaces, leading zeros and formula-looking text included", () => {
    const r = parseCsv(enc("a,b,c,d\n 007 ,=1+2,1e5,TRUE\n"), "f.csv");
    expect(r).toEqual({
      ok: true,
      headers: ["a", "b", "c", "d"],
      rows: [[" 007 ", "=1+2", "1e5", "TRUE"]],
    });
  });

  it("keeps a quote inside an unquoted value as written", () => {
    expect(parseCsv(enc('a,b\n5" screen,x\n'), "f.csv")).toEqual({
      ok: true,
      headers: ["a", "b"],
      rows: [['5" screen', "x"]],
    });
  });

  it("keeps empty trailing fields", () => {
    expect(parseCsv(enc("a,b,c\n1,,\n"), "f.csv")).toEqual({
      ok: true,
      headers: ["a", "b", "c"],
      rows: [["1", "", ""]],
    });
  });

  it("ignores blank lines at the end", () => {
    expect(parseCsv(enc(`${HEADER}\n${ROW}\n\n\r\n  \n`), "f.csv")).toEqual({
      ok: true,
      headers: HEADER.split(","),
      rows: [ROW_FIELDS],
    });
  });

  it("reads a header with no rows", () => {
    expect(parseCsv(enc(`${HEADER}\n`), "f.csv")).toEqual({
      ok: true,
      headers: HEADER.split(","),
      rows: [],
    });
  });

  it("keeps non-ASCII text", () => {
    expect(
      parseCsv(enc("Operator,Model\nJosé Núñez – 東京,gpt\n"), "f.csv"),
    ).toEqual({
      ok: true,
      headers: ["Operator", "Model"],
      rows: [["José Núñez – 東京", "gpt"]],
    });
  });
});

describe("parseCsv: refusals", () => {
  it("refuses Windows-1252 (Excel's plain CSV), naming the file, the byte, its line and how to save", () => {
    const bytes = new Uint8Array([
      ...enc(`${HEADER}\r\nRUN-001,2026-02-15,Jos`),
      0xe9,
      ...enc(",gpt,,,,78,2026-02-22\r\n"),
    ]);
    expect(refusal(bytes)).toBe(
      `"llm_output.csv" is not UTF-8 text (byte 0xE9 on line 2); Excel's "CSV (Comma delimited)" saves Windows-1252, which turns accented letters and symbols into different bytes. ${SAVE_AS}`,
    );
  });

  it.each<[string, number[]]>([
    ["an overlong encoding", [0xc0, 0xaf]],
    ["a UTF-16 surrogate", [0xed, 0xa0, 0x80]],
    ["a truncated sequence", [0xe2, 0x82]],
    ["a code point beyond U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
  ])("refuses %s as not UTF-8", (_what, bad) => {
    expect(refusal(new Uint8Array([...enc("a,b\n1,"), ...bad]))).toContain(
      '"llm_output.csv" is not UTF-8 text (byte 0x',
    );
  });

  it("refuses UTF-16 (Excel's Unicode Text)", () => {
    expect(refusal(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toBe(
      `"llm_output.csv" is UTF-16 text (Excel's "Unicode Text"), not a UTF-8 CSV. ${SAVE_AS}`,
    );
  });

  it("refuses a semicolon-delimited file, saying so", () => {
    expect(
      refusal(`${HEADER.replace(/,/g, ";")}\n${ROW.replace(/,/g, ";")}\n`),
    ).toBe(
      '"llm_output.csv" separates values with semicolons (;), not commas. Excel does this where the list separator is ";": set it to "," (or the decimal separator to "."), then save again as "CSV UTF-8 (Comma delimited) (*.csv)".',
    );
  });

  it("refuses a tab-delimited file", () => {
    expect(refusal("RunID\tModel\nR\tm\n")).toBe(
      `"llm_output.csv" separates values with tabs, not commas. ${SAVE_AS}`,
    );
  });

  it("refuses an empty file, and one that is only a BOM", () => {
    const msg =
      '"llm_output.csv" is empty: it needs a header row and at least one run.';
    expect(refusal("")).toBe(msg);
    expect(refusal(new Uint8Array([0xef, 0xbb, 0xbf]))).toBe(msg);
  });

  it("refuses a file with only blank lines (no header)", () => {
    expect(refusal("\r\n\n  \n")).toBe(
      '"llm_output.csv" has no header row: it holds only blank lines.',
    );
  });

  it("refuses a blank first line", () => {
    expect(refusal(`\n${HEADER}\n${ROW}\n`)).toBe(
      '"llm_output.csv" line 1 is blank; the first line must be the header row (RunID,SessionDate,…).',
    );
  });

  it("refuses an unterminated quote, giving the line it starts on", () => {
    expect(refusal('a,b\n1,2\n3,"never\nends\n')).toBe(
      '"llm_output.csv" line 3: a quoted value that starts on this line never ends (its closing " is missing).',
    );
  });

  it("counts lines inside quoted values when giving line numbers", () => {
    expect(refusal('a,b\n"x\r\ny\nz",2\n3,"open\n')).toBe(
      '"llm_output.csv" line 5: a quoted value that starts on this line never ends (its closing " is missing).',
    );
  });

  it("refuses an unterminated quote in the header", () => {
    expect(refusal('"RunID,Model\n')).toBe(
      '"llm_output.csv" line 1: a quoted value that starts on this line never ends (its closing " is missing).',
    );
  });

  it("refuses text after a closing quote", () => {
    expect(refusal('a,b\n"x"y,2\n')).toBe(
      '"llm_output.csv" line 2: a quoted value is followed by more text before the next comma.',
    );
  });

  it("refuses a row with more fields than the header, giving its line", () => {
    expect(refusal("a,b,c\n1,2,3\n1,2,3,4\n")).toBe(
      '"llm_output.csv" line 3 has 4 fields but the header has 3; a value that contains a comma must be in double quotes.',
    );
  });

  it("refuses a row with fewer fields, counting lines inside quotes", () => {
    expect(refusal('a,b,c\n"multi\nline",2,3\n1\n')).toBe(
      '"llm_output.csv" line 4 has 1 field but the header has 3; a value that contains a comma must be in double quotes.',
    );
  });

  it("refuses a blank line between rows", () => {
    expect(refusal("a,b\n1,2\n\n3,4\n")).toBe(
      '"llm_output.csv" line 3 is blank; remove blank lines between rows.',
    );
  });

  it("names the file as given", () => {
    expect(refusal("", "data/runs feb.csv")).toContain(
      '"data/runs feb.csv" is empty',
    );
  });
});

describe("CsvReader: read in pieces", () => {
  /**
   * The reader fed `bytes` in pieces cut at `cuts`, as parseCsv's result; `sayLast`: the last
   * piece is pushed as the last (decoded in one call, its newlines not counted).
   */
  function inPieces(bytes: Uint8Array, cuts: number[], sayLast = false) {
    const rows: string[][] = [];
    const reader = new CsvReader("llm_output.csv", (r) => rows.push(r.fields));
    let from = 0;
    const ends = [...cuts, bytes.length];
    for (const [k, to] of ends.entries()) {
      const last = sayLast && k === ends.length - 1;
      if (!reader.push(bytes.subarray(from, to), last)) break;
      from = to;
    }
    const end = reader.end();
    return end.ok ? { ok: true, headers: end.headers, rows } : end;
  }

  const samples: [string, Uint8Array][] = [
    [
      "CRLF rows",
      enc(`${HEADER}\r\n${ROW}\r\n${ROW.replace("RUN-001", "RUN-002")}\r\n`),
    ],
    ["lone CRs, no final break", enc(`${HEADER}\r${ROW}\r${ROW}`)],
    [
      "quotes, doubled quotes and breaks inside quotes",
      enc('a,b\r\n"x ""y""\r\nz",2\r\n"",""\r\n\r\n\n'),
    ],
    [
      "a BOM and non-ASCII text",
      new Uint8Array([0xef, 0xbb, 0xbf, ...enc("Größe,€\n日本,😀\n")]),
    ],
    [
      "Windows-1252 on line 3",
      new Uint8Array([...enc("a,b\n1,2\n3,Jos"), 0xe9, ...enc("\n")]),
    ],
    [
      "a truncated sequence at the end",
      new Uint8Array([...enc("a,b\n1,"), 0xe2, 0x82]),
    ],
    ["an unterminated quote", enc('a,b\n1,2\n3,"never\nends\n')],
    ["text after a closing quote", enc('a,b\n"x"y,2\n')],
    ["a blank line between rows", enc("a,b\n1,2\n\n3,4\n")],
    ["a blank first line", enc(`\n${HEADER}\n${ROW}\n`)],
    ["a one-column file with blank lines", enc("RunID\nR1\n\nR2\n\n")],
    ["semicolons", enc("a;b\n1;2\n")],
    ["only blank lines", enc("\r\n\n  \n")],
  ];

  it.each(samples)(
    "%s: every cut into two pieces, and one byte at a time, reads as the whole does",
    (_what, bytes) => {
      const whole = parseCsv(bytes, "llm_output.csv");
      for (let cut = 0; cut <= bytes.length; cut++) {
        expect([cut, inPieces(bytes, [cut])]).toEqual([cut, whole]);
        expect([cut, inPieces(bytes, [cut], true)]).toEqual([cut, whole]);
      }
      expect(
        inPieces(
          bytes,
          Array.from({ length: bytes.length }, (_, i) => i + 1),
        ),
      ).toEqual(whole);
    },
  );

  it("refuses a row that runs on for over 16 MiB (a closing quote missing) without holding more", () => {
    const reader = new CsvReader("big.csv");
    expect(reader.push(enc('RunID,Text\nR1,"'))).toBe(true);
    const piece = enc("x".repeat(1024 * 1024));
    let pushed = 0;
    while (reader.push(piece)) pushed++;
    expect(pushed).toBe(MAX_CSV_RECORD_CHARS / (1024 * 1024) - 1);
    expect(reader.end()).toEqual({
      ok: false,
      message:
        '"big.csv" line 2: a row runs on for over 16 MiB without ending; is a closing " missing?',
    });
  });

  it("hands each row on as it is read, with its index", () => {
    const seen: [number, string][] = [];
    const reader = new CsvReader("f.csv", (r) =>
      seen.push([r.index, r.fields[0]]),
    );
    reader.push(enc("RunID,X\nR1,a\nR"));
    expect(seen).toEqual([[0, "R1"]]);
    reader.push(enc("2,b\n"));
    expect(reader.end()).toEqual({ ok: true, headers: ["RunID", "X"] });
    expect(seen).toEqual([
      [0, "R1"],
      [1, "R2"],
    ]);
  });
});
