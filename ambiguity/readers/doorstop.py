"""Doorstop items (.yml): one requirement per file, the file name is its UID.

PyYAML (already a dependency, ``safe_load`` only) reads the item; ``header`` is a heading, ``text`` (Markdown)
the requirement, non-normative items are notes, inactive items are skipped. A YAML file that is not a Doorstop
item (a CI config met in a folder scan) yields an empty document and a warning, not an error, so scanning a
repository does not fail on every YAML file in it.

Locations: ``{"id": "REQ001", "level": "2.3", "field": "text"}``.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any, Iterator

import yaml

from ..errors import InputError
from .base import Document
from .decode import decode
from .extract import Piece, build

log = logging.getLogger(__name__)
_ITEM_KEYS = {"active", "level", "normative", "links", "derived", "reviewed", "header", "ref"}
_MARKUP = re.compile(r"\*\*|__|`")


def is_item(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("text"), str) and bool(_ITEM_KEYS & set(data))


def _pieces(item: dict, uid: str) -> Iterator[Piece]:
    base = {"id": uid}
    if isinstance(item.get("level"), (str, int, float)):  # not str() of a YAML alias bomb
        base["level"] = str(item["level"])
    if isinstance(item.get("header"), str) and item["header"].strip():
        yield Piece(item["header"], "heading", dict(base, field="header"))
    kind = "requirement" if item.get("normative", True) else "note"
    for para in re.split(r"\n\s*\n", _MARKUP.sub("", item["text"])):
        yield Piece(para, kind, dict(base, field="text"))


def read_doorstop(data: bytes, path: str) -> Document:
    """Read one Doorstop item file."""
    text = decode(data, path)
    try:
        item = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise InputError(path, f"malformed YAML{where}: {getattr(exc, 'problem', None) or exc}") from None
    if not is_item(item):
        log.warning("%s: YAML but not a Doorstop item (no 'text' field): skipped", path)
        return Document(path=path, text="", analysis_text="", blocks=[], format="doorstop")
    if item.get("active") is False or not item["text"].strip():
        return Document(path=path, text="", analysis_text="", blocks=[], format="doorstop")
    return build(path, "doorstop", _pieces(item, Path(path).stem), empty="Doorstop item has no text")
