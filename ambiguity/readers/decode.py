"""Bytes to text, with a clear error for what is not text.

UTF-8 first. A file that is not valid UTF-8 throughout is still read as UTF-8, its bad bytes replaced by U+FFFD,
when it holds at least as many valid multi-byte UTF-8 characters as bad bytes: replacing those spoils fewer
characters than any one-byte encoding would (charset-normalizer read "Café" plus a stray byte as iso8859-10,
"CafÃ©"). A legacy file has almost no valid multi-byte sequences, so it still goes to charset-normalizer. Either
way one line on stderr names the file.
"""
from __future__ import annotations

import codecs
import logging

from ..errors import InputError

log = logging.getLogger(__name__)


def _utf8_replacing(data: bytes) -> "tuple[str, int]":
    """The data decoded as UTF-8 with each invalid sequence replaced by U+FFFD, and the number of bytes replaced."""
    bad = [0]

    def count(exc: UnicodeError) -> "tuple[str, int]":
        assert isinstance(exc, UnicodeDecodeError)
        bad[0] += exc.end - exc.start
        return "\ufffd", exc.end

    codecs.register_error("ambiguity-count", count)  # a name, not state: registering again replaces it
    return data.decode("utf-8", "ambiguity-count"), bad[0]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, path: str) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16/32 with BOM, else a detected legacy encoding."""
    if not data.strip():
        raise InputError(path, "file is empty: nothing to analyse")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"invalid {encoding} text at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    text, bad_bytes = _utf8_replacing(data)
    replaced = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # U+FFFD we put in, not those in the file
    valid = len(text) - len(text.encode("ascii", "ignore")) - replaced  # valid multi-byte characters
    if valid >= max(1, bad_bytes):
        log.warning("%s: not valid UTF-8 at %d byte%s (first at offset %d); read as UTF-8 with %s replaced by U+FFFD",
                    path, bad_bytes, "" if bad_bytes == 1 else "s", first_bad, "it" if bad_bytes == 1 else "them")
        return text
    # charset-normalizer is maintained and far better at guessing legacy encodings than anything hand-written.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(path, f"not UTF-8 (invalid byte at offset {first_bad}) and no other text encoding fits")
    log.warning("%s: not UTF-8; read as %s", path, best.encoding)
    return str(best)
