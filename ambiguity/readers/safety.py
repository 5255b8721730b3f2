"""Guards for hostile input: zip caps (size, ratio, member count) and XML without DTDs or entities.

Office files (docx, xlsx, odt) and ReqIF archives (reqifz) are zip files, so a few hundred bytes can claim
gigabytes (a zip bomb). :func:`open_zip` refuses an archive before anything is decompressed when its declared
sizes break the caps; :mod:`zipfile` then never inflates a member past its declared size, so a lying header
cannot get round the cap. XML is parsed with defusedxml, which refuses DTDs, entity declarations (billion
laughs) and external references instead of expanding them.
"""
from __future__ import annotations

import io
import zipfile
from typing import Any

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ..errors import InputError

#: Total uncompressed size an archive may declare.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
#: Uncompressed / compressed, for the archive and for any member larger than ``RATIO_MIN_BYTES``.
MAX_RATIO = 200
RATIO_MIN_BYTES = 1024 * 1024
#: Members an archive may hold.
MAX_MEMBERS = 10_000
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
#: How much of each XML member is looked at for a DTD before a library parses it.
_DTD_PEEK = 4096


def open_zip(data: bytes, path: str, kind: str) -> zipfile.ZipFile:
    """Open ``data`` as a zip archive, or raise :class:`InputError` if it is not one or breaks a cap."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(path, f"not a {kind} file (not a zip archive; truncated, or another format renamed?)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, NotImplementedError) as exc:
        raise InputError(path, f"corrupt {kind} archive: {exc}") from None  # NotImplementedError: "zip file version 23.7"
    if len(members) > MAX_MEMBERS:
        raise InputError(path, f"archive holds {len(members):,} members (limit {MAX_MEMBERS:,})")
    odd = [m.filename for m in members if m.compress_type not in _METHODS]
    if odd:  # zipfile would raise NotImplementedError deep inside a library
        raise InputError(path, f"archive member {odd[0]!r} uses an unsupported compression method: refused")
    total = sum(m.file_size for m in members)
    packed = max(sum(m.compress_size for m in members), 1)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InputError(path, f"archive unpacks to {total:,} bytes (limit {MAX_UNCOMPRESSED_BYTES:,}): refused")
    for m in members:
        if m.file_size > RATIO_MIN_BYTES and m.file_size / max(m.compress_size, 1) > MAX_RATIO:
            raise InputError(path, f"archive member {m.filename!r} is compressed {m.file_size // max(m.compress_size, 1):,}:1 "
                                   f"(limit {MAX_RATIO}:1): looks like a zip bomb, refused")
    if total > RATIO_MIN_BYTES and total / packed > MAX_RATIO:
        raise InputError(path, f"archive is compressed {total // packed:,}:1 (limit {MAX_RATIO}:1): looks like a zip bomb, refused")
    return archive


def read_member(archive: zipfile.ZipFile, name: str, path: str) -> bytes:
    """One member's bytes; a corrupt member is an :class:`InputError`."""
    try:
        return archive.read(name)
    except KeyError:
        raise InputError(path, f"archive has no {name!r}: not the expected format") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:  # zlib.error is an Exception subclass
        raise InputError(path, f"corrupt archive member {name!r}: {exc}") from None
    except Exception as exc:  # zlib.error
        raise InputError(path, f"corrupt archive member {name!r}: {exc}") from None


def refuse_dtds(archive: zipfile.ZipFile, path: str) -> None:
    """Office XML never needs a DTD: refuse any XML member that declares one, before a library parses it."""
    for m in archive.infolist():
        if not m.filename.endswith((".xml", ".rels")):
            continue
        try:
            with archive.open(m) as fh:
                head = fh.read(_DTD_PEEK)
        except Exception as exc:  # corrupt member: zlib.error, BadZipFile, EOFError
            raise InputError(path, f"corrupt archive member {m.filename!r}: {exc}") from None
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise InputError(path, f"archive member {m.filename!r} declares a DTD or entities: refused")


def parse_xml(data: bytes, path: str, kind: str = "XML") -> Any:
    """Parse XML with DTDs, entities and external references refused; returns the root element."""
    try:
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(path, f"{kind} declares entities or external references ({type(exc).__name__}): refused") from None
    except SafeET.ParseError as exc:
        raise InputError(path, f"malformed {kind}: {exc}") from None
    except (LookupError, ValueError) as exc:  # an encoding="UTF-4" or multi-byte declaration (found by fuzzing)
        raise InputError(path, f"malformed {kind}: {exc}") from None
