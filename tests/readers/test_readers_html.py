"""HTML: headings, paragraphs, lists and tables with locations; code and scripts skipped."""
from __future__ import annotations

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

