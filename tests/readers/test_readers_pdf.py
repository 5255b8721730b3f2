"""PDF: page and line locations, running headers and footers dropped, hyphenation joined; bad PDFs refused."""
from __future__ import annotations

import pytest

from ambiguity.errors import InputError
from ambiguity.readers import read_path

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
