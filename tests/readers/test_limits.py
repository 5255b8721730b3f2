"""Bounded resources (issue #8): a document past a configured limit is refused with one line naming the limit.

The limits are set small here; benchmarks/limits.py runs the real sizes (200,000 requirements, a 10,000-row
spreadsheet, a 1,000-page PDF) and docs/reliability.md has its figures.
"""
from __future__ import annotations

import copy
import csv
import io
import json
import os

import pytest
from click.testing import CliRunner

from ambiguity.errors import InputError
from ambiguity.readers import read_bytes, read_text
from ambiguity.readers import pdf as pdf_reader
from ambiguity.readers import sheet
from ambiguity.units import DEFAULT_MAX_UNITS, MAX_UNIT_CHARS, make_units

FOUR = "".join(f"- REQ-{i}: The system shall respond within {i} ms.\n" for i in range(4))


def _one_line(err: BaseException) -> str:
    text = str(err)
    assert "\n" not in text and text.startswith("[A100] ")
    return text


class _NoParse:
    """An nlp whose pipe fails the test if a single unit reaches it."""

    def pipe(self, stream, **kwargs):
        for item in stream:
            raise AssertionError(f"parsed {item!r}")
        return iter(())


def test_default_unit_limit():
    assert DEFAULT_MAX_UNITS == 50_000


def test_a_document_over_the_unit_limit_is_refused_before_any_parsing(analyzer):
    limited = copy.copy(analyzer)  # shares the pipeline; only the limit differs
    limited.max_units = 3
    document = read_text(FOUR, "reqs.md", "markdown")
    with pytest.raises(InputError) as caught:
        limited.check(document)
    assert _one_line(caught.value) == ("[A100] reqs.md: document has 4 units (requirements, items, rows, paragraphs), "
                                       "over the 3-unit limit (--max-units)")
    limited.nlp = _NoParse()
    with pytest.raises(InputError, match="over the 3-unit limit"):
        limited.analyze(FOUR, path="reqs.md", format="markdown")
    limited.max_units = 4  # at the limit: analysed
    limited.nlp = analyzer.nlp
    assert len(limited.analyze(FOUR, format="markdown").units) == 4
    limited.max_units = None  # no limit
    assert len(limited.analyze(FOUR, format="markdown").units) == 4


def test_check_refuses_without_changing_the_document(analyzer):
    document = read_text(FOUR, "reqs.md", "markdown")
    before = dict(document.__dict__)
    assert analyzer.check(document) is document
    assert document.__dict__ == before  # nothing is attached to the document
    assert len(analyzer.analyze_document(document).units) == 4


