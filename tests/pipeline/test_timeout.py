"""``scan --timeout`` (issue 16): a runaway analysis is stopped, its document reported in one line, the scan goes on.

A rule regex with overlapping alternatives (``^(a|a)+$``: not nested quantifiers, so the rule loader lets it through)
takes 2^n steps on a token of n ``a``s and a ``b``; the per-document limit is what stops it.
"""
from __future__ import annotations

import json
import signal
import textwrap
import time

import pytest
from click.testing import CliRunner

from ambiguity.timeout import TimeLimitExceeded, analyze_in_time, available, time_limit

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="the time limit needs SIGALRM (POSIX)")

EVIL_RULES = textwrap.dedent("""\
    family: evil
    category: vague
    source: "issue 16"
    rules:
      - id: evil.overlap
        description: d
        message: "'{text}' m"
        suggestion: s
        patterns:
          - [{TEXT: {REGEX: "^(a|a)+$"}}]
    """)
#: 2^28 steps: ~20 s in CPython's re, so a broken limit fails the test instead of hanging it.
EVIL_TOKEN = "a" * 28 + "b"


def test_time_limit_raises_and_restores_the_previous_handler():
    before = signal.getsignal(signal.SIGALRM)
    start = time.monotonic()
    with pytest.raises(TimeLimitExceeded, match="took longer than 0.2 seconds"):
        with time_limit(0.2):
            time.sleep(5)
    assert time.monotonic() - start < 2
    assert signal.getsignal(signal.SIGALRM) is before and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    with time_limit(0):  # no limit
        time.sleep(0.3)
    with time_limit(1):  # finished in time: nothing left armed
        pass
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_time_limit_stops_a_catastrophic_regex():
    import re

    start = time.monotonic()
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.3):
            re.search(r"^(a|a)+$", EVIL_TOKEN)
    assert time.monotonic() - start < 3


def test_an_alarm_armed_by_someone_else_is_left_alone():
    signal.setitimer(signal.ITIMER_REAL, 100)
    try:
        assert not available()
        with time_limit(0.1):  # not ours to arm: no limit, and theirs keeps running
            time.sleep(0.2)
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 90
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _slow_analysis(slow: set, calls: list):
    def analyze(docs):
        docs = list(docs)
        calls.append(docs)
        for d in docs:
            if d in slow:
                time.sleep(30)
            yield d.upper()
    return analyze


def test_only_the_document_past_the_limit_is_reported_and_the_rest_go_on():
    calls, timed_out = [], []
    analyze = _slow_analysis({"c"}, calls)
    start = time.monotonic()
    out = list(analyze_in_time(analyze, iter("abcde"), 0.3, lambda d, s: timed_out.append((d, s)),
                               chunk_docs=4))
    assert out == ["A", "B", "D", "E"] and timed_out == [("c", 0.3)]
    # the chunk a-d ran until c; c and d were then retried alone; e came in the next chunk
    assert calls == [list("abcd"), ["c"], ["d"], ["e"]]
    assert time.monotonic() - start < 5


def test_the_callers_own_work_between_results_is_not_timed():
    slow_consumer = []
    for result in analyze_in_time(lambda docs: iter(docs), ["a", "b"], 0.2, lambda d, s: pytest.fail("timed out")):
        time.sleep(0.4)  # over the limit, but outside the analysis
        slow_consumer.append(result)
    assert slow_consumer == ["a", "b"]


def test_without_a_limit_the_documents_stream_in_one_go():
    calls = []
    assert list(analyze_in_time(_slow_analysis(set(), calls), iter("abc"), 0, lambda d, s: None)) == list("ABC")
    assert len(calls) == 1


def test_scan_reports_the_runaway_document_and_goes_on(fast_cli, tmp_path):
    from ambiguity.cli import main

    rules = tmp_path / "evil.yml"
    rules.write_text(EVIL_RULES)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("The report shall contain aaa items.\n")
    (docs / "b.md").write_text(f"The report shall contain {EVIL_TOKEN} items.\n")
    (docs / "c.md").write_text("The export shall contain aa rows.\n")
    start = time.monotonic()
    result = CliRunner().invoke(main, ["scan", str(docs), "--rules", str(rules), "--timeout", "0.5",
                                       "--format", "jsonl", "--fail-on", "none"])
    elapsed = time.monotonic() - start
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"ambiguity: error: [A501] {docs / 'b.md'}: analysis took longer than the 0.5-second limit (--timeout)"]
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted({r["path"].rsplit("/", 1)[-1] for r in records if r["type"] == "finding"}) == ["a.md", "c.md"]
    assert [r["code"] for r in records if r["type"] == "error"] == ["A501"]
    assert records[-1]["files"] == 2 and records[-1]["errors"] == 1
    assert elapsed < 10  # the limit twice (the chunk, then b.md alone), not the regex's ~20 s
