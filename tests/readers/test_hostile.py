"""Hostile files (issue #8): each is refused or skipped with a one-line reason, never followed, never hung.

Zip bombs by ratio, billion laughs and a DTD inside a .docx are in test_readers_safety.py / test_readers_reqif.py;
this file adds the rest: absolute-size bombs and lying zip headers, external entities, .docx relationships that
point outside the archive, YAML alias bombs, symbolic links out of a folder and link loops, FIFOs, files that
vanish or grow while read, folders named like files and unreadable files.
"""
from __future__ import annotations

import io
import os
import struct
import zipfile

import pytest
from click.testing import CliRunner

from ambiguity.errors import InputError
from ambiguity.inputs import documents, expand
from ambiguity.readers import read_bytes, read_path
from ambiguity.readers import safety
from ambiguity.readers.safety import open_zip, parse_xml, read_member

SECRET = "TOPSECRET-7f3a"


def _one_line(err: BaseException) -> str:
    text = str(err)
    assert "\n" not in text and text.startswith("[A1")
    return text


# -- archives ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["big.docx", "big.xlsx", "big.odt", "big.reqifz"])
def test_zip_bomb_by_absolute_size(tmp_path, monkeypatch, name):
    """Within the ratio, but unpacking past the absolute cap (cap lowered so the test file stays small)."""
    monkeypatch.setattr(safety, "MAX_UNCOMPRESSED_BYTES", 100_000)
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", os.urandom(150_000))
    with pytest.raises(InputError, match=r"unpacks to 150,\d+ bytes \(limit 100,000\)") as err:
        read_path(path)
    _one_line(err.value)


