"""The text and concise formats: what a person reads. Checked against the JSON Lines of the same scan, so that
these tests say what must hold for any document, not what the output happens to be today."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ambiguity.cli import main
from ambiguity.output.text import ELLIPSIS, WIDTH, window

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ["corpus/samples", "tests/cli/golden/docs"]

HEAD = re.compile(r"^(?P<path>\S+):(?P<line>\d+):(?P<col>\d+)\s+(?P<sev>error|warning|info)\s+(?P<rule>\S+)\s{2}"
                  r"(?P<message>.+)$")
SOURCE = re.compile(r"^\s*(?P<line>\d+) \| (?P<shown>.*)$")
CARETS = re.compile(r"^\s*\| (?P<pad> *)(?P<carets>\^+)(?: (?P<label>.*))?$")
CONCISE = re.compile(r"^(?P<path>\S+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) (?P<rule>\S+) "
                     r"(?P<message>.+)$")


def _scan(*args: str) -> str:
    # every family (--profile strict): the layout is under test here, not which findings the default shows
    result = CliRunner().invoke(main, ["scan", *args, "--fail-on", "none", "--profile", "strict"],
                                catch_exceptions=False)
    return result.stdout


@pytest.fixture()
def scanned(fast_cli, monkeypatch):
    """(text output, concise output, JSON Lines records) of one scan of the samples and the golden documents."""
    monkeypatch.chdir(ROOT)
    records = [json.loads(line) for line in _scan(*INPUTS, "--format", "jsonl").splitlines()]
    return _scan(*INPUTS), _scan(*INPUTS, "--format", "concise"), records


def _blocks(text: str):
    """Each finding of the text output: its first line, source line, caret line and the lines up to the blank."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = HEAD.match(line)
        if m:
            end = lines.index("", i)
            yield m, lines[i + 1:end]


def test_every_finding_once_with_its_words_underlined(scanned):
    text, _, records = scanned
    findings = [r for r in records if r["type"] == "finding"]
    blocks = list(_blocks(text))
    assert len(blocks) == len(findings) > 30
    documents = {}
    for (head, rest), f in zip(blocks, findings):
        assert (head["path"], int(head["line"]), int(head["col"]), head["sev"], head["rule"]) == \
            (f["path"], f["line"], f["column"], f["severity"], f["rule"])
        assert head["message"] == " ".join(f["message"].split())
        source, carets = SOURCE.match(rest[0]), CARETS.match(rest[1])
        assert source and carets and int(source["line"]) == f["line"]
        shown, start = source["shown"], len(carets["pad"])
        underlined = shown[start:start + len(carets["carets"])]
        words = f["text"].split("\n")[0].replace("\t", " ")
        if f["end_line"] == f["line"] and len(f["text"]) <= WIDTH - 16:
            assert underlined == words  # the flagged words themselves, whole
        else:  # over several lines or wider than the window: from their start to the end of what is shown
            assert words.startswith(underlined.rstrip(ELLIPSIS)) and len(underlined) >= 10
        assert len(shown) <= WIDTH + 2  # two ellipses at most
        # the shown line is the document's line, or a piece of it marked with ellipses
        path = ROOT / f["path"]
        document = documents.setdefault(path, path.read_text(encoding="utf-8").splitlines())
        line = document[f["line"] - 1].replace("\t", " ")
        assert shown.strip(ELLIPSIS) in line
        assert shown.startswith(ELLIPSIS) == (not line.startswith(shown.strip(ELLIPSIS)))
        assert shown.endswith(ELLIPSIS) == (not line.rstrip().endswith(shown.strip(ELLIPSIS)))
        assert ("runs on to line" in "\n".join(rest)) == (f["end_line"] > f["line"] and f["end_column"] > 1)
        assert rest[-1].strip() == f"= suggestion: {' '.join(f['suggestion'].split())}"
        shown_confidence = float(re.search(r"confidence (\d\.\d\d)$", carets["label"]).group(1))
        assert abs(shown_confidence - f["confidence"]) <= 0.0051  # JSON rounds to 3 decimals, text to 2
    assert "\\n" not in text  # never a literal \n


