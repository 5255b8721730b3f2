"""Validate corpus/source/*.jsonl and write deterministic train/dev/test splits.

Split rule: bucket = int(sha1(id).hexdigest(), 16) % 100;
bucket < 70 -> train, < 85 -> dev, else test.  Output files are sorted by id,
so running this script twice gives byte-identical files.

Run: /work/venv/bin/python corpus/tools/split.py
"""
import glob
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)

STYLES = {"shall", "user-story", "ears", "bullet", "sla", "sow", "action-item",
          "decision", "email", "acceptance", "nfr", "note", "open-item"}
LABELS = ("vague_language", "missing_metric", "undefined_deadline")
FIELDS = {"id", "text", "domain", "style", "labels"}


def split_of(rec_id):
    bucket = int(hashlib.sha1(rec_id.encode("utf-8")).hexdigest(), 16) % 100
    if bucket < 70:
        return "train"
    if bucket < 85:
        return "dev"
    return "test"


def validate(rec, where):
    errors = []
    if not isinstance(rec, dict):
        return [f"{where}: not an object"]
    if set(rec) != FIELDS:
        errors.append(f"{where}: fields {sorted(rec)} != {sorted(FIELDS)}")
    if not isinstance(rec.get("id"), str) or not rec.get("id"):
        errors.append(f"{where}: bad id")
    if not isinstance(rec.get("text"), str) or not rec.get("text", "").strip():
        errors.append(f"{where}: empty text")
    if not isinstance(rec.get("domain"), str) or not rec.get("domain"):
        errors.append(f"{where}: bad domain")
    elif isinstance(rec.get("id"), str) and not rec["id"].startswith(rec["domain"] + "-"):
        errors.append(f"{where}: id {rec['id']} does not start with domain {rec['domain']}")
    if rec.get("style") not in STYLES:
        errors.append(f"{where}: unknown style {rec.get('style')!r}")
    labels = rec.get("labels")
    if not isinstance(labels, dict) or set(labels) != set(LABELS):
        errors.append(f"{where}: labels must have exactly {LABELS}")
    else:
        for k in LABELS:
            if labels[k] not in (0, 1) or isinstance(labels[k], bool):
                errors.append(f"{where}: label {k} must be 0 or 1")
    return errors


def main():
    files = sorted(glob.glob(os.path.join(CORPUS, "source", "*.jsonl")))
    if not files:
        sys.exit("no source files found")
    records, errors, seen = [], [], {}
    for path in files:
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                where = f"{os.path.relpath(path, CORPUS)}:{lineno}"
                if not line.strip():
                    errors.append(f"{where}: empty line")
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    errors.append(f"{where}: invalid JSON ({exc})")
                    continue
                errs = validate(rec, where)
                errors.extend(errs)
                if errs:
                    continue
                if rec["id"] in seen:
                    errors.append(f"{where}: duplicate id {rec['id']} (first at {seen[rec['id']]})")
                    continue
                seen[rec["id"]] = where
                records.append(rec)
    if errors:
        for e in errors[:50]:
            print(e, file=sys.stderr)
        sys.exit(f"{len(errors)} validation error(s)")
    records.sort(key=lambda r: r["id"])
    out = {"train": [], "dev": [], "test": []}
    for rec in records:
        r = {k: rec[k] for k in ("id", "text", "domain", "style", "labels")}
        r["split"] = split_of(rec["id"])
        out[r["split"]].append(r)
    for name, recs in out.items():
        with open(os.path.join(CORPUS, name + ".jsonl"), "w", encoding="utf-8", newline="\n") as fh:
            for r in recs:
                fh.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")
    print(f"{len(records)} records: " + ", ".join(f"{k}={len(v)}" for k, v in out.items()))


if __name__ == "__main__":
    main()
