"""Rules are data: one YAML file per rule family in ``rules/data``, validated here with positioned errors.

A family file looks like::

    family: loophole
    category: loophole
    source: "INCOSE GtWR v4 R7; ISO/IEC/IEEE 29148:2018 5.2.7"
    rules:
      - id: loophole.escape-clause
        severity: warning
        confidence: 0.8
        description: Escape clauses that let the supplier decide whether the requirement applies.
        message: "'{text}' lets the supplier decide whether this applies at all."
        suggestion: "State the condition under which it applies, or delete '{text}'."
        patterns: ["if possible", [{LOWER: as}, {LOWER: appropriate}]]
        exceptions: []
        unless: [quoted]
        examples:
          flag: ["The report shall be signed if possible."]
          pass: ["The report shall be signed by the operator."]

A rule may also give its message and suggestion in the words of another genre of document, chosen when the
document is of that genre (:data:`GENRES`: "meeting" for meeting notes, whose findings speak of action items and of
the meeting rather than of "this requirement")::

        messages:
          meeting: "'{text}' could refer to more than one thing, or to nothing in this line of the notes."
        suggestions:
          meeting: "Repeat the noun it stands for, so that someone who was not at the meeting can follow."

A variant may use only the placeholders its default uses. Strings in ``patterns`` are phrases matched
case-insensitively token by token; lists are spaCy ``Matcher`` token
patterns. A rule may instead name a ``detector`` (a parse-based check in ``pipeline/detectors.py``) or a
``stage`` (ambiguity/stages) that makes its findings after the per-unit pass.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import yaml

try:  # Python 3.11+: the parser behind re.compile, for the REGEX checks
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse as _sre_parse  # type: ignore[no-redef]

from ..errors import RuleFileError
from ..types import Category, Severity

#: The stable category ids: the contract for every later feature (README, docs/output-schema.md), as plain strings
#: in the order of :class:`~ambiguity.types.Category`.
CATEGORIES = tuple(c.value for c in Category)

Pattern = Union[str, List[Dict[str, Any]]]

_ID = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$")
_RULE_KEYS = {
    "id", "category", "severity", "confidence", "description", "message", "suggestion", "source",
    "patterns", "exceptions", "unless", "when", "detector", "stage", "examples", "options", "messages", "suggestions",
    "profile", "measured",
}
#: Where a rule's findings are shown: ``default`` (every scan) or ``strict`` (``--profile strict`` and ``--all``).
#: A rule or family file gives one profile, or one per genre: ``profile: {spec: strict, meeting: default}``.
PROFILES = ("default", "strict")
#: The genres of document a rule may word its message and suggestion for; the default wording is for
#: specifications ("spec"). The genre of a document is decided once per report (:func:`ambiguity.meetings.genre_of`).
GENRES = ("meeting",)
DEFAULT_GENRE = "spec"
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_FILE_KEYS = {"family", "category", "source", "rules", "profile", "measured"}


@dataclass(frozen=True)
class Rule:
    """One rule, as its family file declares it."""

    id: str
    family: str
    category: Category
    severity: Severity
    confidence: float
    description: str
    message: str
    suggestion: str
    source: str
    patterns: Tuple[Pattern, ...] = ()
    exceptions: Tuple[str, ...] = ()
    unless: Tuple[str, ...] = ()
    when: Tuple[str, ...] = ()
    detector: Optional[str] = None
    #: The stage (ambiguity/stages) that makes this rule's findings, for rules that need more than one unit.
    stage: Optional[str] = None
    options: Dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    flag_examples: Tuple[str, ...] = ()
    pass_examples: Tuple[str, ...] = ()
    file: str = ""
    line: int = 0
    #: The message and suggestion worded for other genres of document than specifications: ``{"meeting": ...}``.
    messages: Dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    suggestions: Dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    #: The profile per genre ("spec", "meeting"): where the rule's findings are shown (:data:`PROFILES`).
    profile: Dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    #: What was measured of the rule on real text (acceptance precision), for its documentation.
    measured: str = ""

    def shown_in(self, profile: str, genre: str = DEFAULT_GENRE) -> bool:
        """Whether the rule's findings belong to ``profile`` ("default" or "strict") in a document of ``genre``."""
        if profile != "default":
            return True
        return self.profile.get(genre, self.profile.get(DEFAULT_GENRE, "default")) == "default"

    def render(self, template: str, text: str) -> str:
        return template.replace("{text}", text)

    def message_for(self, genre: str = DEFAULT_GENRE) -> str:
        """The message template for a document of ``genre`` (the default one when the rule has no variant)."""
        return self.messages.get(genre, self.message)

    def suggestion_for(self, genre: str = DEFAULT_GENRE) -> str:
        return self.suggestions.get(genre, self.suggestion)

    def to_json(self) -> Dict[str, Any]:
        """The serialised form written by ``to_disk`` (one JSON object per line)."""
        out = {
            "id": self.id, "family": self.family, "category": self.category, "severity": str(self.severity),
            "confidence": self.confidence, "description": self.description, "message": self.message,
            "suggestion": self.suggestion, "source": self.source, "patterns": list(self.patterns),
            "exceptions": list(self.exceptions), "unless": list(self.unless), "when": list(self.when),
            "detector": self.detector, "stage": self.stage, "options": self.options,
            "examples": {"flag": list(self.flag_examples), "pass": list(self.pass_examples)},
        }
        for key, variants in (("messages", self.messages), ("suggestions", self.suggestions)):
            if variants:  # only when given: the serialised form of every other rule stays as it was
                out[key] = dict(variants)
        if self.profile:
            out["profile"] = dict(self.profile)
        if self.measured:
            out["measured"] = self.measured
        return out

    @classmethod
    def from_json(cls, data: Dict[str, Any], where: str = "<json>") -> "Rule":
        raw = dict(data)
        family = raw.pop("family", "")
        return _build_rule(raw, family, {}, where)


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that remembers the line of every mapping, for positioned errors (libyaml's parser when
    PyYAML has it: the bundled rules load several times faster, which ``ambiguity rules`` feels)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> Dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _fail(where: str, line: Optional[int], problem: str) -> RuleFileError:
    return RuleFileError(where, line, problem)


