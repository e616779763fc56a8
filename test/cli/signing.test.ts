// Signed seals (issue 13, docs/SIGNING.md): keygen, export --sign-key, and the verdicts of
// verify/replay --trusted-keys on good and bad envelopes. Peer tools check the same envelopes in
// test/python/signing.test.ts.
import * as fs from "node:fs";
import * as path from "node:path";
import {
  cloneWorkspace,
  EPOCH,
  makeWorkspace,
  parseJsonOutput,
  readEnvelope,
  readSealed,
  removeWorkspaces,
  run,
  sealedPath,
  sha256Hex,
  STAMP,
  statementOf,
} from "./helpers";

const SEAL = sealedPath(`RUN-001_${STAMP}.json`);
const ENVELOPE = `${SEAL}.intoto.json`;
const RIVERA = ["--actor", "J. Rivera", "--role", "triage-lead"];

let fixture: string; // keys for Rivera and Okafor; RUN-001 sealed and signed by Rivera; RUN-002 unsigned
beforeAll(async () => {
  fixture = makeWorkspace();
  for (const [who, file] of [
    ["J. Rivera", "keys/rivera.pem"],
    ["M. Okafor", "keys/okafor.pem"],
  ]) {
    const r = await run(fixture, ["keygen", "--out", file, "--actor", who]);
    if (r.code !== 0) throw new Error(r.stderr);
  }
  let r = await run(
    fixture,
    [
      "export",
      "--run-id",
      "RUN-001",
      ...RIVERA,
      "--sign-key",
      "keys/rivera.pem",
    ],
    { epoch: EPOCH },
  );
  if (r.code !== 0) throw new Error(r.stderr);
  r = await run(fixture, ["export", "--run-id", "RUN-002", ...RIVERA], {
    epoch: EPOCH,
  });
  if (r.code !== 0) throw new Error(r.stderr);
  const list = (entries: [string, string][]) =>
    JSON.stringify(
      entries.map(([actor, key]) => ({
        actor,
        public_key: fs.readFileSync(path.join(fixture, key), "utf8"),
      })),
    );
  fs.writeFileSync(
    path.join(fixture, "trusted.json"),
    list([
      ["J. Rivera", "keys/rivera.pub.pem"],
      ["M. Okafor", "keys/okafor.pub.pem"],
    ]),
  );
  fs.writeFileSync(
    path.join(fixture, "okafor-only.json"),
    list([["M. Okafor", "keys/okafor.pub.pem"]]),
  );
  fs.writeFileSync(
    path.join(fixture, "swapped.json"),
    list([["M. Okafor", "keys/rivera.pub.pem"]]),
  );
});
afterAll(removeWorkspaces);

const keyId = (ws: string) => readEnvelope(ws, ENVELOPE).signatures[0].keyid;

describe("keygen", () => {
  it("writes a private key only its owner can read, its public key, and never replaces either", async () => {
    const ws = cloneWorkspace(fixture);
    expect(fs.statSync(path.join(ws, "keys/rivera.pem")).mode & 0o777).toBe(
      0o600,
    );
    expect(fs.readFileSync(path.join(ws, "keys/rivera.pem"), "utf8")).toMatch(
      /^-----BEGIN PRIVATE KEY-----\n/,
    );
    expect(
      fs.readFileSync(path.join(ws, "keys/rivera.pub.pem"), "utf8"),
    ).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const before = fs.readFileSync(path.join(ws, "keys/rivera.pem"));
    const r = await run(ws, ["keygen", "--out", "keys/rivera.pem"]);
    expect(r.code).toBe(3);
    expect(fs.readFileSync(path.join(ws, "keys/rivera.pem"))).toEqual(before);
  });

  it("prints the key id as the SHA-256 of the SubjectPublicKeyInfo", async () => {
    const ws = cloneWorkspace(fixture);
    const r = await run(ws, ["keygen", "--out", "k.pem", "--json"]);
    const j = parseJsonOutput(r);
    const pem = fs.readFileSync(path.join(ws, "k.pub.pem"), "utf8");
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64");
    expect(j.key_id).toBe(sha256Hex(der));
  });
});

