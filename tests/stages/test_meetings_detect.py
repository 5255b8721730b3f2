"""Meeting notes vs specifications: the dominant kind of cue decides."""
from __future__ import annotations

from ambiguity.meetings.detect import is_meeting

SPEC_WITH_MEETING_WORDS = "\n".join(
    ["# Request for quotation", "## Notes", "The kickoff meeting is in week 2.", "## Next steps"]
    + [f"REQ-{i}: The system shall export report {i} as PDF." for i in range(1, 30)]
)
MINUTES = """# Weekly sync 2027-03-04

Attendees: Anna, Raj

## Action items
- [ ] Raj to send the plan by Friday.
- [ ] Anna will review the requirements list.
"""


def test_a_specification_with_a_notes_heading_is_not_meeting_notes():
    assert not is_meeting(SPEC_WITH_MEETING_WORDS, "rfq.md")


def test_minutes_that_mention_requirements_are_still_meeting_notes():
    assert is_meeting(MINUTES, "sync.md")
