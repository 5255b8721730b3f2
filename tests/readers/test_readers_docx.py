"""Word documents: structure, identifiers and locations survive extraction; bad files give one-line errors."""
from __future__ import annotations

import zipfile

import pytest

from ambiguity.errors import InputError
from ambiguity.readers import read_path

docx = pytest.importorskip("docx")


@pytest.fixture()
def spec_docx(tmp_path):
    d = docx.Document()
    d.add_heading("Scope", 1)
    d.add_paragraph("The system shall respond quickly.")
    d.add_heading("Export", 2)
    d.add_paragraph("Users may export data as appropriate.", style="List Number")
    table = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("ID", "Requirement"), ("REQ-7", "The UI shall be user-friendly."),
                                ("REQ-8", "Reports shall load in under 2 seconds.")]):
        table.cell(r, 0).text, table.cell(r, 1).text = a, b
    path = tmp_path / "spec.docx"
    d.save(path)
    return path


def test_structure_and_locations(spec_docx):
    doc = read_path(spec_docx)
    assert doc.format == "docx"
    kinds = [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks]
    assert kinds[:4] == [("heading", "Scope"), ("paragraph", "The system shall respond quickly."),
                         ("heading", "Export"), ("list-item", "Users may export data as appropriate.")]
    assert doc.blocks[3].location == {"paragraph": 4, "heading": ["Scope", "Export"]}
    req = [b for b in doc.blocks if b.location.get("id") == "REQ-7"]
    assert req and req[0].location["table"] == 1 and req[0].location["row"] == 2 and req[0].location["cell"] == 2


def test_findings_carry_word_locations(analyzer, spec_docx):
    report = analyzer.analyze_path(spec_docx)
    by_text = {f.text: f for f in report.findings}
    assert by_text["user-friendly"].unit.id == "REQ-7"
    assert by_text["user-friendly"].location["row"] == 2
    assert by_text["quickly"].location == {"paragraph": 2, "heading": ["Scope"]}
    assert {u.kind for u in report.units if u.text == "Export"} == {"heading"}


def test_text_file_named_docx(tmp_path):
    bad = tmp_path / "notes.docx"
    bad.write_text("The system shall be fast.\n")
    with pytest.raises(InputError) as err:
        read_path(bad)
    msg = str(err.value)
    assert "notes.docx" in msg and "not a .docx" in msg and "\n" not in msg


def test_zip_that_is_not_word(tmp_path):
    bad = tmp_path / "other.docx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match="other.docx"):
        read_path(bad)


def test_truncated_docx(spec_docx, tmp_path):
    cut = tmp_path / "cut.docx"
    cut.write_bytes(spec_docx.read_bytes()[:2000])
    with pytest.raises(InputError, match="cut.docx"):
        read_path(cut)