describe("export --sign-key", () => {
  it("writes <file>.intoto.json beside the seal and says so", () => {
    expect(fs.existsSync(path.join(fixture, ENVELOPE))).toBe(true);
    const env = readEnvelope(fixture, ENVELOPE);
    expect(env.payloadType).toBe("application/vnd.in-toto+json");
    const statement = statementOf(env);
    const seal = readSealed(fixture, SEAL);
    expect(statement.subject).toEqual([
      { name: `RUN-001_${STAMP}.json`, digest: { sha256: seal.hash.slice(7) } },
    ]);
    expect(statement.predicate).toMatchObject({
      run_id: "RUN-001",
      actor: "J. Rivera",
      role: "triage-lead",
      seal_hash: seal.hash,
      patch_log_head: "",
    });
  });

  it("signs a seal made from a workbook too, the envelope beside the file", async () => {
    const ws = makeWorkspace();
    fs.copyFileSync(
      path.resolve(__dirname, "../../assets/SealedRun-Sample.xlsx"),
      path.join(ws, "Triage.xlsx"),
    );
    fs.cpSync(path.join(fixture, "keys"), path.join(ws, "keys"), {
      recursive: true,
    });
    fs.copyFileSync(
      path.join(fixture, "trusted.json"),
      path.join(ws, "trusted.json"),
    );
    const r = await run(
      ws,
      [
        "export",
        "--run-id",
        "RUN-002",
        "--source",
        "Triage.xlsx",
        ...RIVERA,
        "--out",
        "out/RUN-002.json",
        "--sign-key",
        "keys/rivera.pem",
      ],
      { epoch: EPOCH },
    );
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split("\n").pop()).toMatch(
      /^ {2}signed {2}out\/RUN-002\.json\.intoto\.json by key [0-9a-f]{64}, kept in Triage\.xlsx beside the seal$/,
    );
    const v = await run(ws, [
      "verify",
      "out/RUN-002.json",
      "--trusted-keys",
      "trusted.json",
    ]);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain("signed by J. Rivera (");
  });

  it.each([
    [
      "a missing key file",
      "keys/none.pem",
      2,
      /cannot read the signing key keys\/none\.pem: no such file/,
    ],
    [
      "a public key given as the private one",
      "keys/rivera.pub.pem",
      2,
      /holds no PEM "PRIVATE KEY" block/,
    ],
  ])(
    "refuses %s before anything is written or logged",
    async (_what, key, code, message) => {
      const ws = cloneWorkspace(fixture);
      const log = fs.readFileSync(
        path.join(ws, "artifacts/sealed_runs/PATCH_LOG.csv"),
      );
      const r = await run(
        ws,
        ["export", "--run-id", "RUN-003", ...RIVERA, "--sign-key", key],
        { epoch: EPOCH },
      );
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(
        fs.existsSync(path.join(ws, sealedPath(`RUN-003_${STAMP}.json`))),
      ).toBe(false);
      expect(
        fs.readFileSync(path.join(ws, "artifacts/sealed_runs/PATCH_LOG.csv")),
      ).toEqual(log);
    },
  );
});

