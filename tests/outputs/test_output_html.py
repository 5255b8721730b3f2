"""HTML report: the page's structure (escaping, relative paths, margin notes, overlaps, rule groups, rankings),
and (slow tier) the page in a real headless Chromium: what is above the fold, and filters that change the counts."""
from __future__ import annotations

import html as htmllib
import json
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import html as lxml_html

from ambiguity.findings import make_finding
from ambiguity.output import Summary
from ambiguity.output.html import COLOURS, display_path, html_report
from ambiguity.readers.base import Document
from ambiguity.types import Report
from conftest import ROOT, SHARED_DATA

NASTY = ('# <script>alert(1)</script>\n\n- REQ-1: The UI shall be user-friendly & "fast" </div>.\n'
         '- REQ-2: The <b>portal</b> shall be robust.\n')
EVIL_PATH = '<img src=x onerror="alert(2)">.md'
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars"]
RANK = {"error": 3, "warning": 2, "info": 1}


def _render(reports, **kwargs) -> str:
    summary = Summary()
    for report in reports:
        summary.add(report, report.findings)
    return html_report([(r, r.findings) for r in reports], summary, **kwargs)


def _page(analyzer, text: str, path: str = EVIL_PATH, **kwargs) -> str:
    return _render([analyzer.analyze(text, path=path, format="markdown")], **kwargs)


def _tree(page: str):
    return lxml_html.fromstring(page)


def _data(tree) -> dict:
    return json.loads(tree.get_element_by_id("report-data").text)


def _sev(finding) -> str:
    value = getattr(finding.severity, "value", finding.severity)
    return value if isinstance(value, str) else str(finding.severity)


# --- escaping and self-containment -----------------------------------------------------------------------------


def test_hostile_document_text_and_file_name_are_escaped(analyzer):
    page = _page(analyzer, NASTY)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>portal</b>" not in page and "&lt;b&gt;portal&lt;/b&gt;" in page
    assert "<img" not in page and "&lt;img src=x onerror=" in page
    tree = _tree(page)
    # exactly the page's two scripts (the JSON and the code): the document's <script> is text, not an element
    assert [s.get("type") for s in tree.iter("script")] == ["application/json", None]
    assert not tree.xpath("//img | //div[@class='t']//b")
    # the text reads back exactly: the document's first line as shown equals the document's first line
    first = tree.get_element_by_id("d0-L1").find_class("t")[0].text_content()
    assert first == NASTY.splitlines()[0]
    tab = tree.find_class("tab")[0]
    assert tab.get("title") == EVIL_PATH and EVIL_PATH in tab.text_content()
    raw = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in raw and ">" not in raw
    assert _data(tree)["documents"] == [EVIL_PATH]


def test_page_fetches_nothing(analyzer):
    page = _page(analyzer, NASTY)
    assert "default-src 'none'" in page
    assert not re.search(r'(?:src|href)\s*=\s*["\']?(?:https?:)?//', page, re.I)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", page, re.I)
    assert not re.search(r"@import", page)


# --- paths -----------------------------------------------------------------------------------------------------


