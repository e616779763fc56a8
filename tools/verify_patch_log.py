#!/usr/bin/env python3
"""Check a PATCH_LOG.csv hash chain (CONTRACT.md section 6) with Python's standard library alone.

  python3 tools/verify_sealed_run.py --log PATCH_LOG.csv [--json] [SEALED_FILE|DIR ...]
  python3 tools/verify_patch_log.py PATCH_LOG.csv [--json] [SEALED_FILE|DIR ...]

The same verdicts as `sealed-run log`: the chain intact or the first broken entry and how (edited,
inserted, deleted, reordered, forked, malformed, cut against a sealed file's patch_log_head);
sealed files whose hash no SEAL entry names; SEAL entries whose sealed file is not among those
given; entries per action. Exit 0 when all is well, 1 when anything is wrong, 2 when a path
cannot be read or the file is not a PATCH_LOG.
"""
import csv, hashlib, io, json, os, sys

from verify_sealed_run import Invalid, verify as verify_seal, read_strict

COLUMNS = ["EntryID", "Timestamp", "Action", "RunID", "SealHash", "FileName", "Actor", "Field",
           "OldValue", "NewValue", "Reason", "PrevEntryHash", "EntryHash"]
COVERED = [c for c in COLUMNS if c != "EntryHash"]
GUARDED = ("=", "+", "-", "@", "\t", "\r", "'")
ACTIONS = ("SEAL", "PATCH", "REFUSED")
EMPTY = '""'

class LayoutError(Exception): pass

def unguard(v):
    """The writer puts one apostrophe before a value Excel would take for a formula; strip it."""
    return v[1:] if v.startswith("'") and v[1:2] != "" and v[1] in GUARDED else v

def read_log(path):
    with open(path, "rb") as f: data = f.read()
    try: text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e: raise LayoutError(f"{path} is not UTF-8 (byte {e.start})") from None
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    if not rows: return []
    if rows[0] != COLUMNS:
        raise LayoutError(f"{path} has columns {', '.join(rows[0])}; expected {', '.join(COLUMNS)}")
    return [dict(zip(COLUMNS, [unguard(c) for c in r] + [""] * (13 - len(r))))
            for r in rows[1:] if any(c != "" for c in r)]

