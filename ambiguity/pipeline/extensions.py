"""``._`` extensions for findings, as getters over ``doc.spans`` so that nothing is stored twice.

Registered by the component's ``__init__`` (not on import), with a renamable prefix:
``doc._.ambiguity_findings``, ``span._.ambiguity_rule``, ``span._.ambiguity_category``,
``span._.ambiguity_confidence``, ``span._.ambiguity_message``, ``span._.ambiguity_suggestion``.
"""
from __future__ import annotations

from typing import Any, Callable, List, Optional

from spacy.tokens import Doc, Span


def register_extensions(prefix: str, spans_key: str, rule_of: Callable[[str], Any]) -> None:
    from .ruler import span_confidence  # the ruler owns where confidences are kept

    def findings(doc: Doc) -> List[Span]:
        return list(doc.spans[spans_key]) if spans_key in doc.spans else []

    def rule(span: Span) -> Optional[Any]:
        return rule_of(span.label_)

    def field(name: str) -> Callable[[Span], Any]:
        def get(span: Span) -> Any:
            r = rule_of(span.label_)
            if r is None:
                return None
            value = getattr(r, name)
            return r.render(value, span.text) if name in {"message", "suggestion"} else value

        return get

    Doc.set_extension(f"{prefix}_findings", getter=findings, force=True)
    Span.set_extension(f"{prefix}_rule", getter=rule, force=True)
    Span.set_extension(f"{prefix}_category", getter=field("category"), force=True)
    Span.set_extension(f"{prefix}_message", getter=field("message"), force=True)
    Span.set_extension(f"{prefix}_suggestion", getter=field("suggestion"), force=True)
    Span.set_extension(f"{prefix}_confidence", getter=span_confidence, force=True)
