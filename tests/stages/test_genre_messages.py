"""Messages fit the genre: in meeting notes a finding speaks of the action item or the meeting, in a specification of
the requirement, word for word as before. A rule may word its message and suggestion for meeting notes
(``messages: {meeting: ...}`` / ``suggestions: {meeting: ...}``); the loader checks them; the finding builder picks
the variant when the report's genre is "meeting"."""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from ambiguity.errors import RuleFileError
from ambiguity.meetings import genre_of
from ambiguity.rules import load_rules
from ambiguity.rules.loader import GENRES, Rule, parse_rule_file

from conftest import ROOT

RULES = {r.id: r for r in load_rules()}
#: Words of the specification genre: a finding in meeting notes should not speak of these.
SPEC_WORDS = re.compile(r"\brequirements?\b|\bvendor\b|\bsupplier\b|\bclient\b|\bthe system\b|\bshall\b|"
                        r"\bdelivery\b|\btested\b|\bbuilt\b|\baccept(?:ed|ance)?\b", re.I)

RULE_FILE = textwrap.dedent("""\
    family: demo
    category: vague
    source: "test"
    rules:
      - id: demo.word
        description: A demo rule.
        message: "'{text}' is vague in this requirement."
        suggestion: "Replace '{text}' with a number."
        patterns: ["fast"]
        messages:
          meeting: "'{text}' is vague: everyone at the meeting reads it differently."
        suggestions:
          meeting: "Say what counts as done."
    """)


def test_variants_are_loaded_and_chosen_by_genre():
    rule = parse_rule_file(RULE_FILE, "demo.yml")[0]
    assert rule.message_for("meeting").startswith("'{text}' is vague: everyone at the meeting")
    assert rule.suggestion_for("meeting") == "Say what counts as done."
    assert rule.message_for("spec") == rule.message == "'{text}' is vague in this requirement."
    assert rule.message_for("nonsense") == rule.message


@pytest.mark.parametrize("change,line,problem", [
    (("meeting:", "minutes:"), 11, "unknown genre 'minutes' in 'messages'; known: meeting"),
    (('meeting: "Say what counts as done."', "meeting: 3"), 13, "'suggestions.meeting' must be text"),
    (("reads it differently.", "reads {thing} differently."), 11,
     "'messages.meeting' uses {thing}, which its default 'message' does not"),
    (("    messages:\n      meeting: \"'{text}' is vague: everyone at the meeting reads it differently.\"\n",
      "    messages: \"not a mapping\"\n"), 5, "'messages' must be a mapping of genre to text"),
])
def test_malformed_variants_name_file_and_line(change, line, problem):
    bad = RULE_FILE.replace(*change)
    assert bad != RULE_FILE
    with pytest.raises(RuleFileError) as err:
        parse_rule_file(bad, "demo.yml")
    assert str(err.value).startswith(f"[A200] demo.yml:{line}: demo.word: ")
    assert problem in str(err.value)


def test_serialised_rules_keep_their_form_and_round_trip_the_variants():
    plain = RULES["vague.quantifier"]
    assert not plain.messages and "messages" not in plain.to_json() and "suggestions" not in plain.to_json()
    worded = RULES["pronoun.unclear-antecedent"]
    back = Rule.from_json(worded.to_json())
    assert back.messages == worded.messages and back.suggestions == worded.suggestions
    assert back.message_for("meeting") != back.message


def test_meeting_variants_speak_of_the_meeting_not_of_requirements():
    worded = [r for r in RULES.values() if r.messages or r.suggestions]
    assert len(worded) >= 20
    for r in worded:
        for text in (r.message_for("meeting"), r.suggestion_for("meeting")):
            assert not SPEC_WORDS.search(text), f"{r.file}:{r.line}: {r.id}: {text}"
    assert set(GENRES) == {"meeting"}


