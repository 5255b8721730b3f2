"""From a document's blocks to units: requirements, user stories, list items, rows and paragraphs, with their ids."""
from __future__ import annotations

import bisect
import re
from typing import Iterator, List, Optional, Tuple

from .errors import InputError
from .limits import DEFAULT_MAX_UNITS  # noqa: F401  (re-exported: see limits.py)
from .readers.base import Document, line_starts
from .types import Unit

# Identifiers people give requirements: REQ-12, FR-1.2, [SRS-12], SYS_REQ_004, 3.2.1
_ID = re.compile(
    r"^\W{0,3}?(?:\[(?P<bracket>[A-Za-z][\w.-]*\d[\w.-]*)\]"
    r"|(?P<tag>[A-Z][A-Za-z0-9]{0,11}(?:[-_.][A-Z0-9]+)*[-_]\d+(?:\.\d+)*[a-z]?)"
    r"|(?P<num>\d+(?:\.\d+)+)\.?)(?=[\s:.)\]-]|$)"
)
_ID_PREFIX = re.compile(_ID.pattern + r"[\s:.)\]-]*")
_BINDING = re.compile(r"\b(shall|must|will|should|is required to|are required to|has to|have to|needs? to)\b", re.I)
_STORY = re.compile(r"^\W*as an?\s+\S+", re.I)
_CONTEXT = re.compile(
    r"^\W*(rationale|note|notes|comment|example|examples|background|informative|hint|justification)\b", re.I
)
#: Units longer than this are analysed in pieces (at sentence ends) so that memory stays bounded.
MAX_UNIT_CHARS = 20_000
NOT_SCORED = {"heading", "table-header", "rationale", "note"}


def detect_id(text: str) -> Optional[str]:
    m = _ID.match(text)
    if not m:
        return None
    return m.group("bracket") or m.group("tag") or m.group("num")


def classify(text: str, block_kind: str) -> str:
    if block_kind in NOT_SCORED:  # a reader that knows (a RATIONALE field, a heading style) has the last word
        return block_kind
    body = _ID.sub("", text, count=1)
    context = _CONTEXT.match(body)
    if context:
        return "rationale" if context.group(1).lower() in {"rationale", "justification"} else "note"
    if _STORY.match(body):
        return "user-story"
    if _BINDING.search(body) or detect_id(text):
        return "requirement"
    return block_kind


def _pieces(text: str, start: int, end: int) -> Iterator[Tuple[int, int]]:
    """Cut an over-long span at sentence ends (or, failing that, at spaces) into bounded pieces."""
    while end - start > MAX_UNIT_CHARS:
        window = text[start: start + MAX_UNIT_CHARS]
        cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("? "), window.rfind("! "))
        if cut < MAX_UNIT_CHARS // 4:
            cut = window.rfind(" ")
        if cut < MAX_UNIT_CHARS // 4:
            cut = MAX_UNIT_CHARS - 1
        yield start, start + cut + 1
        start += cut + 1
    yield start, end


def too_many_units(path: str, count: int, limit: int, at_least: bool = False) -> InputError:
    return InputError(path, f"document has {'over ' if at_least else ''}{count:,} units (requirements, items, rows, "
                            f"paragraphs), over the {limit:,}-unit limit (--max-units)")


def make_units(doc: Document, max_units: Optional[int] = None) -> List[Unit]:
    """The document's units. With ``max_units``, a document that has more is refused with an :class:`InputError`
    naming the limit; its blocks are counted first, so that no unit is built for a document that is refused."""
    if max_units is not None:
        blocks = sum(1 for b in doc.blocks if not doc.analysis_text[b.start: b.end].isspace() and b.end > b.start)
        if blocks > max_units:
            raise too_many_units(doc.path, blocks, max_units)
    starts = line_starts(doc.text)
    units: List[Unit] = []
    for block in doc.blocks:
        raw = doc.analysis_text[block.start: block.end]
        if not raw.strip():
            continue
        found = detect_id(raw)
        # an identifier the source format gives (ReqIF, StrictDoc, Doorstop, an id column) beats the regex
        uid = str(block.location["id"]) if block.location.get("id") else found
        kind = classify(raw, block.kind)
        begin = block.start
        if found:  # the identifier is a label, not prose: keep it out of the parse
            m = _ID_PREFIX.match(raw)
            if m and m.end() < len(raw):
                begin += m.end()
        for s, e in _pieces(doc.analysis_text, begin, block.end):
            line = bisect.bisect_right(starts, s)
            units.append(Unit(
                index=len(units), id=uid, kind=kind, start=s, end=e, line=line,
                scored=kind not in NOT_SCORED, text=doc.text[s:e], location=doc.location_at(s, block.location),
            ))
        if max_units is not None and len(units) > max_units:  # long blocks cut into pieces
            raise too_many_units(doc.path, max_units, max_units, at_least=True)
    return units
