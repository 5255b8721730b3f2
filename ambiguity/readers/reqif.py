"""ReqIF (.reqif, .reqifz): spec objects in specification order, with their identifiers and text attributes.

ReqIF is plain XML, so it is parsed with defusedxml (no DTDs, entities or external references: exchange files
come from outside) rather than the ``reqif`` package, which parses with lxml directly and whose value lies in
round-tripping, not reading. Attribute names differ by tool (DOORS "Object Text", Polarion/ReqIF Studio
"ReqIF.Text", StrictDoc "STATEMENT"), so the text, heading, id, rationale and comment attributes are found by
name, with the longest prose attribute as the fallback for the text.

Locations: ``{"id": "REQ-7", "identifier": "<ReqIF IDENTIFIER>", "attribute": "ReqIF.Text", "type": "...",
"heading": [...]}``; in a .reqifz also ``"file"``.
"""
from __future__ import annotations

from typing import Any, Dict, Iterator, List, Optional, Tuple

from ..errors import InputError
from .base import Document
from .extract import Piece, build
from .safety import open_zip, parse_xml, read_member

_TEXT = ("reqif.text", "object text", "statement", "text", "requirement text", "description", "content", "body")
_HEADING = ("reqif.chaptername", "object heading", "heading", "chapter name", "title", "reqif.name", "name")
_ID = ("reqif.foreignid", "uid", "id", "req id", "foreign id", "object identifier", "absolute number", "key",
       "identifier", "object number")
_RATIONALE = ("rationale", "justification")
_COMMENT = ("comment", "comments", "note", "notes")
_BLOCK_XHTML = {"p", "div", "li", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"}


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _xhtml_text(element: Any) -> str:
    """Text of an XHTML value, with line breaks between block elements."""
    parts: List[str] = []

    def walk(el: Any) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if _local(child.tag) in _BLOCK_XHTML:
                parts.append("\n")
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts)


def _values(obj: Any, names: Dict[str, str]) -> Dict[str, str]:
    out: Dict[str, str] = {}
    for value in obj.iter():
        tag = _local(value.tag)
        if not tag.startswith("ATTRIBUTE-VALUE-"):
            continue
        ref = next((r.text for d in value if _local(d.tag) == "DEFINITION" for r in d), None)
        name = names.get((ref or "").strip(), (ref or "").strip())
        if tag in {"ATTRIBUTE-VALUE-STRING", "ATTRIBUTE-VALUE-INTEGER"}:
            text = value.get("THE-VALUE", "")
        elif tag == "ATTRIBUTE-VALUE-XHTML":
            the = next((c for c in value if _local(c.tag) == "THE-VALUE"), None)
            text = _xhtml_text(the) if the is not None else ""
        else:
            continue
        if text.strip():
            out[name] = text.strip()
    return out


def _pick(values: Dict[str, str], wanted: Tuple[str, ...]) -> Optional[str]:
    lowered = {k.lower(): k for k in values}
    return next((lowered[w] for w in wanted if w in lowered), None)


def _order(root: Any) -> List[Tuple[str, int]]:
    """Spec object ids in specification order, with their depth in the hierarchy."""
    out: List[Tuple[str, int]] = []

    def walk(el: Any, depth: int) -> None:
        for child in el:
            if _local(child.tag) == "SPEC-HIERARCHY":
                ref = next((r.text for o in child if _local(o.tag) == "OBJECT" for r in o), None)
                if ref:
                    out.append((ref.strip(), depth))
                for sub in child:
                    if _local(sub.tag) == "CHILDREN":
                        walk(sub, depth + 1)
            else:
                walk(child, depth)

    for spec in root.iter():
        if _local(spec.tag) == "SPECIFICATION":
            walk(spec, 0)
    return out


def _pieces(root: Any, extra: Dict[str, Any]) -> Iterator[Piece]:
    names = {el.get("IDENTIFIER"): el.get("LONG-NAME") or el.get("IDENTIFIER")
             for el in root.iter() if _local(el.tag).startswith(("ATTRIBUTE-DEFINITION-", "SPEC-OBJECT-TYPE"))
             and el.get("IDENTIFIER")}
    objects = {o.get("IDENTIFIER"): o for o in root.iter() if _local(o.tag) == "SPEC-OBJECT"}
    order = _order(root)
    listed = {ref for ref, _ in order}
    order += [(ref, 0) for ref in objects if ref not in listed]
    headings: List[str] = []
    for ref, depth in order:
        obj = objects.get(ref)
        if obj is None:
            continue
        values = _values(obj, names)
        type_ref = next((r.text for t in obj if _local(t.tag) == "TYPE" for r in t), None)
        base: Dict[str, Any] = dict(extra, identifier=ref)
        if type_ref and names.get(type_ref.strip()):
            base["type"] = names[type_ref.strip()]
        id_attr = _pick(values, _ID)
        uid = values[id_attr] if id_attr else None
        if uid:
            base["id"] = uid
        text_attr = _pick(values, _TEXT)
        heading_attr = _pick(values, _HEADING)
        if text_attr is None:
            skip = {id_attr, heading_attr}
            prose = [(len(v.split()), k) for k, v in values.items() if k not in skip and len(v.split()) >= 3]
            text_attr = max(prose)[1] if prose else None
        if heading_attr and not text_attr:
            headings[depth:] = [values[heading_attr]]
            yield Piece(values[heading_attr], "heading", dict(base, attribute=heading_attr, heading=list(headings)))
            continue
        del headings[depth:]
        context = {"heading": list(headings)} if headings else {}
        if text_attr:
            yield Piece(values[text_attr], "requirement", dict(base, attribute=text_attr, **context))
        for names_, kind in ((_RATIONALE, "rationale"), (_COMMENT, "note")):
            attr = _pick(values, names_)
            if attr and attr != text_attr:
                yield Piece(values[attr], kind, dict(base, attribute=attr, **context))


def _check_root(root: Any, path: str) -> None:
    if _local(root.tag) != "REQ-IF":
        raise InputError(path, f"not a ReqIF document (root element is <{_local(root.tag)}>, expected <REQ-IF>)")


def read_reqif(data: bytes, path: str) -> Document:
    """Read a .reqif file."""
    root = parse_xml(data, path, "ReqIF XML")
    _check_root(root, path)
    return build(path, "reqif", _pieces(root, {}), empty="ReqIF file has no spec objects with text")


def read_reqifz(data: bytes, path: str) -> Document:
    """Read a .reqifz archive: every .reqif inside, in name order."""
    archive = open_zip(data, path, ".reqifz")
    members = sorted(n for n in archive.namelist() if n.lower().endswith(".reqif"))
    if not members:
        raise InputError(path, "archive holds no .reqif file")

    def pieces() -> Iterator[Piece]:
        for name in members:
            root = parse_xml(read_member(archive, name, path), f"{path}:{name}", "ReqIF XML")
            _check_root(root, f"{path}:{name}")
            yield from _pieces(root, {"file": name})

    return build(path, "reqif", pieces(), empty="ReqIF archive has no spec objects with text")
