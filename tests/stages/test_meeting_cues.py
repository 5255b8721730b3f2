"""The meeting cues are data (ambiguity/meetings/cues/*.yml): every cue carries should-flag and should-pass lines and
every one holds; a malformed cue file fails at load time naming file and line; the files ship as package data; the
line decision is one ordered table of named checks."""
from __future__ import annotations

import configparser
import fnmatch
import re
import textwrap
from pathlib import Path

import pytest

from ambiguity.errors import RuleFileError
from ambiguity.meetings import cues as cue_data
from ambiguity.meetings.cues import VOCABULARY, bundled, load_cues, load_folder

from conftest import ROOT

CUES = list(bundled().cues.values())
CUE_DIR = ROOT / "ambiguity" / "meetings" / "cues"
MIN_EXAMPLES = 3


def _cases(kind: str):
    for c in CUES:
        for text in (c.flag_examples if kind == "flag" else c.pass_examples):
            yield pytest.param(c.id, text, id=f"{c.id}:{text[:40]}")


@pytest.mark.parametrize("c", CUES, ids=lambda c: c.id)
def test_every_cue_has_three_examples_of_each(c):
    assert len(c.flag_examples) >= MIN_EXAMPLES, f"{c.file}:{c.line}: {c.id} needs {MIN_EXAMPLES} should-flag lines"
    assert len(c.pass_examples) >= MIN_EXAMPLES, f"{c.file}:{c.line}: {c.id} needs {MIN_EXAMPLES} should-pass lines"


@pytest.mark.parametrize("cid,text", list(_cases("flag")))
def test_flag_examples_are_found(cid, text):
    assert bundled().cues[cid].search(text), f"cue {cid} should find {text!r}"


@pytest.mark.parametrize("cid,text", list(_cases("pass")))
def test_pass_examples_are_not_found(cid, text):
    assert not bundled().cues[cid].search(text), f"cue {cid} should not find {text!r}"


def test_every_family_of_the_brief_is_a_file_and_ids_are_unique():
    files = {p.name for p in CUE_DIR.glob("*.yml")}
    assert {"markers.yml", "commitments.yml", "requests.yml", "negatives.yml", VOCABULARY} <= files
    families = {c.family for c in CUES}
    assert {"markers", "commitments", "requests", "negatives", "needs", "imperatives", "layout"} == families
    assert len({c.id for c in CUES}) == len(CUES)
    # the hard negatives of the issue are cues of the negatives family
    negatives = {c.id for c in CUES if c.family == "negatives"}
    assert {"carry-over", "forecast", "progress", "conditional", "guidance", "hedged"} <= negatives


def test_fragments_are_included_where_named():
    commitment = bundled().cues["commitment"]
    assert "{{names}}" in commitment.source
    assert cue_data.fragment("names") in commitment.regex.pattern
    assert "{{" not in commitment.regex.pattern


def test_cue_files_ship_as_package_data():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    globs = [g.strip() for g in cfg["options.package_data"]["ambiguity"].split(",")]
    for path in CUE_DIR.glob("*.yml"):
        rel = path.relative_to(ROOT / "ambiguity").as_posix()
        assert any(fnmatch.fnmatch(rel, g) for g in globs), f"{rel} is not package data"
    # and the cues load through importlib.resources, as an installed package reads them
    assert all(c.file.startswith("ambiguity/meetings/cues/") for c in CUES)


def test_a_copy_of_the_folder_loads_the_same_cues(tmp_path):
    for p in CUE_DIR.glob("*.yml"):
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    copy = load_folder(tmp_path)
    assert {k: v.regex.pattern for k, v in copy.cues.items()} == {c.id: c.regex.pattern for c in CUES}


# -- positioned errors ----------------------------------------------------------------------------------------------
VOCAB = textwrap.dedent("""\
    family: vocabulary
    description: test
    fragments:
      - id: who
        description: a name
        pattern: '[A-Z][a-z]+'
    words:
      - id: stop
        description: stop words
        words: [the, a]
    """)


def _family(cue_yaml: str) -> str:
    return "family: test\ndescription: test family\ncues:\n" + textwrap.indent(textwrap.dedent(cue_yaml), "  ")


GOOD = """\
- id: ok
  description: fine
  pattern: '^{{who}} to '
  ignore_case: false
  examples:
    flag: ["Kim to go", "Ana to send", "Bo to ask"]
    pass: ["kim to go", "to go", "Kim will go"]
"""


def _load(cue_yaml: str, vocab: str = VOCAB):
    return load_cues([("cues/vocabulary.yml", vocab), ("cues/test.yml", _family(cue_yaml))])


def test_a_valid_family_loads_with_its_fragment_and_words():
    loaded = _load(GOOD)
    assert loaded.cues["ok"].search("Kim to go") and not loaded.cues["ok"].search("kim to go")
    assert loaded.cues["ok"].regex.pattern == "^[A-Z][a-z]+ to "
    assert loaded.words["stop"] == frozenset({"the", "a"})


