"""Every ``@Language.factory`` of the project lives here: one home, no import cycles.

Registered for spaCy through the ``spacy_factories`` entry point, so ``nlp.add_pipe("ambiguity_ruler")`` works
as soon as the package is installed.
"""
from __future__ import annotations

from typing import List, Optional

from spacy.language import Language

from .ruler import AmbiguityRuler


@Language.factory(
    "ambiguity_ruler",
    default_config={
        "spans_key": "ambiguity",
        "rules_path": None,
        "only": [],
        "ignore": [],
        "extension_prefix": "ambiguity",
    },
    assigns=["doc.spans"],
    requires=["token.tag", "token.dep", "token.lemma", "token.pos"],
)
def make_ambiguity_ruler(
    nlp: Language,
    name: str,
    spans_key: str,
    rules_path: Optional[str],
    only: List[str],
    ignore: List[str],
    extension_prefix: str,
) -> AmbiguityRuler:
    return AmbiguityRuler(
        nlp, name, spans_key=spans_key, rules_path=rules_path, only=only, ignore=ignore,
        extension_prefix=extension_prefix,
    )
