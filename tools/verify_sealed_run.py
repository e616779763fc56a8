#!/usr/bin/env python3
"""Check sealed-run hashes (CONTRACT.md section 2) with Python's standard library alone.

  python3 tools/verify_sealed_run.py FILE...     one line per file; exit 0 if all are valid,
                                                 1 if any is invalid, 2 if any cannot be read
  python3 tools/verify_sealed_run.py --canon FILE  print the RFC 8785 (JCS) bytes of FILE; for an
                                                 object with a "hash" member, with hash set to ""
  python3 tools/verify_sealed_run.py --log PATCH_LOG.csv [SEALED_FILE|DIR...]  check the log's chain
                                                 and cross-check sealed files (tools/verify_patch_log.py)
  python3 tools/verify_sealed_run.py --signature FILE --key SIGNER.pub.pem  check who signed a seal
                                                 (tools/verify_signature.py, docs/SIGNING.md)
"""
import hashlib, json, re, sys

MAX_SAFE = 2**53 - 1                  # larger integers change value in a JavaScript reader
MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 256                       # arrays and objects nested deeper are refused (CONTRACT section 2)
HASH_FORM = re.compile(r"sha256:[0-9a-f]{64}")
ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}

class Invalid(Exception): pass       # RecursionError (nesting thousands deep) is reported as invalid too
class Pairs(list): pass               # an object's members as parsed, before duplicates are checked

def _int(text):
    if len(text.lstrip("-")) > 16 or abs(int(text)) > MAX_SAFE:
        raise Invalid(f"integer {text} is beyond ±(2^53−1)")
    return int(text)

def _float(text):
    if abs(float(text)) == float("inf"): raise Invalid(f"number {text} is not finite")
    return float(text)

def _constant(name): raise Invalid(f"non-finite number {name}")

def _build(node, where, depth=0):
    """Turn parsed members into dicts, refusing what JSON readers disagree on; `where` is a path."""
    if isinstance(node, str):
        try: node.encode("utf-8")
        except UnicodeEncodeError: raise Invalid(f"lone surrogate in a string at {where}") from None
    if not isinstance(node, list): return node
    if depth == MAX_DEPTH: raise Invalid(f"nesting deeper than {MAX_DEPTH} at {where}")
    if not isinstance(node, Pairs):
        return [_build(v, f"{where}[{i}]", depth + 1) for i, v in enumerate(node)]
    out = {}
    for key, value in node:
        _build(key, f"{where} (a member name)")
        if key in out: raise Invalid(f"member name {key!r} repeated in the object at {where}")
        if key == "__proto__": raise Invalid(f"member named __proto__ in the object at {where}")
        out[key] = _build(value, f"{where}.{key}", depth + 1)
    return out

def read_strict(path):
    """Parse a file as the contract demands; OSError means unreadable, Invalid means not valid."""
    with open(path, "rb") as f: data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES: raise Invalid("file is over 5 MiB")
    if data.startswith(b"\xef\xbb\xbf"): raise Invalid("file starts with a byte order mark (BOM)")
    try: text = data.decode("utf-8")   # strict: also refuses UTF-8-encoded surrogates
    except UnicodeDecodeError as e: raise Invalid(f"not UTF-8 (byte {e.start})") from None
    try:
        tree = json.loads(text, object_pairs_hook=Pairs, parse_int=_int, parse_float=_float,
                          parse_constant=_constant)
    except json.JSONDecodeError as e:
        raise Invalid(f"not JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
    return _build(tree, "$")

def _number(x):
    """ECMAScript Number::toString, from repr's shortest round-trip digits (the same digits JS picks)."""
    if x == 0: return "0"             # -0 too
    mantissa, _, exp = repr(abs(x)).partition("e")
    whole, _, frac = mantissa.partition(".")
    digits = (whole + frac).lstrip("0")
    n = len(whole) + int(exp or 0) - (len(whole + frac) - len(digits))  # value = 0.DIGITS × 10^n
    digits = digits.rstrip("0")
    k = len(digits)
    if k <= n <= 21: out = digits + "0" * (n - k)
    elif 0 < n <= 21: out = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0: out = "0." + "0" * -n + digits
    else:                             # 1e+21, 1.5e-7
        out = digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if n > 0 else "-") + str(abs(n - 1))
    return ("-" if x < 0 else "") + out

def canonicalize(value):
    """RFC 8785 text of a parsed value; its UTF-8 bytes are what gets hashed."""
    if value is None or isinstance(value, bool): return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, (int, float)): return _number(float(value))
    if isinstance(value, str):
        return '"' + "".join(ESCAPES.get(c) or (f"\\u{ord(c):04x}" if c < " " else c) for c in value) + '"'
    if isinstance(value, list): return "[" + ",".join(canonicalize(v) for v in value) + "]"
    keys = sorted(value, key=lambda k: k.encode("utf-16-be"))  # UTF-16 code-unit order, as JS sorts
    return "{" + ",".join(canonicalize(k) + ":" + canonicalize(value[k]) for k in keys) + "}"

def verify(path):
    doc = read_strict(path)
    if not isinstance(doc, dict): raise Invalid("top level is not a JSON object")
    if "hash" not in doc: raise Invalid("no hash member")
    claimed = doc["hash"]
    if not isinstance(claimed, str) or not HASH_FORM.fullmatch(claimed):
        raise Invalid(f"hash {json.dumps(claimed)[:80]} is not 'sha256:' + 64 lowercase hex digits")
    doc["hash"] = ""                  # the hash covers the document with its own value emptied
    actual = "sha256:" + hashlib.sha256(canonicalize(doc).encode("utf-8")).hexdigest()
    if actual != claimed: raise Invalid(f"hash mismatch: file says {claimed}, content hashes to {actual}")
    return actual

def main(args):
    if args[:1] == ["--log"]:
        from verify_patch_log import main as check_log   # beside this file in tools/
        return check_log(args[1:])
    if args[:1] == ["--signature"]:
        from verify_signature import main as check_signature   # beside this file in tools/
        return check_signature(args[1:])
    if len(args) == 2 and args[0] == "--canon":
        try:
            doc = read_strict(args[1])
            if isinstance(doc, dict) and "hash" in doc: doc["hash"] = ""
            canonical = canonicalize(doc)
        except OSError as e: print(f"cannot read {args[1]}: {e.strerror or e}", file=sys.stderr); return 2
        except (Invalid, RecursionError) as e: print(f"FAIL {args[1]}: {e}", file=sys.stderr); return 1
        sys.stdout.buffer.write(canonical.encode("utf-8"))   # no newline: these are the hashed bytes
        return 0
    if not args or any(a.startswith("--") for a in args): print(__doc__, file=sys.stderr); return 2
    worst = 0
    for path in args:
        try: print(f"OK  {path}  {verify(path)}")
        except OSError as e: print(f"FAIL {path}: cannot read ({e.strerror or e})"); worst = 2
        except (Invalid, RecursionError) as e: print(f"FAIL {path}: {e}"); worst = max(worst, 1)
    return worst

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
