"""StrictDoc: requirement statements with their UID and line; titles, rationale and comments are context."""
from __future__ import annotations

import pytest

from ambiguity.errors import InputError
from ambiguity.readers import read_path

SDOC = """[DOCUMENT]
TITLE: Portal requirements

[SECTION]
TITLE: Usability

[REQUIREMENT]
UID: PORT-1
STATUS: Active
TITLE: Easy screens
STATEMENT: The UI shall be user-friendly.
RATIONALE: >>>
Users should never be confused.
<<<

[REQUIREMENT]
UID: PORT-2
STATEMENT: >>>
Reports shall be exported
as appropriate.
<<<
COMMENT: Maybe later.

[/SECTION]

[FREETEXT]
Free text is a paragraph.
[/FREETEXT]
"""


@pytest.fixture()
def spec_sdoc(tmp_path):
    path = tmp_path / "spec.sdoc"
    path.write_text(SDOC)
    return path


def test_fields_ids_and_lines(spec_sdoc):
    doc = read_path(spec_sdoc)
    got = [(b.kind, b.location.get("id"), b.location.get("field"), b.location["line"]) for b in doc.blocks]
    assert ("requirement", "PORT-1", "STATEMENT", 11) in got
    assert ("rationale", "PORT-1", "RATIONALE", 13) in got  # the first line of a >>> block
    assert ("requirement", "PORT-2", "STATEMENT", 19) in got
    assert ("note", "PORT-2", "COMMENT", 22) in got
    assert ("heading", "PORT-1", "TITLE", 10) in got
    req = next(b for b in doc.blocks if b.location.get("id") == "PORT-1" and b.kind == "requirement")
    assert req.location["heading"] == ["Usability"]
    assert "Free text is a paragraph." in doc.text


def test_findings(analyzer, spec_sdoc):
    report = analyzer.analyze_path(spec_sdoc)
    ids = {(f.text, f.unit.id, f.location["line"]) for f in report.findings}
    assert ("user-friendly", "PORT-1", 11) in ids and ("as appropriate", "PORT-2", 19) in ids
    # rationale and comments are context: findings there are not scored
    assert {f.unit.kind for f in report.findings if f.text in {"never", "Maybe"}} <= {"rationale", "note"}
    assert not any(u.scored for u in report.units if u.kind in {"rationale", "note", "heading"})


def test_not_sdoc(tmp_path):
    path = tmp_path / "x.sdoc"
    path.write_text("hello world\n")
    with pytest.raises(InputError, match="x.sdoc: not a StrictDoc"):
        read_path(path)