def entry_hash(e):
    # Twelve ASCII keys and string values (decoded strictly, so no lone surrogates): json.dumps
    # with sorted keys and no spaces escapes exactly as RFC 8785 does (the short escapes, \u00xx
    # in lowercase for other controls, everything else as is), and is far faster than canonicalize.
    # test/python/patchLog.test.ts checks both agree on every control character and on non-ASCII text.
    text = json.dumps({c: e[c] for c in COVERED}, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()

def entry_id(n): return f"PL-{n:06d}"

def where(i, e): return f"{e['EntryID']} (row {i + 1} of the log)" if e.get("EntryID") else f"row {i + 1} of the log"

def check_chain(entries, heads=()):
    """(None, n, head) when intact, else ({index, entry_id, kind, message}, n, head). Mirrors core/log/chain.ts."""
    hashes = [e["EntryHash"] for e in entries]
    head = hashes[-1] if hashes else ""
    def broken(i, kind, message):
        return {"index": i, "entry_id": entries[i]["EntryID"] if i < len(entries) else "", "kind": kind,
                "message": message}, len(entries), head
    for i, e in enumerate(entries):
        if e["Action"] not in ACTIONS:
            return broken(i, "malformed", f"{where(i, e)}: Action {json.dumps(e['Action'])} is not SEAL, PATCH or REFUSED")
        recomputed = entry_hash(e)
        expected_prev = hashes[i - 1] if i else ""
        if recomputed != e["EntryHash"]:
            if recomputed in hashes and hashes.index(recomputed) != i:
                k = hashes.index(recomputed)
                return broken(i, "inserted", f"{where(i, e)}: a copy of {where(k, entries[k])} was inserted")
            return broken(i, "edited", f"{where(i, e)}: its cells were changed after it was written "
                                       f"(they hash to {recomputed}, the entry says {e['EntryHash'] or EMPTY})")
        if e["PrevEntryHash"] != expected_prev:
            twin = next((k for k in range(i) if entries[k]["PrevEntryHash"] == e["PrevEntryHash"]), -1)
            if twin >= 0:
                if hashes[twin] == e["EntryHash"]:
                    return broken(i, "inserted", f"{where(i, e)}: a copy of {where(twin, entries[twin])} was inserted")
                return broken(i, "forked", f"{where(i, e)} and {where(twin, entries[twin])} both follow the same entry: "
                                           "the log forked (two people appended at once) or an entry was inserted")
            later = [k for k in range(i + 1, len(entries)) if hashes[k] == e["EntryHash"]]
            if later:
                return broken(i, "inserted", f"{where(i, e)}: a copy of {where(later[0], entries[later[0]])} was inserted")
            later = [k for k in range(i + 1, len(entries)) if hashes[k] == e["PrevEntryHash"]]
            if later:
                return broken(i, "reordered", f"{where(i, e)}: it should come after {where(later[0], entries[later[0]])}; entries were reordered")
            if i == 0:
                return broken(i, "deleted", f"{where(i, e)}: it follows an entry ({e['PrevEntryHash']}) that is not in the log; entries before it were deleted")
            return broken(i, "deleted", f"{where(i, e)}: the entry it follows ({e['PrevEntryHash']}) is not in the log; "
                                        f"an entry after {where(i - 1, entries[i - 1])} was deleted")
        if e["EntryID"] != entry_id(i + 1):
            return broken(i, "inserted", f"{where(i, e)}: EntryID {json.dumps(e['EntryID'])} is out of sequence (expected {entry_id(i + 1)})")
    present = set(hashes)
    for recorded_by, h in heads:
        if h and h not in present:
            return {"index": len(entries), "entry_id": "", "kind": "cut",
                    "message": f"{recorded_by} names log head {h}, which is no longer in the log: entries were deleted from its end"}, len(entries), head
    return None, len(entries), head

def seal_files(args):
    """Sealed files named on the command line: folders give their *.json (not *.intoto.json)."""
    for a in args:
        if os.path.isdir(a):
            found = []
            for d, subdirs, files in os.walk(a):
                subdirs[:] = sorted(s for s in subdirs if not s.startswith("."))
                found += [os.path.join(d, f) for f in files
                          if f.endswith(".json") and not f.endswith(".intoto.json") and not f.startswith(".")]
            yield from sorted(found)
        else:
            yield a

def audit(log_path, seal_args):
    entries = read_log(log_path)
    seals, problems = [], []
    for path in seal_files(seal_args):
        try:
            h = verify_seal(path)
            doc = read_strict(path)
            meta, rec = doc.get("meta") or {}, doc.get("reconstruction") or {}
            seals.append({"file": path, "hash": h, "run_id": str(meta.get("run_id", "")),
                          "head": str(rec.get("patch_log_head", ""))})
        except OSError as e: problems.append({"file": path, "status": "unreadable", "reason": f"cannot read {path}: {e.strerror or e}"})
        except (Invalid, RecursionError) as e: problems.append({"file": path, "status": "invalid", "reason": str(e)})
    brk, n, head = check_chain(entries, [(s["file"], s["head"]) for s in seals])
    actions = {"SEAL": 0, "PATCH": 0, "REFUSED": 0}
    sealed_hashes, seals_per_run = set(), {}
    for e in entries:
        actions[e["Action"]] = actions.get(e["Action"], 0) + 1
        if e["Action"] == "SEAL":
            sealed_hashes.add(e["SealHash"])
            seals_per_run[e["RunID"]] = seals_per_run.get(e["RunID"], 0) + 1
    unlogged = []
    for s in seals:
        if s["hash"] in sealed_hashes: continue
        k = seals_per_run.get(s["run_id"], 0)
        reason = (f"{s['file']}: no SEAL entry names its hash {s['hash']}; the log's {k} SEAL entr{'y' if k == 1 else 'ies'} "
                  f"for {s['run_id']} name other seals") if k else f"{s['file']}: the log has no SEAL entry for run {s['run_id']}"
        unlogged.append({**s, "reason": reason})
    given = {s["hash"] for s in seals}
    missing = None if not seal_args else [
        {"entry_id": e["EntryID"], "run_id": e["RunID"], "seal_hash": e["SealHash"], "file_name": e["FileName"]}
        for e in entries if e["Action"] == "SEAL" and e["SealHash"] not in given]
    ok = brk is None and not unlogged and not missing and not problems
    return {"file": log_path, "ok": ok, "entries": n, "head": head,
            "chain": {"intact": brk is None, "first_break": None if brk is None else
                      {"entry_id": brk["entry_id"], "row": brk["index"] + 1, "kind": brk["kind"], "message": brk["message"]}},
            "actions": actions, "seals_checked": len(seals) if seal_args else None,
            "unlogged_seals": [{"file": u["file"], "run_id": u["run_id"], "hash": u["hash"], "reason": u["reason"]} for u in unlogged],
            "missing_seal_files": missing, "seal_problems": problems}

def main(args):
    as_json = "--json" in args
    args = [a for a in args if a != "--json"]
    if not args or args[0].startswith("--"): print(__doc__, file=sys.stderr); return 2
    log_path, seal_args = args[0], args[1:]
    try: r = audit(log_path, seal_args)
    except OSError as e: print(f"cannot read {log_path}: {e.strerror or e}", file=sys.stderr); return 2
    except (LayoutError, csv.Error) as e: print(f"FAIL {log_path}: {e}", file=sys.stderr); return 2
    if as_json: print(json.dumps(r, indent=2, ensure_ascii=False))
    else:
        print(f"{log_path}: {r['entries']:,} entries, head {r['head'] or EMPTY}")
        print("  actions  " + ", ".join(f"{a} {n}" for a, n in r["actions"].items()))
        b = r["chain"]["first_break"]
        print("  chain    intact" if b is None else f"  chain    BROKEN at {b['entry_id'] or 'the end of the log'}: {b['kind']}: {b['message']}")
        for u in r["unlogged_seals"]: print(f"  UNLOGGED {u['reason']}")
        for m in r["missing_seal_files"] or []:
            print(f"  MISSING  {m['entry_id']} SEAL of {m['run_id']} ({m['file_name'] or 'no file name'}, {m['seal_hash']}): that sealed file is not among those given")
        for p in r["seal_problems"]: print(f"  {'INVALID ' if p['status'] == 'invalid' else 'ERROR   '} {p['file']}: {p['reason']}")
        print(f"{'OK' if r['ok'] else 'FAIL'}: {log_path}")
    if any(p["status"] == "unreadable" for p in r["seal_problems"]): return 2
    return 0 if r["ok"] else 1

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
