"""The meeting's people (attendees, speakers, handles) and the doer an action names, on written minutes."""
from __future__ import annotations

import pytest

from ambiguity.meetings import read_notes
from ambiguity.meetings.people import named_doer, people_of
from ambiguity.meetings.segment import segment

MINUTES = """# Storage working group, 3 March

## Attendees
- Priya Raman, Northwind
- Tomasz Wojcik (tomw)
- Present: the usual crowd

## Agenda
1. Retention policy
   - Priya to draft the retention table for the next call
   - tomw to open a tracking issue
   - Used the vendor service to estimate the cost
2. Backups
   - Bashir: the restore test passed last week.
   - Waiting for @lena-k to benchmark the new disks

## Notes
- Tomasz would rather keep the old layout.
- (Priya and tomw to review the migration guide)
"""


def test_people_come_from_attendance_speakers_and_handles_not_from_prose():
    people = people_of(segment(MINUTES))
    assert {"priya", "raman", "tomasz", "wojcik", "tomw", "bashir", "lena-k"} <= people
    assert not {"northwind", "used", "the", "present", "usual"} & people


@pytest.mark.parametrize("sentence, firm, doer", [
    ("tomw to open a tracking issue", True, "tomw"),
    ("(Priya and tomw to review the migration guide)", True, "Priya and tomw"),
    ("Priya/Tomasz to pair on the script", True, "Priya/Tomasz"),
    ("Waiting for @lena-k to benchmark the new disks", True, "@lena-k"),
    ("Tomasz would rather keep the old layout.", True, None),
    ("Tomasz would rather keep the old layout.", False, "Tomasz"),
    ("Priya will be away next week", True, None),
    ("The retention table to be drafted", True, None),
    ("Thanks to Priya for the notes", True, None),
])
def test_named_doer(sentence, firm, doer):
    people = people_of(segment(MINUTES))
    assert named_doer(sentence, people, firm=firm) == doer


def test_an_attendee_taking_work_under_an_agenda_item_is_an_action_with_that_owner():
    actions = {a.text: a for a in read_notes(MINUTES, "wg.md").actions}
    assert actions["Priya to draft the retention table for the next call"].owner == "Priya"
    assert actions["tomw to open a tracking issue"].owner == "tomw"
    assert actions["Waiting for @lena-k to benchmark the new disks"].has_owner
    assert actions["(Priya and tomw to review the migration guide)"].owner == "Priya and tomw"
    assert not any(t.startswith(("Used the vendor", "Tomasz would", "Bashir")) for t in actions)


def test_a_lower_case_word_is_no_doer_in_notes_that_list_no_people():
    text = "## Notes\n- morgan to update the page\n"
    assert people_of(segment(text)) == frozenset()
    assert read_notes(text).actions == []
    listed = "## Attendees\n- Morgan Blake\n\n" + text
    assert [a.owner for a in read_notes(listed).actions] == ["morgan"]
