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
