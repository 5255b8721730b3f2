"""Guards for hostile input: zip caps (size, ratio, member count) and XML without DTDs or entities.

Office files (docx, xlsx, odt) and ReqIF archives (reqifz) are zip files, so a few hundred bytes can claim
gigabytes (a zip bomb). :func:`open_zip` refuses an archive before anything is decompressed when its declared
sizes break the caps; :mod:`zipfile` then never inflates a member past its declared size, so a lying header
cannot get round the cap. XML is parsed with defusedxml, which refuses DTDs, entity declarations (billion
laughs) and external references instead of expanding them.

Zip caps alone do not bound memory: a 3 MB .docx may hold a 185 MiB ``word/document.xml`` (ratio 60:1, under
every cap), whose tree would take gigabytes. :func:`stream_member` therefore feeds a member to libxml2 a chunk at a
time with a parser *target* (no tree is built: the reader keeps only the text it needs), DTDs refused at the
DOCTYPE itself, entities left unresolved and no network. :func:`refuse_dtds` runs every XML member of an archive
through the same parser, whole, whatever its encoding (a byte peek missed a DTD after 4 KB or in UTF-16).
"""
from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any, Iterator, List, Optional

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
#: Uncompressed bytes fed to the XML parser at a time.
_CHUNK = 1 << 16
#: Archive members that are XML (Office parts, relationships, VML drawings).
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_ZIP_ERRORS = (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error, NotImplementedError)


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


class XmlTarget:
    """What :func:`stream_member` feeds: lxml's parser-target interface (``start(tag, attrib)``, ``end(tag)``,
    ``data(text)``, each optional), so that no element tree is built and memory does not grow with the member.
    A DOCTYPE ends the parse before its declarations are used."""

    def doctype(self, name: str, pubid: Optional[str], system: Optional[str]) -> None:
        raise _DoctypeFound(name)

    def close(self) -> None:
        return None


class _DoctypeFound(Exception):
    pass


def _xml_parser(target: XmlTarget) -> Any:
    from lxml import etree

    # no DTD loaded, no entity resolved, nothing fetched; huge_tree off keeps libxml2's own caps (10 MB a text node,
    # 256 levels of nesting)
    return etree.XMLParser(target=target, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def stream_member(archive: zipfile.ZipFile, name: str, path: str, target: XmlTarget) -> None:
    """Parse one XML member into ``target`` as it is decompressed, a chunk at a time.

    A DTD, an undefined entity, malformed XML or a corrupt member is an :class:`InputError`; an InputError raised
    by the target (a reader's cap) passes through."""
    for _ in feed_member(archive, name, path, target):
        pass


def feed_member(archive: zipfile.ZipFile, name: str, path: str, target: XmlTarget) -> Iterator[None]:
    """:func:`stream_member`, pausing after each chunk so that the caller can take what the target has made."""
    from lxml import etree

    try:
        fh = archive.open(name)
    except KeyError:
        raise InputError(path, f"archive has no {name!r}: not the expected format") from None
    except _ZIP_ERRORS as exc:
        raise InputError(path, f"corrupt archive member {name!r}: {exc}") from None
    parser = _xml_parser(target)
    try:
        with fh:
            while True:
                chunk = fh.read(_CHUNK)
                if not chunk:
                    break
                parser.feed(chunk)
                yield
        parser.close()
    except _DoctypeFound:
        raise InputError(path, f"archive member {name!r} declares a DTD or entities: refused") from None
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"malformed XML in archive member {name!r}: {_one_line(exc)}") from None
    except InputError:
        raise
    except _ZIP_ERRORS as exc:  # zlib.error, a bad CRC, a member shorter than declared
        raise InputError(path, f"corrupt archive member {name!r}: {_one_line(exc)}") from None
    yield


def _one_line(exc: BaseException) -> str:
    """libxml2's messages can hold a line break ("Char 0x0 out of allowed range\\n, line 6"): errors are one line."""
    return " ".join(str(exc).split())


def xml_members(archive: zipfile.ZipFile) -> List[str]:
    return [m.filename for m in archive.infolist() if m.filename.lower().endswith(_XML_SUFFIXES)]


def refuse_dtds(archive: zipfile.ZipFile, path: str) -> None:
    """Office XML never needs a DTD: parse every XML member whole (in any encoding, no tree kept) and refuse the
    archive if one declares a DTD, uses an undefined entity or is malformed, before a library parses it."""
    for name in xml_members(archive):
        stream_member(archive, name, path, XmlTarget())


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