def test_paths_are_relative_to_the_current_directory(analyzer, tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    spec = tmp_path / "docs" / "spec.md"
    spec.write_text("- REQ-1: The system shall be user-friendly.\n")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.md"
    outside.write_text("- REQ-1: The system shall be fast.\n")
    monkeypatch.chdir(tmp_path / "docs")
    try:
        page = _render([analyzer.analyze_path(spec), analyzer.analyze_path(outside)])
    finally:
        outside.unlink()
    tree = _tree(page)
    titles = [t.get("title") for t in tree.find_class("tab") if t.get("title")]
    assert titles == ["spec.md", str(outside)]
    assert str(spec) not in page
    assert _data(tree)["documents"] == ["spec.md", str(outside)]


def test_display_path(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert display_path(str(tmp_path / "a" / "b" / "c.md"), cwd=str(tmp_path)) == "a/b/c.md"
    assert display_path("a/../a/b/c.md", cwd=str(tmp_path)) == "a/b/c.md"
    assert display_path("b/c.md", cwd=str(tmp_path / "a")) == "b/c.md"
    assert display_path(str(tmp_path / "a" / ".." / "a" / "b" / "c.md"), cwd=str(tmp_path / "a")) == "b/c.md"
    (tmp_path / "link").symlink_to(tmp_path / "a")
    assert display_path(str(tmp_path / "link" / "b" / "c.md"), cwd=str(tmp_path / "a")) == "b/c.md"
    assert display_path("/elsewhere/c.md", cwd=str(tmp_path)) == "/elsewhere/c.md"
    assert display_path("-", cwd=str(tmp_path)) == "-"
    assert display_path(str(tmp_path), cwd=str(tmp_path)) == str(tmp_path)


# --- the document with margin notes ----------------------------------------------------------------------------


SPEC = """# Delivery

## Portal

- REQ-1: The portal shall be user-friendly and fast.
- REQ-2: The portal shall be user-friendly for all users.
- REQ-3: Reports will be delivered in due course.
- REQ-4: The vendor should respond as soon as possible.

## Archive

- REQ-5: The data shall be archived.
- REQ-6: The archive shall keep invoices for 7 years after the end of the contract year.
- REQ-7: The retention of contracts is TBD.

## Support

- REQ-8: The supplier shall provide support by phone from 8:00 to 18:00 CET on working days.
- REQ-9: The supplier shall answer tickets in a timely manner.
"""


@pytest.fixture(scope="module")
def spec_report(analyzer):
    return analyzer.analyze(SPEC, path="spec.md", format="markdown")


def test_every_finding_has_a_margin_note_on_its_line_and_a_highlight(spec_report):
    page = _render([spec_report])
    tree = _tree(page)
    data = _data(tree)
    assert len(data["findings"]) == len(spec_report.findings) > 8
    by_text = Counter()
    for i, f in enumerate(spec_report.findings):
        notes = tree.xpath(f"//details[contains(@class,'note')][@data-i='{i}']")
        assert len(notes) == 1, f
        row = notes[0].getparent().getparent()
        assert row.get("id") == f"d0-L{f.line}", (f, row.get("id"))
        assert f.message in notes[0].text_content() and f.suggestion in notes[0].text_content()
        marks = tree.xpath(f"//div[@class='doc']//mark[contains(concat(' ', @data-f, ' '), ' {i} ')]")
        assert "".join(m.text_content() for m in marks) == f.text
        by_text[f.text] += 1
    # each line of the document is shown once, in order, and reads as the document
    rows = tree.xpath("//section[@data-doc='0']//div[contains(@class,'r ') or @class='r']")
    assert [r.find_class("t")[0].text_content() for r in rows] == SPEC.split("\n")[:len(rows)]
    assert len(rows) == len(SPEC.splitlines())


def test_notes_on_a_line_are_sorted_by_severity_then_confidence(spec_report):
    tree = _tree(_render([spec_report]))
    for box in tree.find_class("m"):
        found = [spec_report.findings[int(n.get("data-i"))] for n in box.find_class("note")]
        keys = [(-RANK[_sev(f)], -f.confidence) for f in found]
        assert keys == sorted(keys)


def _overlap_report(analyzer) -> Report:
    text = "The portal shall be user-friendly and fast for every user.\n"
    document = Document("overlap.txt", text, text, [], "text")
    unit = analyzer.analyze(text, path="overlap.txt").units[0]
    spans = [("vague.subjective", "user-friendly and fast"), ("compound.multiple-actions", "and"),
             ("vague.subjective", "fast for every"), ("absolute.universal", "every")]
    findings = []
    for rule_id, piece in spans:
        start = text.index(piece)
        findings.append(make_finding(analyzer.rules[rule_id], document, start, start + len(piece), unit.ref))
    findings.sort(key=lambda f: (f.start, f.end))
    return Report("overlap.txt", [unit], findings, {"clarity": 50.0, "scored_units": 1}, "text", document=document)


def test_overlapping_findings_one_mark_per_stretch_listing_all_of_them(analyzer):
    report = _overlap_report(analyzer)
    tree = _tree(_render([report]))
    text = report.document.text.rstrip("\n")
    line = tree.get_element_by_id("d0-L1").find_class("t")[0]
    assert line.text_content() == text
    pos = len(line.text or "")
    marks = line.findall("mark")
    assert marks
    for mark in marks:
        piece = mark.text_content()
        assert text[pos:pos + len(piece)] == piece
        covering = {i for i, f in enumerate(report.findings) if f.start <= pos and pos + len(piece) <= f.end}
        assert {int(x) for x in mark.get("data-f").split()} == covering, piece
        assert ("multi" in mark.get("class").split()) == (len(covering) > 1), piece
        pos += len(piece) + len(mark.tail or "")
    # the stretch under three findings ("fast" is in the first and the third, "and" only under two)
    shown = {m.text_content(): len(m.get("data-f").split()) for m in marks}
    assert shown["fast"] == 2 and shown["and"] == 2 and shown["every"] == 2 and shown["user-friendly "] == 1
    # a new finding starting inside a highlight is marked as a boundary
    starts = {f.start for f in report.findings}
    pos = len(line.text or "")
    for mark in marks:
        assert ("b" in mark.get("class").split()) == (pos in starts)
        pos += len(mark.text_content()) + len(mark.tail or "")


# --- rule groups, legend, counts -------------------------------------------------------------------------------


def test_repeated_messages_collapse_per_rule_with_a_count(analyzer):
    names = ("orders", "invoices", "reports", "users", "settings", "alerts", "payments", "products", "stores",
             "vendors", "audits", "logs")
    text = "".join(f"- REQ-{n}: The screen for {name} shall be user-friendly.\n" for n, name in enumerate(names, 1))
    report = analyzer.analyze(text, path="many.md", format="markdown")
    per_rule = Counter(f.rule for f in report.findings)
    assert per_rule["vague.subjective"] == 12
    tree = _tree(_render([report]))
    groups = tree.xpath("//section[@data-doc='0']//details[contains(@class,'rule')]")
    assert sorted(g.get("data-group") for g in groups) == sorted(f"dr:0:{r}" for r in per_rule)
    for group in groups:
        rule = group.get("data-group").split(":", 2)[2]
        count = group.xpath(".//summary//*[@class='count']")[0]
        assert int(count.text) == per_rule[rule]
        occurrences = group.xpath(".//ol/li")
        assert len(occurrences) == per_rule[rule]
        # ordered by severity, then confidence
        found = [report.findings[int(li.get("data-i"))] for li in occurrences]
        keys = [(-RANK[_sev(f)], -f.confidence) for f in found]
        assert keys == sorted(keys)
        # each with its sentence, the flagged words marked
        for li, f in zip(occurrences, found):
            assert li.xpath(".//q/mark")[0].text_content() == " ".join(f.text.split())
            assert f"The screen for {names[f.line - 1]} shall be user-friendly." in li.xpath(".//q")[0].text_content()
    # the message is written at most once per rule group, not once per finding
    message = next(f.message for f in report.findings if f.rule == "vague.subjective")
    group = tree.xpath("//details[@data-group='dr:0:vague.subjective']")[0]
    assert group.text_content().count(message) <= 1
    # the overview collapses per rule over all documents
    overview = tree.xpath("//section[@data-doc='all']//details[contains(@class,'rule')]")
    assert sorted(g.get("data-group") for g in overview) == sorted(f"r:{r}" for r in per_rule)


def test_rule_groups_sorted_by_severity_then_confidence(spec_report):
    tree = _tree(_render([spec_report]))
    groups = tree.xpath("//section[@data-doc='0']//details[contains(@class,'rule')]")
    best = []
    for group in groups:
        rule = group.get("data-group").split(":", 2)[2]
        members = [f for f in spec_report.findings if f.rule == rule]
        best.append(min((-RANK[_sev(f)], -f.confidence) for f in members))
    assert len(groups) > 3 and best == sorted(best)


def test_legend_counts_and_totals(spec_report, analyzer):
    other = analyzer.analyze("The service shall always be available.\n", path="b.txt")
    page = _render([spec_report, other])
    tree = _tree(page)
    findings = spec_report.findings + other.findings
    by_category = Counter(f.category for f in findings)
    legend = tree.get_element_by_id("legend")
    entries = {box.get("data-name"): box for box in legend.xpath(".//input[@data-cat]")}
    assert set(entries) == set(by_category)
    for name, box in entries.items():
        label = box.getparent()
        assert int(label.find_class("n")[0].text) == by_category[name]
        swatch = label.find_class("sw")[0].get("class").split()[1]
        assert re.search(r"\." + swatch + r" \{ --c: " + COLOURS[name] + ";", page)
    assert tree.get_element_by_id("shown-count").text == str(len(findings))
    severities = Counter(_sev(f) for f in findings)
    for sev in ("error", "warning", "info"):
        assert int(tree.xpath(f"//*[@id='counts']//b[@data-count='s:{sev}']")[0].text) == severities[sev]
    tabs = tree.find_class("tab")
    assert [int(t.find_class("n")[0].text) for t in tabs[:2]] == [len(spec_report.findings), len(other.findings)]
    heading = tree.xpath("//section[@data-doc='1']/h2")[0].text_content()
    n = len(other.findings)
    assert f"of {n} finding{'' if n == 1 else 's'}" in heading
    assert not re.search(r"\b1 (?:errors|warnings|files|findings|units)\b", page)
    for h2 in tree.xpath("//section[@data-doc]/h2"):
        assert not re.search(r"\b(?:[02-9]|\d\d+) (?:error|warning|file|finding|unit)\b", h2.text_content())


# --- rankings --------------------------------------------------------------------------------------------------


def _table_rows(tree, panel: str, heading: str):
    table = tree.xpath(f"//section[@data-doc='{panel}']/h3[text()='{heading}']/following-sibling::table[1]")[0]
    return table.xpath("./tbody/tr")


def test_worst_units_ranked_by_clarity(spec_report):
    tree = _tree(_render([spec_report]))
    rows = _table_rows(tree, "0", "Worst units in this document")
    flagged = [u for u in spec_report.units if u.scored and u.scores["clarity"] < 100]
    assert len(rows) == min(10, len(flagged)) > 3
    shown = [float(r.xpath("./td[1]")[0].text_content()) for r in rows]
    assert shown == sorted(shown)
    assert shown[0] == round(min(u.scores["clarity"] for u in flagged))
    lowest = min(u.scores["clarity"] for u in flagged)
    worst = [u for u in flagged if u.scores["clarity"] == lowest]
    link = rows[0].xpath("./td[2]/a")[0].get("href")
    assert link in {f"#d0-L{u.line}" for u in worst}
    unit = next(u for u in worst if link == f"#d0-L{u.line}")
    assert " ".join(unit.text.split())[:40] in rows[0].text_content()


def test_worst_sections_ranked_by_mean_clarity(spec_report):
    tree = _tree(_render([spec_report]))
    rows = _table_rows(tree, "0", "Worst sections")
    sections = {}
    for u in spec_report.units:
        if u.scored and u.location.get("heading"):
            sections.setdefault(u.location["heading"][-1], []).append(u.scores["clarity"])
    means = {name: sum(v) / len(v) for name, v in sections.items() if min(v) < 100}
    expected = sorted(means, key=lambda n: means[n])
    assert [r.xpath("./td[2]/a")[0].text_content().split(" \u203a ")[-1] for r in rows] == expected
    assert [float(r.xpath("./td[1]")[0].text_content()) for r in rows] == [round(means[n]) for n in expected]
    # the portal section (two vague requirements, a vague deadline) is worse than the support one
    assert expected.index("Portal") < expected.index("Support")


def test_overview_ranks_units_over_all_documents(spec_report, analyzer):
    other = analyzer.analyze("- The system shall be fast, robust and user-friendly, if possible.\n", path="b.md",
                             format="markdown")
    tree = _tree(_render([spec_report, other]))
    rows = _table_rows(tree, "all", "Worst units")
    shown = [float(r.xpath("./td[1]")[0].text_content()) for r in rows]
    assert shown == sorted(shown)
    everything = [u.scores["clarity"] for r in (spec_report, other) for u in r.units
                  if u.scored and u.scores["clarity"] < 100]
    assert shown[0] == round(min(everything))
    documents = _table_rows(tree, "all", "Documents by clarity")
    clarity = sorted([(spec_report.scores["clarity"], "spec.md"), (other.scores["clarity"], "b.md")])
    assert [r.xpath("./td[2]")[0].text_content() for r in documents] == [p for _, p in clarity]


def test_document_without_text_still_lists_its_findings(spec_report):
    bare = Report(spec_report.path, spec_report.units, spec_report.findings, spec_report.scores, "markdown")
    tree = _tree(_render([bare]))
    panel = tree.xpath("//section[@data-doc='0']")[0]
    assert not panel.find_class("doc")
    items = panel.xpath("./ol[@class='occ']/li")
    assert len(items) == len(spec_report.findings)


def test_a_report_without_findings_renders(analyzer):
    report = analyzer.analyze("The supplier shall deliver the module by 2027-03-15.\n", path="ok.txt")
    assert not report.findings
    tree = _tree(_render([report]))
    assert tree.get_element_by_id("shown-count").text == "0"
    assert _data(tree)["findings"] == []


# --- the page in headless Chromium (slow) ----------------------------------------------------------------------

# Hand-written requirement sentences, each with something to flag; the generated documents repeat them.
SENTENCES = (
    "The system shall be user-friendly and fast.",
    "The vendor should respond to incidents as soon as possible.",
    "Monthly reports will be delivered in due course.",
    "The portal shall support all common browsers, etc.",
    "The service shall always be available.",
    "Where possible, the supplier shall provide adequate training.",
    "Search shall be faster than the current system.",
    "The audit data shall be archived.",
    "The interface shall be intuitive and it shall be validated regularly.",
    "The retention period for invoices is TBD.",
    "The system shall not lose customer data.",
    "The import shall be optimal for large volumes.",
    "The contractor may provide additional support as appropriate.",
    "Response time for standard searches shall be below 5.",
    "The dashboard shall be robust and scalable and the export shall be flexible.",
)
#: What a page loaded with this probe reports: where things are on the screen, and the counts shown.
PROBE = """<script>(function () {
  function box(el) { if (!el) { return null; } var r = el.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height, width: r.width}; }
  var panel = document.querySelector(".panel.active"), out = {h: innerHeight, w: innerWidth};
  out.legend = box(document.getElementById("legend"));
  out.legendItems = [].map.call(document.querySelectorAll("#legend .cats li"), box);
  out.counts = box(document.getElementById("counts"));
  out.shown = document.getElementById("shown-count").textContent;
  out.panel = panel && panel.getAttribute("data-doc");
  out.rows = [].map.call(panel.querySelectorAll(".doc .r"), function (r) {
    var b = box(r); b.text = r.querySelector(".t").textContent; b.display = getComputedStyle(r).display; return b; });
  out.marks = [].map.call(panel.querySelectorAll(".doc mark"), function (m) {
    var b = box(m); b.off = m.classList.contains("off"); b.bg = getComputedStyle(m).backgroundColor; return b; });
  out.notes = [].map.call(panel.querySelectorAll(".doc .note"), function (n) {
    var b = box(n), row = n.closest(".r"); b.i = +n.getAttribute("data-i"); b.display = getComputedStyle(n).display;
    b.off = n.classList.contains("off");
    b.row = box(row); b.text = box(row.querySelector(".t")); return b; });
  out.tabs = [].map.call(document.querySelectorAll("#tabs .tab"), function (t) {
    var n = t.querySelector(".n"); return {doc: t.getAttribute("data-doc"), n: n ? +n.textContent : null}; });
  out.title = document.title;
  var pre = document.createElement("pre"); pre.id = "probe"; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
}());</script>"""


def _write_documents(folder: Path, per_section: int = 12) -> None:
    names = ("spec-1.md", "spec-2.md", "odd <name> & co.md")
    for d, name in enumerate(names):
        lines = [f"# Specification {d + 1}", "", "<script>document.title = 'pwned'</script>", ""]
        n = 0
        for s in range(4):
            lines += [f"## Section {d + 1}.{s + 1}", ""]
            for j in range(per_section):
                n += 1
                lines.append(f"- REQ-{d + 1}-{n}: {SENTENCES[(d * 7 + s * 3 + j) % len(SENTENCES)]}")
            lines.append("")
        (folder / name).write_text("\n".join(lines) + "\n")


def _chromium(args, timeout=120):
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                               *args], capture_output=True, text=True, timeout=timeout)


