"""Project configuration: found next to the documents, so a repository carries its own settings.

Discovery starts in the scanned file's folder and walks upward (stopping after a repository root, i.e. a folder
holding ``.git``); the first folder with one of these wins:

* ``ambiguity.toml`` (keys at the top level),
* ``pyproject.toml`` with a ``[tool.ambiguity]`` table,
* ``setup.cfg`` with an ``[ambiguity]`` section (sub-tables as ``[ambiguity.severity]``, ``[ambiguity.terms.vague]``,
  ``[ambiguity.overrides.NAME]``; lists separated by commas or new lines).

``--config PATH`` names the file instead. A discovered file's ``model`` is confined to installed pipeline packages and
folders inside its own folder tree (:func:`confine`; docs/ci.md). Keys (docs/ci.md and README)::

    enable = ["vague", "loophole.escape-clause"]   # categories, rule ids or id prefixes; empty: all
    disable = ["passive"]
    glossary = ["Fast Path"]                       # defined terms are never flagged
    model = "en_core_web_sm"
    min_severity = "info"                          # error | warning | info
    min_confidence = 0.0
    fail_on = "error"                              # error | warning | info | none
    [severity]                                     # selector -> level
    "vague.subjective" = "error"
    [terms.vague]                                  # per rule family (or rule id)
    add = ["snappy"]
    remove = ["fast"]
    [[overrides]]                                  # later overrides win
    paths = ["minutes/**"]
    disable = ["missing-owner"]

A malformed file raises :class:`ConfigError` naming the file, the line and the key.
"""
from __future__ import annotations

import configparser
import re
import tomllib
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

from .errors import AmbiguityError

CONFIG_FILES = ("ambiguity.toml", "pyproject.toml", "setup.cfg")
LEVELS = ("error", "warning", "info")
SCALARS = {"model": None, "min_severity": "info", "min_confidence": 0.0, "fail_on": "error"}
LIST_KEYS = ("enable", "disable", "glossary")
OVERRIDE_KEYS = {"paths", "enable", "disable", "severity", "glossary"}
TOP_KEYS = set(SCALARS) | set(LIST_KEYS) | {"severity", "terms", "overrides"}


class ConfigError(AmbiguityError):
    """A configuration file is malformed: ``file:line: key: problem``."""

    code = "A500"

    def __init__(self, path: str, line: Optional[int], key: str, problem: str) -> None:
        self.path, self.line, self.key, self.problem = path, line, key, problem
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {key}: {problem}" if key else f"{where}: {problem}")


@dataclass
class Override:
    """Settings for the files matching ``paths`` (globs relative to the config file's folder)."""

    paths: List[str]
    enable: List[str] = field(default_factory=list)
    disable: List[str] = field(default_factory=list)
    severity: Dict[str, str] = field(default_factory=dict)
    glossary: List[str] = field(default_factory=list)

    def matches(self, relpath: str) -> bool:
        name = relpath.rsplit("/", 1)[-1]
        return any(fnmatch(relpath, g) or fnmatch(relpath, g.rstrip("/") + "/*") or ("/" not in g and fnmatch(name, g))
                   for g in self.paths)


@dataclass
class Config:
    """The effective settings, and where each came from (``sources``: dotted key -> ``file:line`` or ``default``)."""

    enable: List[str] = field(default_factory=list)
    disable: List[str] = field(default_factory=list)
    glossary: List[str] = field(default_factory=list)
    severity: Dict[str, str] = field(default_factory=dict)
    terms: Dict[str, Dict[str, List[str]]] = field(default_factory=dict)
    overrides: List[Override] = field(default_factory=list)
    model: Optional[str] = None
    min_severity: str = "info"
    min_confidence: float = 0.0
    fail_on: str = "error"
    file: Optional[Path] = None
    sources: Dict[str, str] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.file.parent if self.file else Path.cwd()

    def source(self, key: str) -> str:
        return self.sources.get(key, "default")

    def for_path(self, path: str) -> "Config":
        """This configuration with the overrides that match ``path`` applied."""
        try:
            rel = Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError):
            rel = Path(path).as_posix()
        out = Config(**{**self.__dict__, "enable": list(self.enable), "disable": list(self.disable),
                        "glossary": list(self.glossary), "severity": dict(self.severity), "overrides": []})
        for ov in self.overrides:
            if ov.matches(rel):
                out.enable = ov.enable or out.enable
                out.disable += ov.disable
                out.glossary += ov.glossary
                out.severity.update(ov.severity)
        return out

    def to_dict(self) -> Dict[str, Any]:
        return {
            "file": str(self.file) if self.file else None,
            "enable": self.enable, "disable": self.disable, "glossary": self.glossary, "severity": self.severity,
            "terms": self.terms, "model": self.model, "min_severity": self.min_severity,
            "min_confidence": self.min_confidence, "fail_on": self.fail_on,
            "overrides": [ov.__dict__ for ov in self.overrides],
        }


# -- reading -------------------------------------------------------------------------------------------------
def _line_of(text: str, key: str, table: str = "") -> Optional[int]:
    """Best-effort line of ``key`` (after the ``[table]`` header when given); TOML parsers keep no positions.

    Looks for ``key = ...`` (bare or quoted, also inside an inline table), then for a ``[table.key...]`` header,
    then falls back to the table header itself.
    """
    lines = text.splitlines()
    begin = 0
    if table:
        header = re.compile(r"^\s*\[\[?\s*" + re.escape(table) + r"\s*\]\]?\s*$")
        begin = next((i for i, line in enumerate(lines) if header.match(line)), 0)
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
                data[k] = _ini_list(v) if k in LIST_KEYS else v
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
    if "min_confidence" in data:
        try:
            data["min_confidence"] = float(data["min_confidence"])
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


