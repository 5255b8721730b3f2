"""HTML report: escaped, self-contained, and (slow tier) rendered in a real headless Chromium."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile

import pytest

from ambiguity.output import Summary
from ambiguity.output.html import html_report
from conftest import ROOT, SAMPLES

NASTY = '# <script>alert(1)</script>\n\n- REQ-1: The UI shall be user-friendly & "fast" </div>.\n'
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def _page(analyzer, text: str, path: str = "<b>evil</b>.md") -> str:
    report = analyzer.analyze(text, path=path, format="markdown")
    summary = Summary()
    summary.add(report, report.findings)
    return html_report([(report, report.findings)], summary, lambda r: text)


def test_everything_is_escaped_and_nothing_is_fetched(analyzer):
    page = _page(analyzer, NASTY)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>evil</b>" not in page
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page)
    assert "default-src 'none'" in page
    data = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and json.loads(data)["summary"]["findings"] > 0


def test_every_finding_has_a_row_an_anchor_and_a_focusable_mark(analyzer):
    page = _page(analyzer, NASTY)
    ids = re.findall(r'<tr class="finding-row" data-finding="([^"]+)"', page)
    assert ids
    for fid in ids:
        assert f'href="#{fid}"' in page and f'id="{fid}"' in page
        assert re.search(r'<mark tabindex="0"[^>]*data-findings="[^"]*\b' + fid + r'\b', page)


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium; .ci/run does)")
def test_renders_in_headless_chromium_counts_match_json(tmp_path):
    from click.testing import CliRunner

    from ambiguity.cli import main

    report = tmp_path / "report.html"
    runner = CliRunner()
    result = runner.invoke(main, ["scan", str(SAMPLES), "--format", "html", "-o", str(report), "--fail-on", "none"])
    assert result.exit_code == 0, result.output
    as_json = json.loads(runner.invoke(main, ["scan", str(SAMPLES), "--format", "json", "--fail-on", "none"]).output)
    with tempfile.TemporaryDirectory() as profile:
        run = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                              "--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=120)
    body = re.search(r"<body[^>]*>", run.stdout).group(0)
    attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', body))
    assert attrs["data-ok"] == "1" and attrs["data-errors"] == "0", body
    assert "CONSOLE" not in run.stderr and "Uncaught" not in run.stderr
    n = as_json["summary"]["findings"]
    assert int(attrs["data-rendered-findings"]) == int(attrs["data-summary-findings"]) == int(attrs["data-visible"]) == n
    assert f'id="total-findings" data-count="{n}"' in run.stdout
    for cat, count in as_json["summary"]["by_category"].items():
        assert f'data-category="{cat}"> <span class="swatch" style="background:' in run.stdout
        assert f"{cat} ({count})" in run.stdout
    artifacts = ROOT / "artifacts"
    artifacts.mkdir(exist_ok=True)
    shot = artifacts / "html-report.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--window-size=1366,900",
                        f"--screenshot={shot}", report.as_uri()], capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 10_000
    shutil.copy(report, artifacts / "html-report.html")