def _str_list(raw: Dict[str, Any], key: str, where: str, line: int) -> Tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, line, f"'{key}' must be a list of non-empty strings")
    return tuple(value)


def _how_it_matches(raw: Dict[str, Any], rid: str, where: str, line: int
                    ) -> Tuple[List[Pattern], Optional[str], Optional[str]]:
    """A rule's ``patterns``, ``detector`` or ``stage`` (exactly one), validated."""
    from ..pipeline.detectors import DETECTORS

    patterns = raw.get("patterns", [])
    detector = raw.get("detector")
    if detector is not None and detector not in DETECTORS:
        raise _fail(where, line, f"{rid}: unknown detector {detector!r}; known: {', '.join(sorted(DETECTORS))}")
    stage = raw.get("stage")
    if stage is not None:
        from ..stages import names as stage_names

        if stage not in stage_names():
            raise _fail(where, line, f"{rid}: unknown stage {stage!r}; known: {', '.join(stage_names())}")
    if not isinstance(patterns, list):
        raise _fail(where, line, f"{rid}: 'patterns' must be a list")
    if sum(map(bool, (patterns, detector, stage))) != 1:
        raise _fail(where, line, f"{rid}: give exactly one of 'patterns', 'detector' or 'stage'")
    clean_patterns: List[Pattern] = []
    for p in patterns:
        if isinstance(p, str) and p.strip():
            clean_patterns.append(p.strip())
        elif isinstance(p, list) and p and all(isinstance(t, dict) for t in p):
            _check_regexes(p, where, line, rid)
            clean_patterns.append(_strip_lines(p))
        else:
            raise _fail(where, line, f"{rid}: pattern {p!r} must be a phrase or a list of token mappings")
    return clean_patterns, detector, stage


