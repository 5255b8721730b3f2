"""One conftest for the whole suite: the trained pipeline is loaded once per session."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"
SAMPLES = ROOT / "corpus" / "samples"


@pytest.fixture(scope="session")
def nlp():
    """The default trained pipeline, without the ambiguity component."""
    from ambiguity.pipeline.loading import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def analyzer():
    from ambiguity import Analyzer

    # A pipeline of its own: the Analyzer adds its component, and the ``nlp`` fixture stays clean.
    return Analyzer()


@pytest.fixture(scope="session")
def blank_nlp():
    """A tokenizer-only pipeline for tests that build Docs by hand."""
    return spacy.blank("en")


@pytest.fixture()
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA


@pytest.fixture()
def fast_cli(analyzer, monkeypatch):
    """Make ``ambiguity scan`` in CliRunner reuse the session Analyzer instead of building one per invocation.

    The model argument is ignored; ``only``/``ignore``/``rules_path`` are honoured, and the Analyzer's rules are
    restored to the bundled ones afterwards.
    """
    import ambiguity.api
    from ambiguity.units import DEFAULT_MAX_UNITS

    ruler = analyzer.ruler
    saved = (ruler.only, ruler.ignore, ruler.rules_path)

    def make(model=None, **options):
        analyzer.max_units = options.get("max_units", DEFAULT_MAX_UNITS)
        ruler.only, ruler.ignore = list(options.get("only", ())), list(options.get("ignore", ()))
        ruler.rules_path = options.get("rules_path")
        ruler.initialize()
        return analyzer

    monkeypatch.setattr(ambiguity.api, "Analyzer", make)
    yield analyzer
    ruler.only, ruler.ignore, ruler.rules_path = saved
    ruler.initialize()
    analyzer.max_units = DEFAULT_MAX_UNITS
