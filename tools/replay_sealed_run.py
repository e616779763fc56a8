#!/usr/bin/env python3
"""Replay a sealed run (CONTRACT.md section 5) with Python's standard library alone: is it admissible?

  python3 tools/replay_sealed_run.py --sealed PATH [--json]

One line per rule, in the contract's order, as `sealed-run replay` prints them:
  1. strict read and hash   2. schema sealed_run_v1 (the shipped schemas in ../schemas/reconstruct)
  3. authority envelope complete   4. enforcement gates passed
  5. fields re-derived from the source row   6. policy and prompt texts match their hashes
Exit 0 admissible, 1 inadmissible, 2 the file cannot be read (or the schemas cannot be found).
"""
import hashlib, json, os, re, sys
from datetime import date, timedelta

from verify_sealed_run import HASH_FORM, Invalid, canonicalize, read_strict, _number

SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schemas", "reconstruct")
RULES = ["hash", "schema", "envelope", "enforcement", "reconstruction", "policy_hashes"]
TITLES = {"hash": "strict read and hash", "schema": "schema sealed_run_v1", "envelope": "authority envelope complete",
          "enforcement": "enforcement gates passed", "reconstruction": "fields re-derived from the source row",
          "policy_hashes": "policy and prompt texts match their hashes"}
CHECKS = ["run_id_valid", "required_columns_present", "no_error_cells", "dates_valid", "confidence_in_range",
          "policy_snapshot_complete", "actor_authorized", "not_already_sealed"]
USED = ["RunID", "SessionDate", "Operator", "Model", "TopRisks", "TopActions", "SuggestedUpdates",
        "SummaryConfidence_pct", "NextReviewDate"]
ERRORS = ["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!"]
EXCEL_ONLY_ERRORS = ["#GETTING_DATA", "#BLOCKED!", "#CONNECT!", "#FIELD!", "#UNKNOWN!", "#BUSY!", "#PYTHON!"]
RUN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}\Z")
# ECMAScript's String.prototype.trim: WhiteSpace and LineTerminator (not Python's str.isspace set).
JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
MAX_SAFE = 2**53 - 1

def trim(s): return s.strip(JS_SPACE)
def is_number(v): return isinstance(v, (int, float)) and not isinstance(v, bool)
def sha256_tagged(text): return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()

# ---- rule 2: the shipped JSON Schemas, for the keywords they use -----------------------------

def load_schemas():
    out = {}
    for name in ("sealed_run_v1.json", "authority_envelope_v1.json"):
        with open(os.path.join(SCHEMAS, name), encoding="utf-8") as f: s = json.load(f)
        out[s["$id"]] = s
    return out

def _type_ok(v, t):
    return {"object": isinstance(v, dict), "array": isinstance(v, list), "string": isinstance(v, str),
            "boolean": isinstance(v, bool), "null": v is None, "number": is_number(v),
            "integer": is_number(v) and float(v).is_integer()}[t]

def _pattern(p):
    return re.compile(p[:-1] + r"\Z" if p.endswith("$") else p, re.ASCII)  # JS `$` never matches before a final newline

def validate(v, schema, root, schemas, at, errors):
    """Errors of `v` against a 2020-12 schema, limited to the keywords the shipped schemas use."""
    if schema is True: return
    if schema is False: errors.append(f"{at}: not allowed"); return
    if "$ref" in schema:
        ref = schema["$ref"]
        if ref.startswith("#/$defs/"): validate(v, root["$defs"][ref[8:]], root, schemas, at, errors)
        else: validate(v, schemas[ref], schemas[ref], schemas, at, errors)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_type_ok(v, t) for t in types): errors.append(f"{at} must be {' or '.join(types)}"); return
    if "const" in schema and not (v == schema["const"] and type(v) is type(schema["const"])):
        errors.append(f"{at} must be {json.dumps(schema['const'])}")
    if "enum" in schema and not any(v == e and isinstance(v, bool) == isinstance(e, bool) for e in schema["enum"]):
        errors.append(f"{at} must be one of {json.dumps(schema['enum'])}")
    if isinstance(v, str):
        if len(v) < schema.get("minLength", 0): errors.append(f"{at} must have at least {schema['minLength']} characters")
        if "pattern" in schema and not _pattern(schema["pattern"]).search(v): errors.append(f"{at} must match {schema['pattern']}")
    if is_number(v):
        if "minimum" in schema and v < schema["minimum"]: errors.append(f"{at} must be >= {schema['minimum']}")
        if "maximum" in schema and v > schema["maximum"]: errors.append(f"{at} must be <= {schema['maximum']}")
    if isinstance(v, list):
        if len(v) < schema.get("minItems", 0): errors.append(f"{at} must have at least {schema['minItems']} items")
        if "maxItems" in schema and len(v) > schema["maxItems"]: errors.append(f"{at} must have at most {schema['maxItems']} items")
        if "items" in schema:
            for i, x in enumerate(v): validate(x, schema["items"], root, schemas, f"{at}[{i}]", errors)
    if isinstance(v, dict):
        if len(v) < schema.get("minProperties", 0): errors.append(f"{at} must have at least {schema['minProperties']} members")
        for k in schema.get("required", []):
            if k not in v: errors.append(f"{at} must have member {k}")
        props = schema.get("properties", {})
        for k, x in v.items():
            if "propertyNames" in schema: validate(k, schema["propertyNames"], root, schemas, f"{at} (member name {k!r})", errors)
            if k in props: validate(x, props[k], root, schemas, f"{at}.{k}", errors)
            elif "additionalProperties" in schema:
                validate(x, schema["additionalProperties"], root, schemas, f"{at}.{k}", errors) \
                    if schema["additionalProperties"] is not False else errors.append(f"{at}: member {k} is not allowed")
    if "if" in schema:
        probe = []
        validate(v, schema["if"], root, schemas, at, probe)
        branch = schema.get("then") if not probe else schema.get("else")
        if branch is not None: validate(v, branch, root, schemas, at, errors)

