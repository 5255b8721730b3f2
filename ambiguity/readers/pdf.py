"""PDF: text per page in reading order, with running headers/footers dropped and hyphenation undone.

pypdf is pure Python and maintained; its layout-free extraction gives lines in content-stream order, which for
the specifications we meet is reading order. Lines that repeat at the top or bottom of most pages (page
numbers ignored) are running headers and footers; a word broken with a hyphen at a line end is joined, the
rest of the word moving up so that line numbers still match the page.

Locations: ``{"page": 3, "line": 12}`` (line within the page as extracted, from 1): for a unit the line it starts
on, for a finding the line its words start on (``Document.location_at``).
Limits: ``MAX_PAGES`` pages and ``MAX_SECONDS`` of extraction per file.

Encryption: many "protected" PDFs open with an empty password. AES needs the ``cryptography`` package (an install
requirement); were it missing, pypdf's DependencyError is reported as encryption, not as a damaged file.
"""
from __future__ import annotations

import bisect
import io
import logging
import re
import time
from collections import Counter
from typing import Iterator, List

from ..errors import InputError
from .base import Document, line_starts
from .extract import Piece, build
from .plain import read_plain

log = logging.getLogger(__name__)

MAX_PAGES = 2000
MAX_SECONDS = 120.0
#: Lines looked at, from each end of a page, for running headers and footers.
_EDGE = 3
_DIGITS = re.compile(r"\d+")
_HYPHEN = re.compile(r"([A-Za-z]{2})-\n([a-z]+)([.,;:]?)[ \t]*")


def _no_aes(path: str) -> InputError:
    return InputError(path, "PDF is encrypted with AES and the 'cryptography' package is not installed: cannot read "
                            "its text (pip install cryptography)")


def _page_lines(reader, path: str) -> List[List[str]]:
    from pypdf.errors import DependencyError

    pages = reader.pages
    if len(pages) > MAX_PAGES:
        raise InputError(path, f"PDF has {len(pages):,} pages (limit {MAX_PAGES:,} pages)")
    began = time.monotonic()
    out = []
    for i, page in enumerate(pages, 1):
        try:
            text = page.extract_text() or ""
        except DependencyError:  # every page would fail the same way: not a damaged page, an encrypted file
            raise _no_aes(path) from None
        except Exception as exc:  # pypdf raises many types on damaged content streams
            log.warning("%s: page %d: text not extracted (%s)", path, i, exc)
            text = ""
        out.append(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        if time.monotonic() - began > MAX_SECONDS:
            raise InputError(path, f"PDF text extraction took over {MAX_SECONDS:.0f} s (stopped at page {i})")
    return out


def _running_lines(pages: List[List[str]]) -> set:
    """Lines (digits ignored) at a page edge on at least a third of the pages, when there are three or more."""
    if len(pages) < 3:
        return set()
    seen: Counter = Counter()
    for lines in pages:
        body = [line.strip() for line in lines if line.strip()]
        seen.update({_DIGITS.sub("#", line) for line in body[:_EDGE] + body[-_EDGE:]})
    return {key for key, n in seen.items() if n >= max(3, len(pages) // 3)}


def _pieces(pages: List[List[str]]) -> Iterator[Piece]:
    running = _running_lines(pages)
    for number, lines in enumerate(pages, 1):
        kept = ["" if _DIGITS.sub("#", line.strip()) in running else line.rstrip() for line in lines]
        widths = sorted(len(line) for line in kept if line.strip())
        typical = widths[len(widths) * 3 // 4] if widths else 0
        # a short line that ends a sentence ends its paragraph (PDFs rarely keep blank lines);
        # page_line maps each line of the spaced text back to the page's own line number
        spaced: List[str] = []
        page_line: List[int] = []
        for index, line in enumerate(kept):
            spaced.append(line)
            page_line.append(index)
            if line.strip() and line.rstrip()[-1:] in ".:;!?" and len(line) < 0.8 * typical:
                spaced.append("")
                page_line.append(index)
        text = _HYPHEN.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}\n", "\n".join(spaced))
        doc = read_plain(text, "")
        starts = line_starts(text)
        for block in doc.blocks:
            first = bisect.bisect_right(starts, block.start) - 1
            last = bisect.bisect_right(starts, block.end) - 1
            # a block often runs over several page lines (a paragraph, or table cells extracted one per line):
            # each line keeps its own page line, so a finding is located on the line its words are on
            yield Piece(text[block.start:block.end], block.kind, {"page": number, "line": page_line[first] + 1},
                        lines=[{"page": number, "line": page_line[i] + 1} for i in range(first, last + 1)])


def read_pdf(data: bytes, path: str) -> Document:
    """Read a PDF's text; encrypted, truncated or image-only PDFs give a one-line :class:`InputError`."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    if not data.lstrip()[:5] == b"%PDF-":
        raise InputError(path, "not a PDF (no %PDF header)")
    quiet = logging.getLogger("pypdf")  # its font and xref warnings are not the user's business
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")  # many "protected" PDFs open with an empty password
            except DependencyError:
                raise _no_aes(path) from None
            except Exception:
                ok = 0
            if not ok:
                raise InputError(path, "PDF is encrypted (password protected): cannot read its text")
        pages = _page_lines(reader, path)
    except InputError:
        raise
    except DependencyError:
        raise _no_aes(path) from None
    except PdfReadError as exc:
        raise InputError(path, f"damaged or truncated PDF: {exc}") from None
    except Exception as exc:  # pypdf's parser raises ValueError, KeyError, struct.error... on broken files
        raise InputError(path, f"damaged or truncated PDF ({type(exc).__name__}: {exc})") from None
    finally:
        quiet.setLevel(level)
    return build(path, "pdf", _pieces(pages), empty="PDF has no extractable text (scanned images? OCR it first)")
