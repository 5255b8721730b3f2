"""What a scan shows of a report once the project has its say: configuration, inline suppressions, baseline.

:class:`ProjectFilter` is the one object the CLI needs: ``select(report, text)`` returns the findings to show,
having applied (in order) the per-path configuration (enabled/disabled rules, glossary, removed terms, severity
overrides), the inline ``ambiguity:`` directives, the thresholds, and the baseline.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Dict, List, Optional, Sequence, Set

from .config import Config, ConfigCache, matches
from .fingerprint import fingerprints, key
from .rules.loader import Rule
from .scoring import rescore
from .suppress import parse as parse_suppressions
from .suppress import split
from .types import Finding, Report, Severity


@dataclasses.dataclass
class Selection:
    shown: List[Finding]
    suppressed: int = 0
    baselined: int = 0


def enabled(cfg: Config, f: Finding) -> bool:
    if cfg.enable and not any(matches(s, f.rule, f.category) for s in cfg.enable):
        return False
    return not any(matches(s, f.rule, f.category) for s in cfg.disable)


def glossary_spans(text: str, terms: Sequence[str]) -> List[range]:
    """Where the document uses a defined term (case-insensitive, whole words)."""
    spans: List[range] = []
    for term in terms:
        for m in re.finditer(r"(?<!\w)" + re.escape(term) + r"(?!\w)", text, re.IGNORECASE):
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
            if (r.id == fam or r.family == fam or r.id.startswith(fam + ".")) and not r.detector:
                out[i] = dataclasses.replace(r, patterns=tuple(r.patterns) + tuple(add))
                break
    return out


class ProjectFilter:
    """Applies configuration, suppressions, thresholds and the baseline to each report."""

    def __init__(self, configs: ConfigCache, min_severity: Severity, min_confidence: float,
                 baseline: Optional[Set[str]] = None) -> None:
        self.configs = configs
        self.min_severity = min_severity
        self.min_confidence = min_confidence
        self.baseline = baseline

    def select(self, report: Report, text: str) -> Selection:
        cfg = self.configs.for_document(report.path)
        defined = glossary_spans(text, cfg.glossary) if cfg.glossary else []
        kept: List[Finding] = []
        for f in report.findings:
            if not enabled(cfg, f) or removed(cfg, f):
                continue
            if any(f.start < span.stop and span.start < f.end for span in defined):
                continue
            if cfg.severity:
                f.severity = overridden_severity(cfg, f)
            kept.append(f)
        kept, suppressed = split(kept, parse_suppressions(text))
        if len(kept) != len(report.findings):  # switched off or accepted: no longer lowers the scores
            report.scores = rescore(report.units, kept)
        shown = [f for f in kept if f.severity >= self.min_severity and f.confidence >= self.min_confidence]
        baselined = 0
        if self.baseline is not None:
            prints: Dict = fingerprints(report)
            new = [f for f in shown if f"{_norm_path(report.path)}::{prints[key(f)]}" not in self.baseline]
            baselined, shown = len(shown) - len(new), new
        return Selection(shown, len(suppressed), baselined)


def _norm_path(path: str) -> str:
    from .baseline import normalise_path

    return normalise_path(path)


@dataclasses.dataclass
class ScanSettings:
    """Command-line values merged with the project configuration: the command line wins when it was given."""

    config: Config
    configs: ConfigCache
    baseline: Optional[Set[str]]

    @classmethod
    def resolve(cls, config_path: Optional[str], baseline_path: Optional[str], paths: Sequence[str],
                trust: bool = False) -> "ScanSettings":
        """Raises :class:`~ambiguity.config.ConfigError` or :class:`~ambiguity.baseline.BaselineError`.

        A discovered configuration (no ``config_path``) is confined unless ``trust``
        (see :func:`~ambiguity.config.confine`).
        """
        from pathlib import Path

        from .baseline import load as load_baseline
        from .config import confine, load_config

        first = next((Path(p) for p in paths if p != "-"), Path.cwd())
        cfg = load_config(config_path, first)
        if config_path is None and not trust:
            confine(cfg)
        return cls(cfg, ConfigCache(config_path), load_baseline(baseline_path) if baseline_path else None)

    def value(self, name: str, cli_value, given: bool):
        """The command-line value when given on the command line, else the configuration's."""
        return cli_value if given or self.config.source(name) == "default" else getattr(self.config, name)

    def rules(self, rules_path: Optional[str]) -> Optional[List[Rule]]:
        """The rules with the configuration's extra terms, or None when it adds none (nothing to rebuild)."""
        from .rules import load_rules

        if not any(spec.get("add") for spec in self.config.terms.values()):
            return None
        return with_terms(load_rules([rules_path] if rules_path else None), self.config)

    def filter(self, min_severity: Severity, min_confidence: float) -> ProjectFilter:
        return ProjectFilter(self.configs, min_severity, min_confidence, self.baseline)