def test_action_items_show_their_sentence_once(scanned):
    text, _, records = scanned
    actions = [r for r in records if r.get("rule", "").endswith(".action-item")]
    assert len(actions) >= 4
    for (head, rest), f in zip(_blocks(text), [r for r in records if r["type"] == "finding"]):
        if f in actions:
            block = "\n".join([head.string, *rest])
            assert block.count(f["text"]) == 1, block


def test_findings_over_several_lines_show_the_first_line_not_the_paragraph(fast_cli, tmp_path):
    doc = tmp_path / "wrapped.md"
    doc.write_text("# Plan\n\nThe monthly usage data shall be\narchived after the pilot.\n")
    text = _scan(str(doc))
    records = [json.loads(line) for line in _scan(str(doc), "--format", "jsonl").splitlines()]
    units = [r for r in records if r.get("type") == "finding" and r["end_line"] > r["line"]]
    assert units  # "shall be / archived" runs over two lines
    for head, rest in _blocks(text):
        match = [u for u in units if (u["line"], u["rule"]) == (int(head["line"]), head["rule"])]
        if match:
            assert len([line for line in rest if SOURCE.match(line)]) == 1  # one source line, not the paragraph
            assert f"the flagged text runs on to line {match[0]['end_line']}" in "\n".join(rest)


def test_headers_and_summary_count_the_same_things(scanned):
    text, concise, records = scanned
    data = json.loads(_scan(*INPUTS, "--format", "json"))
    summary = records[-1]
    for file in data["files"]:
        if not file["findings"]:
            assert f"{file['path']}  " not in text  # no group for a file without findings
            continue
        units, scored = len(file["units"]), file["scores"]["scored_units"]
        header = next(line for line in text.splitlines() if line.startswith(file["path"] + "  "))
        assert f"{units} units ({scored} scored)" in header or (units == scored and f"{units} units," in header)
        assert f"{len(file['findings'])} findings" in header
        assert f"clarity {file['scores']['clarity']:.0f}/100" in header
    last = text.rstrip("\n").splitlines()[-1]
    assert last == concise.rstrip("\n").splitlines()[-1]
    scored_total = sum(f["scores"]["scored_units"] for f in data["files"])
    assert last.startswith(f"{summary['files']} files, {summary['units']} units ({scored_total} scored), "
                           f"{summary['findings']} findings (")
    assert f"clarity {summary['clarity']:.0f}/100" in last


def test_one_file_header_and_summary_agree(fast_cli, monkeypatch):
    """The sample whose header said "over 15 units" and footer "22 units"."""
    monkeypatch.chdir(ROOT)
    lines = _scan("corpus/samples/parcel-tracking-spec.md").splitlines()
    header = lines[0].split("  ", 1)[1]
    assert lines[-1] == f"1 file, {header}"


def test_plurals(fast_cli, tmp_path):
    doc = tmp_path / "one.txt"
    doc.write_text("REQ-1: The limit is TBD.\n\nREQ-2: The portal shall be user-friendly for operators.\n")
    out = CliRunner().invoke(main, ["scan", str(doc), "--profile", "strict", "--fail-on", "none",
                                    "--only", "incomplete.placeholder", "--only", "vague.subjective"]).stdout
    last = out.splitlines()[-1]
    assert last.startswith("1 file, 2 units, 2 findings (1 error, 1 warning), clarity ")
    for wrong in ("1 files", "1 errors", "1 warnings", "1 units", "1 findings"):
        assert wrong not in out


def test_no_file_analysed(fast_cli, tmp_path):
    result = CliRunner().invoke(main, ["scan", str(tmp_path / "missing.md")])
    assert result.exit_code == 2
    assert result.stdout.strip() == "no file was analysed, 1 unreadable"
    assert "missing.md" in result.stderr


