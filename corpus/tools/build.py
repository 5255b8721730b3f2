"""Build corpus/source/<domain>.jsonl from the hand-written files and the templates.

Hand-written units live in corpus/hand/<domain>.txt, one unit per line:

    <style-code> <VMD> <text>

where VMD are the three labels (vague_language, missing_metric,
undefined_deadline) as digits, e.g. ``sh 110 The UI shall be intuitive.``.
Lines that are empty or start with ``#`` are ignored.  Hand-written units get
ids <domain>-0001 .. <domain>-4999 in file order (append only, so ids stay
stable).  Templated units (corpus/tools/templates.py) get ids from
<domain>-5001 upwards.

Run: /work/venv/bin/python corpus/tools/build.py
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
sys.path.insert(0, HERE)

STYLE_CODES = {
    "sh": "shall", "us": "user-story", "ea": "ears", "bu": "bullet",
    "sl": "sla", "sw": "sow", "ai": "action-item", "dc": "decision",
    "em": "email", "ac": "acceptance", "nf": "nfr", "no": "note",
    "oi": "open-item",
}
LABELS = ("vague_language", "missing_metric", "undefined_deadline")


def read_hand(domain):
    path = os.path.join(CORPUS, "hand", domain + ".txt")
    out = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n").strip()
            if not line or line.startswith("#"):
                continue
            try:
                code, vmd, text = line.split(" ", 2)
            except ValueError:
                raise SystemExit(f"{path}:{lineno}: cannot parse: {line!r}")
            if code not in STYLE_CODES or len(vmd) != 3 or set(vmd) - {"0", "1"}:
                raise SystemExit(f"{path}:{lineno}: bad code/labels: {line!r}")
            out.append((STYLE_CODES[code], tuple(int(c) for c in vmd), text.strip()))
    return out


def record(domain, n, style, labels, text):
    return {
        "id": f"{domain}-{n:04d}",
        "text": text,
        "domain": domain,
        "style": style,
        "labels": dict(zip(LABELS, labels)),
    }


def main():
    import templates
    hand_dir = os.path.join(CORPUS, "hand")
    domains = sorted(f[:-4] for f in os.listdir(hand_dir) if f.endswith(".txt"))
    os.makedirs(os.path.join(CORPUS, "source"), exist_ok=True)
    total_hand = total_tpl = 0
    for domain in domains:
        recs = []
        seen = set()
        hand = read_hand(domain)
        if len(hand) >= 5000:
            raise SystemExit("too many hand-written units for id scheme")
        for i, (style, labels, text) in enumerate(hand, 1):
            if text in seen:
                raise SystemExit(f"duplicate text in {domain}: {text!r}")
            seen.add(text)
            recs.append(record(domain, i, style, labels, text))
        tpl = []
        for u in templates.generate(domain):
            if u[2] not in seen:  # drop exact duplicates of earlier units
                seen.add(u[2])
                tpl.append(u)
        for j, (style, labels, text) in enumerate(tpl, 5001):
            recs.append(record(domain, j, style, labels, text))
        total_hand += len(hand)
        total_tpl += len(tpl)
        with open(os.path.join(CORPUS, "source", domain + ".jsonl"), "w", encoding="utf-8") as fh:
            for r in recs:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{domain:14s} hand={len(hand):4d} templated={len(tpl):4d}")
    print(f"{'TOTAL':14s} hand={total_hand:4d} templated={total_tpl:4d}")


if __name__ == "__main__":
    main()
