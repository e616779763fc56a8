// One verdict in both verifiers: `sealed-run verify` and tools/verify_sealed_run.py must agree on
// every file of a hostile corpus (valid, invalid or unreadable, hence the exit code), and on the
// hash of every valid one. The corpus is kept here; valid variants are re-hashed with the
// `canonicalize` package (RFC 8785's reference for JavaScript), which neither verifier uses.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  EPOCH,
  makeWorkspace,
  readSealed,
  removeWorkspaces,
  REPO,
  run,
  sealedPath,
  STAMP,
} from "../cli/helpers";
import type { SealedRun } from "../../src/core/types";

afterAll(removeWorkspaces);

const VERIFIER = path.join(REPO, "tools/verify_sealed_run.py");
// The interpreter itself, not a version manager's shim: the verifier runs once per file below.
const PYTHON =
  spawnSync("python3", ["-c", "import sys; print(sys.executable)"], {
    encoding: "utf8",
  }).stdout.trim() || "python3";

// `canonicalize` is an ES module, which jest's CommonJS cannot load: it runs in a node of its own.
const REHASH = `import c from "canonicalize"; import { createHash } from "node:crypto";
let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
  process.stdout.write("sha256:" + createHash("sha256").update(c({ ...JSON.parse(s), hash: "" }), "utf8").digest("hex"));
});`;

const rehash = (doc: object): object => {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", REHASH], {
    cwd: REPO,
    input: JSON.stringify(doc),
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return { ...doc, hash: r.stdout };
};

/** A sealed document's text with `body` spliced in as the member "x", its hash made to match. */
function withRaw(seal: SealedRun, rawValue: string, value: unknown): string {
  const good = rehash({ ...seal, x: value });
  return JSON.stringify({ ...good, x: "@@X@@" }).replace('"@@X@@"', rawValue);
}

