"""Span labels of real units: read, hash-checked, compared between annotators and merged into the gold set.

Files in ``benchmarks/labels`` (no text, only keys and character offsets into the unit's stripped text):
- ``spans_first.jsonl``, ``spans_second.jsonl``: annotator A and annotator B, each unit labelled blind;
- ``spans_adjudication.jsonl``: the adjudicated spans of every unit where they differ;
- ``spans.jsonl``: the gold set, built by :func:`merge` from the three.

A record: ``{"source", "file", "row", "sha1", "split", "trainable", "spans": [{"start", "end", "label"}]}``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Tuple

from span_units import LABELS, text_of, unit_id

LABEL_NAMES = ("vague_language", "missing_metric", "undefined_deadline")
Span = Tuple[int, int, str]


def normalised(text: str) -> Tuple[str, List[int]]:
    """Whitespace runs folded to one space (as the annotators saw the unit), with each character's original index."""
    out, where, space = [], [], False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space and out:
                out.append(" ")
                where.append(i)
            space = True
            continue
        out.append(ch)
        where.append(i)
        space = False
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def locate(text: str, quote: str) -> Optional[Tuple[int, int]]:
    """Offsets in ``text`` of an annotator's span string (``words`` or ``words@k``, the k-th occurrence)."""
    k = 1
    if "@" in quote:
        head, _, tail = quote.rpartition("@")
        if tail.isdigit() and head:
            quote, k = head, int(tail)
    flat, where = normalised(text)
    quote = " ".join(quote.split())
    at = -1
    for _ in range(k):
        at = flat.find(quote, at + 1)
        if at < 0:
            return None
    if not quote:
        return None
    return where[at], where[at + len(quote) - 1] + 1


def read(path: Path) -> Iterator[dict]:
    if not path.exists():
        return
    for line in open(path, encoding="utf-8"):
        if line.strip():
            yield json.loads(line)


def spans_of(record: dict) -> List[Span]:
    return [(s["start"], s["end"], s["label"]) for s in record.get("spans", [])]


def by_unit(records: Iterable[dict]) -> Dict[str, dict]:
    return {unit_id(r): r for r in records}


def overlaps(a: Span, b: Span) -> bool:
    return a[2] == b[2] and a[0] < b[1] and b[0] < a[1]


def differs(a: List[Span], b: List[Span]) -> bool:
    """Whether two readings of a unit disagree: a span of one with no overlapping same-label span in the other."""
    return any(not any(overlaps(x, y) for y in b) for x in a) or any(not any(overlaps(y, x) for x in a) for y in b)


def agreed(a: List[Span], b: List[Span]) -> List[Span]:
    """Where two readings agree, the gold spans: for each matched pair the shorter span (the guideline asks for the
    smallest stretch that carries the problem)."""
    out: List[Span] = []
    for x in a:
        match = [y for y in b if overlaps(x, y)]
        best = min([x] + match, key=lambda s: s[1] - s[0])
        if best not in out:
            out.append(best)
    return sorted(out)


#: The labelled batches: file prefix per batch (README-spans.md). Batch 1 is a random sample of units; batch 2 the
#: units on which the analyzer proposed something; batch 3 those with a missing-metric or deadline cue.
BATCHES = {1: "spans", 2: "spans2", 3: "spans3"}


def merge(batch: int = 1) -> List[dict]:
    """The gold set of a batch: agreed spans where A and B agree; the adjudicated spans where they do not."""
    prefix = BATCHES[batch]
    first = by_unit(read(LABELS / f"{prefix}_first.jsonl"))
    second = by_unit(read(LABELS / f"{prefix}_second.jsonl"))
    adjudicated = by_unit(read(LABELS / f"{prefix}_adjudication.jsonl"))
    gold = []
    for key, a in first.items():
        b = second.get(key)
        if b is None:
            continue
        sa, sb = spans_of(a), spans_of(b)
        if differs(sa, sb):
            if key not in adjudicated:
                continue
            spans = spans_of(adjudicated[key])
        else:
            spans = agreed(sa, sb)
        record = {k: a[k] for k in ("source", "file", "row", "sha1", "split", "trainable")}
        record["batch"] = batch
        record["spans"] = [{"start": s, "end": e, "label": lab} for s, e, lab in sorted(spans)]
        gold.append(record)
    return gold


