"""PDF: page and line locations, running headers and footers dropped, hyphenation joined; bad PDFs refused."""
from __future__ import annotations

import pytest

from ambiguity.errors import InputError
from ambiguity.readers import read_path
from ambiguity.scoring import unit_index

canvas = pytest.importorskip("reportlab.pdfgen.canvas")

PAGES = [
    ["1. Introduction", "This document describes the portal.", "", "REQ-1 The portal shall be user-friendly."],
    ["2. Performance", "The service shall answer within 2 seconds for 95% of the re-", "quests it receives."],
    ["3. Export", "Reports should be exported as appropriate."],
]


@pytest.fixture()
def spec_pdf(tmp_path):
    path = tmp_path / "spec.pdf"
    c = canvas.Canvas(str(path))
    for number, lines in enumerate(PAGES, 1):
        c.drawString(72, 800, "ACME Portal Specification v1.0")
        y = 760
        for line in lines:
            if line:
                c.drawString(72, y, line)
            y -= 16
        c.drawString(72, 40, f"Page {number} of {len(PAGES)}")
        c.showPage()
    c.save()
    return path


def test_pages_lines_and_cleanup(spec_pdf):
    doc = read_path(spec_pdf)
    assert doc.format == "pdf"
    assert "ACME Portal Specification" not in doc.text and "Page 2 of 3" not in doc.text
    assert "of the requests" in doc.text and "re-" not in doc.text
    req = next(b for b in doc.blocks if doc.text[b.start:b.end].startswith("REQ-1"))
    assert req.location["page"] == 1 and req.location["line"] >= 3


def test_findings_have_page_and_id(analyzer, spec_pdf):
    report = analyzer.analyze_path(spec_pdf)
    f = next(f for f in report.findings if f.text == "user-friendly")
    assert f.unit.id == "REQ-1" and f.location["page"] == 1
    g = next(f for f in report.findings if f.text == "as appropriate")
    assert g.location["page"] == 3


def test_truncated_pdf(spec_pdf, tmp_path):
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(spec_pdf.read_bytes()[:300])
    with pytest.raises(InputError, match="cut.pdf: ") as err:
        read_path(cut)
    assert "\n" not in str(err.value)


def test_not_a_pdf(tmp_path):
    fake = tmp_path / "fake.pdf"
    fake.write_text("hello")
    with pytest.raises(InputError, match="fake.pdf: not a PDF"):
        read_path(fake)


def test_encrypted_pdf(spec_pdf, tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(spec_pdf).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as fh:
        writer.write(fh)
    with pytest.raises(InputError, match="locked.pdf: PDF is encrypted"):
        read_path(locked)


# -- a finding's page and line are those of its own words ------------------------------------------------------
# Tables come out of a PDF as one cell per line, so a block (and its unit) runs over many page lines; each finding
# must still point at the page line its words are on, not at the line where its block starts.
TABLE_PAGES = [
    [("p", "1. Introduction"), ("p", "This document describes the parcel portal for its operators.")],
    [("p", "2. Functional requirements"),
     ("p", "The portal shall answer within 2 seconds. Exports shall be fast for typical users."),
     ("table", [["ID", "Requirement", "Priority"],
                ["REQ-1", "The portal shall be user-friendly", "High"],
                ["REQ-2", "Reports should list orders", "Low"],
                ["REQ-3", "The upload limit is TBD", "High"]]),
     ("p", "The operator shall respond as appropriate.")],
    [("p", "3. Operations"),
     ("table", [["Item", "Text"], ["A", "Uploads are processed quickly"], ["B", "Several files, etc"]]),
     ("p", "Notes: the vendor will deliver the manual soon.")],
]


@pytest.fixture()
def table_pdf(tmp_path):
    platypus = pytest.importorskip("reportlab.platypus")
    from reportlab.lib.styles import getSampleStyleSheet

    styles = getSampleStyleSheet()
    story = []
    for number, page in enumerate(TABLE_PAGES):
        if number:
            story.append(platypus.PageBreak())
        for kind, content in page:
            story.append(platypus.Table(content) if kind == "table" else platypus.Paragraph(content, styles["Normal"]))
    path = tmp_path / "tables.pdf"
    platypus.SimpleDocTemplate(str(path)).build(story)
    return path


def _page_texts(path):
    from pypdf import PdfReader

    return [(page.extract_text() or "").replace("\r\n", "\n").split("\n") for page in PdfReader(str(path)).pages]


def test_finding_location_is_the_line_of_its_words(analyzer, table_pdf):
    pages = _page_texts(table_pdf)
    report = analyzer.analyze_path(table_pdf)
    assert report.findings
    for f in report.findings:
        page, line = f.location["page"], f.location["line"]
        words = f.text.split("\n")[0]  # a unit-level finding starts on its first line
        assert words in pages[page - 1][line - 1], (f.rule, f.text, f.location)
        # line/column of the extracted text and the page line name the same words
        assert f.line == report.document.position(f.start)[0]
    where = {f.text: f.location["page"] for f in report.findings}
    # in body text and in table cells, on pages 2 and 3
    for text, page in [("fast", 2), ("user-friendly", 2), ("should", 2), ("TBD", 2), ("as appropriate", 2),
                       ("quickly", 3), ("etc", 3), ("soon", 3)]:
        assert where.get(text) == page, (text, where.get(text))
    # what went wrong before: a finding below the first line of its block was located on that first line
    unit_of = {u.index: u for u in report.units}
    below = [f for f in report.findings
             if f.location["line"] > unit_of[unit_index(report.units, f.start)].location["line"]]
    assert {f.text for f in below} >= {"as appropriate", "fast"}


def test_extracted_line_locations_skip_dropped_lines():
    from ambiguity.readers.extract import Piece, build

    pieces = [Piece("first\n\n  \nsecond", lines=[{"line": 1}, {"line": 2}, {"line": 3}, {"line": 4}]),
              Piece("no lines known"),
              Piece("third", {"page": 9, "line": 5}, lines=[{"page": 9, "line": 7}])]
    doc = build("x.pdf", "pdf", pieces)
    assert doc.text == "first\nsecond\n\nno lines known\n\nthird"
    assert doc.location_at(doc.text.index("first")) == {"line": 1}
    assert doc.location_at(doc.text.index("second"), {"page": 1}) == {"page": 1, "line": 4}
    assert doc.location_at(doc.text.index("no lines"), {"paragraph": 2}) == {"paragraph": 2}
    assert doc.location_at(doc.text.index("third"), {"page": 9, "line": 5}) == {"page": 9, "line": 7}
