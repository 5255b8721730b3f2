"""Segmenting minutes with markdown-it-py tokens: headings, list nesting, code and front matter from the tokens,
the minutes' own conventions (bold and "Attendees:" labels, "•" bullets, "[ ] task" boxes) line by line; every
physical line keeps its number and offset. All minutes here are written for these tests."""
from __future__ import annotations

import pytest

from ambiguity.meetings import read_notes
from ambiguity.meetings.segment import segment


def _shape(text: str):
    return [(ln.number, ln.kind, ln.depth, ln.checkbox, ln.section_kind) for ln in segment(text)]


def _by_body(text: str):
    return {ln.body: ln for ln in segment(text) if ln.body}


def test_every_physical_line_keeps_its_number_and_offset():
    text = "# Sync\r\n\r\n- Kim to send the deck\r\n\x0cnext page\n- [ ] book the room\u2028last line"
    lines = segment(text)
    assert len(lines) == len(text.splitlines())
    for ln in lines:
        assert text[ln.start:].startswith(ln.text)
    assert [ln.kind for ln in lines][:3] == ["heading", "blank", "bullet"]


@pytest.mark.parametrize("text", [
    # two-space, four-space and ordered nesting all give the nesting level, not the indentation
    "- Storage\n  - Disks\n    - Kim to order two spares\n",
    "- Storage\n    - Disks\n        - Kim to order two spares\n",
    "1. Storage\n   1. Disks\n      - Kim to order two spares\n",
    "* Storage\n\t* Disks\n\t\t* Kim to order two spares\n",
])
def test_bullet_depth_is_list_nesting(text):
    assert [(k, d) for _, k, d, _, _ in _shape(text)] == [("bullet", 0), ("bullet", 1), ("bullet", 2)]


def test_wrapped_item_text_is_as_deep_as_its_item():
    lines = _by_body("- Storage\n    - Kim to order two spares\n      before the audit\n- Budget\n")
    assert lines["Kim to order two spares"].depth == 1
    assert lines["before the audit"].kind == "text" and lines["before the audit"].depth == 2


def test_fenced_code_is_never_read_as_headings_bullets_or_tasks():
    text = ("## Notes\n"
            "```bash\n"
            "# we need to rotate this key later\n"
            "- [ ] not a task either\n"
            "```\n"
            "- Lena to send the build log\n")
    kinds = [ln.kind for ln in segment(text)]
    assert kinds == ["heading", "code", "code", "code", "code", "bullet"]
    assert all(ln.section == "Notes" for ln in segment(text)[1:])
    assert [a.line for a in read_notes(text, "n.md").actions] == [6]


def test_an_unclosed_fence_does_not_swallow_the_rest():
    text = "## Notes\n```\nsome pasted output\n\n## Action items\n- [ ] Kim: file the bug\n- Sam to reply to the vendor\n"
    lines = segment(text)
    assert lines[4].kind == "heading" and lines[5].section_kind == "actions"
    assert [a.line for a in read_notes(text, "n.md").actions] == [6, 7]


def test_bare_tildes_from_a_strike_through_open_no_fence():
    text = "## Notes\n~~~~\n- Sam to update the changelog\n~~old item~~\n~~~~\n- Ana to tag the release\n"
    assert [ln.kind for ln in segment(text)][2] == "bullet"
    assert [a.line for a in read_notes(text, "n.md").actions] == [3, 6]


def test_front_matter_is_verbatim_and_names_no_section():
    text = "---\ntitle: Steering call 2027-02-04\ntags: [steering]\n---\n\n# Steering call\n- Kim to draft the charter\n"
    lines = segment(text)
    assert [ln.kind for ln in lines[:4]] == ["code"] * 4
    assert lines[5].kind == "heading" and lines[6].section == "Steering call"


@pytest.mark.parametrize("text,headings", [
    ("Attendees\n=========\n- Kim\n", ["Attendees"]),
    ("Action items\n------------\n- Kim to send it\n", ["Action items"]),
    # a paragraph of several lines with a dash line under it is not a title: its lines stay text
    ("We talked about the budget and\nthe hiring plan for Q3.\n-\n- Kim to send it\n", []),
    ("## \n- Kim to send it\n", []),  # an empty heading names no section
    ("\u00a0## Decisions\n- Keep the slot\n", ["Decisions"]),  # a no-break space before the #
    ("**Decisions**\n- Keep the slot\n", ["Decisions"]),
    ("Attendees:\n- Kim\n", ["Attendees"]),
    ("Budget:\n- Kim\n", []),  # a colon label is a heading only when it names a section kind
])
def test_headings(text, headings):
    assert [ln.section for ln in segment(text) if ln.kind == "heading"] == headings


def test_a_bold_label_inherits_its_sections_kind():
    lines = segment("## Action items\n**Infra**\n- rotate the keys\n## Notes\n**Infra**\n- keys rotated\n")
    assert [ln.section_kind for ln in lines if ln.kind == "bullet"] == ["actions", "discussion"]


def test_quoted_minutes_are_read_like_the_rest():
    text = "> ## Action items\n> - Kim to publish the notes\n>   - [ ] Sam: check the links\n"
    assert _shape(text) == [(1, "heading", 0, "", "actions"), (2, "bullet", 0, "", "actions"),
                            (3, "bullet", 1, " ", "actions")]


def test_minutes_conventions_that_are_not_markdown():
    lines = _by_body("## Notes\n• Kim to order the spares\n[ ] book the room\n[x] send the invite\n* * *\n-\n")
    assert lines["Kim to order the spares"].kind == "bullet"
    assert lines["book the room"].kind == "bullet" and lines["book the room"].checkbox == " "
    assert lines["send the invite"].checkbox == "x"
    assert [ln.kind for ln in segment("- a\n\n* * *\n\n-\n")] == ["bullet", "blank", "blank", "blank", "blank"]


def test_a_heading_inside_a_list_item_stays_an_item():
    lines = segment("## Notes\n- # Kim to send the deck\n")
    assert lines[1].kind == "bullet" and lines[1].section == "Notes"
