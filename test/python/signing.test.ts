// Signed seals checked by tools we did not write (issue 13): openssl on the DSSE
// pre-authentication bytes, and securesystemslib's ECDSA verifier (Debian's python3-securesystemslib
// for /usr/bin/python3, installed by .ci/run). And the other way round: a key made by openssl signs
// through the CLI, and a signature made by openssl is accepted by `verify --trusted-keys`.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  EPOCH,
  makeWorkspace,
  readEnvelope,
  removeWorkspaces,
  run,
  sealedPath,
  sha256Hex,
  STAMP,
  statementOf,
} from "../cli/helpers";
import type { DsseEnvelope } from "../../src/core/sign/envelope";

const SEAL = sealedPath(`RUN-001_${STAMP}.json`);
const ENVELOPE = `${SEAL}.intoto.json`;

let ws: string;
beforeAll(async () => {
  ws = makeWorkspace();
  // The signing key comes from openssl, not from keygen: the CLI must take any PKCS#8 P-256 key.
  execFileSync(
    "openssl",
    [
      "genpkey",
      "-algorithm",
      "EC",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-out",
      "signer.pem",
    ],
    { cwd: ws },
  );
  execFileSync(
    "openssl",
    ["pkey", "-in", "signer.pem", "-pubout", "-out", "signer.pub.pem"],
    { cwd: ws },
  );
  fs.chmodSync(path.join(ws, "signer.pem"), 0o600);
  const r = await run(
    ws,
    [
      "export",
      "--run-id",
      "RUN-001",
      "--actor",
      "J. Rivera",
      "--sign-key",
      "signer.pem",
    ],
    { epoch: EPOCH },
  );
  if (r.code !== 0) throw new Error(r.stderr);
  fs.writeFileSync(
    path.join(ws, "trusted.json"),
    JSON.stringify([
      {
        actor: "J. Rivera",
        public_key: fs.readFileSync(path.join(ws, "signer.pub.pem"), "utf8"),
      },
    ]),
  );
});
afterAll(removeWorkspaces);

