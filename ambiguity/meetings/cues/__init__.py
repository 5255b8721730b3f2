"""The candidate cues of meeting notes are data: one YAML file per cue family in this folder, validated here.

A family file looks like::

    family: requests
    description: Asks for review, help or input.
    cues:
      - id: review-assign
        description: A reviewer assigned in a triage agenda.
        pattern: '\\bassigned (?:the )?review to\\b|\\brerolled to\\b'
        ignore_case: true          # the default
        examples:
          flag: ["assigned review to @kim", ...]     # lines the pattern finds (at least three)
          pass: ["Kim reviewed the patch", ...]      # lines it must not find (at least three)

``pattern`` is one regular expression, or a list of alternatives joined with ``|``. A pattern may include a
fragment of ``vocabulary.yml`` as ``{{id}}`` (a person's name, a role, the task verbs...); ``vocabulary.yml`` also
holds the word lists the checks read (:func:`words`). Every cue is used as ``regex.search`` (a cue that must match
at the start of the line says so with ``^``). Errors name the file and line, as rule files do
(:class:`~ambiguity.errors.RuleFileError`). ``tests/test_meeting_cues.py`` runs every example through its cue.

How the cues decide a line (which check comes first) is the table in :mod:`ambiguity.meetings.tasks`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Tuple, Union


from ...errors import RuleFileError
from ...rules.loader import load_yaml

VOCABULARY = "vocabulary.yml"
_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_INCLUDE = re.compile(r"\{\{([a-z][a-z0-9-]*)\}\}")
_CUE_KEYS = {"id", "description", "pattern", "ignore_case", "examples", "__line__"}
_FILE_KEYS = {"family", "description", "cues", "__line__"}
_VOCAB_KEYS = {"family", "description", "fragments", "words", "__line__"}


@dataclass(frozen=True)
class Cue:
    """One cue: a named pattern with the lines it should and should not find."""

    id: str
    family: str
    description: str
    source: str  # the pattern as written, fragments not yet included
    regex: "re.Pattern[str]"
    flag_examples: Tuple[str, ...]
    pass_examples: Tuple[str, ...]
    file: str
    line: int

    def search(self, text: str) -> Optional["re.Match[str]"]:
        return self.regex.search(text)


@dataclass(frozen=True)
class Cues:
    """Every cue by id, the vocabulary's fragments (expanded) and its word lists."""

    cues: Dict[str, Cue]
    fragments: Dict[str, str]
    words: Dict[str, FrozenSet[str]]


def _fail(where: str, line: Optional[int], problem: str) -> RuleFileError:
    return RuleFileError(where, line, problem)


def _read(text: str, where: str) -> Dict[str, Any]:
    return load_yaml(text, where, "a cue file must be a mapping with 'family' and 'cues'")


def _text(raw: Dict[str, Any], key: str, where: str, line: int, what: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, line, f"{what}: '{key}' is required and must be text")
    return value.strip()


def _entries(data: Dict[str, Any], key: str, where: str, line: int, required: bool = True) -> List[Dict[str, Any]]:
    value = data.get(key, [] if not required else None)
    if not isinstance(value, list) or (required and not value):
        raise _fail(where, line, f"'{key}' must be a {'non-empty ' if required else ''}list of mappings")
    for entry in value:
        if not isinstance(entry, dict):
            raise _fail(where, line, f"each entry of '{key}' must be a mapping (id, description, ...)")
    return value


def _entry_id(raw: Dict[str, Any], where: str, line: int) -> str:
    eid = raw.get("id")
    if not isinstance(eid, str) or not _ID.match(eid):
        raise _fail(where, line, f"id {eid!r} must be lower-case words joined by '-', e.g. 'carry-over'")
    return eid


def _pattern_text(raw: Dict[str, Any], eid: str, where: str, line: int) -> str:
    """``pattern``: a string, or a list of alternatives joined with ``|``."""
    value = raw.get("pattern")
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return "|".join(value)
    raise _fail(where, line, f"{eid}: 'pattern' must be a regular expression or a non-empty list of them "
                             f"(a word such as yes/no/on/off must be quoted)")


def _expand(source: str, fragments: Dict[str, str], eid: str, where: str, line: int) -> str:
    def include(m: "re.Match[str]") -> str:
        if m.group(1) not in fragments:
            known = ", ".join(sorted(fragments)) or "none"
            raise _fail(where, line, f"{eid}: unknown fragment {{{{{m.group(1)}}}}}; known: {known}")
        return fragments[m.group(1)]

    return _INCLUDE.sub(include, source)


def _compile(pattern: str, ignore_case: bool, eid: str, where: str, line: int) -> "re.Pattern[str]":
    try:
        return re.compile(pattern, re.I if ignore_case else 0)
    except re.error as exc:
        raise _fail(where, line, f"{eid}: invalid regular expression: {exc}") from None