describe("verify and replay --trusted-keys", () => {
  it("accept a seal signed by a key listed for its actor, naming the signer and key", async () => {
    const ws = cloneWorkspace(fixture);
    const r = await run(ws, ["verify", SEAL, "--trusted-keys", "trusted.json"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `signed by J. Rivera (${keyId(ws)}), a key listed for J. Rivera in trusted keys trusted.json`,
    );
    const p = await run(ws, [
      "replay",
      "--sealed",
      SEAL,
      "--trusted-keys",
      "trusted.json",
    ]);
    expect(p.code).toBe(0);
    expect(p.stdout).toContain(
      `PASS  signature: signed by J. Rivera (${keyId(ws)})`,
    );
  });

  it.each([
    ["missing", "none.json", "no such file"],
    ["a folder", "keys", "is a folder"],
  ])(
    "refuse a key list that is %s, naming it and why",
    async (_what, list, why) => {
      const ws = cloneWorkspace(fixture);
      const r = await run(ws, ["verify", SEAL, "--trusted-keys", list]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`cannot read the key list ${list}: ${why}`);
    },
  );

  const verdicts: [string, (ws: string) => string[], RegExp][] = [
    [
      "a key not listed",
      () => [SEAL, "--trusted-keys", "okafor-only.json"],
      /signed with key [0-9a-f]{64}, which no key list given holds/,
    ],
    [
      "a listed key of another actor",
      () => [SEAL, "--trusted-keys", "swapped.json"],
      /signed with key [0-9a-f]{64}, which is listed for M\. Okafor, not for J\. Rivera/,
    ],
    [
      "an unsigned seal",
      () => [
        sealedPath(`RUN-002_${STAMP}.json`),
        "--trusted-keys",
        "trusted.json",
      ],
      /not signed \(no RUN-002_20260216T000000Z\.json\.intoto\.json beside it\)/,
    ],
    [
      "an envelope moved beside another seal",
      (ws) => {
        fs.copyFileSync(
          path.join(ws, ENVELOPE),
          path.join(ws, sealedPath(`RUN-002_${STAMP}.json.intoto.json`)),
        );
        return [
          sealedPath(`RUN-002_${STAMP}.json`),
          "--trusted-keys",
          "trusted.json",
        ];
      },
      /the envelope signs another seal: its subject digest is sha256:[0-9a-f]{64}, this seal's hash is sha256:/,
    ],
    [
      "a payload edited (role raised)",
      (ws) => {
        const env = readEnvelope(ws, ENVELOPE);
        const st = statementOf(env);
        st.predicate.role = "admin";
        env.payload = Buffer.from(JSON.stringify(st)).toString("base64");
        fs.writeFileSync(path.join(ws, ENVELOPE), JSON.stringify(env));
        return [SEAL, "--trusted-keys", "trusted.json"];
      },
      /the envelope's predicate does not match the seal/,
    ],
    [
      "a signature altered",
      (ws) => {
        const env = readEnvelope(ws, ENVELOPE);
        const sig = Buffer.from(env.signatures[0].sig, "base64");
        sig[sig.length - 1] ^= 1;
        env.signatures[0].sig = sig.toString("base64");
        fs.writeFileSync(path.join(ws, ENVELOPE), JSON.stringify(env));
        return [SEAL, "--trusted-keys", "trusted.json"];
      },
      /the signature does not verify with key [0-9a-f]{64}/,
    ],
    [
      "an envelope that is not JSON",
      (ws) => (
        fs.writeFileSync(path.join(ws, ENVELOPE), "{oops"),
        [SEAL, "--trusted-keys", "trusted.json"]
      ),
      /malformed envelope: not JSON/,
    ],
    [
      "an envelope of another payload type",
      (ws) => {
        const env = readEnvelope(ws, ENVELOPE);
        env.payloadType = "text/plain";
        fs.writeFileSync(path.join(ws, ENVELOPE), JSON.stringify(env));
        return [SEAL, "--trusted-keys", "trusted.json"];
      },
      /malformed envelope: payloadType is "text\/plain"/,
    ],
    [
      "a signature that is not base64",
      (ws) => {
        const env = readEnvelope(ws, ENVELOPE);
        env.signatures[0].sig = "!!";
        fs.writeFileSync(path.join(ws, ENVELOPE), JSON.stringify(env));
        return [SEAL, "--trusted-keys", "trusted.json"];
      },
      /malformed envelope: sig is not standard base64/,
    ],
  ];
  it.each(verdicts)(
    "refuse %s with a clear verdict (exit 1, never a crash)",
    async (_what, prepare, message) => {
      const ws = cloneWorkspace(fixture);
      const args = prepare(ws);
      const v = await run(ws, ["verify", ...args]);
      expect(v.stderr).toBe("");
      expect(v.code).toBe(1);
      expect(v.stdout).toMatch(message);
      const p = await run(ws, [
        "replay",
        "--sealed",
        args[0],
        ...args.slice(1),
      ]);
      expect(p.code).toBe(1);
      expect(p.stdout).toMatch(
        new RegExp("FAIL  signature: " + message.source),
      );
      expect(p.stdout.trimEnd().split("\n").pop()).toBe(
        `INADMISSIBLE: ${args[0]}`,
      );
    },
  );

  it("a key list that is not one is bad usage, naming the entry", async () => {
    const ws = cloneWorkspace(fixture);
    fs.writeFileSync(
      path.join(ws, "bad.json"),
      JSON.stringify([{ actor: "X", public_key: "nope" }]),
    );
    const r = await run(ws, ["verify", SEAL, "--trusted-keys", "bad.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /trusted keys bad\.json entry 1: "public_key" holds no PEM PUBLIC KEY block/,
    );
  });

  it("replay without --trusted-keys stays admissible and notes a signature it cannot check", async () => {
    const ws = cloneWorkspace(fixture);
    const p = await run(ws, ["replay", "--sealed", SEAL]);
    expect(p.code).toBe(0);
    expect(p.stdout).toMatch(
      /NOTE {2}signature: signed with key [0-9a-f]{64}, which no key list given holds/,
    );
  });

  it("a governance key list names the actor's key without --trusted-keys", async () => {
    const ws = cloneWorkspace(fixture);
    fs.copyFileSync(
      path.join(ws, "trusted.json"),
      path.join(ws, "docs/governance/ACTOR_KEYS.json"),
    );
    const p = await run(ws, ["replay", "--sealed", SEAL]);
    expect(p.code).toBe(0);
    expect(p.stdout).toContain(
      `PASS  signature: signed by J. Rivera (${keyId(ws)}), a key listed for J. Rivera in governance`,
    );
    // …but the auditor's own list is what counts when given: a governance listing can be forged.
    const q = await run(ws, [
      "replay",
      "--sealed",
      SEAL,
      "--trusted-keys",
      "okafor-only.json",
    ]);
    expect(q.code).toBe(1);
    expect(q.stdout).toMatch(
      /FAIL {2}signature: .*, but not in trusted keys okafor-only\.json/,
    );
  });
});