class _Checker:
    def __init__(self, path: Path, text: str, prefix: str, known: Known) -> None:
        self.path, self.text, self.prefix, self.known = path, text, prefix, known

    def fail(self, key: str, problem: str, table: str = "") -> ConfigError:
        full_table = ".".join(p for p in (self.prefix, table) if p)
        line = _line_of(self.text, key, full_table) or _line_of(self.text, key)
        return ConfigError(str(self.path), line, f"{table}.{key}" if table else key, problem)

    def where(self, key: str, table: str = "") -> str:
        full_table = ".".join(p for p in (self.prefix, table) if p)
        line = _line_of(self.text, key, full_table) or _line_of(self.text, key)
        return f"{self.path}:{line}" if line else str(self.path)

    def str_list(self, value: Any, key: str, table: str = "") -> List[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, "must be a list of non-empty strings", table)
        return [v.strip() for v in value]

    def selectors(self, value: Any, key: str, table: str = "") -> List[str]:
        out = self.str_list(value, key, table)
        for v in out:
            if not self.known(v):
                raise self.fail(key, f"{v!r} is neither a category nor a rule id or prefix", table)
        return out

    def levels(self, value: Any, key: str, table: str = "") -> Dict[str, str]:
        if not isinstance(value, dict):
            raise self.fail(key, "must be a table of 'selector = level'", table)
        for sel, level in value.items():
            if not self.known(sel):
                raise self.fail(sel, f"{sel!r} is neither a category nor a rule id or prefix", key)
            if not isinstance(level, str) or level.lower() not in LEVELS:
                raise self.fail(sel, f"{level!r} is not one of {', '.join(LEVELS)}", key)
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
    for k in raw:
        if k not in TOP_KEYS:
            raise check.fail(k, f"unknown key; known: {', '.join(sorted(TOP_KEYS))}")
    for k in LIST_KEYS:
        if k in raw:
            value = check.str_list(raw[k], k) if k == "glossary" else check.selectors(raw[k], k)
            setattr(cfg, k, value)
            cfg.sources[k] = check.where(k)
    if "model" in raw:
        if not isinstance(raw["model"], str) or not raw["model"].strip():
            raise check.fail("model", "must be a pipeline name or path")
        model = raw["model"].strip()
        if model_is_path(model):  # relative to this file, like the override globs, not to where the scan runs
            model = str((path.parent / Path(model).expanduser()).resolve())
        cfg.model, cfg.sources["model"] = model, check.where("model")
    for k, allowed in (("min_severity", LEVELS), ("fail_on", LEVELS + ("none",))):
        if k in raw:
            if not isinstance(raw[k], str) or raw[k].lower() not in allowed:
                raise check.fail(k, f"{raw[k]!r} is not one of {', '.join(allowed)}")
            setattr(cfg, k, raw[k].lower())
            cfg.sources[k] = check.where(k)
    if "min_confidence" in raw:
        v = raw["min_confidence"]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1:
            raise check.fail("min_confidence", f"{v!r} must be a number from 0 to 1")
        cfg.min_confidence, cfg.sources["min_confidence"] = float(v), check.where("min_confidence")
    if "severity" in raw:
        cfg.severity = check.levels(raw["severity"], "severity")
        for sel in cfg.severity:
            cfg.sources[f"severity.{sel}"] = check.where(sel, "severity")
    if "terms" in raw:
        cfg.terms = _terms(check, raw["terms"])
        cfg.sources["terms"] = check.where("terms")
    if "overrides" in raw:
        cfg.overrides = _overrides(check, raw["overrides"])
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
    for ov in value:
        unknown = set(ov) - OVERRIDE_KEYS
        if unknown:
            raise check.fail(sorted(unknown)[0], f"unknown key in an override; known: {', '.join(sorted(OVERRIDE_KEYS))}",
                             "overrides")
        if "paths" not in ov:
            raise check.fail("overrides", "every override needs 'paths' (a list of globs)")
        out.append(Override(
            paths=check.str_list(ov["paths"], "paths", "overrides"),
            enable=check.selectors(ov.get("enable", []), "enable", "overrides"),
            disable=check.selectors(ov.get("disable", []), "disable", "overrides"),
            severity=check.levels(ov.get("severity", {}), "severity", "overrides"),
            glossary=check.str_list(ov.get("glossary", []), "glossary", "overrides"),
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
        if folder not in self._by_folder:
            found = Path(self.explicit) if self.explicit else discover(folder)
            if found not in self._by_file:
                self._by_file[found] = parse_config(found) if found else Config()
            self._by_folder[folder] = self._by_file[found]
        return self._by_folder[folder].for_path(path)


def explain(cfg: Config) -> List[str]:
    """Lines for ``ambiguity config``: every effective value and where it came from."""
    lines = [f"# configuration file: {cfg.file or 'none found (defaults)'}"]
    for k in ("model", "min_severity", "min_confidence", "fail_on"):
        lines.append(f"{k} = {getattr(cfg, k)!r}  # {cfg.source(k)}")
    for k in LIST_KEYS:
        lines.append(f"{k} = {getattr(cfg, k)!r}  # {cfg.source(k)}")
    for sel, level in cfg.severity.items():
        lines.append(f"severity.{sel} = {level!r}  # {cfg.source('severity.' + sel)}")
    for fam, spec in cfg.terms.items():
        for k, v in spec.items():
            lines.append(f"terms.{fam}.{k} = {v!r}  # {cfg.source('terms')}")
    for i, ov in enumerate(cfg.overrides):
        lines.append(f"overrides[{i}] = {ov.__dict__!r}  # {cfg.source('overrides')}")
    return lines

