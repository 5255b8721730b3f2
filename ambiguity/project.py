"""The project's say: :class:`Settings`, resolved once from the command line and the configuration files, and the
pure functions the project stages (ambiguity/stages/project.py) apply to each finding.

Every command and the library go through the same :class:`Settings`: ``Analyzer(config=settings)``.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any, FrozenSet, Iterable, List, Optional, Sequence

from .config import Config, ConfigCache
from .exclude import Exclude
from .rules.loader import Rule
from .selectors import matches
from .types import Finding, Severity


def enabled(cfg: Config, f: Finding) -> bool:
    """Selected by the configuration's ``select`` (all when empty) and not in its ``ignore``."""
    if cfg.select and not any(matches(s, f.rule, f.category) for s in cfg.select):
        return False
    return not any(matches(s, f.rule, f.category) for s in cfg.ignore)


def glossary_spans(text: str, terms: Iterable[str], case_sensitive: bool = False) -> List[range]:
    """Where the document uses a defined term (whole words; case-insensitive unless ``case_sensitive``)."""
    spans: List[range] = []
    flags = 0 if case_sensitive else re.IGNORECASE
    for term in terms:
        for m in re.finditer(r"(?<!\w)" + re.escape(term) + r"(?!\w)", text, flags):
            spans.append(range(m.start(), m.end()))
    return spans


def removed(cfg: Config, f: Finding) -> bool:
    """The project removed this word from the rule's family (``terms.<family>.remove``)."""
    text = " ".join(f.text.lower().split())
    return any(matches(fam, f.rule, "") and text in {t.lower() for t in spec.get("remove", [])}
               for fam, spec in cfg.terms.items())


def overridden_severity(cfg: Config, f: Finding) -> Severity:
    """The most specific matching severity override (rule id > prefix > category), else the rule's."""
    best: Optional[str] = None
    best_rank = -1
    for sel, level in cfg.severity.items():
        if matches(sel, f.rule, f.category):
            rank = 3 if sel == f.rule else (1 if sel == f.category else 2)
            if rank > best_rank:
                best, best_rank = level, rank
    return Severity.parse(best) if best else f.severity


def with_terms(rules: Sequence[Rule], cfg: Config) -> List[Rule]:
    """The rules with the project's extra phrases (``terms.<family>.add``) added to the first rule named."""
    out = list(rules)
    for fam, spec in cfg.terms.items():
        add = [t for t in spec.get("add", []) if t.strip()]
        if not add:
            continue
        for i, r in enumerate(out):
            if matches(fam, r.id, "") and not r.detector and not r.stage:
                out[i] = dataclasses.replace(r, patterns=tuple(r.patterns) + tuple(add))
                break
    return out


@dataclasses.dataclass
class Settings:
    """What the project decides about reports: its configuration, display thresholds and baseline.

    ``configs`` gives each document its configuration (``None``: no project configuration at all);
    ``config`` is the one resolved for the run as a whole (its ``model``, ``fail_on`` and extra ``terms``).
    """

    configs: Optional[ConfigCache] = None
    config: Config = dataclasses.field(default_factory=Config)
    min_severity: Severity = Severity.INFO
    min_confidence: float = 0.0
    baseline: Optional[FrozenSet[str]] = None
    fail_on: Optional[Severity] = Severity.ERROR
    model: Optional[str] = None
    #: "default" (what the judge accepts, of the default rules), "strict" (every rule, judged) or "all" (every
    #: candidate, as ``--all``).
    profile: str = "default"

    @classmethod
    def resolve(cls, config_path: Optional[str] = None, baseline_path: Optional[str] = None,
                paths: Sequence[str] = (), trust: bool = False, **given: Any) -> "Settings":
        """Settings for a run over ``paths``: the configuration named by ``config_path`` (else discovered from each
        document's folder upward), the baseline file, and the command-line values in ``given`` (``model``,
        ``min_severity``, ``min_confidence``, ``fail_on``), which win over the configuration's. A discovered
        configuration (no ``config_path``) is confined unless ``trust`` (see :func:`~ambiguity.config.confine`).

        Raises :class:`~ambiguity.config.ConfigError` or :class:`~ambiguity.baseline.BaselineError`.
        """
        from .baseline import load as load_baseline
        from .config import confine, load_config

        first = next((Path(p) for p in paths if p and p != "-"), Path.cwd())
        cfg = load_config(config_path, first)
        if config_path is None and not trust:
            confine(cfg)

        def value(name: str) -> Any:
            return given[name] if name in given else getattr(cfg, name)

        fail_on = value("fail_on")
        return cls(
            configs=ConfigCache(config_path), config=cfg, min_severity=Severity.parse(value("min_severity")),
            min_confidence=float(value("min_confidence")),
            baseline=frozenset(load_baseline(baseline_path)) if baseline_path else None,
            fail_on=None if fail_on in (None, "none") else Severity.parse(fail_on), model=value("model"),
            profile=value("profile"),
        )

    @classmethod
    def coerce(cls, config: "Settings | Config | str | Path | None") -> "Settings":
        """``Analyzer(config=...)``: settings as they are, a :class:`Config`, a configuration file, ``"discover"``
        (per document, as ``scan`` does) or ``None`` (no project configuration; inline suppressions still apply)."""
        if config is None:
            return cls()
        if isinstance(config, Settings):
            return config
        if isinstance(config, Config):
            return cls(configs=ConfigCache.fixed(config), config=config,
                       min_severity=Severity.parse(config.min_severity), min_confidence=config.min_confidence,
                       profile=config.profile)
        if str(config) == "discover":
            return cls.resolve()
        return cls.resolve(str(config))

    def exclude_for(self, folder: Path) -> Exclude:
        """What a scan of ``folder`` (named on the command line) leaves out: the ``exclude`` and ``extend-exclude``
        of its configuration (``--config``, else the one found from the folder upward), else the defaults."""
        if self.configs is None:
            from .inputs import default_exclude

            return default_exclude(folder)
        return self.configs.for_folder(folder).exclusion()

    def rules(self, rules_path: Optional[str]) -> Optional[List[Rule]]:
        """The rules with the configuration's extra terms, or None when it adds none (nothing to rebuild)."""
        from .rules import load_rules

        if not any(spec.get("add") for spec in self.config.terms.values()):
            return None
        return with_terms(load_rules([rules_path] if rules_path else None), self.config)