def test_concise_is_one_line_per_finding(scanned):
    _, concise, records = scanned
    findings = [r for r in records if r["type"] == "finding"]
    lines = concise.splitlines()
    assert len(lines) == len(findings) + 1  # and the summary
    for line, f in zip(lines, findings):
        m = CONCISE.match(line)
        assert m, line
        assert (m["path"], int(m["line"]), int(m["col"]), m["sev"], m["rule"], m["message"]) == \
            (f["path"], f["line"], f["column"], f["severity"], f["rule"], " ".join(f["message"].split()))


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_colour_only_when_asked_or_on_a_terminal(fast_cli, tmp_path, fmt):
    doc = tmp_path / "spec.txt"
    doc.write_text("REQ-1: The limit is TBD.\n")
    plain = CliRunner().invoke(main, ["scan", str(doc), "--format", fmt, "--profile", "strict"]).stdout
    coloured = CliRunner().invoke(main, ["scan", str(doc), "--format", fmt, "--color", "--profile", "strict"]).stdout
    assert "\x1b[" not in plain and "\x1b[31m" in coloured  # errors in red
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


# -- the window over a long line -------------------------------------------------------------------------------
LONG = ("The contractor shall provide a monthly report to the board covering incidents, changes and capacity. "
        "It shall be delivered promptly after the end of each month, in a format to be agreed with the client's "
        "programme office, with the usual figures, charts and tables, etc. Nothing else is asked of it here.")


def test_window_keeps_a_short_line_whole():
    line = "REQ-1: The limit is TBD."
    assert window(line, 20, 23) == (line, 20, 23)


@pytest.mark.parametrize("word", ["incidents", "promptly", "to be agreed", "etc.", "Nothing"])
def test_window_cuts_a_long_line_around_the_words(word):
    start = LONG.index(word)
    shown, s, e = window(LONG, start, start + len(word))
    assert len(shown) <= WIDTH + 2
    assert shown[s:e] == word
    inner = shown.strip(ELLIPSIS)
    assert inner in LONG
    assert shown.startswith(ELLIPSIS) == (LONG.index(inner) > 0)
    assert shown.endswith(ELLIPSIS) == (not LONG.endswith(inner))
    assert not inner.startswith(" ") and not inner.endswith(" ")


def test_window_starts_at_the_sentence_when_it_fits():
    start = LONG.index("promptly")
    shown, _, _ = window(LONG, start, start + 8)
    assert shown.startswith(ELLIPSIS + "It shall be delivered")


def test_window_over_words_wider_than_itself_starts_at_them():
    start = LONG.index("It shall")
    shown, s, e = window(LONG, start, len(LONG))
    assert s == 1 and shown[s:].startswith("It shall") and e == len(shown) - 1 and shown.endswith(ELLIPSIS)


def test_nothing_a_terminal_would_act_on(fast_cli, tmp_path):
    """An escape sequence or a bidirectional override in a document is shown, not obeyed; columns stay aligned."""
    doc = tmp_path / "hostile.txt"
    doc.write_text("REQ-1: The \x1b[2J\x1b[31mscreen\u202e shall be user-friendly.\n", encoding="utf-8")
    for fmt in ("text", "concise"):
        out = CliRunner().invoke(main, ["scan", str(doc), "--format", fmt, "--fail-on", "none",
                                        "--profile", "strict"]).stdout
        assert "\x1b" not in out and "\u202e" not in out and "user-friendly" in out
    lines = CliRunner().invoke(main, ["scan", str(doc), "--fail-on", "none", "--only", "vague.subjective"]).stdout
    source, carets = [line for line in lines.splitlines() if " | " in line or line.strip().startswith("|")][:2]
    assert source[carets.index("^"):].startswith("user-friendly")