def _lying_zip() -> bytes:
    """A member whose headers declare 100 bytes but whose deflated data inflates to 5 MB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * (5 * 1024 * 1024))
    data = bytearray(buf.getvalue())
    real = struct.pack("<I", 5 * 1024 * 1024)
    while True:  # rewrite the uncompressed size in the local and central headers
        i = data.find(real)
        if i < 0:
            break
        data[i:i + 4] = struct.pack("<I", 100)
    return bytes(data)


def test_lying_zip_header_never_inflates_past_declared_size():
    archive = open_zip(_lying_zip(), "liar.docx", ".docx")  # the declared sizes pass the caps...
    with pytest.raises(InputError, match="corrupt archive member") as err:  # ...but reading stops at 100 bytes
        read_member(archive, "word/document.xml", "liar.docx")
    _one_line(err.value)


@pytest.mark.parametrize("name", ["x.docx", "x.xlsx", "x.odt"])
def test_dtd_in_any_office_member_refused(tmp_path, name):
    xxe = f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{tmp_path}/secret.txt">]><r>&x;</r>'
    (tmp_path / "secret.txt").write_text(SECRET)
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("content.xml", xxe)
        z.writestr("word/document.xml", xxe)
    with pytest.raises(InputError) as err:
        read_path(path)
    assert SECRET not in str(err.value)
    _one_line(err.value)


@pytest.mark.parametrize("entity", [
    '<!ENTITY x SYSTEM "file:///etc/passwd">',
    '<!ENTITY x SYSTEM "http://127.0.0.1:1/x">',
    '<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;',
])
def test_external_entities_refused(entity):
    xml = f'<?xml version="1.0"?><!DOCTYPE r [{entity}]><r>&x;</r>'.encode()
    with pytest.raises(InputError, match="refused|malformed"):
        parse_xml(xml, "xxe.xml")
    with pytest.raises(InputError):
        read_bytes(xml.replace(b"<r>", b"<REQ-IF>").replace(b"</r>", b"</REQ-IF>"), "xxe.reqif")


def test_html_entities_never_fetched(tmp_path):
    (tmp_path / "secret.txt").write_text(SECRET)
    html = (f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{tmp_path}/secret.txt">]>'
            "<html><body><p>The system shall be fast &x;.</p></body></html>").encode()
    doc = read_bytes(html, "x.html")
    assert SECRET not in doc.text


def _docx_with_rels(tmp_path, rels: str) -> bytes:
    import docx

    src = tmp_path / "base.docx"
    d = docx.Document()
    d.add_paragraph("The system shall be fast.")
    d.save(src)
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            zout.writestr(item, data)
    return out.getvalue()


@pytest.mark.parametrize("rel", [
    '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" '
    'Target="../../../../../../{secret}"/>',
    '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" '
    'Target="file://{secret}" TargetMode="External"/>',
    '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
    'Target="http://127.0.0.1:1/template.dotm" TargetMode="External"/>',
])
def test_docx_relationships_outside_the_archive_never_followed(tmp_path, monkeypatch, rel):
    secret = tmp_path / "secret.xml"
    secret.write_text(f"<w:hdr>{SECRET}</w:hdr>")
    data = _docx_with_rels(tmp_path, rel.format(secret=str(secret).lstrip("/")))
    opened = []
    real_open = open

    def spy(file, *a, **k):  # nothing outside the archive may be opened while reading it
        opened.append(str(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr("builtins.open", spy)
    try:
        doc = read_bytes(data, "evil.docx")
        assert SECRET not in doc.text
    except InputError as err:
        _one_line(err)
    assert not any("secret" in o for o in opened)


def test_yaml_alias_bomb_in_doorstop_item():
    bomb = "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n"
    for i in range(8):
        prev, name = chr(ord("a") + i), chr(ord("b") + i)
        bomb += f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
    bomb += "level: *i\nactive: true\ntext: The system shall be fast.\n"
    doc = read_bytes(bomb.encode(), "REQ001.yml")  # 9**9 strings if expanded: must return at once
    assert "fast" in doc.text


# -- the file system --------------------------------------------------------------------------------------------
def _errors(items):
    return {os.path.basename(e.path): e.problem for e in items if isinstance(e, InputError)}


def test_symlink_out_of_the_folder_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("The system shall be fast.\n")
    scanned = tmp_path / "scanned"
    (scanned / "sub").mkdir(parents=True)
    (scanned / "ok.md").write_text("The system shall be fast.\n")
    (scanned / "inside.md").symlink_to(scanned / "ok.md")
    (scanned / "leak.md").symlink_to(outside / "secret.md")
    (scanned / "sub" / "dirlink").symlink_to(outside, target_is_directory=True)
    items = list(expand([str(scanned)]))
    paths = [i for i in items if isinstance(i, str)]
    assert sorted(os.path.basename(p) for p in paths) == ["inside.md", "ok.md"]
    assert "outside the scanned folder: not followed" in _errors(items)["leak.md"]
    assert not any("secret" in p for p in paths)


def test_symlink_loops_end(tmp_path):
    (tmp_path / "ok.md").write_text("The system shall be fast.\n")
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    (tmp_path / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)  # a folder that contains itself
    items = list(documents([str(tmp_path)]))
    errors = _errors(items)
    assert set(errors) == {"a.md", "b.md", "dangling.md"}
    assert all("loop or dangling link: skipped" in p for p in errors.values())
    assert [d.path for d in items if not isinstance(d, InputError)] == [str(tmp_path / "ok.md")]


def test_fifo_is_skipped_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    with pytest.raises(InputError, match="not a regular file") as err:
        read_path(tmp_path / "pipe.md")  # would block forever on a plain open()+read()
    _one_line(err.value)


def test_folder_named_like_a_file(tmp_path):
    (tmp_path / "spec.md").mkdir()
    with pytest.raises(InputError, match="is a folder, not a file"):
        read_path(tmp_path / "spec.md")


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.md"
    path.write_text("The system shall be fast.\n")

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(InputError, match="locked.md: permission denied") as err:
        read_path(path)
    _one_line(err.value)


def test_file_vanishing_between_listing_and_reading(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text("The system shall be fast.\n")
    (tmp_path / "b.md").write_text("The system shall be fast.\n")
    import ambiguity.inputs as inputs

    real = inputs.expand

    def listing_then_delete(paths, *args):
        for item in real(paths, *args):
            if isinstance(item, str) and item.endswith("b.md"):
                os.unlink(item)
            yield item

    monkeypatch.setattr(inputs, "expand", listing_then_delete)
    items = list(documents([str(tmp_path)]))
    assert _errors(items) == {"b.md": "no such file"}
    assert len([d for d in items if not isinstance(d, InputError)]) == 1


def test_file_growing_while_read_is_capped(tmp_path, monkeypatch):
    path = tmp_path / "log.txt"
    path.write_text("The system shall be fast.\n")
    real_fstat = os.fstat

    class Small:  # fstat says small; the file then turns out larger than the cap
        def __init__(self, st):
            self.st_mode, self.st_size = st.st_mode, 10

    monkeypatch.setattr(os, "fstat", lambda fd: Small(real_fstat(fd)))
    with pytest.raises(InputError, match="grew past the 20-byte limit"):
        read_path(path, max_bytes=20)


def test_cli_reports_skipped_links_one_line_each(tmp_path):
    from ambiguity.cli import main

    (tmp_path / "ok.md").write_text("The system shall be user-friendly.\n")
    (tmp_path / "leak.md").symlink_to("/etc/hostname")
    (tmp_path / "x.md").symlink_to(tmp_path / "x.md")
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "--fail-on", "none"])
    assert result.exit_code == 0, result.output
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(errors) == 2 and "Traceback" not in result.stderr
    assert any("leak.md" in e and "not followed" in e for e in errors)


# -- issue 16: a folder that cannot be listed is reported, not skipped silently -------------------------------------
def _locked_tree(tmp_path):
    docs = tmp_path / "docs"
    (docs / "locked").mkdir(parents=True)
    (docs / "open").mkdir()
    (docs / "ok.md").write_text("The UI shall be user-friendly.\n")
    (docs / "locked" / "secret.md").write_text("The system shall be fast.\n")
    (docs / "open" / "z.md").write_text("The system shall be fast.\n")
    return docs


def _deny(monkeypatch, *folders):
    """os.walk lists folders with os.scandir: make these fail as a folder without read permission does."""
    real = os.scandir
    denied = {str(f) for f in folders}

    def scandir(path="."):
        if os.fspath(path) in denied:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_unreadable_subfolder_is_reported_in_order(tmp_path, monkeypatch):
    docs = _locked_tree(tmp_path)
    _deny(monkeypatch, docs / "locked")
    items = list(expand([str(docs)]))
    assert [i if isinstance(i, str) else (i.path, i.problem) for i in items] == [
        str(docs / "ok.md"),
        (str(docs / "locked"), "cannot list this folder: permission denied; skipped"),
        str(docs / "open" / "z.md"),
    ]
    assert str(items[1]) == f"[A100] {docs / 'locked'}: cannot list this folder: permission denied; skipped"


def test_unreadable_top_folder_is_one_error_not_two(tmp_path, monkeypatch):
    docs = _locked_tree(tmp_path)
    _deny(monkeypatch, docs)
    assert [(e.path, e.problem) for e in expand([str(docs)])] == [
        (str(docs), "cannot list this folder: permission denied; skipped")]


def test_cli_scan_names_the_unreadable_folder(fast_cli, tmp_path, monkeypatch):
    from ambiguity.cli import main

    docs = _locked_tree(tmp_path)
    _deny(monkeypatch, docs / "locked")
    result = CliRunner().invoke(main, ["scan", str(docs), "--fail-on", "none"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"ambiguity: error: [A100] {docs / 'locked'}: cannot list this folder: permission denied; skipped"]
    assert "2 files" in result.stdout and "1 unreadable" in result.stdout


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads a folder whatever its mode; the monkeypatched tests above cover root")
def test_folder_without_read_permission(tmp_path):
    docs = _locked_tree(tmp_path)
    (docs / "locked").chmod(0)
    try:
        errors = [(e.path, e.problem) for e in expand([str(docs)]) if isinstance(e, InputError)]
    finally:
        (docs / "locked").chmod(0o755)
    assert errors == [(str(docs / "locked"), "cannot list this folder: permission denied; skipped")]
