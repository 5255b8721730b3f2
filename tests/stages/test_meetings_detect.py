"""Meeting notes vs specifications: the dominant kind of cue decides."""
from __future__ import annotations

import pytest

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


# -- a title that names a meeting ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "# Docs team sync — 2025-12-24\n\nCancelled for the holidays. See you in January.\n",
    "Weekly status meeting — Lantern Logistics\nThursday 20 November 2025\n\nThe vendor delivered the first build.\n",
    "# Architecture review board — 2026-03-10\n\nPresent: Ana, Bo, Cy\n\n## Proposal 1\nBo proposes an event bus.\n",
    "# Issue triage — week 9\n\nTriage rotation: @kim (lead)\n\n## New issues\n- #12 broken link\n",
    "## Platform weekly\n**Who:** Ana, Bo\n### Updates\n- Ana: migration 80% done\n",
    "# Accessibility working group\n* Attendees\n  * Ximena (chair)\n  * Yosef\n",
])
def test_minutes_known_by_their_title_and_attendance(text):
    assert is_meeting(text, "doc-39.md")


@pytest.mark.parametrize("text", [
    "# Design review checklist\n\nThe system shall log every review.\nThe reviewer shall sign the form.\n",
    "# Call handling requirements\n\nREQ-1 The system shall route calls within 2 s.\nREQ-2 The IVR shall ...\n",
    "# Sprint planning module — 2027-01-10\n\n1. The tool shall estimate capacity.\n2. The tool shall export CSV.\n",
])
def test_specifications_with_meeting_words_in_the_title_stay_specifications(text):
    assert not is_meeting(text, "spec.md")
