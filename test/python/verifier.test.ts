// The auditor's verifier (tools/verify_sealed_run.py) must agree byte for byte with RFC 8785 and
// refuse every file CONTRACT.md §2 calls invalid, so an auditor can check seals without Node.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const VERIFIER = path.resolve(__dirname, "../../tools/verify_sealed_run.py");
const VECTORS = path.resolve(__dirname, "../../../shared/vectors/jcs");

function verifier(...args: string[]) {
  const r = spawnSync("python3", [VERIFIER, ...args], { encoding: "utf8" });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sha256 = (text: string) =>
  "sha256:" + createHash("sha256").update(text, "utf8").digest("hex");

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-py-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe("canonical form: RFC 8785 vectors", () => {
  const inputs = fs
    .readdirSync(path.join(VECTORS, "input"))
    .filter((f) => f.endsWith(".json"));

  it("finds the six reference vectors", () => {
    expect(inputs.sort()).toEqual([
      "arrays.json",
      "french.json",
      "structures.json",
      "unicode.json",
      "values.json",
      "weird.json",
    ]);
  });

  it.each(inputs)("--canon %s gives the bytes of output/ exactly", (name) => {
    const got = execFileSync("python3", [
      VERIFIER,
      "--canon",
      path.join(VECTORS, "input", name),
    ]);
    const want = fs.readFileSync(path.join(VECTORS, "output", name));
    expect(got.toString("hex")).toBe(want.toString("hex"));
  });

  it("writes all 10,000 numbers of es6testfile10k.txt as ECMAScript does", () => {
    const file = path.join(VECTORS, "numbers", "es6testfile10k.txt");
    // One python process for all lines: decode each IEEE-754 hex, print the canonical number.
    const script = [
      "import struct, sys",
      "sys.path.insert(0, sys.argv[1])",
      "from verify_sealed_run import canonicalize",
      "for line in open(sys.argv[2]):",
      "    print(canonicalize(struct.unpack('>d', bytes.fromhex(line.split(',')[0].rjust(16, '0')))[0]))",
    ].join("\n");
    const got = execFileSync(
      "python3",
      ["-c", script, path.dirname(VERIFIER), file],
      { encoding: "utf8", maxBuffer: 1 << 24 },
    )
      .split("\n")
      .slice(0, -1);
    const lines = fs.readFileSync(file, "utf8").split("\n").slice(0, -1);
    expect(lines).toHaveLength(10000);
    expect(got).toHaveLength(10000);
    const wrong = lines
      .map((line, i) => ({ line, got: got[i] }))
      .filter(({ line, got }) => line.split(",")[1] !== got);
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('--canon prints an object with a hash member with hash set to "", and no newline', () => {
    const file = write(
      "canon-hash.json",
      '{ "b": [1.0, -0], "hash": "sha256:whatever", "a": "x" }',
    );
    expect(
      execFileSync("python3", [VERIFIER, "--canon", file], {
        encoding: "utf8",
      }),
    ).toBe('{"a":"x","b":[1,0],"hash":""}');
  });

  it("--canon refuses an invalid file (exit 1) and a missing one (exit 2), printing nothing on stdout", () => {
    const dup = write("canon-dup.json", '{"a": 1, "a": 2}');
    expect(verifier("--canon", dup)).toEqual({
      status: 1,
      stdout: "",
      stderr: `FAIL ${dup}: member name 'a' repeated in the object at $\n`,
    });
    const missing = path.join(dir, "no-such.json");
    expect(verifier("--canon", missing)).toEqual({
      status: 2,
      stdout: "",
      stderr: `cannot read ${missing}: No such file or directory\n`,
    });
  });
});

describe("verify", () => {
  // Written by hand (not by the code under test): members out of order, numbers in other
  // spellings (78.50, 1E21, 0.00000015), every escape JCS has (and ones it writes literally), an item that
  // starts like a spreadsheet formula.
  const body = (confidence: string, hash: string) => `{
  "top_actions": ["-- escalate to CAB", "Roster hypercare shifts, weeks 1\\u20132"],
  "meta": { "run_id": "RUN-005", "operator": "Chen, L." },
  "hash": "${hash}",
  "kpis": { "summary_confidence_pct": ${confidence}, "next_review_date": "2026-03-03" },
  "note": "line\\nbreak\\u0001 \\/ € \\b\\t\\f\\r\\"\\\\ \\u001F\\u007f\\u2028",
  "big": 1E21, "small": 0.00000015,
  "schema_version": "1.0"
}\n`;
  const canonical =
    '{"big":1e+21,"hash":"","kpis":{"next_review_date":"2026-03-03","summary_confidence_pct":78.5},' +
    '"meta":{"operator":"Chen, L.","run_id":"RUN-005"},"note":"line\\nbreak\\u0001 / € \\b\\t\\f\\r\\"\\\\ \\u001f\u007f\u2028",' +
    '"schema_version":"1.0","small":1.5e-7,"top_actions":["-- escalate to CAB","Roster hypercare shifts, weeks 1–2"]}';
  const goodHash = sha256(canonical);

  it("accepts a document whose hash is SHA-256 of its canonical form with hash emptied", () => {
    const file = write("good.json", body("78.50", goodHash));
    const r = verifier(file);
    expect(r.stdout).toBe(`OK  ${file}  ${goodHash}\n`);
    expect(r.status).toBe(0);
  });

  it("rejects the same document with one value changed, naming both hashes", () => {
    const file = write("edited.json", body("78.6", goodHash));
    const r = verifier(file);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `^FAIL ${file}: hash mismatch: file says ${goodHash}, content hashes to sha256:[0-9a-f]{64}\\n$`,
      ),
    );
  });

  const bad: [string, string | Buffer, RegExp][] = [
    [
      "a BOM",
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(body("78.5", goodHash)),
      ]),
      /byte order mark \(BOM\)/,
    ],
    [
      "a member name repeated in a nested object",
      `{"meta": {"a": {"run_id": "x", "run_id": "y"}}, "hash": "${goodHash}"}`,
      /member name 'run_id' repeated in the object at \$\.meta\.a/,
    ],
    [
      "a member named __proto__",
      `{"kpis": {"__proto__": {}}, "hash": "${goodHash}"}`,
      /member named __proto__ in the object at \$\.kpis/,
    ],
    ["NaN", `{"x": [NaN], "hash": "${goodHash}"}`, /non-finite number NaN/],
    [
      "Infinity",
      `{"x": -Infinity, "hash": "${goodHash}"}`,
      /non-finite number -Infinity/,
    ],
    [
      "a number too large for a double",
      `{"x": 1e400, "hash": "${goodHash}"}`,
      /number 1e400 is not finite/,
    ],
    [
      "an integer beyond 2^53-1",
      `{"x": -9007199254740992, "hash": "${goodHash}"}`,
      /integer -9007199254740992 is beyond ±\(2\^53−1\)/,
    ],
    [
      "a lone surrogate",
      `{"meta": {"operator": "\\ud83d"}, "hash": "${goodHash}"}`,
      /lone surrogate in a string at \$\.meta\.operator/,
    ],
    [
      "bytes that are not UTF-8",
      Buffer.from('{"operator": "Jos\xe9", "hash": ""}', "latin1"),
      /not UTF-8 \(byte 17\)/,
    ],
    [
      "text that is not JSON",
      `{"hash": "${goodHash}",}`,
      /not JSON: .* at line 1 column \d+/,
    ],
    [
      "a top level that is not an object",
      `["${goodHash}"]`,
      /top level is not a JSON object/,
    ],
    ["no hash member", `{"schema_version": "1.0"}`, /no hash member/],
    [
      "a hash in upper-case hex",
      `{"hash": "${goodHash.toUpperCase().replace("SHA256", "sha256")}"}`,
      /hash "sha256:[0-9A-F]{64}" is not 'sha256:' \+ 64 lowercase hex digits/,
    ],
    [
      "a hash without its prefix",
      `{"hash": "${goodHash.slice(7)}"}`,
      /is not 'sha256:' \+ 64 lowercase hex digits/,
    ],
    ["a hash that is not a string", `{"hash": 12}`, /hash 12 is not 'sha256:'/],
    [
      "a wrong hash",
      body("78.5", "sha256:" + "0".repeat(64)),
      /hash mismatch: file says sha256:0{64}, content hashes to sha256:/,
    ],
    [
      "nesting too deep for the reader",
      `{"a": ${"[".repeat(2000)}${"]".repeat(2000)}, "hash": "${goodHash}"}`,
      /maximum recursion depth exceeded/,
    ],
    [
      "nesting deeper than 256 levels (CONTRACT §2)",
      `{"a": ${"[".repeat(256)}${"]".repeat(256)}, "hash": "${goodHash}"}`,
      /nesting deeper than 256 at \$\.a(\[0\]){255}$/m,
    ],
    [
      "a file over 5 MiB",
      `{"pad": "${"x".repeat(5 * 1024 * 1024)}", "hash": ""}`,
      /file is over 5 MiB/,
    ],
  ];

  it.each(bad)(
    "rejects a file with %s: exit 1 and the reason",
    (_what, content, reason) => {
      const file = write("bad.json", content);
      const r = verifier(file);
      expect(r.stdout.startsWith(`FAIL ${file}: `)).toBe(true);
      expect(r.stdout).toMatch(reason);
      expect(r.status).toBe(1);
    },
  );

  it("exits 2 for a missing file, after checking the other files", () => {
    const good = write("good2.json", body("78.5", goodHash));
    const missing = path.join(dir, "no-such-seal.json");
    const r = verifier(missing, good);
    expect(r.stdout).toBe(
      `FAIL ${missing}: cannot read (No such file or directory)\nOK  ${good}  ${goodHash}\n`,
    );
    expect(r.status).toBe(2);
  });

  it("exits 1 when one of several readable files is invalid", () => {
    const good = write("good3.json", body("78.5", goodHash));
    const edited = write("edited3.json", body("79", goodHash));
    const r = verifier(good, edited);
    expect(r.stdout.split("\n")).toEqual([
      `OK  ${good}  ${goodHash}`,
      expect.stringMatching(/^FAIL .*edited3\.json: hash mismatch/),
      "",
    ]);
    expect(r.status).toBe(1);
  });

  it("exits 2 with its usage when given no file", () => {
    const r = verifier();
    expect(r.stderr).toMatch(/verify_sealed_run\.py FILE/);
    expect(r.status).toBe(2);
  });
});
