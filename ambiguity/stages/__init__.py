"""Stages: what happens to a report after the per-unit pass, in one ordered chain.

After ``nlp.pipe`` has found the rule spans of every unit, :class:`~ambiguity.api.Analyzer` hands each report to
the stages named in its ``stages`` (default :data:`DEFAULT_STAGES`), in order. A stage is built once per analyzer
by a factory registered here, and is a callable ``report -> report``; a stage that works better on many reports at
once (the learned judge predicts for a whole batch in one call) also has ``pipe(reports) -> reports``, as spaCy
components do. To add a stage: a module in this folder with ``@registry.register("name")`` on its factory, the module in
:func:`_register_bundled`'s import, and the name in :data:`DEFAULT_STAGES` (or ``Analyzer(stages=[...])``). Rule files name the stage that produces their
findings (``stage: actions``), instead of a detector.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, List, Sequence

import catalogue

from ..types import Report

if TYPE_CHECKING:
    from ..api import Analyzer

#: Stage factories: ``factory(analyzer) -> stage``. Other packages can add stages through the
#: ``ambiguity_stages`` entry point.
registry = catalogue.create("ambiguity", "stages", entry_points=True)

#: The chain every command and the library run, in this order (docs/architecture.md says why this order).
DEFAULT_STAGES = ("actions", "judge", "definitions", "fingerprints", "configuration", "suppressions", "scores", "thresholds",
                  "merge", "baseline")

Stage = Callable[[Report], Report]


def build(names: Sequence[str], analyzer: "Analyzer") -> List[Stage]:
    """The stages named, built for ``analyzer``; an unknown name is a ``ValueError`` listing the known ones."""
    _register_bundled()
    known = registry.get_all()
    missing = [n for n in names if n not in known]
    if missing:
        raise ValueError(f"unknown stage {missing[0]!r}; known: {', '.join(sorted(known))}")
    return [known[n](analyzer) for n in names]


def run(stages: Sequence[Stage], reports: Iterable[Report]) -> List[Report]:
    """Every report through every stage, in order; a stage with ``pipe`` gets the whole list at once."""
    out = list(reports)
    for stage in stages:
        pipe = getattr(stage, "pipe", None)
        out = list(pipe(out)) if pipe is not None else [stage(r) for r in out]
    return out


def names() -> List[str]:
    """Every registered stage name (the rule loader checks ``stage:`` against these)."""
    _register_bundled()
    return sorted(registry.get_all())


def _register_bundled() -> None:
    # importing the modules runs their @registry.register decorators
    from . import actions, definitions, judge, merge, project, scores  # noqa: F401