# ---- rule 5: the fields again from the source row (CONTRACT section 3) -------------------------

def shortest_decimal(n):
    """The number's shortest round-trip digits without exponent (core/row/text.ts)."""
    if n == 0: return "0"
    s = _number(float(abs(n)))
    m = re.fullmatch(r"(\d+)(?:\.(\d+))?e([+-]\d+)", s)
    sign = "-" if n < 0 else ""
    if not m: return sign + s
    digits = m[1] + (m[2] or "")
    point = len(m[1]) + int(m[3])
    if point <= 0: return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits): return sign + digits + "0" * (point - len(digits))
    return f"{sign}{digits[:point]}.{digits[point:]}"

def cell_text(v):
    if isinstance(v, str): return trim(v)
    if isinstance(v, bool): return "TRUE" if v else "FALSE"
    if is_number(v): return shortest_decimal(v)
    return "" if v is None else trim(str(v))

def split_list(v): return [x for x in (trim(i) for i in cell_text(v).split(";")) if x != ""]

def is_percent_format(fmt, value=1):
    if fmt is None: return False
    sections, conditional, i = [False], False, 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == '"':
            end = fmt.find('"', i + 1); i = len(fmt) if end == -1 else end
        elif ch == "[":
            end = fmt.find("]", i + 1)
            if re.match(r"[<>=]", fmt[i + 1:]): conditional = True
            i = len(fmt) if end == -1 else end
        elif ch in "\\_*": i += 1
        elif ch == ";": sections.append(False)
        elif ch == "%": sections[-1] = True
        i += 1
    if conditional: return any(sections)
    section = 1 if value < 0 and len(sections) >= 2 else 2 if value == 0 and len(sections) >= 3 else 0
    return sections[section]