def test_every_rule_speaks_the_meetings_language_in_meeting_notes():
    """Every rule that can fire on minutes: its message and suggestion for meeting notes, with the quoted text
    left out, use no word of the specification genre. The action-item rules were written for minutes."""
    for r in RULES.values():
        for text in (r.message_for("meeting"), r.suggestion_for("meeting")):
            words = re.sub(r"'[^']*'", "''", text)  # the examples and the quoted text are the user's words
            assert not SPEC_WORDS.search(words), f"{r.file}:{r.line}: {r.id} has no meeting wording: {text}"


def test_genre_of_follows_the_kind():
    minutes = "# Weekly sync 2027-03-04\n\n## Attendees\n- Kim, Sam\n\n## Action items\n- Kim to send it\n"
    assert genre_of(minutes, "sync.md") == "meeting"
    assert genre_of(minutes, "sync.md", kind="spec") == "spec"
    assert genre_of("The system shall log in.", "srs.md") == "spec"
    assert genre_of("The system shall log in.", "srs.md", kind="meeting") == "meeting"


MINUTES = """# Platform sync — 2027-03-04

## Attendees
- Kim Ortega, Sam Ito

## Discussion
- The new dashboard should be user-friendly.
- It was slow on the big tenant.

## Action items
- Kim to make the dashboard faster by 2027-03-20.
"""
SPEC = """# Dashboard requirements

The dashboard shall be user-friendly.
It should load quickly.
"""


@pytest.fixture(scope="module")
def rules_only():
    from ambiguity import Analyzer

    return Analyzer(classifier=None)


def test_findings_in_minutes_use_the_meeting_wording(rules_only):
    report = rules_only.analyze(MINUTES, path="sync.md", format="markdown")
    assert report.genre == "meeting" and report.actions
    worded = [f for f in report.findings if RULES[f.rule].messages]
    assert worded, [f.rule for f in report.findings]
    for f in worded:
        rule = RULES[f.rule]
        assert f.message == rule.render(rule.message_for("meeting"), f.text)
        assert f.suggestion == rule.render(rule.suggestion_for("meeting"), f.text)
        assert not SPEC_WORDS.search(re.sub(r"'[^']*'", "''", f.message))


def test_findings_in_a_specification_keep_the_spec_wording_byte_for_byte(rules_only):
    report = rules_only.analyze(SPEC, path="srs.md", format="markdown")
    assert report.genre == "spec" and not report.actions
    fired = {f.rule for f in report.findings}
    assert "vague.subjective" in fired and any(RULES[r].messages for r in fired)
    for f in report.findings:
        rule = RULES[f.rule]
        assert f.message == rule.render(rule.message, f.text)
        assert f.suggestion == rule.render(rule.suggestion, f.text)


def test_the_kind_option_decides_the_wording(rules_only):
    from ambiguity import Analyzer

    as_spec = Analyzer(nlp=rules_only.nlp, classifier=None, kind="spec").analyze(MINUTES, path="sync.md",
                                                                                  format="markdown")
    assert as_spec.genre == "spec" and not as_spec.actions
    subjective = next(f for f in as_spec.findings if f.rule == "vague.subjective")
    assert subjective.message == RULES["vague.subjective"].render(RULES["vague.subjective"].message, subjective.text)


@pytest.mark.slow
def test_no_finding_on_the_meeting_corpus_speaks_of_requirements(rules_only):
    """``ambiguity scan corpus/meetings/*.md``, as a user runs it: no message or suggestion in words of the
    specification genre (what the notes say themselves, quoted, aside)."""
    paths = sorted(Path(ROOT / "corpus" / "meetings").glob("*.md"))
    checked = 0
    for report in rules_only.analyze_paths([str(p) for p in paths]):
        if report.genre != "meeting":
            continue
        for f in report.findings:
            checked += 1
            for text in (f.message, f.suggestion):
                assert not SPEC_WORDS.search(re.sub(r"'[^']*'", "''", text)), (report.path, f.rule, text)
    assert checked > 300