@pytest.mark.parametrize("bad,line,message", [
    # an invalid regular expression, reported at the cue's line (the second cue starts on line 11)
    (GOOD + "- id: broken\n  description: x\n  pattern: '(unclosed'\n  examples: {flag: [], pass: []}\n",
     11, "invalid regular expression"),
    (GOOD.replace("{{who}}", "{{whom}}"), 4, "unknown fragment {{whom}}"),
    (GOOD.replace("  description: fine\n", ""), 4, "'description' is required"),
    (GOOD.replace("id: ok", "id: Not_Ok"), 4, "must be lower-case words"),
    (GOOD.replace("  pattern:", "  patern:"), 4, "unknown key(s) ['patern']"),
    (GOOD.replace("    pass: [", "    passes: ["), 9, "examples 'pass' must be a list"),
    (GOOD.replace("  examples:\n    flag: [\"Kim to go\", \"Ana to send\", \"Bo to ask\"]\n"
                  "    pass: [\"kim to go\", \"to go\", \"Kim will go\"]\n", ""), 4, "'examples' must be a mapping"),
    (GOOD + GOOD, 11, "duplicate cue id 'ok' (first at cues/test.yml:4)"),
    (GOOD.replace("ignore_case: false", "ignore_case: maybe"), 4, "'ignore_case' must be true or false"),
    ("- id: ok\n  description: ok\n  pattern: a: b\n", 6, "invalid YAML: mapping values are not allowed"),
])
def test_malformed_cue_files_name_file_and_line(bad, line, message):
    with pytest.raises(RuleFileError) as err:
        _load(bad)
    assert err.value.path == "cues/test.yml"
    assert err.value.line == line, str(err.value)
    assert message in str(err.value)
    assert str(err.value).startswith(f"[A200] cues/test.yml:{line}: ")


def test_malformed_vocabulary_names_its_line():
    with pytest.raises(RuleFileError) as err:
        _load(GOOD, VOCAB.replace("words: [the, a]", "words: [the, on]"))  # YAML 1.1 reads on as true
    assert err.value.path == "cues/vocabulary.yml" and err.value.line == 8
    assert "must be quoted" in str(err.value)
    with pytest.raises(RuleFileError, match=r"vocabulary.yml:4: .*unknown fragment \{\{later\}\}"):
        _load(GOOD, VOCAB.replace("'[A-Z][a-z]+'", "'{{later}}'"))


def test_bundled_cues_are_used_by_the_decision():
    """The checks read the loaded patterns: the data is what decides, not a copy in the code."""
    from ambiguity.meetings import tasks

    assert tasks._CARRY is bundled().cues["carry-over"].regex
    assert tasks._IMPERATIVE is bundled().cues["imperative"].regex


# -- the decision table ---------------------------------------------------------------------------------------------
def test_classify_is_one_ordered_table_of_named_checks():
    from ambiguity.meetings import tasks

    names = [c.name for c in tasks.CHECKS]
    assert len(names) == len(set(names)) >= 20
    # hard negatives come before the weak cues, the weakest cue (an imperative bullet) near the end
    assert names.index("hard-negative") < names.index("commitment") < names.index("imperative")
    assert names.index("open-checkbox") < names.index("hard-negative")
    assert names[-2:] == ["imperative", "list-item"]


@pytest.mark.parametrize("text,check,cue", [
    ("- [ ] migrate the staging database", "open-checkbox", "checkbox"),
    ("- [x] rotate the keys", "done-checkbox", ""),
    ("Action: Tom will check the totals.", "marker", "marker"),
    ("- Will the rollout slip?", "hard-negative", ""),
    ("- Maria to send the revised quote", "commitment", "commitment"),
    ("- Draft the RFC for the storage format", "imperative", "imperative"),
    ("- The sprint went well", "", ""),
])
def test_decide_names_the_check_that_decided(text, check, cue):
    from ambiguity.meetings.segment import segment
    from ambiguity.meetings.tasks import decide

    line = segment(text)[0]
    assert decide(line)[1:] == (cue, check)


def test_names_the_learned_detector_imports_stay_importable():
    """learned.py (the other half of the issue) imports these from actions.py: keep them there."""
    from ambiguity.meetings import actions

    for name in ("_BARE_LABEL", "_HANDLE", "_INLINE_MARKER", "_MARKER", "_MARKER_STRICT", "_TRAILING_REF",
                 "_strip_markup", "inline_speaker", "owner_of", "speaker_of", "starts_item", "task_text", "classify"):
        assert hasattr(actions, name), name
    assert isinstance(actions._MARKER, re.Pattern) and actions._MARKER_STRICT("Owner: Kim")
    assert actions._BARE_LABEL.match("TODO:") and actions._HANDLE.search("cc @kim").group(2) == "kim"


def test_no_cue_regex_left_in_the_decision_code():
    """The candidate cues live in the YAML files: tasks.py compiles no pattern of its own beyond the one fragment."""
    source = Path(ROOT / "ambiguity" / "meetings" / "tasks.py").read_text(encoding="utf-8")
    assert source.count("re.compile(") == 1


def test_the_documented_order_is_the_order_of_the_table():
    """docs/meetings.md lists the checks of tasks.CHECKS, in their order."""
    from ambiguity.meetings import tasks

    doc = (ROOT / "docs" / "meetings.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| ([a-z-]+) \|", doc, re.M)
    assert [(int(n), name) for n, name in rows] == [(i, c.name) for i, c in enumerate(tasks.CHECKS, 1)]