/** PAE and the DER signature as files, computed here from the DSSE spec, not by the product. */
function paeFiles(
  dir: string,
  envelopeFile: string,
): { pae: string; sig: string; keyid: string } {
  const env = readEnvelope(dir, envelopeFile);
  const payload = Buffer.from(env.payload, "base64");
  const type = Buffer.from(env.payloadType, "utf8");
  const pae = Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `),
    type,
    Buffer.from(` ${payload.length} `),
    payload,
  ]);
  fs.writeFileSync(path.join(dir, "pae.bin"), pae);
  fs.writeFileSync(
    path.join(dir, "sig.der"),
    Buffer.from(env.signatures[0].sig, "base64"),
  );
  return { pae: "pae.bin", sig: "sig.der", keyid: env.signatures[0].keyid };
}

const openssl = (...args: string[]) =>
  spawnSync("openssl", args, { cwd: ws, encoding: "utf8" });

const SSLIB = `
import base64, json, sys
from securesystemslib.signer import SSlibKey, Signature
from securesystemslib.exceptions import UnverifiedSignatureError
env = json.load(open(sys.argv[1]))
s = env["signatures"][0]
key = SSlibKey(s["keyid"], "ecdsa", "ecdsa-sha2-nistp256", {"public": open(sys.argv[2]).read()})
try:
    key.verify_signature(Signature(s["keyid"], base64.b64decode(s["sig"]).hex()), open(sys.argv[3], "rb").read())
    print("verified")
except UnverifiedSignatureError as e:
    print("refused:", e); sys.exit(1)
`;
const sslib = (envelope: string) =>
  spawnSync(
    "/usr/bin/python3",
    ["-c", SSLIB, envelope, "signer.pub.pem", "pae.bin"],
    { cwd: ws, encoding: "utf8" },
  );

describe("openssl", () => {
  it("verifies the envelope's signature over the PAE bytes with the signer's public key", () => {
    paeFiles(ws, ENVELOPE);
    const r = openssl(
      "dgst",
      "-sha256",
      "-verify",
      "signer.pub.pem",
      "-signature",
      "sig.der",
      "pae.bin",
    );
    expect(r.stdout.trim()).toBe("Verified OK");
    expect(r.status).toBe(0);
  });

  it("computes the same key id: SHA-256 of the DER SubjectPublicKeyInfo", () => {
    const { keyid } = paeFiles(ws, ENVELOPE);
    const der = execFileSync(
      "openssl",
      ["pkey", "-pubin", "-in", "signer.pub.pem", "-outform", "DER"],
      { cwd: ws },
    );
    expect(keyid).toBe(sha256Hex(der));
  });

  it("shows the subject digest is `sealed-run canon FILE | sha256sum`", async () => {
    const env = readEnvelope(ws, ENVELOPE);
    const st = statementOf(env);
    const canon = await run(ws, ["canon", SEAL]);
    expect(st.subject[0].digest.sha256).toBe(sha256Hex(canon.stdout));
  });

  it("refuses the PAE of an edited payload", () => {
    paeFiles(ws, ENVELOPE);
    const pae = fs.readFileSync(path.join(ws, "pae.bin"));
    pae[pae.length - 5] ^= 1;
    fs.writeFileSync(path.join(ws, "pae.bin"), pae);
    const r = openssl(
      "dgst",
      "-sha256",
      "-verify",
      "signer.pub.pem",
      "-signature",
      "sig.der",
      "pae.bin",
    );
    expect(r.stdout.trim()).toBe("Verification failure");
    expect(r.status).toBe(1);
  });
});

describe("securesystemslib (ecdsa-sha2-nistp256)", () => {
  it("verifies the envelope", () => {
    paeFiles(ws, ENVELOPE);
    const r = sslib(ENVELOPE);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("verified");
  });

  it("refuses an envelope whose payload was edited", () => {
    const env = readEnvelope(ws, ENVELOPE);
    env.payload = Buffer.from(
      Buffer.from(env.payload, "base64")
        .toString()
        .replace("J. Rivera", "M. Okafor"),
    ).toString("base64");
    fs.writeFileSync(path.join(ws, "edited.intoto.json"), JSON.stringify(env));
    paeFiles(ws, "edited.intoto.json");
    const r = sslib("edited.intoto.json");
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^refused: /);
  });
});

describe("docs/SIGNING.md: checking a seal with openssl alone", () => {
  it("the documented commands verify the signature, the key id and the subject", () => {
    const doc = fs.readFileSync(
      path.resolve(__dirname, "../../docs/SIGNING.md"),
      "utf8",
    );
    const script =
      /<!-- openssl-check:start -->\n+```bash\n([\s\S]*?)```\n+<!-- openssl-check:end -->/.exec(
        doc,
      )![1];
    const dir = path.join(ws, path.dirname(SEAL));
    fs.copyFileSync(
      path.join(ws, "signer.pub.pem"),
      path.join(dir, "signer.pub.pem"),
    );
    const r = spawnSync("bash", ["-euo", "pipefail", "-c", script], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    const [verified, keyIdOpenssl, keyIdEnvelope, subject, sealHash] = r.stdout
      .trimEnd()
      .split("\n");
    expect(verified).toBe("Verified OK");
    expect(keyIdOpenssl).toBe(keyIdEnvelope);
    expect(keyIdOpenssl).toMatch(/^[0-9a-f]{64}$/);
    expect(subject).toBe(sealHash);
    expect(sealHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("the project's Python verifier (standard library: ECDSA P-256 by hand)", () => {
  const PY = path.resolve(__dirname, "../../tools/verify_sealed_run.py");
  const pyCheck = (envelope: string, key = "signer.pub.pem") =>
    spawnSync(
      "python3",
      [PY, "--signature", SEAL, "--key", key, "--envelope", envelope],
      { cwd: ws, encoding: "utf8" },
    );
  const edited = (name: string, edit: (env: DsseEnvelope) => void) => {
    const env = readEnvelope(ws, ENVELOPE);
    edit(env);
    fs.writeFileSync(path.join(ws, name), JSON.stringify(env, null, 2));
    return name;
  };

  it("names the signer and key of a good envelope", () => {
    const r = pyCheck(ENVELOPE);
    const keyid = readEnvelope(ws, ENVELOPE).signatures[0].keyid;
    expect(r.stdout).toBe(`OK  ${SEAL}  signed by J. Rivera (${keyid})\n`);
    expect(r.status).toBe(0);
  });

  it.each<[string, () => [string, string?], RegExp]>([
    [
      "a flipped signature bit",
      () => [
        edited("flip.json", (e) => {
          const sig = Buffer.from(e.signatures[0].sig, "base64");
          sig[sig.length - 1] ^= 1;
          e.signatures[0].sig = sig.toString("base64");
        }),
      ],
      /the signature does not verify with key [0-9a-f]{64}/,
    ],
    [
      "another key",
      () => {
        execFileSync(
          "openssl",
          [
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
            "other.pem",
          ],
          { cwd: ws },
        );
        execFileSync(
          "openssl",
          ["pkey", "-in", "other.pem", "-pubout", "-out", "other.pub.pem"],
          { cwd: ws },
        );
        return [ENVELOPE, "other.pub.pem"];
      },
      /signed with key [0-9a-f]{64}, not with this key \([0-9a-f]{64}\)/,
    ],
    [
      "a payload naming another seal",
      () => [
        edited("swap.json", (e) => {
          const st = statementOf(e);
          st.subject[0].digest.sha256 = "0".repeat(64);
          e.payload = Buffer.from(JSON.stringify(st)).toString("base64");
        }),
      ],
      /the envelope signs another seal/,
    ],
    [
      "a predicate naming another actor",
      () => [
        edited("actor.json", (e) => {
          const st = statementOf(e);
          st.predicate.actor = "M. Okafor";
          e.payload = Buffer.from(JSON.stringify(st)).toString("base64");
        }),
      ],
      /the envelope's predicate does not match the seal \(it names actor "M\. Okafor"/,
    ],
    [
      "a signature that is not DER",
      () => [
        edited(
          "raw.json",
          (e) => (e.signatures[0].sig = Buffer.alloc(64, 1).toString("base64")),
        ),
      ],
      /malformed envelope: sig is not a DER ECDSA signature/,
    ],
    [
      "a payload that is not base64",
      () => [edited("b64.json", (e) => (e.payload = "%%%"))],
      /malformed envelope: payload is not standard base64/,
    ],
  ])("refuses %s (exit 1)", (_what, make, message) => {
    const [envelope, key] = make();
    const r = pyCheck(envelope, key);
    expect(r.stdout).toMatch(message);
    expect(r.status).toBe(1);
  });

  it("a missing envelope is exit 2", () => {
    expect(pyCheck("none.intoto.json").status).toBe(2);
  });
});

describe("a signature made by openssl", () => {
  it("is accepted by verify --trusted-keys (DER from another signer, parsed strictly)", async () => {
    paeFiles(ws, ENVELOPE);
    execFileSync(
      "openssl",
      [
        "dgst",
        "-sha256",
        "-sign",
        "signer.pem",
        "-out",
        "openssl.sig",
        "pae.bin",
      ],
      { cwd: ws },
    );
    const env = readEnvelope(ws, ENVELOPE);
    env.signatures[0].sig = fs
      .readFileSync(path.join(ws, "openssl.sig"))
      .toString("base64");
    fs.writeFileSync(path.join(ws, ENVELOPE), JSON.stringify(env, null, 2));
    const r = await run(ws, ["verify", SEAL, "--trusted-keys", "trusted.json"]);
    expect(r.stdout).toMatch(
      /signed by J\. Rivera \([0-9a-f]{64}\), a key listed for J\. Rivera in trusted keys trusted\.json/,
    );
    expect(r.code).toBe(0);
    // …and by the Python verifier's own ECDSA.
    const py = spawnSync(
      "python3",
      [
        path.resolve(__dirname, "../../tools/verify_sealed_run.py"),
        "--signature",
        SEAL,
        "--key",
        "signer.pub.pem",
      ],
      { cwd: ws, encoding: "utf8" },
    );
    expect(py.stdout).toMatch(/^OK {2}.* signed by J\. Rivera/);
  });
});

describe("an envelope kept in a workbook", () => {
  it("comes out with `extract` beside its seal, and openssl and securesystemslib verify it", async () => {
    fs.copyFileSync(
      path.resolve(__dirname, "../../assets/SealedRun-Sample.xlsx"),
      path.join(ws, "Triage.xlsx"),
    );
    let r = await run(
      ws,
      [
        "export",
        "--run-id",
        "RUN-004",
        "--source",
        "Triage.xlsx",
        "--actor",
        "J. Rivera",
        "--out",
        "made/RUN-004.json",
        "--sign-key",
        "signer.pem",
      ],
      { epoch: EPOCH },
    );
    expect(r.code).toBe(0);
    // Only the workbook goes on: the auditor extracts seal and signature from it.
    r = await run(ws, ["extract", "Triage.xlsx", "--out", "fromBook"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /wrote {4}fromBook\/RUN-004\.json\.intoto\.json \(the signature kept beside the seal, key [0-9a-f]{64}\)/,
    );
    expect(
      fs.readFileSync(
        path.join(ws, "fromBook/RUN-004.json.intoto.json"),
        "utf8",
      ),
    ).toBe(
      fs.readFileSync(path.join(ws, "made/RUN-004.json.intoto.json"), "utf8"),
    );
    paeFiles(ws, "fromBook/RUN-004.json.intoto.json");
    const o = openssl(
      "dgst",
      "-sha256",
      "-verify",
      "signer.pub.pem",
      "-signature",
      "sig.der",
      "pae.bin",
    );
    expect(o.stdout.trim()).toBe("Verified OK");
    const p = sslib("fromBook/RUN-004.json.intoto.json");
    expect(p.stdout.trim()).toBe("verified");
    // Extracting again: identical files are skipped, never rewritten.
    r = await run(ws, ["extract", "Triage.xlsx", "--out", "fromBook"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /skipped {2}fromBook\/RUN-004\.json\.intoto\.json/,
    );
    // A different file at the envelope's name is left alone (exit 3).
    fs.writeFileSync(
      path.join(ws, "fromBook/RUN-004.json.intoto.json"),
      "{}\n",
    );
    r = await run(ws, ["extract", "Triage.xlsx", "--out", "fromBook"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      "refused  fromBook/RUN-004.json.intoto.json: a different file has that name; it was left as it is",
    );
    expect(
      fs.readFileSync(
        path.join(ws, "fromBook/RUN-004.json.intoto.json"),
        "utf8",
      ),
    ).toBe("{}\n");
  });
});