def confidence(v, fmt):
    """(value, None) or (None, reason), rounding the decimal string half away from zero (core/row/confidence.ts)."""
    if isinstance(v, bool): return None, "is a boolean, not a number"
    if is_number(v):
        m = re.fullmatch(r"([+-]?)(\d+)(?:\.(\d+))?", shortest_decimal(v))
        neg, whole, frac = m[1] == "-", m[2], m[3] or ""
        if is_percent_format(fmt, v):
            frac = frac.ljust(2, "0"); whole, frac = whole + frac[:2], frac[2:]
    elif isinstance(v, str):
        s = trim(v)
        if s == "": return None, "is empty"
        m = re.fullmatch(r"([+-]?)(\d+)(?:\.(\d+))?%?", s, re.ASCII)
        if not m: return None, f"is {json.dumps(s)}, which is not a number"
        neg, whole, frac = m[1] == "-", m[2], m[3] or ""
    else: return None, "is empty"
    frac = frac.ljust(3, "0")
    hundredths = int(whole + frac[:2]) + (1 if frac[2] >= "5" else 0)
    if hundredths == 0: return 0, None
    if neg: return None, "is below 0"
    if hundredths > 10000: return None, "is above 100"
    return (hundredths // 100 if hundredths % 100 == 0 else float(f"{hundredths // 100}.{hundredths % 100:02d}")), None

MAX_SERIAL = {1900: 2958465, 1904: 2957003}
MIN_SERIAL = {1900: 1, 1904: 0}

def date_cell(v, kind, system):
    if isinstance(v, str):
        s = trim(v)
        if s == "": return None, "is empty; a date is required (YYYY-MM-DD)"
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s, re.ASCII)
        try:
            if m: date(int(m[1]), int(m[2]), int(m[3])); return s, None
        except ValueError: pass
        return None, f"is {json.dumps(s)}, not a real calendar date in the form YYYY-MM-DD"
    if isinstance(v, bool) or not is_number(v): return None, "is not a date"
    if kind == "csv": return None, f"is the number {_number(float(v))}; a CSV date must be text YYYY-MM-DD"
    whole = int(v // 1)
    if whole < MIN_SERIAL[system] or whole > MAX_SERIAL[system] or (system == 1900 and whole == 60):
        return None, f"is serial {whole}, not a date of the {system} date system"
    epoch = date(1904, 1, 1) if system == 1904 else date(1899, 12, 31) if whole < 60 else date(1899, 12, 30)
    return (epoch + timedelta(days=whole)).isoformat(), None

def derive(source):
    """The sealed fields from `reconstruction.source`, or the row checks that trigger (core/row/derive.ts)."""
    headers, kind, values = source["headers"], source["kind"], source["values"]
    value = lambda i: values[i] if i < len(values) else ""
    where = lambda i: f"column {json.dumps(headers[i])} of {source['location']}"
    found = {}
    for i, h in enumerate(headers):
        for c in USED:
            if trim(h).lower() == c.lower(): found.setdefault(c, []).append(i)
    at = {c: found[c][0] if len(found.get(c, [])) == 1 else -1 for c in USED}
    problems = []
    if at["RunID"] >= 0 and not RUN_ID.match(cell_text(value(at["RunID"]))):
        problems.append(f"run_id_valid: RunID at {where(at['RunID'])} is not a safe run id")
    missing = [c for c in USED if at[c] < 0 and (c != "SuggestedUpdates" or len(found.get(c, [])) > 1)]
    if missing: problems.append(f"required_columns_present: missing or repeated column(s) {', '.join(missing)}")
    errors = ERRORS + ([] if kind == "csv" else EXCEL_ONLY_ERRORS)
    for i, h in enumerate(headers):
        if not any(trim(h).lower() == c.lower() for c in USED): continue
        v = value(i)
        if isinstance(v, str) and trim(v) in errors: problems.append(f"no_error_cells: {where(i)} holds the error {trim(v)}")
        elif is_number(v) and abs(v) > MAX_SAFE: problems.append(f"no_error_cells: {where(i)} is beyond ±(2^53−1)")
    dates = {}
    for c in ("SessionDate", "NextReviewDate"):
        if at[c] < 0: continue
        d, why = date_cell(value(at[c]), kind, source.get("date_system", 1900))
        if why: problems.append(f"dates_valid: {where(at[c])} {why}")
        dates[c] = d
    conf = None
    if at["SummaryConfidence_pct"] >= 0:
        i = at["SummaryConfidence_pct"]
        fmts = source.get("number_formats") or []
        conf, why = confidence(value(i), fmts[i] if i < len(fmts) else None)
        if why: problems.append(f"confidence_in_range: {where(i)} {why}")
    if problems: return None, problems
    text = lambda c: cell_text(value(at[c]))
    lst = lambda c: split_list(value(at[c])) if at[c] >= 0 else []
    return {"run_id": text("RunID"), "session_date": dates["SessionDate"], "operator": text("Operator"),
            "model": text("Model"), "top_risks": lst("TopRisks"), "top_actions": lst("TopActions"),
            "suggested_updates": lst("SuggestedUpdates"), "summary_confidence_pct": conf,
            "next_review_date": dates["NextReviewDate"]}, []

def sealed_fields(d):
    m, k = d["meta"], d["kpis"]
    return {"run_id": m["run_id"], "session_date": m["session_date"], "operator": m["operator"], "model": m["model"],
            "top_risks": d["top_risks"], "top_actions": d["top_actions"], "suggested_updates": d["suggested_updates"],
            "summary_confidence_pct": k["summary_confidence_pct"], "next_review_date": k["next_review_date"]}

# ---- the six rules -------------------------------------------------------------------------

def envelope_rule(d):
    env, problems = d["authority_envelope"], []
    checks = env["refusal"]["checks_performed"]
    names = [c["check"] for c in checks]
    if names != CHECKS: problems.append(f"checks_performed must list the eight checks once each in order; found {', '.join(names)}")
    triggered = [c["check"] for c in checks if c["triggered"]]
    if triggered: problems.append(f"triggered check(s): {', '.join(triggered)}")
    if env["refusal"]["refused"]: problems.append("refusal.refused is true")
    if env["scope"]["run_id"] != d["meta"]["run_id"]: problems.append("scope.run_id is not meta.run_id")
    if env["policy_snapshot"]["schema_version"] != d["schema_version"]: problems.append("policy_snapshot.schema_version is not schema_version")
    return problems

def enforcement_rule(d):
    e = d["authority_envelope"]["enforcement"]
    problems = [] if e["enforcement_emitted"] is True else ["enforcement_emitted is not true"]
    return problems + [f"gate {g['gate']} is {g['result']}" for g in e["gate_outcomes"] if g["result"] != "pass"]

def reconstruction_rule(d):
    fields, problems = derive(d["reconstruction"]["source"])
    if fields is None: return problems
    sealed = sealed_fields(d)
    return [f"{k}: sealed {canonicalize(sealed[k])} but the source row gives {canonicalize(fields[k])}"
            for k in sealed if canonicalize(sealed[k]) != canonicalize(fields[k])]

def policy_rule(d):
    snap, texts, problems = d["authority_envelope"]["policy_snapshot"], d["reconstruction"]["policy_texts"], []
    if sha256_tagged(texts["baseline"]) != snap["policy_hash"]: problems.append(f"policy baseline text does not hash to policy_hash {snap['policy_hash']}")
    if sorted(snap["prompt_hashes"]) != sorted(texts["prompts"]): problems.append("prompt names differ between prompt_hashes and the prompt texts")
    for name, text in texts["prompts"].items():
        if name in snap["prompt_hashes"] and sha256_tagged(text) != snap["prompt_hashes"][name]:
            problems.append(f"prompt {name} does not hash to {snap['prompt_hashes'][name]}")
    return problems

def replay(path, schemas):
    """[(rule, status, detail)], the hash when valid; OSError when the file cannot be read."""
    rules = []
    add = lambda rule, problems, ok="": rules.append((rule, "fail" if problems else "pass", "; ".join(problems) if problems else ok))
    skip = lambda why: rules.extend((r, "skipped", why) for r in RULES[len(rules):])
    try: doc = read_strict(path)
    except (Invalid, RecursionError) as e:
        add("hash", [str(e)]); skip("the file could not be read"); return rules, None
    if not isinstance(doc, dict):
        add("hash", ["top level is not a JSON object"]); skip("the file could not be read"); return rules, None
    claimed, digest = doc.get("hash"), None
    if "hash" not in doc: add("hash", ["no hash member"])
    elif not isinstance(claimed, str) or not HASH_FORM.fullmatch(claimed): add("hash", [f"hash {json.dumps(claimed)[:80]} is not 'sha256:' + 64 lowercase hex digits"])
    else:
        actual = sha256_tagged(canonicalize({**doc, "hash": ""}))
        add("hash", [] if actual == claimed else [f"hash mismatch: the file says {claimed} but its content hashes to {actual}"], claimed)
        digest = claimed if actual == claimed else None
    root = schemas["urn:sealed-run:schemas:reconstruct:sealed_run_v1"]
    errors = []
    validate(doc, root, root, schemas, "$", errors)
    add("schema", errors)
    if errors:
        skip("the document does not follow the schema, so its parts cannot be trusted to exist"); return rules, None
    add("envelope", envelope_rule(doc)); add("enforcement", enforcement_rule(doc))
    add("reconstruction", reconstruction_rule(doc)); add("policy_hashes", policy_rule(doc))
    return rules, digest

def main(args):
    as_json = "--json" in args
    args = [a for a in args if a != "--json"]
    if len(args) != 2 or args[0] != "--sealed": print(__doc__, file=sys.stderr); return 2
    path = args[1]
    try: schemas = load_schemas()
    except OSError as e: print(f"cannot read the schemas in {SCHEMAS}: {e.strerror or e}", file=sys.stderr); return 2
    try: rules, digest = replay(path, schemas)
    except OSError as e:
        print(f"cannot read {path}: {e.strerror or e}", file=sys.stderr)
        if as_json: print(json.dumps({"file": path, "admissible": False, "error": f"cannot read {path}"}))
        return 2
    admissible = all(s == "pass" for _, s, _ in rules)
    if as_json:
        print(json.dumps({"file": path, "admissible": admissible, "hash": digest,
                          "rules": [{"rule": r, "status": s, "detail": d} for r, s, d in rules]}, indent=2, ensure_ascii=False))
    else:
        for i, (r, s, d) in enumerate(rules):
            print(f"{ {'pass': 'PASS', 'fail': 'FAIL'}.get(s, 'SKIP') }  {i + 1}. {TITLES[r]}{': ' + d if d else ''}")
        print(f"admissible: {path}" if admissible else f"INADMISSIBLE: {path}")
    return 0 if admissible else 1

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
