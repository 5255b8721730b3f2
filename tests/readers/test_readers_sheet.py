"""Spreadsheets: the requirement text and id columns are found; locations name sheet, row and column."""
from __future__ import annotations

import pytest

from ambiguity.errors import InputError
from ambiguity.readers import read_path
from ambiguity.readers.sheet import read_csv

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture()
def reqs_xlsx(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Reqs"
    ws.append(["Req ID", "Priority", "Description"])
    ws.append(["SYS-1", "High", "The system shall export reports as appropriate."])
    ws.append(["SYS-2", "Low", "Pages shall load in under 2 seconds for 95% of requests."])
    ws.append([None, None, None])
    ws.append(["SYS-3", 3, "The dashboard should be intuitive."])
    path = tmp_path / "reqs.xlsx"
    wb.save(path)
    return path


def test_columns_detected(reqs_xlsx):
    doc = read_path(reqs_xlsx)
    reqs = [b for b in doc.blocks if b.kind == "requirement"]
    assert [b.location["id"] for b in reqs] == ["SYS-1", "SYS-2", "SYS-3"]
    assert reqs[2].location == {"sheet": "Reqs", "row": 5, "column": "Description", "id": "SYS-3"}
    assert doc.blocks[0].kind == "table-header"


def test_findings_point_to_row(analyzer, reqs_xlsx):
    report = analyzer.analyze_path(reqs_xlsx)
    f = next(f for f in report.findings if f.text == "intuitive")
    assert f.unit.id == "SYS-3" and f.location["row"] == 5 and f.location["column"] == "Description"


def test_named_columns_csv(tmp_path):
    data = "key;notes;what\nA-1;short;The tool shall be fast.\nA-2;x;Users must log in.\n".encode()
    doc = read_csv(data, "r.csv", text_columns=["what"], id_column="key")
    assert [b.location.get("id") for b in doc.blocks if b.kind == "requirement"] == ["A-1", "A-2"]
    with pytest.raises(InputError, match="no column named 'nope'"):
        read_csv(data, "r.csv", text_columns=["nope"])


def test_csv_detects_columns(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("ID,Text\nFR-1,The system shall support many users at once.\nFR-2,Errors must be logged.\n")
    doc = read_path(path)
    assert [(b.location["id"], b.location["row"]) for b in doc.blocks if b.kind == "requirement"] == [
        ("FR-1", 2), ("FR-2", 3)]


def test_empty_spreadsheet(tmp_path):
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(InputError, match=r"empty.xlsx: spreadsheet is empty"):
        read_path(path)
