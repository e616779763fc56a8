#!/usr/bin/env python3
"""Check a signed seal (docs/SIGNING.md) with Python's standard library alone.

  python3 tools/verify_sealed_run.py --signature SEALED.json --key SIGNER.pub.pem [--envelope ENV]
  python3 tools/verify_signature.py SEALED.json --key SIGNER.pub.pem [--envelope ENV]

The envelope defaults to SEALED.json.intoto.json. Checks the seal's hash, that the envelope's
in-toto Statement names this file and its canonical SHA-256 and the seal's own actor, role, run,
policy and log head, that the envelope's key id is this key's (SHA-256 of its SubjectPublicKeyInfo),
and the ECDSA P-256/SHA-256 signature over DSSE's pre-authentication encoding. Exit 0 signed by that
key, 1 anything else, 2 a file that cannot be read.
"""
import base64, binascii, hashlib, json, os, re, sys

from verify_sealed_run import Invalid, read_strict, verify as verify_seal

PAYLOAD_TYPE = "application/vnd.in-toto+json"
STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "urn:sealed-run:predicate:seal:v1"

# NIST P-256 (FIPS 186-4 D.1.2.3). Verification handles no secret, so plain arithmetic is safe.
P = 2**256 - 2**224 + 2**192 + 2**96 - 1
N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
B = 0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B
G = (0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
     0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5)
# DER SubjectPublicKeyInfo of an uncompressed P-256 key, up to the point's 64 bytes.
SPKI_PREFIX = bytes.fromhex("3059301306072a8648ce3d020106082a8648ce3d030107034200" + "04")

def _add(p1, p2):
    if p1 is None: return p2
    if p2 is None: return p1
    (x1, y1), (x2, y2) = p1, p2
    if x1 == x2 and (y1 + y2) % P == 0: return None
    lam = (3 * x1 * x1 - 3) * pow(2 * y1, -1, P) if p1 == p2 else (y2 - y1) * pow(x2 - x1, -1, P)
    x3 = (lam * lam - x1 - x2) % P
    return (x3, (lam * (x1 - x3) - y1) % P)

def _mul(k, point):
    out = None
    while k:
        if k & 1: out = _add(out, point)
        point, k = _add(point, point), k >> 1
    return out

def ecdsa_p256_verify(point, r, s, message):
    if not (1 <= r < N and 1 <= s < N): return False
    e = int.from_bytes(hashlib.sha256(message).digest(), "big")
    w = pow(s, -1, N)
    x = _add(_mul(e * w % N, G), _mul(r * w % N, point))
    return x is not None and x[0] % N == r

class Bad(Exception): pass

def b64(text, what):
    if not isinstance(text, str): raise Bad(f"malformed envelope: {what} is not a string")
    try: data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError): raise Bad(f"malformed envelope: {what} is not standard base64") from None
    if base64.b64encode(data).decode() != text: raise Bad(f"malformed envelope: {what} is not standard base64")
    return data

def public_key(pem_text):
    m = re.search(r"-----BEGIN PUBLIC KEY-----\s*([A-Za-z0-9+/=\s]+?)\s*-----END PUBLIC KEY-----", pem_text)
    if not m: raise Bad("the key file holds no PEM PUBLIC KEY block")
    der = base64.b64decode("".join(m[1].split()))
    if len(der) != 91 or not der.startswith(SPKI_PREFIX): raise Bad("the key is not an uncompressed ECDSA P-256 public key")
    x, y = int.from_bytes(der[27:59], "big"), int.from_bytes(der[59:], "big")
    if not (x < P and y < P and (y * y - (x ** 3 - 3 * x + B)) % P == 0): raise Bad("the key's point is not on P-256")
    return (x, y), hashlib.sha256(der).hexdigest()

def der_signature(sig):
    """(r, s) from a minimal DER SEQUENCE of two positive INTEGERs."""
    if len(sig) < 8 or sig[0] != 0x30 or sig[1] != len(sig) - 2: raise Bad("malformed envelope: sig is not a DER ECDSA signature")
    out, p = [], 2
    for _ in range(2):
        if p + 2 > len(sig) or sig[p] != 0x02: raise Bad("malformed envelope: sig is not a DER ECDSA signature")
        n = sig[p + 1]
        v = sig[p + 2:p + 2 + n]
        if n == 0 or len(v) != n or v[0] & 0x80 or (v[0] == 0 and (n == 1 or not v[1] & 0x80)):
            raise Bad("malformed envelope: sig is not a DER ECDSA signature")
        out.append(int.from_bytes(v, "big"))
        p += 2 + n
    if p != len(sig): raise Bad("malformed envelope: sig is not a DER ECDSA signature")
    return out