def _load(page: Path, suffix: str = "", size=(1366, 900)) -> dict:
    """The page opened at ``suffix`` (a hash or query), with the probe's report and the <body> attributes."""
    probed = page.with_name(page.stem + "-probe.html")
    probed.write_text(page.read_text("utf-8").replace("</body>", PROBE + "\n</body>"), "utf-8")
    run = _chromium([f"--window-size={size[0]},{size[1]}", "--dump-dom", probed.as_uri() + suffix])
    body = re.search(r"<body[^>]*>", run.stdout)
    assert body, run.stderr[-2000:]
    attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', body.group(0)))
    assert attrs["data-ok"] == "1" and attrs["data-errors"] == "0", (body.group(0), run.stderr[-2000:])
    assert "Uncaught" not in run.stderr, run.stderr[-2000:]
    probe = json.loads(htmllib.unescape(re.search(r'<pre id="probe">(.*?)</pre>', run.stdout, re.S).group(1)))
    probe["attrs"] = attrs
    return probe


def _on_screen(box, height) -> bool:
    return box is not None and box["height"] > 0 and box["width"] > 0 and box["top"] >= 0 and box["bottom"] <= height


def _scan(fmt: str, *extra: str) -> str:
    from click.testing import CliRunner

    from ambiguity.cli import main

    # every family (--profile strict): the report's rendering is under test, not which findings are shown
    result = CliRunner().invoke(main, ["scan", *extra, "--format", fmt, "--fail-on", "none", "--profile", "strict"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _check_above_the_fold(probe: dict, first_text: str) -> None:
    h = probe["h"]
    assert h >= 600 and probe["w"] >= 1300, probe["h"]
    # the counts and the legend (every category's entry) are on the first screen
    assert _on_screen(probe["counts"], h)
    assert probe["legendItems"] and all(_on_screen(b, h) for b in probe["legendItems"])
    # the document: its first line first, and at least 15 of its lines on the first screen
    rows = probe["rows"]
    assert rows[0]["text"] == first_text
    assert sum(1 for r in rows if _on_screen(r, h)) >= 15
    # highlights and margin notes next to them, on the first screen
    marks = [m for m in probe["marks"] if _on_screen(m, h) and not m["off"]]
    notes = [n for n in probe["notes"] if _on_screen(n, h) and n["display"] != "none"]
    assert len(marks) >= 5 and len(notes) >= 5
    assert all(m["bg"] not in ("rgba(0, 0, 0, 0)", "transparent") for m in marks)
    # margin notes: to the right of the text, level with their line
    for note in notes:
        assert note["left"] >= note["text"]["right"] and note["row"]["top"] <= note["top"] < note["row"]["bottom"]


def _counts(findings, predicate) -> int:
    return sum(1 for f in findings if predicate(f))


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium; .ci/run does)")
def test_chromium_400_findings_above_the_fold_and_filters(fast_cli, tmp_path, monkeypatch):
    folder = tmp_path / "specs"
    folder.mkdir()
    _write_documents(folder)
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "report.html"
    _scan("html", "specs", "-o", str(report))
    as_json = json.loads(_scan("json", "specs"))
    findings = [f for doc in as_json["files"] for f in doc["findings"]]
    total = as_json["summary"]["findings"]
    assert 300 <= total == len(findings) <= 600, total
    paths = [doc["path"] for doc in as_json["files"]]

    probe = _load(report)
    attrs = probe["attrs"]
    assert int(attrs["data-visible"]) == int(attrs["data-total"]) == int(attrs["data-rendered-findings"]) == total
    assert probe["shown"] == str(total) and probe["title"].startswith("ambiguity report")  # no script ran from a document
    first = Path(paths[0]).read_text().splitlines()[0]
    _check_above_the_fold(probe, first)
    assert probe["panel"] == "0"
    # the tabs: one per document (relative paths), with its count
    per_file = [len(doc["findings"]) for doc in as_json["files"]]
    assert [t["n"] for t in probe["tabs"] if t["doc"] != "all"] == per_file
    page = report.read_text()
    for path in paths:
        assert not Path(path).is_absolute() and f'title="{htmllib.escape(path)}"' in page

    # filters from the URL change the counts: each against the JSON output of the same scan
    cases = {
        "#sev=error": lambda f: f["severity"] == "error",
        "#sev=warning": lambda f: f["severity"] in ("warning", "error"),
        "#cat=vague,loophole": lambda f: f["category"] in ("vague", "loophole"),
        "#conf=0.8": lambda f: f["confidence"] >= 0.8,
        "#q=vague.subjective": lambda f: f["rule"] == "vague.subjective",
        "?sev=error&cat=incomplete": lambda f: f["severity"] == "error" and f["category"] == "incomplete",
    }
    for suffix, keep in cases.items():
        expected = _counts(findings, keep)
        assert 0 < expected < total, suffix
        probe = _load(report, suffix)
        assert int(probe["attrs"]["data-visible"]) == expected, suffix
        assert probe["shown"] == str(expected), suffix
        per_doc = [_counts(doc["findings"], keep) for doc in as_json["files"]]
        assert [t["n"] for t in probe["tabs"] if t["doc"] != "all"] == per_doc, suffix
        assert sum(1 for n in probe["notes"] if not n["off"]) == per_doc[0], suffix
        assert all(n["display"] == "none" for n in probe["notes"] if n["off"]), suffix

    # a malformed URL does not break the page (the search is then the text as written)
    assert _load(report, "#q=%E0%A4%A&sev=error")["attrs"]["data-visible"] == "0"

    # another tab from the URL, flagged lines only: every line shown has a finding
    probe = _load(report, "#doc=2&only=1")
    assert probe["panel"] == "2"
    visible_rows = [r for r in probe["rows"] if r["display"] != "none"]
    assert 0 < len(visible_rows) < len(probe["rows"])

    # the screenshot: what a person sees first
    artifacts = ROOT / "artifacts"
    artifacts.mkdir(exist_ok=True)
    shot = artifacts / "html-report-400.png"
    run = _chromium(["--window-size=1366,900", f"--screenshot={shot}", report.as_uri()])
    assert shot.exists() and shot.stat().st_size > 20_000, run.stderr[-2000:]
    _check_screenshot(shot, [f["category"] for f in findings])
    shutil.copy(report, artifacts / "html-report-400.html")


def _check_screenshot(shot: Path, categories) -> None:
    """The highlight colours are painted on the first screen, over a good part of it (not only the legend)."""
    image = pytest.importorskip("PIL.Image").open(shot).convert("RGB")
    assert image.size == (1366, 900)
    pixels = Counter({colour: n for n, colour in image.getcolors(maxcolors=image.width * image.height)})
    for category in set(categories):
        colour = tuple(int(COLOURS[category][i:i + 2], 16) for i in (1, 3, 5))
        assert pixels[colour] > 0, category  # at least its legend swatch
    palette = {tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in COLOURS.values()}
    assert sum(n for colour, n in pixels.items() if colour in palette) > 5_000


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium; .ci/run does)")
def test_chromium_real_documents(fast_cli, tmp_path, monkeypatch):
    chosen = ["18f-tdrs-rfq/Draft-RFQ/Scope.md", "18f-tdrs-rfq/Draft-RFQ/Evaluation.md",
              "18f-tdrs-rfq/Draft-RFQ/Objectives.md",
              "client-vendor-docs/18F-tts-buy-development-design-research-bpa/files/Quality Assurance Surveillance Plan.md",
              "anwariqbal-trees4me-re/SRS.pdf"]
    present = [p for p in chosen if (SHARED_DATA / p).is_file()]
    if len(present) < 2:
        pytest.skip("the real documents of ../shared/data are not present")
    monkeypatch.chdir(SHARED_DATA)
    report = tmp_path / "report.html"
    _scan("html", *present, "-o", str(report))
    as_json = json.loads(_scan("json", *present))
    findings = [f for doc in as_json["files"] for f in doc["findings"]]
    probe = _load(report)
    assert int(probe["attrs"]["data-visible"]) == len(findings) == as_json["summary"]["findings"]
    _check_above_the_fold(probe, (SHARED_DATA / present[0]).read_text().splitlines()[0])
    assert [t["n"] for t in probe["tabs"] if t["doc"] != "all"] == [len(d["findings"]) for d in as_json["files"]]
    expected = sum(1 for f in findings if f["severity"] != "info")
    assert int(_load(report, "#sev=warning")["attrs"]["data-visible"]) == expected < len(findings)
    artifacts = ROOT / "artifacts"
    artifacts.mkdir(exist_ok=True)
    shot = artifacts / "html-report.png"
    _chromium(["--window-size=1366,900", f"--screenshot={shot}", report.as_uri()])
    _check_screenshot(shot, [f["category"] for f in findings])
    shutil.copy(report, artifacts / "html-report.html")
