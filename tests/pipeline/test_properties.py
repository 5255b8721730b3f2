"""Any text in, a report out: property-based tests of the analyzer over arbitrary Unicode (issue #8).

Every finding must quote the source exactly (``text == source[start:end]``), its line and column must point at the
same place (computed here independently, with \\n, \\r\\n and a lone \\r as line breaks), offsets stay inside the
text, and the JSON output always parses and quotes the same text.

The default run is a few seconds (profile ``dev``); CI runs ``HYPOTHESIS_PROFILE=ci pytest -m slow`` for many more
examples. Inputs that once failed are kept as ``@example`` regressions.
"""
from __future__ import annotations

import bisect
import json
import os
import re
from typing import List, Optional, Tuple

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ambiguity.output import Summary, json_document
from ambiguity.output.jsonout import jsonl_records

settings.register_profile("dev", max_examples=25, deadline=None, derandomize=False,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("ci", max_examples=400, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# Words that make rules fire, so that findings (and their offsets) are exercised, not just the no-finding path.
WORDS = ["The system shall", "be fast", "user-friendly", "as soon as possible", "TBD", "etc.", "approximately",
         "should", "REQ-12:", "- [ ]", "# Heading", "| a | b |", "|---|---|", "`code`", "http://x.y/z",
         "**bold**", "within 5", "ms", "30 s.", "Alice will", "by Friday", "and/or", "appropriate", "if possible"]
ODD = ["\x00", "\x07", "\x1b", "\x7f", "\u200f", "\u200e", "\u202e", "\u2066", "\ufeff", "\u0301", "\u0308",
       "\U0001F600", "\U0001F469\u200d\U0001F4BB", "\u05e9\u05dc\u05d5\u05dd", "\u0627\u0644", "\u3000", "\xa0",
       "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\t", " ", "\ud800", "\udcff", "\ufffd", "\U0010FFFF"]
BREAKS = ["\n", "\r\n", "\r", "\n\n", "\r\r\n"]

piece = st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD), st.sampled_from(BREAKS),
                  st.text(max_size=12), st.text(alphabet=st.characters(codec="utf-8"), max_size=6))
texts = st.lists(piece, min_size=0, max_size=40).map(lambda parts: " ".join(parts))
# Random bytes decoded as Python decodes file names: invalid bytes become lone surrogates (U+DC80..U+DCFF).
escaped = st.binary(max_size=200).map(lambda b: b.decode("utf-8", "surrogateescape"))
any_text = st.one_of(texts, escaped, st.text(max_size=200))

_BREAK = re.compile(r"\r\n|\r|\n")


def position(text: str, offset: int, ends: Optional[List[int]] = None) -> Tuple[int, int]:
    """1-based (line, column) of ``offset``, independent of the library's implementation.

    ``ends`` (where each line break ends, from :func:`break_ends`) saves rescanning a long text per call.
    """
    if ends is None:
        ends = break_ends(text)
    line = 1 + bisect.bisect_right(ends, offset)  # a \r\n ending after the offset (between \r and \n) not counted
    return line, offset - (ends[line - 2] if line > 1 else 0) + 1


def break_ends(text: str) -> List[int]:
    return [m.end() for m in _BREAK.finditer(text)]


def check_report(analyzer, text: str, fmt: str) -> None:
    report = analyzer.analyze(text, path="<prop>", format=fmt)
    n = len(text)
    ends = break_ends(text)
    for f in report.findings:
        assert 0 <= f.start <= f.end <= n, (f.start, f.end, n)
        assert f.text == text[f.start:f.end]
        assert (f.line, f.column) == position(text, f.start, ends), (f.rule, f.start)
        assert (f.end_line, f.end_column) == position(text, f.end, ends), (f.rule, f.end)
    for u in report.units:
        assert 0 <= u.start <= u.end <= n
        assert u.text == text[u.start:u.end]
    summary = Summary()
    summary.add(report, report.findings)
    data = json.loads(json_document([(report, report.findings)], summary))
    quoted: List[str] = [f["text"] for f in data["files"][0]["findings"]]
    assert quoted == [f.text for f in report.findings]
    for record in jsonl_records([(report, report.findings)], summary):
        assert json.loads(json.dumps(record, ensure_ascii=False)) == json.loads(json.dumps(record))


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@given(text=any_text)
@example(text="")
@example(text="\r")
@example(text="x")
@example(text="\x00The system shall be fast.\x00")
@example(text="The system shall be fast\r\r\nand user-friendly TBD.")
@example(text="\ud800 shall be fast \udcff")
@example(text="\u202eThe UI shall be user-friendly.\u202c")
@example(text="The syste\u0301m shall respond fast\U0001F600 etc.")
def test_any_text_gives_an_exact_report(analyzer, fmt, text):
    check_report(analyzer, text, fmt)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@given(prefix=texts, width=st.integers(min_value=1, max_value=3000))
def test_long_and_one_char_lines(analyzer, fmt, prefix, width):
    text = prefix + "\n" + ("The system shall be fast. " * (width // 26 + 1))[:width] + "\r\nx\ry\n"
    check_report(analyzer, text, fmt)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text"])
@settings(max_examples=2)
@given(prefix=texts, sep=st.sampled_from([" ", "", "\u200f"]))
def test_megabyte_line(analyzer, fmt, prefix, sep):
    """A 1 MB line (no break at all, or words with no sentence end) is cut into bounded units, never lost.

    Up to ~200 s per example (71,000 hits); before the ruler fix it was quadratic and never finished."""
    line = (("user-friendly" + sep) * 80_000)[:1_000_000]
    check_report(analyzer, prefix + "\r\n" + line + "\n" + prefix, fmt)


@given(text=any_text)
def test_position_reference(text):
    """The reference itself agrees with str.splitlines-free counting of breaks."""
    line, col = position(text, len(text))
    assert line == 1 + len(_BREAK.findall(text))
    assert col >= 1
