"""Known wrong outputs of the minutes cues, fixed: a verb taken as the owner, nested sub-items that are actions
missed, a rule of procedure listed as an ownerless action. Minutes in several styles, all written for these tests."""
from __future__ import annotations

import pytest

from ambiguity.meetings import read_notes


def _actions(text: str, path: str = "notes.md"):
    return {a.line: a for a in read_notes(text, path).actions}


# -- a verb (or an adjective) is not the owner ----------------------------------------------------------------------
@pytest.mark.parametrize("line", [
    "Want to cast a wide net for the new maintainers",
    "Hope to ship the beta before the summit",
    "Time to cut the release",
    "Nice to have a dark mode in the settings page",
    "Good to merge once CI is green",
    "Happy to review the patch",
    "Trying to reproduce the crash on ARM",
    "Similar to last year, the budget is tight",
    "Goal is to publish the roadmap",
    "Link to the draft charter",
])
@pytest.mark.parametrize("style", ["- {}\n", "* {}.\n", "{}.\n", "1. {}\n"])
def test_a_word_that_opens_a_subjectless_line_is_never_the_owner(line, style):
    first = line.split()[0]
    text = "# Weekly sync 2027-03-04\n\n## Discussion\n" + style.format(line)
    for a in read_notes(text, "sync.md").actions:
        assert a.owner != first, a


@pytest.mark.parametrize("text,line", [
    ("## Action items\n- Want to cast a wide net for reviewers\n", 2),
    ("Next steps:\n\n* Hope to ship the beta before the summit\n", 3),
    ("ACTION ITEMS\n============\nWant to cast a wide net for reviewers.\n", 3),
    ("## Follow-ups\n- [ ] Time to cut the release\n", 2),
])
def test_such_a_line_under_action_items_is_an_action_without_owner(text, line):
    acts = _actions("# Sync 2027-03-04\n" + text)
    assert line + 1 in acts
    assert acts[line + 1].owner is None and acts[line + 1].owner_kind == "none"


def test_a_speaker_who_wants_to_is_the_owner_under_action_items():
    acts = _actions("## Action items\n- Dana: want to validate the numbers first\n")
    assert acts[2].owner == "Dana"


@pytest.mark.parametrize("line,owner", [
    ("- Maria to send the revised quote", "Maria"),
    ("- Lena/Marek to provision the extra runners", "Lena/Marek"),
    ("- @sam will update the runbook", "@sam"),
    ("- Raj has volunteered to chair the calls", "Raj"),
    ("- Will to draft the RFC", "Will"),  # a name that is also a modal
])
def test_names_still_own_their_tasks(line, owner):
    acts = _actions("## Discussion\n" + line + "\n")
    assert acts[2].owner == owner


# -- nested sub-items that are actions ------------------------------------------------------------------------------
AGENDA_NOTES = """# Team sync 2027-03-04
## Agenda
1. Release 2.4
   - Kim to tag the release candidate
   - [ ] Sam: write the blog post
   - Discuss the Q3 themes
   - we will look at the numbers again
2. Hiring
   * Ana will post the job ad on Monday
   * Link to the job description
3. Summit
   - Lena: to send the dial-in to the guests
"""


def test_tasks_nested_under_agenda_items_are_actions():
    acts = _actions(AGENDA_NOTES)
    assert {n: a.owner for n, a in acts.items()} == {4: "Kim", 5: "Sam", 9: "Ana", 12: "Lena"}


def test_top_level_agenda_entries_stay_agenda_entries():
    acts = _actions("## Agenda\n- Kim to present the roadmap\n- Review the budget\n")
    assert acts == {}


def test_tasks_nested_under_an_attendee_are_actions():
    text = "## Attendees\n- Kim, Sam, Lena\n  - Lena to send the dial-in for next time\n- Omar (guest)\n"
    acts = _actions(text)
    assert list(acts) == [3] and acts[3].owner == "Lena"


@pytest.mark.parametrize("text", [
    "## Notes\n- Storage\n  - [ ] order two spares\n  - Kim to benchmark the new disks\n",
    "## Notes\n- Storage\n    - [ ] order two spares\n    - Kim to benchmark the new disks\n",
    "## Notes\n1. Storage\n   1. [ ] order two spares\n   2. Kim to benchmark the new disks\n",
    "## Notes\n* Storage\n\t* [ ] order two spares\n\t* Kim to benchmark the new disks\n",
    "> ## Notes\n> - Storage\n>   - [ ] order two spares\n>   - Kim to benchmark the new disks\n",
    "## Notes\n- Kim: the disks are slow\n  - [ ] order two spares\n  - Kim to benchmark the new disks\n",
    "**Notes**\n- Storage\n  - Disks\n    - [ ] order two spares\n    - Kim to benchmark the new disks\n",
])
def test_nested_checkbox_and_commitment_are_actions_in_every_style(text):
    acts = _actions(text)
    lines = text.splitlines()
    spares = next(i for i, ln in enumerate(lines, 1) if "spares" in ln)
    bench = next(i for i, ln in enumerate(lines, 1) if "benchmark" in ln)
    assert spares in acts and acts[spares].owner is None
    assert bench in acts and acts[bench].owner == "Kim"


# -- a rule of procedure is not an action ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "## Discussion\n- Needs approval by half of the members\n",
    "## Discussion\n- Charter change: needs approval by half of the members.\n",
    "## Discussion\n- Proposal to merge the two groups\n  - needs approval by half of the members\n",
    "## Action items\n- A change to the bylaws needs approval by half of the members\n",
    "Decisions and next steps\n\nNeeds a majority vote of the steering group.\n",
    "## Governance\n- Requires a quorum of five members\n- Merging to main requires sign-off from two maintainers\n",
])
def test_a_rule_of_procedure_is_not_an_action(text):
    assert _actions(text) == {}


def test_a_task_next_to_a_rule_of_procedure_is_still_an_action():
    text = ("## Action items\n- Kim to count the votes; the change needs a two-thirds majority\n"
            "## Discussion\n- Ask the board for approval by Friday\n")
    acts = _actions(text)
    assert acts[2].owner == "Kim"
    assert 4 in acts
