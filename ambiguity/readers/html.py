"""HTML: headings, paragraphs, list items, definition lists and table cells; scripts, styles and code skipped.

Beautiful Soup over lxml's HTML parser: maintained, tolerant of the broken markup that exported specifications
are full of, detects the encoding, and (being an HTML parser) resolves no external entities. Text that sits
directly in a ``<div>`` or ``<body>`` (common in generated pages) is kept too.

Locations: ``{"paragraph": n, "heading": [...], "anchor": "id"}`` (n counts extracted blocks from 1; anchor
when the element has an ``id``) or ``{"table": t, "row": r, "cell": c, "heading": [...]}``.
"""
from __future__ import annotations

import warnings
from typing import Any, Dict, Iterator, List

from ..errors import InputError
from .base import Document
from .extract import Piece, build, table_pieces

_SKIP = {"script", "style", "noscript", "template", "pre", "code", "head", "svg", "math", "nav", "button", "select"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "li", "dt", "dd", "blockquote", "caption", "figcaption", "div", "section", "article", "main",
           "body", "header", "footer", "aside", "ul", "ol", "dl", "form", "fieldset", "details", "summary",
           "center", "address", "td", "th", "tr", "table", "tbody", "thead", "tfoot"} | _HEADINGS | _SKIP
_BREAKS = {"br", "hr"}


def _own_text(el: Any) -> str:
    """The element's text without its nested block elements (they are extracted on their own)."""
    from bs4 import NavigableString, Tag
    from bs4.element import Comment

    parts: List[str] = []
    for child in el.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            parts.append(str(child))
        elif isinstance(child, Tag):
            if child.name in _BREAKS:
                parts.append("\n")
            elif child.name not in _BLOCKS:
                parts.append(_own_text(child))
    return " ".join("".join(parts).split(" ")) if parts else ""


def _pieces(soup: Any) -> Iterator[Piece]:
    from bs4 import Tag

    headings: List[str] = []
    counters = {"paragraph": 0, "table": 0}

    def walk(el: Any) -> Iterator[Piece]:
        for child in el.children:
            if not isinstance(child, Tag) or child.name in _SKIP:
                continue
            if child.name in _HEADINGS:
                level = int(child.name[1])
                title = " ".join(child.get_text(" ").split())
                if title:
                    headings[level - 1:] = [title]
                    counters["paragraph"] += 1
                    yield Piece(title, "heading", _loc(child, counters["paragraph"], headings))
                continue
            if child.name == "table":
                counters["table"] += 1
                rows = [[_cell_text(c) for c in tr.find_all(["td", "th"], recursive=False)]
                        for tr in child.find_all("tr")]
                yield from table_pieces([r for r in rows if any(r)], {"table": counters["table"],
                                                                      "heading": list(headings)})
                continue
            if child.name in _BLOCKS:
                own = _own_text(child)
                if own.strip():
                    counters["paragraph"] += 1
                    kind = "list-item" if child.name in {"li", "dd"} else "paragraph"
                    yield Piece(own, kind, _loc(child, counters["paragraph"], headings))
                yield from walk(child)

    yield from walk(soup)


def _cell_text(cell: Any) -> str:
    return " ".join(cell.get_text(" ").split())


def _loc(el: Any, n: int, headings: List[str]) -> Dict[str, Any]:
    loc: Dict[str, Any] = {"paragraph": n, "heading": list(headings)}
    if el.get("id"):
        loc["anchor"] = el["id"]
    return loc


def read_html(data: bytes, path: str) -> Document:
    """Read an HTML page."""
    from bs4 import BeautifulSoup

    if not data.strip():
        raise InputError(path, "file is empty: nothing to analyse")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "binary file (contains NUL bytes), not HTML")
    try:
        with warnings.catch_warnings():  # XHTML exports parse fine as HTML; the warning is noise
            warnings.simplefilter("ignore")
            soup = BeautifulSoup(data, "lxml")
    except Exception as exc:  # bs4 is tolerant; this is a last resort
        raise InputError(path, f"cannot parse HTML ({type(exc).__name__}: {exc})") from None
    root = soup.body or soup
    return build(path, "html", _pieces(root if root is soup else _Wrap(root)), empty="HTML page has no text")


class _Wrap:
    """Lets :func:`_pieces` treat ``<body>`` itself as a block (its direct text is kept)."""

    def __init__(self, body: Any) -> None:
        self.children = [body]