function corpus(seal: SealedRun): [string, string | Buffer][] {
  const text = JSON.stringify(seal);
  const body = text.slice(1, -1);
  const nest = (n: number) => "[".repeat(n) + "]".repeat(n);
  const nested = (n: number): unknown => (n === 0 ? [] : [nested(n - 1)]);
  const bytes = (...parts: (string | number[])[]) =>
    Buffer.concat(
      parts.map((p) =>
        typeof p === "string" ? Buffer.from(p) : Buffer.from(p),
      ),
    );
  const pad = (total: number) => {
    const doc = rehash({ ...seal, pad: "" });
    const base = Buffer.byteLength(JSON.stringify(doc));
    return JSON.stringify(rehash({ ...seal, pad: "x".repeat(total - base) }));
  };
  return [
    ["as sealed", text],
    [
      "reformatted, members reordered",
      JSON.stringify(
        Object.fromEntries(Object.entries(seal).reverse()),
        null,
        2,
      ),
    ],
    ["CRLF line ends", JSON.stringify(seal, null, 1).replace(/\n/g, "\r\n")],
    ["a value changed", text.replace('"RUN-001"', '"RUN-00X"')],
    ["a BOM", bytes([0xef, 0xbb, 0xbf], text)],
    [
      "UTF-16 with a BOM",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
    ],
    ["a Latin-1 byte", bytes(text.slice(0, 20), [0xe9], text.slice(20))],
    [
      "a UTF-8 encoded surrogate",
      bytes('{"x":"', [0xed, 0xa0, 0x80], '",', body, "}"),
    ],
    ["an overlong encoding", bytes('{"x":"', [0xc0, 0xaf], '",', body, "}")],
    ["a NUL byte between tokens", bytes("{", [0], body, "}")],
    ["a member repeated at the top", `{${body},"hash":"${seal.hash}"}`],
    [
      "a member repeated, spelled with an escape",
      `{"\\u0061":1,"a":2,${body}}`,
    ],
    [
      "a member repeated deep inside",
      text.replace('"meta":{', '"meta":{"model":"x",'),
    ],
    ["a member named __proto__", `{"__proto__":{},${body}}`],
    ["a member named __proto__ by escapes", `{"\\u005f_proto__":{},${body}}`],
    ["a lone high surrogate", withRaw(seal, '"\\ud800"', "")],
    ["a lone low surrogate in a name", `{"\\udc00":1,${body}}`],
    ["a surrogate pair by escapes", withRaw(seal, '"\\ud83d\\ude00"', "😀")],
    [
      "names that sort differently in UTF-16 and code points",
      JSON.stringify(
        rehash({ ...seal, x: { "€": 1, "😀": 2, ﬀ: 3, "\u0080": 4 } }),
      ),
    ],
    ["NaN", withRaw(seal, "NaN", 0)],
    ["Infinity", withRaw(seal, "Infinity", 0)],
    ["-Infinity", withRaw(seal, "-Infinity", 0)],
    ["1e400", withRaw(seal, "1e400", 0)],
    ["1E400", withRaw(seal, "1E400", 0)],
    ["2^53", withRaw(seal, "9007199254740992", 0)],
    ["-(2^53)", withRaw(seal, "-9007199254740992", 0)],
    ["2^53 - 1", withRaw(seal, "9007199254740991", 9007199254740991)],
    ["a 4301-digit integer", withRaw(seal, "1".repeat(4301), 0)],
    [
      "2^53 + 1 written as a fraction",
      withRaw(seal, "9007199254740993.0", 9007199254740992),
    ],
    ["1.0, 1E2, -0, -0.0", withRaw(seal, "[1.0,1E2,-0,-0.0]", [1, 100, 0, 0])],
    ["1e21 and 1.5e-7", withRaw(seal, "[1e21,0.00000015]", [1e21, 1.5e-7])],
    ["an underflow to 0", withRaw(seal, "1e-400", 0)],
    ["the smallest subnormal", withRaw(seal, "5e-324", 5e-324)],
    ["a leading zero", withRaw(seal, "01", 1)],
    ["a trailing dot", withRaw(seal, "1.", 1)],
    ["a leading dot", withRaw(seal, ".5", 0.5)],
    ["a plus sign", withRaw(seal, "+1", 1)],
    ["hex", withRaw(seal, "0x10", 16)],
    ["an exponent without digits", withRaw(seal, "1e", 1)],
    ["a lone minus", withRaw(seal, "-", 0)],
    ["a trailing comma in an object", `{${body},}`],
    ["a trailing comma in an array", withRaw(seal, "[1,]", [1])],
    ["a comment", `{${body} /* note */}`],
    ["single quotes", withRaw(seal, "'a'", "a")],
    ["a raw tab in a string", withRaw(seal, '"a\tb"', "a\tb")],
    ["a raw DEL in a string", withRaw(seal, '"a\u007fb"', "a\u007fb")],
    [
      "escapes JCS writes otherwise",
      withRaw(seal, '"\\/\\u0041\\u00e9\\u2028\\u001f"', "/Aé\u2028\u001f"),
    ],
    ["an unknown escape", withRaw(seal, '"\\x41"', "A")],
    ["a short \\u escape", withRaw(seal, '"\\u41"', "A")],
    ["True", withRaw(seal, "True", true)],
    ["nul", withRaw(seal, "nul", null)],
    ["a form feed between tokens", `{\f${body}}`],
    ["a no-break space between tokens", `{\u00a0${body}}`],
    ["a vertical tab between tokens", `{\u000b${body}}`],
    ["text after the object", text + "x"],
    ["two objects", text + text],
    ["whitespace after the object", text + " \r\n\t"],
    ["an empty file", ""],
    ["only whitespace", " \n"],
    ["a top-level array", `[${text}]`],
    ["a top-level string", '"sha256:0"'],
    ["a top-level null", "null"],
    ["no hash", `{${body.replace(/,"hash":"[^"]*"/, "")}}`],
    ["hash null", text.replace(/"hash":"[^"]*"/, '"hash":null')],
    ["hash a number", text.replace(/"hash":"[^"]*"/, '"hash":1')],
    ["hash empty", text.replace(/"hash":"[^"]*"/, '"hash":""')],
    [
      "hash in capitals",
      text.replace(
        /"hash":"sha256:([^"]*)"/,
        (_m, h: string) => `"hash":"sha256:${h.toUpperCase()}"`,
      ),
    ],
    [
      "hash with SHA256: prefix",
      text.replace('"hash":"sha256:', '"hash":"SHA256:'),
    ],
    [
      "hash one digit short",
      text.replace(/("hash":"sha256:[0-9a-f]{63})[0-9a-f]/, "$1"),
    ],
    ["nested 256 deep", withRaw(seal, nest(255), nested(254))],
    ["nested 257 deep", withRaw(seal, nest(256), nested(255))],
    ["nested 1000 deep", withRaw(seal, nest(999), 0)],
    ["nested 100000 deep", withRaw(seal, nest(99999), 0)],
    ["exactly 5 MiB", pad(5 * 1024 * 1024)],
    ["5 MiB + 1 byte", pad(5 * 1024 * 1024 + 1)],
  ];
}

function cliVerdicts(ws: string, files: string[]): Record<string, string> {
  const r = spawnSync(
    process.execPath,
    [path.join(REPO, "build/cli/cli/main.js"), "verify", "--json", ...files],
    { cwd: ws, encoding: "utf8", maxBuffer: 1 << 26 },
  );
  const out = JSON.parse(r.stdout) as {
    results: { file: string; status: string; hash?: string }[];
  };
  return Object.fromEntries(
    out.results.map((x) => [
      x.file,
      x.status === "valid" ? `valid ${x.hash}` : x.status,
    ]),
  );
}

function pythonVerdicts(ws: string, files: string[]): Record<string, string> {
  const r = spawnSync(PYTHON, [VERIFIER, ...files], {
    cwd: ws,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const verdicts: Record<string, string> = {};
  for (const line of r.stdout.split("\n").filter(Boolean)) {
    const ok = /^OK {2}(.*) {2}(sha256:[0-9a-f]{64})$/.exec(line);
    if (ok) verdicts[ok[1]] = `valid ${ok[2]}`;
    else {
      const fail = /^FAIL (.*?): (cannot read)?/.exec(line)!;
      verdicts[fail[1]] = fail[2] ? "unreadable" : "invalid";
    }
  }
  return verdicts;
}

describe("the CLI and the Python verifier agree on a hostile corpus", () => {
  let ws: string;
  let cases: [string, string][];
  beforeAll(async () => {
    ws = makeWorkspace();
    expect(
      (await run(ws, ["export", "--run-id", "RUN-001"], { epoch: EPOCH })).code,
    ).toBe(0);
    const seal = readSealed(ws, sealedPath(`RUN-001_${STAMP}.json`));
    fs.mkdirSync(path.join(ws, "corpus"));
    cases = corpus(seal).map(([what, content], i) => {
      const file = `corpus/${String(i).padStart(3, "0")}.json`;
      fs.writeFileSync(path.join(ws, file), content);
      return [what, file];
    });
    cases.push(["a missing file", "corpus/missing.json"]);
  });

  it("gives every file the same verdict and every valid file the same hash", () => {
    const files = cases.map(([, f]) => f);
    const cli = cliVerdicts(ws, files);
    const py = pythonVerdicts(ws, files);
    const both = cases.map(([what, f]) => [what, cli[f], py[f]]);
    expect(both.filter(([, a, b]) => a !== b)).toEqual([]);
    // The corpus exercises every verdict, and the valid variants really are valid.
    const verdict = Object.fromEntries(
      both.map(([what, a]) => [what, a?.split(" ")[0]]),
    );
    expect(verdict["as sealed"]).toBe("valid");
    expect(verdict["nested 256 deep"]).toBe("valid");
    expect(verdict["nested 257 deep"]).toBe("invalid");
    expect(verdict["exactly 5 MiB"]).toBe("valid");
    expect(verdict["5 MiB + 1 byte"]).toBe("invalid");
    expect(verdict["a missing file"]).toBe("unreadable");
    expect(
      Object.values(verdict).filter((v) => v === "valid").length,
    ).toBeGreaterThan(10);
  });

  it("exits with the same code on each file alone", () => {
    const code = (cmd: string, args: string[]) =>
      spawnSync(cmd, args, { cwd: ws, stdio: "ignore" }).status;
    const cli = cliVerdicts(
      ws,
      cases.map(([, f]) => f),
    );
    const exitOf = (verdict: string) =>
      ({ valid: 0, invalid: 1, unreadable: 2 })[verdict.split(" ")[0]];
    // The Python verifier alone on every file (a fast start); the CLI alone on one file of each verdict.
    const py = cases.map(([what, f]) => [
      what,
      exitOf(cli[f]),
      code(PYTHON, [VERIFIER, f]),
    ]);
    expect(py.filter(([, a, b]) => a !== b)).toEqual([]);
    const firstOf = (v: string) => cases.find(([, f]) => cli[f].startsWith(v))!;
    for (const [v, [what, f]] of ["valid", "invalid", "unreadable"].map(
      (v) => [v, firstOf(v)] as const,
    ))
      expect([
        what,
        code(process.execPath, [
          path.join(REPO, "build/cli/cli/main.js"),
          "verify",
          f,
        ]),
      ]).toEqual([what, exitOf(v)]);
  });
});
