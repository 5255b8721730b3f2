"""OpenDocument text (ambiguity/readers/odt.py): blocks from content.xml with paragraph and table locations."""
from __future__ import annotations

import zipfile

import pytest

from ambiguity.errors import InputError
from ambiguity.readers import read_path

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>
"""
TAIL = "\n</office:text></office:body></office:document-content>"

CONTENT = HEAD + """<text:h text:outline-level="1">Scope</text:h>
<text:p>The system<text:s/>shall be user-friendly.</text:p>
<text:list><text:list-item><text:p>Data should be kept as appropriate.</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>FR-2</text:p></table:table-cell>
<table:table-cell><text:p>Backups must run often.</text:p></table:table-cell></table:table-row></table:table>""" + TAIL


def _odt(tmp_path, content: str, name: str = "spec.odt", mimetype: bool = True):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as z:
        if mimetype:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)
    return path


def _blocks(doc):
    return [(b.kind, doc.text[b.start:b.end], b.location) for b in doc.blocks]


def test_headings_paragraphs_list_items_and_a_table_row_with_its_id(tmp_path):
    doc = read_path(_odt(tmp_path, CONTENT))
    got = [(b.kind, doc.text[b.start:b.end], b.location.get("id")) for b in doc.blocks]
    assert got == [("heading", "Scope", None), ("paragraph", "The system shall be user-friendly.", None),
                   ("list-item", "Data should be kept as appropriate.", None),
                   ("requirement", "Backups must run often.", "FR-2")]
    assert doc.format == "odt"


def test_blocks_are_joined_by_a_blank_line_and_offsets_point_into_the_text(tmp_path):
    doc = read_path(_odt(tmp_path, HEAD + "<text:p>First.</text:p><text:p>Second.</text:p>" + TAIL))
    assert doc.text == "First.\n\nSecond."
    assert [(b.start, b.end) for b in doc.blocks] == [(0, 6), (8, 15)]
    assert doc.analysis_text == doc.text


def test_paragraph_numbers_count_headings_and_empty_paragraphs_in_document_order(tmp_path):
    body = """<text:h text:outline-level="1">Scope</text:h><text:p/><text:p>  </text:p>
<text:p>The first statement.</text:p>
<text:list><text:list-item><text:p>An item.</text:p></text:list-item></text:list>
<text:p>The last statement.</text:p>"""
    doc = read_path(_odt(tmp_path, HEAD + body + TAIL))
    assert [(kind, text, loc["paragraph"]) for kind, text, loc in _blocks(doc)] == [
        ("heading", "Scope", 1), ("paragraph", "The first statement.", 4), ("list-item", "An item.", 5),
        ("paragraph", "The last statement.", 6)]


def test_the_heading_path_follows_outline_levels(tmp_path):
    body = """<text:h text:outline-level="1">Scope</text:h>
<text:h text:outline-level="2">Safety</text:h><text:p>Alarms shall sound.</text:p>
<text:h text:outline-level="2">Security</text:h><text:p>Logins shall be logged.</text:p>
<text:h text:outline-level="1">Annex</text:h><text:p>Notes.</text:p>"""
    doc = read_path(_odt(tmp_path, HEAD + body + TAIL))
    headings = {text: loc["heading"] for _, text, loc in _blocks(doc)}
    assert headings["Safety"] == ["Scope", "Safety"]
    assert headings["Alarms shall sound."] == ["Scope", "Safety"]
    assert headings["Logins shall be logged."] == ["Scope", "Security"]
    assert headings["Notes."] == ["Annex"]


def test_table_cells_are_located_by_table_row_and_cell(tmp_path):
    def row(*cells):
        return "<table:table-row>" + "".join(
            f"<table:table-cell><text:p>{c}</text:p></table:table-cell>" for c in cells) + "</table:table-row>"

    body = (f'<text:h text:outline-level="1">Reqs</text:h><table:table>{row("ID", "Text")}{row("FR-1", "Fast.")}'
            f'</table:table><text:p>Between.</text:p><table:table>{row("Only cell.")}</table:table>')
    doc = read_path(_odt(tmp_path, HEAD + body + TAIL))
    assert _blocks(doc) == [
        ("heading", "Reqs", {"paragraph": 1, "heading": ["Reqs"]}),
        ("table-header", "ID", {"table": 1, "heading": ["Reqs"], "row": 1, "cell": 1}),
        ("table-header", "Text", {"table": 1, "heading": ["Reqs"], "row": 1, "cell": 2}),
        ("requirement", "Fast.", {"table": 1, "heading": ["Reqs"], "row": 2, "cell": 2, "id": "FR-1"}),
        ("paragraph", "Between.", {"paragraph": 2, "heading": ["Reqs"]}),
        ("table-row", "Only cell.", {"table": 2, "heading": ["Reqs"], "row": 1, "cell": 1}),
    ]


def test_spaces_tabs_and_line_breaks_are_honoured_and_notes_left_out(tmp_path):
    body = """<text:p>Backups<text:s text:c="3"/>run<text:tab/>daily<text:line-break/>at night<text:note>
<text:note-citation>1</text:note-citation><text:note-body><text:p>A footnote shall not count.</text:p>
</text:note-body></text:note>.</text:p>"""
    doc = read_path(_odt(tmp_path, HEAD + body + TAIL))
    assert doc.text == "Backups run daily\nat night."
    assert len(doc.blocks) == 1


def test_a_span_inside_a_paragraph_keeps_its_text(tmp_path):
    body = '<text:p>The UI shall be <text:span text:style-name="b">user-friendly</text:span>.</text:p>'
    assert read_path(_odt(tmp_path, HEAD + body + TAIL)).text == "The UI shall be user-friendly."


def test_the_mimetype_member_is_not_required(tmp_path):
    assert read_path(_odt(tmp_path, CONTENT, mimetype=False)).blocks[0].kind == "heading"


def test_an_odt_without_text_is_refused(tmp_path):
    with pytest.raises(InputError, match="e.odt: OpenDocument file has no text"):
        read_path(_odt(tmp_path, HEAD + "<text:p/>" + TAIL, name="e.odt"))


def test_an_odt_without_content_xml_is_refused(tmp_path):
    path = tmp_path / "n.odt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    with pytest.raises(InputError, match="n.odt: archive has no 'content.xml'"):
        read_path(path)


def test_an_odt_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "x.odt"
    path.write_text("The system shall be fast.")
    with pytest.raises(InputError, match=r"x.odt: not a \.odt file \(not a zip archive"):
        read_path(path)


def test_malformed_content_xml_is_refused(tmp_path):
    with pytest.raises(InputError, match="m.odt: malformed XML in archive member .content.xml."):
        read_path(_odt(tmp_path, HEAD + "<text:p>unclosed" + TAIL, name="m.odt"))
