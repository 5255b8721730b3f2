"""Bytes to text, with a clear error for what is not text."""
from __future__ import annotations

import codecs
import logging

from ..errors import InputError

log = logging.getLogger(__name__)

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
    # charset-normalizer is maintained and far better at guessing legacy encodings than anything hand-written.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(path, f"not UTF-8 (invalid byte at offset {first_bad}) and no other text encoding fits")
    log.warning("%s: not UTF-8; read as %s", path, best.encoding)
    return str(best)
