"""Rule files are validated at load time with an error that names the file and the line."""
from __future__ import annotations

import textwrap

import pytest

from ambiguity.errors import RuleFileError
from ambiguity.rules import CATEGORIES, load_rules, parse_rule_file, select_rules

GOOD = textwrap.dedent("""\
    family: demo
    category: vague
    source: "INCOSE GtWR v4 R7"
    rules:
      - id: demo.word
        description: d
        message: "'{text}' m"
        suggestion: s
        patterns: ["fluffy"]
    """)


def test_bundled_rules_cover_every_category():
    assert {r.category for r in load_rules()} == set(CATEGORIES)


def test_good_file_parses():
    (rule,) = parse_rule_file(GOOD, "demo.yml")
    assert rule.id == "demo.word" and rule.category == "vague" and rule.line == 5


@pytest.mark.parametrize(
    "change,line,needle",
    [
        (("category: vague", "category: fuzzy"), 5, "category 'fuzzy'"),
        (("id: demo.word", "id: Demo Word"), 5, "dotted lower-case"),
        (("patterns: [\"fluffy\"]", "patterns: [\"fluffy\"]\n    detector: passive_no_agent"), 5, "exactly one"),
        (("patterns: [\"fluffy\"]", "patterns: [\"fluffy\"]\n    unless: [sunny_day]"), 5, "unknown condition"),
        (("message: \"'{text}' m\"", "mesage: x"), 5, "unknown key"),
        (("rules:", "rulez:"), 1, "unknown top-level"),
        (("  - id: demo.word", "  - id: other.word"), 5, "must start with its family"),
        (("patterns: [\"fluffy\"]", "patterns: [\"fluffy\""), 10, "invalid YAML"),
    ],
)
def test_bad_file_error_names_file_and_line(change, line, needle):
    bad = GOOD.replace(*change)
    with pytest.raises(RuleFileError) as err:
        parse_rule_file(bad, "rules/demo.yml")
    assert f"rules/demo.yml:{line}" in str(err.value)
    assert needle in str(err.value)
    assert str(err.value).startswith("[A200]")


def test_bad_token_pattern_is_a_positioned_error(tmp_path):
    from ambiguity import Analyzer
    from ambiguity.pipeline.loading import load_pipeline

    path = tmp_path / "demo.yml"
    path.write_text(GOOD.replace('patterns: ["fluffy"]', "patterns: [[{LOWER: {IN: [no]}}]]"))
    with pytest.raises(RuleFileError) as err:
        Analyzer(nlp=load_pipeline(), rules_path=str(path))
    assert f"{path}:5" in str(err.value)


def test_duplicate_ids_across_files(tmp_path):
    (tmp_path / "a.yml").write_text(GOOD)
    (tmp_path / "b.yml").write_text(GOOD)
    with pytest.raises(RuleFileError, match="duplicate rule id"):
        load_rules([tmp_path])


@pytest.mark.parametrize(
    "only,ignore,expect_in,expect_out",
    [
        (["vague"], [], "vague.subjective", "loophole.escape-clause"),
        (["undefined-deadline.vague-time"], [], "undefined-deadline.vague-time", "undefined-deadline.no-date"),
        ([], ["vague"], "loophole.escape-clause", "vague.quantifier"),
        ([], ["undefined-deadline"], "vague.subjective", "undefined-deadline.relative-date"),
    ],
)
def test_select_rules(only, ignore, expect_in, expect_out):
    ids = {r.id for r in select_rules(load_rules(), only, ignore)}
    assert expect_in in ids and expect_out not in ids


# -- issue 16: user regexes are checked when the rule file is loaded -------------------------------------------------
def _with_regex(regex: str) -> str:
    return GOOD.replace('patterns: ["fluffy"]', "patterns:\n      - [{LOWER: fluffy}, {TEXT: {REGEX: " + regex + "}}]")


@pytest.mark.parametrize("regex,needle", [
    ('"^(a+)+$"', "nests a quantifier inside another"),
    ('"(x*)*y"', "nests a quantifier inside another"),
    ('"^(?:ab|c+)*$"', "nests a quantifier inside another"),
    ('"(?:a{1,100}){1,100}"', "nests a quantifier inside another"),
    ('"' + "a" * 501 + '"', "REGEX is 501 characters long (limit 500)"),
    ('"(unclosed"', "invalid REGEX '(unclosed': missing ), unterminated subpattern"),
    ("[a, b]", "REGEX must be a string"),
])
def test_hostile_regex_is_a_positioned_error(regex, needle):
    with pytest.raises(RuleFileError) as err:
        parse_rule_file(_with_regex(regex), "rules/demo.yml")
    text = str(err.value)
    assert text.startswith("[A200] rules/demo.yml:10: demo.word: ") and needle in text and "\n" not in text


@pytest.mark.parametrize("regex", ['"^[Xx]{2,}$"', '"^well(defined|written)$"', '"(?:x{2,5}){3}"', '"(ab)+c"',
                                   '"(a++)+"'])
def test_ordinary_regexes_load(regex):
    (rule,) = parse_rule_file(_with_regex(regex), "demo.yml")
    assert rule.patterns[0][1]["TEXT"]["REGEX"] == regex.strip('"')


def test_nested_regex_refused_in_a_nested_attribute(tmp_path):
    """REGEX may hide under any attribute (NORM, an extension under '_'): every mapping is searched."""
    path = tmp_path / "demo.yml"
    path.write_text(GOOD.replace('patterns: ["fluffy"]', 'patterns:\n      - [{_: {ext: {REGEX: "(a|b+)+"}}}]'))
    with pytest.raises(RuleFileError, match=rf"{path}:10: demo.word: REGEX '\(a\|b\+\)\+' nests"):
        load_rules([path])
