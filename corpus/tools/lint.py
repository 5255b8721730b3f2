"""Heuristic consistency check of the labels (not a classifier: it only lists
units whose label disagrees with a simple cue so that a person can review them).

Run: /work/venv/bin/python corpus/tools/lint.py [--all]
"""
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)

VAGUE = re.compile(r"\b(user-friendly|fast|faster|quick(ly)?|adequate|flexible|robust|easy|easily|intuitive|reasonable|"
                   r"seamless|modern|some|several|many|a few|most|a number of|if possible|as appropriate|where feasible|"
                   r"as far as practicable|if necessary|etc\.?|and so on|and so forth|including but not limited to|"
                   r"or similar|better|more reliable|the best|optimal|minimal|sufficient|enough|promptly|timely|"
                   r"good|high(ly)?|low|simple|smooth(ly)?|efficient(ly)?|appropriate(ly)?|acceptable|"
                   r"as soon as possible|as quickly as possible|considerably|significantly|much|a lot|"
                   r"slightly|somewhat|a bit|large|heavy|frequent(ly)?|often|regularly|nice|clear|a couple of)\b", re.I)
NUMBER_UNIT = re.compile(r"\d[\d,.]*\s*(%|ms|s\b|seconds?|minutes?|hours?|days?|weeks?|months?|years?|fps|GB|MB|KB|TB|"
                         r"km|m\b|kg|°C|dB|Hz|mHz|kV|V\b|W\b|kW|MW|MWh|Mbit/s|Tbit/s|TPS|px|Nm|µA|µL|clicks?|"
                         r"requests|users|sessions|players|orders|concurrent)", re.I)
DATE = re.compile(r"\b(\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December)|"
                  r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}|\d{4}-\d{2}-\d{2}|Monday|Tuesday|Wednesday|"
                  r"Thursday|Friday|Saturday|Sunday|tomorrow|today|next week|this month|Sprint \d+|within \d+|"
                  r"before (the )?(go-live|start of UAT|UAT|design review|steering|cut-over|factory|release freeze|board)|Q\d \d{4})", re.I)
COMMIT = re.compile(r"^(Action|AI-?\d*|ACTION|- \w+( \w+)?:|\[ \])|\bto (send|share|provide|deliver|fix|update|review|confirm|"
                    r"check|circulate|draft|prepare|collect|chase|decide|arrange)\b|\b(shall|will) (deliver|provide|supply|"
                    r"migrate|submit|hand over|complete|install|commission|remove|document)\b|^(Could|Can|Would|Please)\b", re.I)


def main():
    show_all = "--all" in sys.argv
    recs = []
    for path in sorted(glob.glob(os.path.join(CORPUS, "source", "*.jsonl"))):
        recs += [json.loads(line) for line in open(path, encoding="utf-8")]
    flagged = 0
    for r in recs:
        hand = int(r["id"].rsplit("-", 1)[1]) < 5000
        if not hand and not show_all:
            continue
        t, lab = r["text"], r["labels"]
        notes = []
        if lab["vague_language"] == 0 and VAGUE.search(t) and not NUMBER_UNIT.search(t):
            notes.append("V=0 but vague cue '%s'" % VAGUE.search(t).group(0))
        if lab["vague_language"] == 1 and not VAGUE.search(t):
            notes.append("V=1 without listed cue")
        if lab["undefined_deadline"] == 0 and COMMIT.search(t) and not DATE.search(t) and r["style"] not in ("note",):
            notes.append("D=0 but commitment cue without date")
        if lab["undefined_deadline"] == 1 and DATE.search(t):
            notes.append("D=1 but date cue '%s'" % DATE.search(t).group(0))
        if notes:
            flagged += 1
            print(f"{r['id']:20s} {''.join(str(v) for v in lab.values())} {'; '.join(notes)}\n    {t}")
    print(f"{flagged} flagged of {len(recs)}")


if __name__ == "__main__":
    main()