def test_pieces_of_long_blocks_count_as_units():
    text = ("The system shall log every event. " * (3 * MAX_UNIT_CHARS // 34)).strip()
    document = read_text(text, "long.txt")
    assert len(make_units(document)) >= 3
    with pytest.raises(InputError) as caught:
        make_units(document, max_units=2)
    assert "document has over 2 units" in _one_line(caught.value) and "(--max-units)" in str(caught.value)


def test_scan_refuses_the_big_document_and_scans_the_others(fast_cli, tmp_path):
    from ambiguity.cli import main

    (tmp_path / "big.md").write_text(FOUR, encoding="utf-8")
    (tmp_path / "small.md").write_text("The UI shall be user-friendly.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "--max-units", "3", "--fail-on", "none",
                                       "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors == [f"ambiguity: error: [A100] {tmp_path / 'big.md'}: document has 4 units (requirements, items, "
                      "rows, paragraphs), over the 3-unit limit (--max-units)"]
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["path"].rsplit("/", 1)[-1] for r in records if r["type"] == "finding"} == {"small.md"}
    assert [(r["code"], r["message"]) for r in records if r["type"] == "error"] == [
        ("A100", "document has 4 units (requirements, items, rows, paragraphs), over the 3-unit limit (--max-units)")]
    assert records[-1]["files"] == 1 and records[-1]["errors"] == 1
    only_big = CliRunner().invoke(main, ["scan", str(tmp_path / "big.md"), "--max-units", "3"])
    assert only_big.exit_code == 2 and "Traceback" not in only_big.output
    bad = CliRunner().invoke(main, ["scan", str(tmp_path), "--max-units", "0"])
    assert bad.exit_code == 2 and "--max-units" in bad.output


def _xlsx(rows: int) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Reqs"
    book.active.append(["ID", "Text"])
    for i in range(rows):
        book.active.append([f"REQ-{i}", f"The system shall respond to request {i} within 2 seconds."])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _csv(rows: int) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["ID", "Text"])
    for i in range(rows):
        writer.writerow([f"REQ-{i}", f"The system shall respond to request {i} within 2 seconds."])
    return buf.getvalue().encode()


def test_a_sheet_over_the_row_limit_is_refused_not_cut_short(monkeypatch):
    monkeypatch.setattr(sheet, "MAX_ROWS", 5)
    assert len(read_bytes(_xlsx(4), "ok.xlsx").blocks) == 5  # header + 4 rows: exactly the limit
    with pytest.raises(InputError) as caught:
        read_bytes(_xlsx(5), "big.xlsx")
    assert _one_line(caught.value) == "[A100] big.xlsx: sheet 'Reqs' has more than 5 rows (limit 5 rows per sheet)"
    assert len(read_bytes(_csv(4), "ok.csv").blocks) == 5
    with pytest.raises(InputError) as caught:
        read_bytes(_csv(5), "big.csv")
    assert _one_line(caught.value) == "[A100] big.csv: file has more than 5 rows (limit 5 rows per sheet)"


def test_a_pdf_over_the_page_limit_is_refused(monkeypatch):
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for word in ("fast", "secure", "cheap"):  # not the same line on every page (a running header)
        c.drawString(72, 720, f"The system shall be {word}.")
        c.showPage()
    c.save()
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 3)
    assert read_bytes(buf.getvalue(), "ok.pdf").format == "pdf"
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    with pytest.raises(InputError) as caught:
        read_bytes(buf.getvalue(), "big.pdf")
    assert _one_line(caught.value) == "[A100] big.pdf: PDF has 3 pages (limit 2 pages)"


# -- a long Markdown file is parsed in pieces: the same blocks as in one parse ----------------------------------------
LINES = ["# Head", "## Sub", "Para text goes on.", "- item", "* item", "+ item", "- - -", "* * *", "1. one", "2. two",
         "3) three", "  indented continuation", "    indented code", "", "", "```", "~~~", "```py", "````", "> quote",
         "| a | b |", "|---|---|", "<!-- comment", "-->", "<div>", "</div>", "<pre>", "</pre>", "---", "===",
         "[ref]: /url", "REQ-1 The system shall be fast.", "\ttab", "<?php", "?>", "- ", "-", "10. ten", "<![CDATA[",
         "]]>", "<!DOCTYPE", ">", "<script>", "</script>", "  - nested", "   - three spaces", "- `code` item"]


def _parse(text: str, chunk: int, monkeypatch) -> tuple:
    from ambiguity.readers import markdown

    monkeypatch.setattr(markdown, "CHUNK_LINES", chunk)
    doc = markdown.read_markdown(text, "x.md")
    return doc.analysis_text, [(b.start, b.end, b.kind, b.location) for b in doc.blocks]


def test_markdown_pieces_parse_like_the_whole(monkeypatch):
    """CHUNK_LINES=1: every place a piece can end is tried (CHUNK_EXAMPLES=20000 passes)."""
    from hypothesis import example, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=int(os.environ.get("CHUNK_EXAMPLES", "300")), deadline=None, database=None)
    @given(st.lists(st.sampled_from(LINES), max_size=40), st.sampled_from(["\n", "\r\n"]))
    # what a cut by hand-written line rules got wrong: an HTML block, a table-like paragraph, a fence in HTML
    @example(["<div>", "- item"], "\n")
    @example(["| a | b |", "10. ten", "10. ten"], "\n")
    @example(["<div>", "```", "", "```", "", "# Head"], "\n")
    @example(["    ```", "", "# Head", "```", "", "# H2"], "\n")
    def same(lines, newline):
        text = newline.join(lines) + newline
        assert _parse(text, 1, monkeypatch) == _parse(text, 10 ** 9, monkeypatch)

    same()


def test_markdown_pieces_on_the_corpus(monkeypatch):
    from conftest import ROOT

    for path in [*ROOT.glob("*.md"), *(ROOT / "docs").glob("*.md"), *(ROOT / "corpus").rglob("*.md")]:
        text = path.read_text(encoding="utf-8")
        assert _parse(text, 1, monkeypatch) == _parse(text, 10 ** 9, monkeypatch), path
