"""HTML and OpenDocument: headings, paragraphs, lists and tables with locations; code and scripts skipped."""
from __future__ import annotations

import zipfile

import pytest

from ambiguity.errors import InputError
from ambiguity.readers import read_path

PAGE = """<html><head><title>t</title><script>var shall = 1;</script></head><body>
<h1>Spec</h1><h2>Usability</h2>
<p id="p-ui">The UI shall be <b>user-friendly</b>.</p>
<ul><li>Reports should be exported as appropriate.</li></ul>
<pre>code shall be ignored</pre>
<table><tr><th>ID</th><th>Text</th></tr><tr><td>REQ-9</td><td>Pages shall load quickly.</td></tr></table>
<div>Direct div text is kept.</div>
</body></html>"""


def test_html_structure(tmp_path):
    path = tmp_path / "spec.html"
    path.write_text(PAGE)
    doc = read_path(path)
    blocks = {doc.text[b.start:b.end]: b for b in doc.blocks}
    assert blocks["The UI shall be user-friendly."].location["anchor"] == "p-ui"
    assert blocks["The UI shall be user-friendly."].location["heading"] == ["Spec", "Usability"]
    assert blocks["Reports should be exported as appropriate."].kind == "list-item"
    assert blocks["Pages shall load quickly."].location["id"] == "REQ-9"
    assert "Direct div text is kept." in blocks
    assert "var shall" not in doc.text and "code shall" not in doc.text


def test_html_findings(analyzer, tmp_path):
    path = tmp_path / "spec.html"
    path.write_text(PAGE)
    f = next(f for f in analyzer.analyze_path(path).findings if f.text == "quickly")
    assert f.unit.id == "REQ-9" and f.location["table"] == 1


def test_empty_html(tmp_path):
    path = tmp_path / "e.html"
    path.write_text("<html><body></body></html>")
    with pytest.raises(InputError, match="e.html: HTML page has no text"):
        read_path(path)


CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>
<text:h text:outline-level="1">Scope</text:h>
<text:p>The system<text:s/>shall be user-friendly.</text:p>
<text:list><text:list-item><text:p>Data should be kept as appropriate.</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>FR-2</text:p></table:table-cell>
<table:table-cell><text:p>Backups must run often.</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>"""


def test_odt(tmp_path):
    path = tmp_path / "spec.odt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", CONTENT)
    doc = read_path(path)
    got = [(b.kind, doc.text[b.start:b.end], b.location.get("id")) for b in doc.blocks]
    assert got == [("heading", "Scope", None), ("paragraph", "The system shall be user-friendly.", None),
                   ("list-item", "Data should be kept as appropriate.", None),
                   ("requirement", "Backups must run often.", "FR-2")]
