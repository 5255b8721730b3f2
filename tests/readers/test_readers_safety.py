"""Hostile and broken input: zip bombs, billion laughs, and one bad file among good ones."""
from __future__ import annotations

import zipfile

import pytest
from click.testing import CliRunner

from ambiguity.errors import InputError
from ambiguity.readers import read_path
from ambiguity.readers.safety import parse_xml

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol4;</lolz>"""


@pytest.mark.parametrize("name", ["bomb.docx", "bomb.xlsx", "bomb.reqifz", "bomb.odt"])
def test_zip_bomb_refused_by_ratio(tmp_path, name):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (5 * 1024 * 1024))
    if name.rsplit(".", 1)[1] not in {s.lstrip(".") for s in __import__("ambiguity.readers", fromlist=["x"]).supported_suffixes()}:
        pytest.skip(f"{name}: format not registered")
    with pytest.raises(InputError, match="zip bomb") as err:
        read_path(path)
    assert name in str(err.value)


def test_billion_laughs_refused():
    with pytest.raises(InputError, match="entities"):
        parse_xml(LAUGHS, "lol.xml")


def test_dtd_inside_docx_refused(tmp_path):
    path = tmp_path / "lol.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", LAUGHS)
    with pytest.raises(InputError, match="lol.docx: .*DTD"):
        read_path(path)


def test_folder_with_one_bad_file_scans_the_others(tmp_path):
    from ambiguity.cli import main

    (tmp_path / "good.md").write_text("The system shall be user-friendly.\n")
    (tmp_path / "bad.docx").write_text("not a word file")
    (tmp_path / "empty.csv").write_text("")
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "--fail-on", "none"])
    assert result.exit_code == 0, result.output
    assert "user-friendly" in result.stdout
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert any("bad.docx" in e for e in errors) and any("empty.csv" in e for e in errors)
    assert "Traceback" not in result.output
