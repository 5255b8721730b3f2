"""One conftest for the whole suite: the trained pipeline is loaded once per session."""
from __future__ import annotations

from pathlib import Path

import sys

import pytest
import spacy

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"
SAMPLES = ROOT / "corpus" / "samples"
# tools/ holds checkout-only scripts (label readers, training): importable by the tests that cover them
sys.path.insert(0, str(ROOT / "tools"))


@pytest.fixture(scope="session")
def nlp():
    """The default trained pipeline, without the ambiguity component."""
    from ambiguity.pipeline.loading import load_pipeline

    return load_pipeline()


#: What the session analyzer shows: every rule family (``--profile strict``), and no span judge, so that tests of
#: rules, stages and outputs do not change when the judge is retrained. The judge and the default profile have
#: their own tests (tests/stages/test_span_judge.py, tests/stages/test_profiles.py).
STRICT = "strict"


def session_settings(config=None):
    from ambiguity.project import Settings

    settings = Settings.coerce(config)
    if config is None:
        settings.profile = STRICT
    return settings


@pytest.fixture(scope="session")
def analyzer():
    from ambiguity import Analyzer

    # A pipeline of its own: the Analyzer adds its component, and the ``nlp`` fixture stays clean.
    return Analyzer(judge=None, config=session_settings())


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
    from ambiguity import stages
    from ambiguity.project import Settings
    from ambiguity.units import DEFAULT_MAX_UNITS

    ruler = analyzer.ruler
    saved = (ruler.only, ruler.ignore, ruler.rules_path, analyzer.kind, analyzer.reference_date)

    def make(model=None, **options):
        analyzer.max_units = options.get("max_units", DEFAULT_MAX_UNITS)
        analyzer.kind = options.get("kind", "auto")
        analyzer.reference_date = options.get("reference_date")
        analyzer.settings = Settings.coerce(options.get("config"))
        analyzer.stages = stages.build(stages.DEFAULT_STAGES, analyzer)
        ruler.only, ruler.ignore = list(options.get("only", ())), list(options.get("ignore", ()))
        ruler.rules_path = options.get("rules_path")
        ruler.initialize(rules=analyzer.settings.rules(ruler.rules_path))
        return analyzer

    monkeypatch.setattr(ambiguity.api, "Analyzer", make)
    yield analyzer
    ruler.only, ruler.ignore, ruler.rules_path, analyzer.kind, analyzer.reference_date = saved
    analyzer.settings = session_settings()
    analyzer.stages = stages.build(stages.DEFAULT_STAGES, analyzer)
    ruler.initialize()
    analyzer.max_units = DEFAULT_MAX_UNITS


@pytest.fixture()
def staged(analyzer):
    """``staged(config=..., without=(...))``: the session Analyzer with other project settings and/or some stages
    left out (e.g. ``without=("suppressions",)`` for the findings before inline directives); restored after."""
    from ambiguity import stages

    def configure(config=None, without=()):
        analyzer.settings = session_settings(config)
        analyzer.stages = stages.build([s for s in stages.DEFAULT_STAGES if s not in without], analyzer)
        analyzer.ruler.initialize(rules=analyzer.settings.rules(None))
        return analyzer

    yield configure
    configure()