def parse_vocabulary(text: str, where: str) -> Tuple[Dict[str, str], Dict[str, FrozenSet[str]]]:
    """The fragments (each with the fragments it includes expanded) and word lists of ``vocabulary.yml``."""
    data = _read(text, where)
    line = data.get("__line__", 1)
    unknown = set(data) - _VOCAB_KEYS
    if unknown:
        raise _fail(where, line, f"unknown top-level key(s) {sorted(unknown)}; allowed: fragments, words")
    fragments: Dict[str, str] = {}
    for raw in _entries(data, "fragments", where, line, required=False):
        at = raw.get("__line__", line)
        fid = _entry_id(raw, where, at)
        _text(raw, "description", where, at, fid)
        if fid in fragments:
            raise _fail(where, at, f"duplicate fragment id {fid!r}")
        # a fragment may include the fragments above it (never itself or a later one: no cycles)
        fragments[fid] = _expand(_pattern_text(raw, fid, where, at), fragments, fid, where, at)
        _compile(fragments[fid], True, fid, where, at)
    words: Dict[str, FrozenSet[str]] = {}
    for raw in _entries(data, "words", where, line, required=False):
        at = raw.get("__line__", line)
        wid = _entry_id(raw, where, at)
        _text(raw, "description", where, at, wid)
        value = raw.get("words")
        if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.strip() for w in value):
            raise _fail(where, at, f"{wid}: 'words' must be a non-empty list of words "
                                   f"(a word such as yes/no/on/off must be quoted)")
        if wid in words:
            raise _fail(where, at, f"duplicate word list id {wid!r}")
        words[wid] = frozenset(w.strip().lower() for w in value)
    return fragments, words


def _examples(raw: Dict[str, Any], cid: str, where: str, line: int) -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
    examples = raw.get("examples")
    if not isinstance(examples, dict):
        raise _fail(where, line, f"{cid}: 'examples' must be a mapping with 'flag' and 'pass' lists")
    out = []
    for key in ("flag", "pass"):
        value = examples.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise _fail(where, examples.get("__line__", line), f"{cid}: examples '{key}' must be a list of lines")
        out.append(tuple(value))
    unknown = set(examples) - {"flag", "pass", "__line__"}
    if unknown:
        raise _fail(where, examples.get("__line__", line), f"{cid}: unknown example key(s) {sorted(unknown)}")
    return out[0], out[1]


def _cue(raw: Dict[str, Any], family: str, fragments: Dict[str, str], where: str, line: int) -> Cue:
    cid = _entry_id(raw, where, line)
    unknown = set(raw) - _CUE_KEYS
    if unknown:
        raise _fail(where, line, f"{cid}: unknown key(s) {sorted(unknown)}; allowed: "
                                 f"{sorted(_CUE_KEYS - {'__line__'})}")
    description = _text(raw, "description", where, line, cid)
    source = _pattern_text(raw, cid, where, line)
    ignore_case = raw.get("ignore_case", True)
    if not isinstance(ignore_case, bool):
        raise _fail(where, line, f"{cid}: 'ignore_case' must be true or false")
    regex = _compile(_expand(source, fragments, cid, where, line), ignore_case, cid, where, line)
    flag, passing = _examples(raw, cid, where, line)
    return Cue(cid, family, description, source, regex, flag, passing, where, line)


def parse_cue_file(text: str, where: str, fragments: Dict[str, str]) -> List[Cue]:
    """Parse and validate one family file; raise :class:`RuleFileError` naming file and line."""
    data = _read(text, where)
    line = data.get("__line__", 1)
    unknown = set(data) - _FILE_KEYS
    if unknown:
        raise _fail(where, line, f"unknown top-level key(s) {sorted(unknown)}; allowed: family, description, cues")
    family = _text(data, "family", where, line, "the file")
    _text(data, "description", where, line, family)
    return [_cue(raw, family, fragments, where, raw.get("__line__", line))
            for raw in _entries(data, "cues", where, line)]


def load_cues(files: Iterable[Tuple[str, str]]) -> Cues:
    """Cues from ``(where, text)`` pairs: ``vocabulary.yml`` first, then every family file; ids are unique."""
    files = list(files)
    vocabulary = [(w, t) for w, t in files if Path(w).name == VOCABULARY]
    fragments, word_lists = parse_vocabulary(vocabulary[0][1], vocabulary[0][0]) if vocabulary else ({}, {})
    cues: Dict[str, Cue] = {}
    for where, text in files:
        if Path(where).name == VOCABULARY:
            continue
        for cue in parse_cue_file(text, where, fragments):
            if cue.id in cues:
                first = cues[cue.id]
                raise _fail(where, cue.line, f"duplicate cue id {cue.id!r} (first at {first.file}:{first.line})")
            cues[cue.id] = cue
    return Cues(cues, fragments, word_lists)


def load_folder(folder: Union[str, Path]) -> Cues:
    """The cues of a folder of ``*.yml`` files (tests, and trying out a changed cue)."""
    return load_cues((str(p), p.read_text(encoding="utf-8")) for p in sorted(Path(folder).glob("*.yml")))


@lru_cache(maxsize=1)
def bundled() -> Cues:
    """The shipped cues (package data of ``ambiguity.meetings.cues``)."""
    folder = resources.files(__name__)
    return load_cues((f"ambiguity/meetings/cues/{e.name}", e.read_text(encoding="utf-8"))
                     for e in sorted(folder.iterdir(), key=lambda e: e.name) if e.name.endswith(".yml"))


def cue(cid: str) -> "re.Pattern[str]":
    """The compiled pattern of the shipped cue ``cid`` (a ``KeyError`` names an unknown id)."""
    return bundled().cues[cid].regex


def fragment(fid: str) -> str:
    """The expanded regex text of a vocabulary fragment, to build a pattern in code."""
    return bundled().fragments[fid]


def words(wid: str) -> FrozenSet[str]:
    """A vocabulary word list, lower-cased."""
    return bundled().words[wid]
