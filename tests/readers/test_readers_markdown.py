"""Markdown (ambiguity/readers/markdown.py): blocks with exact offsets into the file; what is not prose is blanked
in ``analysis_text`` (same length, same line breaks) so that every offset found there is an offset in ``text``."""
from __future__ import annotations

import pytest

from ambiguity.readers.markdown import read_markdown


def _read(text: str):
    doc = read_markdown(text, "spec.md")
    assert doc.text == text and len(doc.analysis_text) == len(text)
    assert [i for i, c in enumerate(doc.analysis_text) if c in "\r\n"] == [i for i, c in enumerate(text) if c in "\r\n"]
    return doc


def _blocks(doc):
    return [(b.kind, b.start, b.end, doc.text[b.start:b.end]) for b in doc.blocks]


def test_headings_are_blocks_without_their_markers_and_carry_the_heading_path():
    doc = _read("# Spec\n\n## Usability\n\nBody.\n\n# Annex\n\nNotes.\n")
    assert _blocks(doc) == [("heading", 2, 6, "Spec"), ("heading", 11, 20, "Usability"), ("paragraph", 22, 27, "Body."),
                            ("heading", 31, 36, "Annex"), ("paragraph", 38, 44, "Notes.")]
    assert [b.location["heading"] for b in doc.blocks] == [["Spec"], ["Spec", "Usability"], ["Spec", "Usability"],
                                                           ["Annex"], ["Annex"]]
    assert doc.analysis_text.startswith("  Spec\n\n   Usability\n")


def test_a_paragraph_before_any_heading_has_no_location():
    assert read_markdown("Body.\n", "s.md").blocks[0].location == {}


def test_list_items_start_after_their_marker_and_task_box():
    text = "- The UI shall be fast.\n- [x] Exports should be complete.\n\n1. First step.\n2) Second step.\n"
    doc = _read(text)
    assert _blocks(doc) == [("list-item", 2, 23, "The UI shall be fast."),
                            ("list-item", 30, 57, "Exports should be complete."),
                            ("list-item", 62, 73, "First step."), ("list-item", 77, 89, "Second step.")]
    assert doc.analysis_text.splitlines()[1] == "      Exports should be complete."


def test_table_header_and_rows_are_blocks_and_pipes_and_the_delimiter_row_are_blanked():
    text = "| ID | Text |\n|:---|-----:|\n| FR-1 | Backups must run often. |\n"
    doc = _read(text)
    assert _blocks(doc) == [("table-header", 2, 11, "ID | Text"),
                            ("table-row", 30, 60, "FR-1 | Backups must run often.")]
    assert doc.analysis_text == "  ID   Text  \n             \n  FR-1   Backups must run often.  \n"


def test_fenced_and_indented_code_blocks_are_blanked_and_make_no_block():
    text = "Before.\n\n```python\ncode shall be ignored\n```\n\n    indented shall be ignored\n\nAfter.\n"
    doc = _read(text)
    assert _blocks(doc) == [("paragraph", 0, 7, "Before."), ("paragraph", 77, 83, "After.")]
    assert "shall" not in doc.analysis_text and "python" not in doc.analysis_text
    assert doc.analysis_text[77:83] == "After."


def test_html_comments_are_blanked_inline_across_lines_and_as_blocks():
    text = "Keep this <!-- hidden shall --> text.\n\n<!--\nblock comment\n-->\n\nA <!-- over\ntwo lines --> end.\n"
    doc = _read(text)
    assert doc.analysis_text == ("Keep this                       text.\n\n    \n             \n   \n\n"
                                 "A          \n              end.\n")
    assert [(kind, start, end) for kind, start, end, _ in _blocks(doc)] == [("paragraph", 0, 37),
                                                                           ("paragraph", 63, 93)]


def test_code_spans_link_targets_urls_and_emphasis_are_blanked_but_link_text_kept():
    text = "Use `rm -rf` as in [the guide](https://x.org/g), **now** and _then_.\n"
    analysis = _read(text).analysis_text
    assert analysis[:12] == "Use         " and "the guide" in analysis and "x.org" not in analysis
    assert analysis.index("now") == text.index("now") and analysis.index("then") == text.index("then")
    assert "*" not in analysis and "_" not in analysis


@pytest.mark.parametrize("url", ["https://example.com/a", "<https://example.com/a>", "www.example.com"])
def test_bare_and_angle_bracket_urls_are_blanked(url):
    analysis = _read(f"See {url} now.\n").analysis_text
    assert analysis.startswith("See ") and "example" not in analysis and analysis.rstrip().endswith("now.")


def test_inline_html_tags_are_blanked_and_their_text_kept():
    analysis = _read("The UI shall be <b>fast</b>.\n").analysis_text
    assert analysis == "The UI shall be    fast    .\n"


def test_a_blockquote_loses_its_marker():
    doc = _read("> Quoted shall be kept.\n")
    assert _blocks(doc) == [("paragraph", 2, 23, "Quoted shall be kept.")]


def test_crlf_line_endings_keep_offsets_exact():
    doc = _read("# Spec\r\n\r\n- Item one.\r\n- Item two.\r\n")
    assert _blocks(doc) == [("heading", 2, 6, "Spec"), ("list-item", 12, 21, "Item one."),
                            ("list-item", 25, 34, "Item two.")]


def test_a_document_of_only_code_has_no_blocks():
    doc = _read("```\nonly code\n```\n")
    assert doc.blocks == [] and doc.analysis_text.strip() == "" and doc.format == "markdown"