def load_gold(split: Optional[str] = None, check: bool = True, batches: Iterable[int] = (1, 2, 3)) -> List[dict]:
    """The gold units with their text (``text``), optionally one half; each text is checked against its SHA-1."""
    out = []
    for r in (r for b in batches for r in read(LABELS / f"{BATCHES[b]}.jsonl")):
        r.setdefault("batch", 1)
        if split and r["split"] != split:
            continue
        text = text_of(r["source"], r["file"], r["row"], r["sha1"] if check else None)
        out.append({**r, "text": text})
    return out


def write(path: Path, records: Iterable[dict]) -> int:
    records = sorted(records, key=lambda r: (r["source"], r["file"], r["row"]))
    with open(path, "w", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps(r, sort_keys=True) + "\n")
    return len(records)


def unit_text(record: dict) -> str:
    return text_of(record["source"], record["file"], record["row"], record["sha1"])


def loso_source(unit: dict) -> str:
    """The source a unit is left out with: a folder of ../shared/data, or one publisher's repository within
    client-vendor-docs (each has its own PROVENANCE.md there)."""
    if unit["source"] == "client-vendor-docs":
        return "client-vendor-docs/" + unit["file"].split("/")[0]
    return unit["source"]


def study_analyzer():
    """The analyzer as the judge sees it: every candidate, with its features (``evidence``), no judge."""
    from ambiguity import Analyzer
    from ambiguity.project import Settings

    from ambiguity.stages import DEFAULT_STAGES

    # every candidate apart (no merge stage), as the judge sees them: the judge runs before findings are merged
    analyzer = Analyzer(judge=None, config=Settings(profile="all"), stages=[s for s in DEFAULT_STAGES if s != "merge"])
    analyzer.evidence = True
    return analyzer


def candidates(units: List[dict], analyzer) -> List[List[dict]]:
    """Per unit, every candidate of the three headline groups: span, label, rule, features ``x`` and ``y`` (1 when
    it overlaps a gold span of its label)."""
    from ambiguity.model.span_judge import label_of

    out: List[List[dict]] = [[] for _ in units]
    genres = [unit_genre(u) for u in units]
    for genre in sorted(set(genres)):
        idx = [i for i, g in enumerate(genres) if g == genre]
        analyzer.kind = genre  # a unit alone is too short to tell: its document's genre, as a scan would see it
        for i, report in zip(idx, analyzer.analyze_many(units[i]["text"] for i in idx)):
            out[i] = _rows(units[i], report, label_of)
    analyzer.kind = "auto"
    return out


_GENRES: Dict[Tuple[str, str], str] = {}


def unit_genre(unit: dict) -> str:
    """The genre of the document a unit comes from (``ambiguity.genre``): its file's, or its set's."""
    from ambiguity.genre import genre_of

    source, file = unit["source"], unit["file"]
    if source == "dalpiaz-user-stories-22":
        return "story"
    if source not in {"client-vendor-docs", "strictdoc-sdoc", "doorstop-reqs"}:
        return "spec"
    if (source, file) not in _GENRES:
        from ambiguity.readers.registry import read_path

        from span_units import DATA

        _GENRES[(source, file)] = genre_of(read_path(DATA / source / file).text, file, "spec")
    return _GENRES[(source, file)]


def _rows(unit: dict, report, label_of) -> List[dict]:
    gold = [(s["start"], s["end"], s["label"]) for s in unit["spans"]]
    rows = []
    for f in report.findings:
        label = label_of(str(f.category))
        if label is None or not f.evidence:
            continue
        hit = any(g[2] == label and f.start < g[1] and g[0] < f.end for g in gold)
        rows.append({"start": f.start, "end": f.end, "label": label, "rule": f.rule, "y": int(hit),
                     "confidence": f.confidence, "x": dict(f.evidence), "text": f.text})
    return rows


def read_acceptance() -> List[dict]:
    """The adjudicated acceptance labels: one record per finding of the analyzer as it was on the 60 documents."""
    return list(read(LABELS / "acceptance.jsonl"))
