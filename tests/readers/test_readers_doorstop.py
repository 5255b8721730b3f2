"""Doorstop: the file name is the UID; headers are headings; other YAML is skipped, broken YAML refused."""
from __future__ import annotations

import pytest

from ambiguity.errors import InputError
from ambiguity.readers import read_path


def test_item(analyzer, tmp_path):
    path = tmp_path / "REQ003.yml"
    path.write_text("active: true\nheader: |\n  Export\nlevel: 1.2\nlinks: []\nnormative: true\n"
                    "text: |\n  Doorstop **shall** export reports as appropriate.\n")
    doc = read_path(path)
    assert [(b.kind, b.location["id"]) for b in doc.blocks] == [("heading", "REQ003"), ("requirement", "REQ003")]
    assert doc.blocks[1].location == {"id": "REQ003", "level": "1.2", "field": "text"}
    assert "**" not in doc.text
    f = next(f for f in analyzer.analyze_path(path).findings if f.text == "as appropriate")
    assert f.unit.id == "REQ003" and f.location["level"] == "1.2"


def test_other_yaml_is_skipped(tmp_path, caplog):
    path = tmp_path / "ci.yml"
    path.write_text("jobs:\n  test: {}\n")
    assert read_path(path).blocks == []
    assert "not a Doorstop item" in caplog.text


def test_inactive_item_skipped(tmp_path):
    path = tmp_path / "REQ009.yml"
    path.write_text("active: false\nlevel: 1\ntext: The system shall be fast.\n")
    assert read_path(path).blocks == []


def test_broken_yaml(tmp_path):
    path = tmp_path / "REQ004.yml"
    path.write_text("text: [unclosed\n")
    with pytest.raises(InputError, match="REQ004.yml: malformed YAML at line"):
        read_path(path)