def _genre_variants(raw: Dict[str, Any], key: str, default: str, rid: str, where: str, line: int) -> Dict[str, str]:
    """``messages`` / ``suggestions``: a mapping genre -> text, each with no placeholder its default lacks."""
    value = raw.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(where, line, f"{rid}: '{key}' must be a mapping of genre to text, e.g. {{meeting: \"...\"}}")
    at = value.get("__line__", line)
    out: Dict[str, str] = {}
    for genre, text in value.items():
        if genre == "__line__":
            continue
        if genre not in GENRES:
            raise _fail(where, at, f"{rid}: unknown genre {genre!r} in '{key}'; known: {', '.join(GENRES)}")
        if not isinstance(text, str) or not text.strip():
            raise _fail(where, at, f"{rid}: '{key}.{genre}' must be text")
        extra = set(_PLACEHOLDER.findall(text)) - set(_PLACEHOLDER.findall(default))
        if extra:
            raise _fail(where, at, f"{rid}: '{key}.{genre}' uses {', '.join(sorted(extra))}, which its default "
                                   f"'{key[:-1]}' does not")
        out[genre] = text.strip()
    return out


def _build_rule(raw: Dict[str, Any], family: str, defaults: Dict[str, Any], where: str) -> Rule:
    from ..pipeline.conditions import CONDITIONS  # local: the pipeline imports this module

    line = raw.pop("__line__", 0) if isinstance(raw, dict) else 0
    if not isinstance(raw, dict):
        raise _fail(where, line, "each rule must be a mapping")
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise _fail(where, line, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(_RULE_KEYS)}")
    rid = raw.get("id")
    if not isinstance(rid, str) or not _ID.match(rid):
        raise _fail(where, line, f"rule id {rid!r} must be dotted lower-case, e.g. 'vague.subjective'")
    category = raw.get("category", defaults.get("category"))
    if category not in CATEGORIES:
        raise _fail(where, line, f"{rid}: category {category!r} is not one of {', '.join(CATEGORIES)}")
    try:
        severity = Severity.parse(raw.get("severity", "warning"))
    except ValueError as exc:
        raise _fail(where, line, f"{rid}: {exc}") from None
    confidence = raw.get("confidence", 0.7)
    if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
        raise _fail(where, line, f"{rid}: confidence must be a number in (0, 1]")
    for key in ("description", "message", "suggestion"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _fail(where, line, f"{rid}: '{key}' is required and must be text")
    source = raw.get("source", defaults.get("source"))
    if not isinstance(source, str) or not source.strip():
        raise _fail(where, line, f"{rid}: 'source' is required (INCOSE GtWR rule, ISO/IEC/IEEE 29148 clause...)")
    clean_patterns, detector, stage = _how_it_matches(raw, rid, where, line)
    unless = _str_list(raw, "unless", where, line)
    when = _str_list(raw, "when", where, line)
    for name in unless + when:
        if name not in CONDITIONS:
            raise _fail(where, line, f"{rid}: unknown condition {name!r}; known: {', '.join(sorted(CONDITIONS))}")
    examples = raw.get("examples") or {}
    if not isinstance(examples, dict):
        raise _fail(where, line, f"{rid}: 'examples' must be a mapping with 'flag' and 'pass' lists")
    examples = {k: v for k, v in examples.items() if k != "__line__"}
    options = raw.get("options") or {}
    if not isinstance(options, dict):
        raise _fail(where, line, f"{rid}: 'options' must be a mapping")
    return Rule(
        id=rid, family=family, category=Category(category), severity=severity, confidence=float(confidence),
        description=raw["description"].strip(), message=raw["message"].strip(),
        suggestion=raw["suggestion"].strip(), source=source.strip(), patterns=tuple(clean_patterns),
        exceptions=_str_list(raw, "exceptions", where, line), unless=unless, when=when, detector=detector,
        stage=stage, options=_strip_lines(options),
        flag_examples=_str_list(examples, "flag", where, line), pass_examples=_str_list(examples, "pass", where, line),
        file=where, line=line,
        messages=_genre_variants(raw, "messages", raw["message"], rid, where, line),
        suggestions=_genre_variants(raw, "suggestions", raw["suggestion"], rid, where, line),
        profile=_profile(raw.get("profile", defaults.get("profile")), rid, where, line),
        measured=str(raw.get("measured", defaults.get("measured")) or "").strip(),
    )


def _profile(value: Any, rid: str, where: str, line: int) -> Dict[str, str]:
    """``profile``: one of :data:`PROFILES`, or a mapping genre -> profile."""
    if value is None:
        return {}
    if isinstance(value, str):
        value = {DEFAULT_GENRE: value, **{g: value for g in GENRES}}
    if not isinstance(value, dict):
        raise _fail(where, line, f"{rid}: 'profile' must be one of {', '.join(PROFILES)} or a mapping genre -> profile")
    out: Dict[str, str] = {}
    for genre, name in value.items():
        if genre == "__line__":
            continue
        if genre not in GENRES + (DEFAULT_GENRE,):
            raise _fail(where, line, f"{rid}: unknown genre {genre!r} in 'profile'; known: {DEFAULT_GENRE}, "
                                     f"{', '.join(GENRES)}")
        if name not in PROFILES:
            raise _fail(where, line, f"{rid}: profile {name!r} is not one of {', '.join(PROFILES)}")
        out[genre] = name
    return out


#: The longest ``REGEX`` a token pattern may hold (the bundled ones are under 100 characters).
MAX_REGEX_CHARS = 500
#: Nested quantifiers are refused unless both are bounded and their maxima multiply to no more than this.
_NESTED_REPEAT_LIMIT = 1000


def _check_regexes(value: Any, where: str, line: int, rid: str) -> None:
    """Refuse a token pattern's ``REGEX`` that is not a string, too long, invalid, or has nested quantifiers.

    spaCy runs it with Python's backtracking ``re`` on every token: ``^(a+)+$`` takes 2^n steps on "aaa...ab", and a
    rule file is the one place a user hands us a regex. ``scan --timeout`` / ``batch --timeout`` stop what this
    check cannot see (overlapping alternatives such as ``(a|a)+``).
    """
    if isinstance(value, list):
        for item in value:
            _check_regexes(item, where, line, rid)
        return
    if not isinstance(value, dict):
        return
    line = value.get("__line__", line)
    for key, inner in value.items():
        if str(key).upper() != "REGEX":
            _check_regexes(inner, where, line, rid)
            continue
        if not isinstance(inner, str):
            raise _fail(where, line, f"{rid}: REGEX must be a string")
        if len(inner) > MAX_REGEX_CHARS:
            raise _fail(where, line, f"{rid}: REGEX is {len(inner):,} characters long (limit {MAX_REGEX_CHARS})")
        try:
            parsed = _sre_parse.parse(inner)
            re.compile(inner)
        except (re.error, RecursionError, OverflowError) as exc:
            raise _fail(where, line, f"{rid}: invalid REGEX {inner!r}: {exc}") from None
        if _nested_repeat(parsed.data if hasattr(parsed, "data") else list(parsed), 1):
            raise _fail(where, line, f"{rid}: REGEX {inner!r} nests a quantifier inside another (like '(a+)+'), "
                                     "which can take exponential time: rewrite it without the nesting")


def _nested_repeat(items: Any, outer: int) -> bool:
    """Whether a parsed regex has a repeat inside a repeat (``outer``: the enclosing repeats' maximum, 1 for none)."""
    from re import _constants as c  # type: ignore[attr-defined]

    for op, av in items:
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            high, sub = av[1], av[2]
            if high > 1 and outer > 1 and (high == c.MAXREPEAT or outer == c.MAXREPEAT
                                            or high * outer > _NESTED_REPEAT_LIMIT):
                return True
            if _nested_repeat(sub, outer if high <= 1 else min(outer * high, c.MAXREPEAT)):
                return True
        elif op == c.POSSESSIVE_REPEAT:  # never backtracks into its body: nesting inside it starts afresh
            if _nested_repeat(av[2], 1):
                return True
        elif op == c.SUBPATTERN:
            if _nested_repeat(av[-1], outer):
                return True
        elif op == c.BRANCH:
            if any(_nested_repeat(branch, outer) for branch in av[1]):
                return True
        elif op in (c.ASSERT, c.ASSERT_NOT):
            if _nested_repeat(av[1], outer):
                return True
        elif op == c.ATOMIC_GROUP:
            if _nested_repeat(av, outer):
                return True
        elif op == c.GROUPREF_EXISTS:
            if any(_nested_repeat(branch, outer) for branch in av[1:] if branch is not None):
                return True
    return False


def load_yaml(text: str, where: str, what: str) -> Dict[str, Any]:
    """A YAML mapping whose mappings carry ``__line__``; a positioned :class:`RuleFileError` when it is not YAML or
    not a mapping (``what`` says what the mapping should hold). Rule files and the meeting cue files use it."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise _fail(where, mark.line + 1 if mark else None, f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise _fail(where, 1, f"{what}")
    return data


def parse_rule_file(text: str, where: str) -> List[Rule]:
    """Parse and validate one family file; raise :class:`RuleFileError` naming file and line."""
    data = load_yaml(text, where, "a rule file must be a mapping with 'family' and 'rules'")
    line = data.pop("__line__", 1)
    unknown = set(data) - _FILE_KEYS
    if unknown:
        raise _fail(where, line, f"unknown top-level key(s) {sorted(unknown)}")
    family = data.get("family")
    if not isinstance(family, str) or not family:
        raise _fail(where, line, "'family' is required")
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        raise _fail(where, line, "'rules' must be a non-empty list")
    defaults = {"category": data.get("category"), "source": data.get("source"), "profile": data.get("profile"),
                "measured": data.get("measured")}
    out = [_build_rule(r, family, defaults, where) for r in rules]
    for r in out:
        if not r.id.startswith(family + "."):
            raise _fail(where, r.line, f"rule id {r.id!r} must start with its family '{family}.'")
    return out


def _check_unique(rules: Sequence[Rule]) -> None:
    seen: Dict[str, Rule] = {}
    for r in rules:
        if r.id in seen:
            raise _fail(r.file, r.line, f"duplicate rule id {r.id!r} (first at {seen[r.id].file}:{seen[r.id].line})")
        seen[r.id] = r


def load_rules(paths: Optional[Iterable[Union[str, Path]]] = None) -> List[Rule]:
    """Load the bundled rule families, or the given files/folders of ``*.yml`` files."""
    if paths is None:
        return list(_bundled_rules())
    from ..limits import MAX_RULE_FILE_BYTES, MAX_RULE_FOLDER_BYTES, FileTooLarge, read_capped

    rules: List[Rule] = []
    for p in paths:
        p = Path(p)
        files = sorted(p.glob("*.yml")) if p.is_dir() else [p]
        if p.is_dir():  # each file is capped when read; the folder as a whole too, before any is read
            total = sum(_size(f) for f in files)
            if total > MAX_RULE_FOLDER_BYTES:
                raise _fail(str(p), None, f"rule files total {total:,} bytes, over the {MAX_RULE_FOLDER_BYTES:,}-byte "
                                          "limit for a rules folder")
        for f in files:
            try:
                text = read_capped(f, MAX_RULE_FILE_BYTES, "rule file").decode("utf-8")
            except FileTooLarge as exc:
                raise _fail(str(f), None, str(exc)) from None
            except UnicodeDecodeError as exc:
                raise _fail(str(f), None, f"rule file is not UTF-8 text (byte {exc.start:,})") from None
            except OSError as exc:
                raise _fail(str(f), None, f"cannot read rule file: {exc.strerror or exc}") from None
            rules.extend(parse_rule_file(text, str(f)))
    _check_unique(rules)
    return rules


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reported when it is read


@lru_cache(maxsize=1)
def _bundled_rules() -> Tuple[Rule, ...]:
    rules: List[Rule] = []
    folder = resources.files("ambiguity.rules") / "data"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yml"):
            rules.extend(parse_rule_file(entry.read_text(encoding="utf-8"), f"ambiguity/rules/data/{entry.name}"))
    _check_unique(rules)
    return tuple(rules)


def select_rules(rules: Sequence[Rule], only: Sequence[str] = (), ignore: Sequence[str] = ()) -> List[Rule]:
    """Keep rules whose id, id prefix or category is in ``only`` (all when empty) and none in ``ignore``."""
    from ..selectors import selected

    return [r for r in rules if selected(r.id, r.category, only, ignore)]
