"""Readers keyed by file type. A new format is one function and one ``register`` call."""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Callable, Dict, Optional

from ..errors import InputError, UnsupportedFormatError
from ..limits import DEFAULT_MAX_BYTES  # noqa: F401  (re-exported: files larger are refused, --max-bytes)
from .base import Document
from .decode import decode
from .markdown import read_markdown
from .plain import read_plain

#: bytes + path -> Document
ReaderFn = Callable[[bytes, str], Document]
_READERS: Dict[str, ReaderFn] = {}
_FORMAT_OF: Dict[str, str] = {}

#: A "line" this long is data, not prose (minified files, base64...).
MAX_LINE_CHARS = 200_000


def register(fmt: str, suffixes: tuple, reader: ReaderFn) -> None:
    _READERS[fmt] = reader
    for s in suffixes:
        _FORMAT_OF[s.lower()] = fmt


def supported_suffixes() -> tuple:
    return tuple(sorted(_FORMAT_OF))


def format_for(path: str, default: Optional[str] = None) -> Optional[str]:
    return _FORMAT_OF.get(Path(path).suffix.lower(), default)


#: What str.splitlines() breaks lines at.
_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK = re.compile(f"[{_BREAKS}]")


def _check_lines(text: str, path: str) -> None:
    """Refuse a text with a line over ``MAX_LINE_CHARS``: searched for, not split into lines (a list of every line
    of 20 MiB of short lines took 300 MB)."""
    long = re.search(f"[^{_BREAKS}]{{{MAX_LINE_CHARS + 1}}}", text)
    if long:
        end = _LINE_BREAK.search(text, long.end())
        start = max(text.rfind(c, 0, long.start()) for c in _BREAKS) + 1
        length = (end.start() if end else len(text)) - start
        raise InputError(path, f"a line is {length:,} characters long (limit {MAX_LINE_CHARS:,}): not prose")


def read_bytes(data: bytes, path: str, fmt: Optional[str] = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a document of the given (or guessed) format from bytes."""
    if len(data) > max_bytes:
        raise InputError(path, f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)")
    fmt = fmt or format_for(path, "text")
    if fmt not in _READERS:
        raise UnsupportedFormatError(path, f"unsupported format {fmt!r} (supported: {', '.join(sorted(_READERS))})")
    return _READERS[fmt](data, path)


def read_path(path: "str | Path", fmt: Optional[str] = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    p = Path(path)
    try:
        # one open file: what is checked is what is read, even if the path changes; O_NONBLOCK so a FIFO cannot hang
        with os.fdopen(os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as fh:
            st = os.fstat(fh.fileno())
            if stat.S_ISDIR(st.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(st.st_mode):  # a FIFO, socket or device would block or never end
                raise InputError(str(p), "not a regular file (pipe, socket or device): skipped")
            if st.st_size > max_bytes:
                raise InputError(str(p), f"file is {st.st_size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)")
            data = fh.read(max_bytes + 1)  # a file growing while it is read is still capped
        if len(data) > max_bytes:
            raise InputError(str(p), f"file grew past the {max_bytes:,}-byte limit (--max-bytes) while being read")
    except FileNotFoundError:
        raise InputError(str(p), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(p), "is a folder, not a file") from None
    except PermissionError:
        raise InputError(str(p), "permission denied") from None
    except OSError as exc:
        raise InputError(str(p), f"cannot read: {exc.strerror or exc}") from None
    return read_bytes(data, str(p), fmt, max_bytes)


def read_text(text: str, path: str = "<text>", fmt: str = "text") -> Document:
    """Read already-decoded text (the library's ``Analyzer.analyze``)."""
    if fmt == "markdown":
        return read_markdown(text, path)
    return read_plain(text, path)


def _text_reader(fmt: str) -> ReaderFn:
    def read(data: bytes, path: str) -> Document:
        text = decode(data, path)
        _check_lines(text, path)
        return read_text(text, path, fmt)

    return read


register("text", (".txt", ".text", ".rst"), _text_reader("text"))
register("markdown", (".md", ".markdown", ".mdown", ".mkd"), _text_reader("markdown"))

# Extracted formats: each module imports its library only when a file of its kind is read (fast --help).
from . import docx as _docx, sheet as _sheet  # noqa: E402

register("docx", (".docx",), _docx.read_docx)
register("xlsx", (".xlsx", ".xlsm"), _sheet.read_xlsx)
register("csv", (".csv", ".tsv"), _sheet.read_csv)
from . import pdf as _pdf  # noqa: E402

register("pdf", (".pdf",), _pdf.read_pdf)
from . import doorstop as _doorstop, reqif as _reqif, sdoc as _sdoc  # noqa: E402

register("reqif", (".reqif",), _reqif.read_reqif)
register("reqifz", (".reqifz",), _reqif.read_reqifz)
register("sdoc", (".sdoc",), _sdoc.read_sdoc)
register("doorstop", (".yml", ".yaml"), _doorstop.read_doorstop)
from . import html as _html, odt as _odt  # noqa: E402

register("html", (".html", ".htm", ".xhtml"), _html.read_html)
register("odt", (".odt",), _odt.read_odt)