def check(seal_path, envelope_path, key_path):
    seal_hash = verify_seal(seal_path)                       # Invalid if the seal itself fails
    doc = read_strict(seal_path)
    with open(key_path, encoding="utf-8") as f: point, key_id = public_key(f.read())
    with open(envelope_path, "rb") as f: raw = f.read()
    try: env = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e: raise Bad(f"malformed envelope: not JSON ({e})") from None
    if not isinstance(env, dict): raise Bad("malformed envelope: not a JSON object")
    if env.get("payloadType") != PAYLOAD_TYPE:
        raise Bad(f"malformed envelope: payloadType is {json.dumps(env.get('payloadType'))}, not {json.dumps(PAYLOAD_TYPE)}")
    payload = b64(env.get("payload"), "payload")
    sigs = env.get("signatures")
    if not isinstance(sigs, list) or len(sigs) != 1 or not isinstance(sigs[0], dict):
        raise Bad("malformed envelope: it must hold exactly one signature")
    sig = b64(sigs[0].get("sig"), "sig")
    try: st = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError): raise Bad("malformed envelope: the payload is not UTF-8 JSON") from None
    if not isinstance(st, dict) or st.get("_type") != STATEMENT_TYPE or st.get("predicateType") != PREDICATE_TYPE:
        raise Bad("malformed envelope: the payload is not a sealed-run in-toto Statement v1")
    try:
        (subject,) = st["subject"]
        name, digest, pred = subject["name"], subject["digest"]["sha256"], st["predicate"]
    except (KeyError, TypeError, ValueError):
        raise Bad("malformed envelope: the Statement must have one subject with a name and a sha256 digest") from None
    if digest != seal_hash[7:] or not isinstance(pred, dict) or pred.get("seal_hash") != seal_hash:
        raise Bad(f"the envelope signs another seal: its subject digest is sha256:{digest}, this seal's hash is {seal_hash}")
    if name != os.path.basename(seal_path):
        raise Bad(f"the envelope names the file {json.dumps(name)}, not {json.dumps(os.path.basename(seal_path))}")
    env_a, snap = doc["authority_envelope"], doc["authority_envelope"]["policy_snapshot"]
    expected = {"run_id": doc["meta"]["run_id"], "actor": env_a["actor"], "role": env_a["role"],
                "policy_version": snap["policy_version"], "policy_hash": snap["policy_hash"],
                "patch_log_head": doc["reconstruction"]["patch_log_head"], "seal_hash": seal_hash,
                "export_timestamp": doc["meta"]["export_timestamp"]}
    if pred != expected:
        raise Bad(f"the envelope's predicate does not match the seal (it names actor {json.dumps(pred.get('actor'))}, run {json.dumps(pred.get('run_id'))})")
    if sigs[0].get("keyid") != key_id:
        raise Bad(f"signed with key {sigs[0].get('keyid')}, not with this key ({key_id})")
    r, s = der_signature(sig)
    t = PAYLOAD_TYPE.encode()
    pae = b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)
    if not ecdsa_p256_verify(point, r, s, pae):
        raise Bad(f"the signature does not verify with key {key_id}: the envelope was altered or signed with another key")
    return f"signed by {env_a['actor']} ({key_id})"

def main(args):
    try:
        seal = args[0]
        opts = dict(zip(args[1::2], args[2::2]))
        if len(args) % 2 != 1 or set(opts) - {"--key", "--envelope"} or "--key" not in opts or seal.startswith("--"): raise ValueError
    except (IndexError, ValueError):
        print(__doc__, file=sys.stderr); return 2
    envelope = opts.get("--envelope", seal + ".intoto.json")
    try: print(f"OK  {seal}  {check(seal, envelope, opts['--key'])}")
    except OSError as e: print(f"FAIL {seal}: cannot read {e.filename}: {e.strerror or e}"); return 2
    except (Invalid, RecursionError, Bad) as e: print(f"FAIL {seal}: {e}"); return 1
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
