"""ReqIF: spec objects in specification order with their ids; .reqifz archives; hostile XML refused."""
from __future__ import annotations

import zipfile

import pytest

from ambiguity.errors import InputError
from ambiguity.readers import read_path

REQIF = """<?xml version="1.0" encoding="UTF-8"?>
<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd">
 <CORE-CONTENT><REQ-IF-CONTENT>
  <SPEC-TYPES><SPEC-OBJECT-TYPE IDENTIFIER="T1" LONG-NAME="Requirement"><SPEC-ATTRIBUTES>
   <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="A-ID" LONG-NAME="ReqIF.ForeignID"/>
   <ATTRIBUTE-DEFINITION-XHTML IDENTIFIER="A-TEXT" LONG-NAME="ReqIF.Text"/>
   <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="A-HEAD" LONG-NAME="ReqIF.ChapterName"/>
   <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="A-RAT" LONG-NAME="Rationale"/>
  </SPEC-ATTRIBUTES></SPEC-OBJECT-TYPE></SPEC-TYPES>
  <SPEC-OBJECTS>
   <SPEC-OBJECT IDENTIFIER="o2"><TYPE><SPEC-OBJECT-TYPE-REF>T1</SPEC-OBJECT-TYPE-REF></TYPE><VALUES>
    <ATTRIBUTE-VALUE-STRING THE-VALUE="REQ-7"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>A-ID</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
    <ATTRIBUTE-VALUE-XHTML><DEFINITION><ATTRIBUTE-DEFINITION-XHTML-REF>A-TEXT</ATTRIBUTE-DEFINITION-XHTML-REF></DEFINITION>
     <THE-VALUE><xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml"><xhtml:p>The UI shall be user-friendly.</xhtml:p></xhtml:div></THE-VALUE></ATTRIBUTE-VALUE-XHTML>
    <ATTRIBUTE-VALUE-STRING THE-VALUE="Users must never be confused."><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>A-RAT</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
   </VALUES></SPEC-OBJECT>
   <SPEC-OBJECT IDENTIFIER="o1"><TYPE><SPEC-OBJECT-TYPE-REF>T1</SPEC-OBJECT-TYPE-REF></TYPE><VALUES>
    <ATTRIBUTE-VALUE-STRING THE-VALUE="User interface"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>A-HEAD</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
   </VALUES></SPEC-OBJECT>
  </SPEC-OBJECTS>
  <SPECIFICATIONS><SPECIFICATION IDENTIFIER="s1"><CHILDREN>
   <SPEC-HIERARCHY IDENTIFIER="h1"><OBJECT><SPEC-OBJECT-REF>o1</SPEC-OBJECT-REF></OBJECT><CHILDREN>
    <SPEC-HIERARCHY IDENTIFIER="h2"><OBJECT><SPEC-OBJECT-REF>o2</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>
   </CHILDREN></SPEC-HIERARCHY>
  </CHILDREN></SPECIFICATION></SPECIFICATIONS>
 </REQ-IF-CONTENT></CORE-CONTENT>
</REQ-IF>
"""


@pytest.fixture()
def spec_reqif(tmp_path):
    path = tmp_path / "spec.reqif"
    path.write_text(REQIF, encoding="utf-8")
    return path


def test_spec_objects_in_order(spec_reqif):
    doc = read_path(spec_reqif)
    got = [(b.kind, doc.text[b.start:b.end], b.location.get("id")) for b in doc.blocks]
    assert got == [("heading", "User interface", None), ("requirement", "The UI shall be user-friendly.", "REQ-7"),
                   ("rationale", "Users must never be confused.", "REQ-7")]
    assert doc.blocks[1].location["heading"] == ["User interface"]
    assert doc.blocks[1].location["attribute"] == "ReqIF.Text"


def test_findings_carry_id(analyzer, spec_reqif):
    report = analyzer.analyze_path(spec_reqif)
    assert [(f.text, f.unit.id) for f in report.findings if f.text == "user-friendly"] == [("user-friendly", "REQ-7")]
    assert not any(u.scored for u in report.units if u.kind == "rationale")  # context, not scored
    assert [u.kind for u in report.units] == ["heading", "requirement", "rationale"]


def test_reqifz(tmp_path):
    path = tmp_path / "spec.reqifz"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.reqif", REQIF)
    doc = read_path(path)
    assert doc.blocks[1].location["file"] == "a.reqif" and doc.blocks[1].location["id"] == "REQ-7"


def test_billion_laughs_reqif(tmp_path):
    from test_readers_safety import LAUGHS

    path = tmp_path / "lol.reqif"
    path.write_bytes(LAUGHS)
    with pytest.raises(InputError, match="lol.reqif: .*entities"):
        read_path(path)


@pytest.mark.parametrize("content, problem", [("<foo/>", "not a ReqIF"), ("<REQ-IF><unclosed>", "malformed")])
def test_bad_reqif(tmp_path, content, problem):
    path = tmp_path / "bad.reqif"
    path.write_text(content)
    with pytest.raises(InputError, match=f"bad.reqif: {problem}"):
        read_path(path)
