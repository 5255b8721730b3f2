"""The same folder with the same configuration gives the same findings through every command and the library."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ambiguity import Analyzer
from ambiguity.cli import main

SPEC = """# Ordering service

- REQ-1 The checkout page shall be user-friendly and load quickly.
- REQ-2 The order data shall be archived.
- REQ-3 The Fast Lane screen shall be responsive. <!-- ambiguity: disable-line=vague -->
- REQ-4 Reports should be sent regularly, etc.
"""
MINUTES = """# Team meeting 2027-03-04

Attendees: Dana, Omar

## Action items

- Someone to update the release checklist soon.
- Dana will send the draft to the client by 2027-03-11.
- We need to review the vendor's test plan.
"""
CONFIG = """ignore = ["passive"]
glossary = ["Fast Lane"]
[severity]
"optional" = "error"
"""


def _key(f: dict) -> tuple:
    return (Path(f["path"]).name, f["line"], f["column"], f["end_line"], f["end_column"], f["rule"], f["severity"],
            round(f["confidence"], 3), f["text"])


@pytest.mark.slow  # four real analyzers (one in a batch worker process)
def test_scan_batch_actions_and_the_library_agree(tmp_path: Path):
    (tmp_path / ".git").mkdir()  # the project root: discovery stops here
    (tmp_path / "ambiguity.toml").write_text(CONFIG, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "spec.md").write_text(SPEC, encoding="utf-8")
    (docs / "2027-03-04-minutes.md").write_text(MINUTES, encoding="utf-8")
    runner = CliRunner()

    scan = runner.invoke(main, ["scan", str(docs), "--format", "jsonl", "--fail-on", "none"])
    assert scan.exit_code == 0, scan.output
    records = [r for r in map(json.loads, scan.stdout.splitlines()) if r["type"] == "finding"]
    scanned = {_key(r) for r in records}

    out = tmp_path / "r.jsonl"
    batch = runner.invoke(main, ["batch", str(docs), "-o", str(out), "--findings", "--jobs", "1", "-q"])
    assert batch.exit_code == 0, batch.output
    batched = {_key(f) for r in map(json.loads, out.read_text(encoding="utf-8").splitlines()) for f in r["findings"]}

    reports = [r for r in Analyzer(config="discover").analyze_paths([str(docs)])]
    library = {_key(f.to_dict()) for r in reports for f in r.findings}

    assert scanned == batched == library
    rules = {k[5] for k in scanned}
    # the configuration was applied the same way everywhere
    assert not any(r.startswith("passive.") for r in rules)  # disabled
    assert not any(k[8] == "Fast Lane" for k in scanned)  # glossary
    assert all(k[6] == "error" for k in scanned if k[5].startswith("optional."))  # severity override
    assert not any(k[1] == 5 and k[5].startswith("vague.") for k in scanned if k[0] == "spec.md")  # inline directive
    assert {"missing-owner.action-item", "vague.subjective"} <= rules

    actions = runner.invoke(main, ["actions", str(docs / "2027-03-04-minutes.md"), "--format", "jsonl"])
    assert actions.exit_code == 0, actions.output
    items = [json.loads(line) for line in actions.stdout.splitlines()]
    assert items
    # a finding's rule, and the rules merged into it on the same words ("also")
    meeting = {(r["line"], rule) for r in records if Path(r["path"]).name == "2027-03-04-minutes.md"
               for rule in [r["rule"]] + [a["rule"] for a in r["also"]]}
    for item in items:  # every finding the export names for an item is one scan shows on that item's line
        for rule in item["findings"]:
            assert (item["line"], rule) in meeting, (item, rule)
