"""Is this line an action item? An ordered table of named checks over the cues of ``cues/*.yml``.

:data:`CHECKS` is the decision, in order: the first check that gives a verdict decides; a line no check speaks for
is not an action item. Specific cues come first (a checkbox, an explicit marker, an "Action items" section), hard
negatives before the weak cues (a question, a conditional, a carry-over, a forecast, a progress report), then
commitments, requests and needs, and the weakest cue (an imperative bullet) last.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, NamedTuple, Optional, Tuple

from .cues import cue, fragment, words
from .segment import Line
from .speakers import DISCOURSE, MARKER, NOT_NAMES, is_inline, is_marker, speaker_of, strip_markup

Verdict = Tuple[bool, str]
NO: Verdict = (False, "")

_ARROW, _ARROW_TASK = cue("arrow"), cue("arrow-task")
_BARE_LABEL, _BOLD_TOPIC, _TASK_WORDS, _HOW_TO = cue("bare-label"), cue("bold-topic"), cue("task-words"), cue("how-to")
_CARRY, _CONCLUDED, _CONDITIONAL = cue("carry-over"), cue("concluded"), cue("conditional")
_COMMIT, _DECISION_LABEL, _DEFER = cue("commitment"), cue("decision-label"), cue("defer")
_EMPTY_ITEM, _FORECAST, _GUIDANCE, _HEDGED = cue("empty-item"), cue("forecast"), cue("guidance"), cue("hedged")
_IMPERATIVE, _INLINE_MARKER = cue("imperative"), cue("inline-marker")
_LINK_DEF, _LINK_ONLY, _MEETING_ACTIVITY = cue("link-def"), cue("link-only"), cue("meeting-activity")
_NAMED_WILL, _NEED, _NOUN_SUBJECT, _NOUNISH = cue("named-will"), cue("need"), cue("noun-subject"), cue("nounish-word")
_PASSIVE_AGENT, _PAST, _PROGRESS, _REMAINING = cue("passive-agent"), cue("past"), cue("progress"), cue("remaining")
_PROCEDURE = cue("procedure")
_REQUEST, _REVIEW_ASSIGN, _SPEAKER_TO = cue("request"), cue("review-assign"), cue("speaker-to")
_SUBJECTLESS_WILL, _TEMPLATE_REQUEST = cue("subjectless-will"), cue("template-request")
_TITLE_CASE, _TOPIC_PREFIX, _TRAILING_REF = cue("title-case"), cue("topic-prefix"), cue("trailing-ref")
_VOLUNTEER, _WE_SHOULD, _WILL_SHIP = cue("volunteer"), cue("we-should"), cue("will-ship")
_WEAK_COMMIT_VERBS = words("weak-commit-verbs")
#: Modals that make "X can / would / should do Y" a proposal unless a speaker says it of themselves.
_WEAK_MODALS = {"can", "would", "should"}
_VAGUE_SUBJ = re.compile(fragment("vague-subject"), re.I)


@dataclass(frozen=True)
class Probe:
    """One line as the checks see it: its body without markup, and the speaker prefix and what follows it."""

    line: Line
    body: str  # markup stripped, curly apostrophes straightened
    rest: str  # the body after a speaker prefix ("Dana: <rest>")
    speaker: Optional["re.Match[str]"]
    under_list_intro: bool
    attributed: bool

    @property
    def inline(self) -> bool:
        return is_inline(self.speaker)


def probe(line: Line, under_list_intro: bool = False, attributed: bool = False) -> Probe:
    body = strip_markup(line.body).replace("\u2019", "'")
    speaker = speaker_of(body)
    rest = body[speaker.end():] if speaker else body
    return Probe(line, body, rest, speaker, under_list_intro, attributed)


def commitment(rest: str) -> Optional["re.Match[str]"]:
    """"X to do Y", "X will do Y" with X a person, handle, role or vague subject (not "Proposal to create ...")."""
    m = _COMMIT.match(rest)
    if not m or _PAST.match(rest):
        return None
    if m.group("verb").lower() in _WEAK_COMMIT_VERBS:
        return None
    first = m.group("who").split()[0].strip("[]@*,").lower()
    vague = _VAGUE_SUBJ.fullmatch(m.group("who").strip())
    if not vague and not m.group("who").startswith("@") and (first in NOT_NAMES or first in DISCOURSE
                                                             or _NOUNISH.search(first) or _IMPERATIVE.match(first + " x")):
        return None
    return m


# -- the checks, each ``probe -> verdict or None`` (None: no say, ask the next one) -------------------------------
def _not_content(p: Probe) -> Optional[Verdict]:
    """Headings, blank lines, code, bare links and link definitions."""
    if p.line.kind in {"heading", "blank", "code"} or not p.body or _LINK_ONLY.match(p.body) or _LINK_DEF.match(p.body):
        return NO
    return None


def _done_checkbox(p: Probe) -> Optional[Verdict]:
    """"- [x] ...": a ticked box records work already done."""
    return NO if p.line.checkbox == "x" else None


def _open_checkbox(p: Probe) -> Optional[Verdict]:
    """"- [ ] ...": an open box is a task."""
    return (True, "checkbox") if p.line.checkbox == " " else None


def _bare_label(p: Probe) -> Optional[Verdict]:
    """"TODO:" alone introduces the tasks below it."""
    return NO if _BARE_LABEL.match(p.body) else None


def _marker(p: Probe) -> Optional[Verdict]:
    """"Action: ...", "AI: ...", "TODO: ..." (unless carried over)."""
    return (not _CARRY.search(p.body), "marker") if is_marker(p.body) else None


def _topic_title(p: Probe) -> Optional[Verdict]:
    """A bold topic title ("**JAX support**") or a how-to title."""
    bold = _BOLD_TOPIC.match(p.line.body) and len(p.body.split()) <= 6 and not _TASK_WORDS.search(p.body)
    return NO if bold or _HOW_TO.match(p.body) else None


def _inline_marker(p: Probe) -> Optional[Verdict]:
    """"(action)", "ACTION" inside the line; "Added an action item on the board" reports one, "what's the action
    item?" asks."""
    if not _INLINE_MARKER.search(p.line.body):
        return None
    return not (_PAST.match(p.body) or p.body.rstrip().endswith("?")), "marker"


def _attendance_or_agenda(p: Probe) -> Optional[Verdict]:
    """An agenda entry or an attendee, unless someone volunteers, or a sub-item under an agenda entry records a
    task ("1. Release 2.4" / "   - Kim to tag the candidate"): the checks below decide that one."""
    if p.line.section_kind not in {"attendance", "agenda"} or _VOLUNTEER.search(p.body) or _nested_task(p):
        return None
    return NO


def _nested_task(p: Probe) -> bool:
    """A nested bullet that names its owner and a task: "X to do Y", "X will do Y", "Kim: to send ...",
    "Kim: will check ..." (not "we"/"someone", not a proposal "X could ...", not "Link to the draft")."""
    if p.line.kind != "bullet" or p.line.depth == 0:
        return False
    m = commitment(p.rest)
    if m:
        return not (_VAGUE_SUBJ.fullmatch(m.group("who").strip()) or m.group("modal").lower() in _WEAK_MODALS
                    or m.group("verb").lower() in _NOT_VERBS)
    return bool(p.speaker) and _speaker_commits(p) is not None


#: Words after "X to" that show "to" is a preposition ("Link to the draft", "Similar to most"), not a task.
_NOT_VERBS = {"the", "a", "an", "this", "that", "these", "those", "my", "our", "your", "his", "her", "their", "its",
              "most", "all", "some", "any", "each", "every", "no"}


def _actions_section(p: Probe) -> Optional[Verdict]:
    """A line under "Action items" / "Next steps", unless carried over, "None" or a rule of procedure."""
    if p.line.section_kind != "actions":
        return None
    return not (_CARRY.search(p.body) or _EMPTY_ITEM.match(p.body) or _rule_of_procedure(p)), "section"


def _rule_of_procedure(p: Probe) -> bool:
    """"Needs approval by half of the members", with no one named to do something in the same line."""
    return bool(_PROCEDURE.match(p.rest)) and not (commitment(p.rest) or _VOLUNTEER.search(p.body))


def _review_assigned(p: Probe) -> Optional[Verdict]:
    """A reviewer assigned in a triage agenda, even with a "reroll?" after it."""
    return (True, "request") if _REVIEW_ASSIGN.search(p.body) else None


def _hard_negative(p: Probe) -> Optional[Verdict]:
    """A question, a conditional, a carry-over, a forecast, standing guidance, remaining work, a hedged need."""
    b = p.body
    if b.rstrip().endswith("?") or _CONDITIONAL.match(b) or _CARRY.search(b) or _FORECAST.search(b):
        return NO
    return NO if _GUIDANCE.match(b) or _REMAINING.search(b) or _HEDGED.search(b) else None


def _speaker_negative(p: Probe) -> Optional[Verdict]:
    """The same after a speaker prefix, and deferrals ("Kim: let's wait")."""
    return NO if _CONDITIONAL.match(p.rest) or _GUIDANCE.match(p.rest) or _DEFER.search(p.rest) else None


def _progress(p: Probe) -> Optional[Verdict]:
    """"Working on ...", "Continuing with ..." (unless someone volunteers in the same line)."""
    return NO if _PROGRESS.match(p.rest) and not _VOLUNTEER.search(p.body) else None


def _issue_title(p: Probe) -> Optional[Verdict]:
    """An agenda entry: an issue or PR title with its link, with no commitment, request or need in it."""
    if _TRAILING_REF.search(p.body) and not (_VOLUNTEER.search(p.body) or _REQUEST.search(p.rest)
                                             or _NEED.search(p.rest) or commitment(p.rest)):
        return NO
    return None


def _volunteer(p: Probe) -> Optional[Verdict]:
    """"Raj has volunteered to ...", "Priya took an action to ...", "I'll ..."."""
    return (True, "volunteer") if _VOLUNTEER.search(p.body) else None


def _speaker_commits(p: Probe) -> Optional[Verdict]:
    """"Thomas: to send the reminder", "James: will document the option", "Jeremiah: Streams, will hold a session"."""
    if p.speaker and (_SPEAKER_TO.match(p.rest) or _SUBJECTLESS_WILL.match(_TOPIC_PREFIX.sub("", p.rest))):
        return True, "commitment"
    return None


def _named_will(p: Probe) -> Optional[Verdict]:
    """"Kylie responded and Michael will follow up", "@adrin creates that"."""
    return (True, "commitment") if _NAMED_WILL.search(p.rest) else None


def _decision(p: Probe) -> Optional[Verdict]:
    """"Decision: change the name": a decision that names work."""
    decided = _DECISION_LABEL.match(p.rest)
    if decided and (_IMPERATIVE.match(p.rest[decided.end():]) or _NEED.search(p.rest[decided.end():])):
        return True, "need"
    return None


def _agent_or_ship(p: Probe) -> Optional[Verdict]:
    """"... will be provisioned by Lena", "no objections, will land by end of week"."""
    return (True, "commitment") if _PASSIVE_AGENT.search(p.rest) or _WILL_SHIP.search(p.rest) else None


def _commitment(p: Probe) -> Optional[Verdict]:
    """"X to do Y" / "X will do Y"; not a vague opinion in a discussion ("Dana: we need a security team") nor an
    unattributed "X can / would / should"."""
    m = commitment(p.rest)
    if not m:
        return None
    if p.speaker and _VAGUE_SUBJ.match(m.group("who")) and m.group("modal").lower() != "'ll":
        return NO
    if m.group("modal").lower() in _WEAK_MODALS and not p.speaker:
        return NO
    return True, "commitment"


def _procedure(p: Probe) -> Optional[Verdict]:
    """A rule of procedure ("needs approval by half of the members"): no one is asked to do anything."""
    return NO if _rule_of_procedure(p) else None


def _request(p: Probe) -> Optional[Verdict]:
    """A request for review, help or input ("needs more reviewers", "PTAL", "please take a look")."""
    return (True, "request") if _REQUEST.search(p.rest) or _TEMPLATE_REQUEST.search(p.rest) else None


def _arrow(p: Probe) -> Optional[Verdict]:
    """"`resampler` SLEP -> update based on review"."""
    arrow = _ARROW.search(p.rest)
    if arrow and (_IMPERATIVE.match(arrow.group("task")) or _ARROW_TASK.match(arrow.group("task"))):
        return True, "need"
    return None


def _opinion(p: Probe) -> Optional[Verdict]:
    """A speaker's proposal or opinion ("Omar: update the install guide ...", or a detail under "Kim: ...")."""
    return NO if p.inline or p.attributed else None


def _meeting_activity(p: Probe) -> Optional[Verdict]:
    """An agenda entry in a discussion ("Discuss the retention policy")."""
    if p.line.kind == "bullet" and p.line.section_kind in {"discussion", "agenda"} and _MEETING_ACTIVITY.match(p.rest):
        return NO
    return None


def _background(p: Probe) -> Optional[Verdict]:
    """A design document's Motivation / Background: no outcome of the meeting."""
    return NO if p.line.section_kind == "background" else None


def _concluded(p: Probe) -> Optional[Verdict]:
    """"We concluded that we should ask the vendor ..."."""
    return (True, "need") if _CONCLUDED.search(p.rest) else None


def _subjectless_will(p: Probe) -> Optional[Verdict]:
    """"Will write a short summary for the list": the reporter's own promise."""
    return (True, "commitment") if _SUBJECTLESS_WILL.match(p.rest) else None


def _need(p: Probe) -> Optional[Verdict]:
    """"We need to ...", "let's ...", "we should ..." stated in the notes (not by a speaker)."""
    return (True, "need") if (_NEED.search(p.rest) or _WE_SHOULD.match(p.rest)) and not p.speaker else None


def _imperative(p: Probe) -> Optional[Verdict]:
    """An imperative bullet, not a past report, a Title Case topic or "X is ..."."""
    r = p.rest
    if p.line.kind == "bullet" and _IMPERATIVE.match(r) and not (_PAST.match(r) or _TITLE_CASE.match(r)
                                                                  or _NOUN_SUBJECT.match(r)):
        return True, "imperative"
    return None


def _list_item(p: Probe) -> Optional[Verdict]:
    """An item of a list that "TODO:" or "Goals before the next meeting:" introduces."""
    return (True, "list") if p.under_list_intro and p.line.kind == "bullet" else None


class Check(NamedTuple):
    name: str
    run: Callable[[Probe], Optional[Verdict]]


#: The decision, in order: the first check with a verdict decides.
CHECKS: Tuple[Check, ...] = tuple(Check(name, run) for name, run in (
    ("not-content", _not_content),
    ("done-checkbox", _done_checkbox),
    ("open-checkbox", _open_checkbox),
    ("bare-label", _bare_label),
    ("marker", _marker),
    ("topic-title", _topic_title),
    ("inline-marker", _inline_marker),
    ("attendance-or-agenda", _attendance_or_agenda),
    ("actions-section", _actions_section),
    ("review-assigned", _review_assigned),
    ("hard-negative", _hard_negative),
    ("speaker-negative", _speaker_negative),
    ("progress", _progress),
    ("issue-title", _issue_title),
    ("volunteer", _volunteer),
    ("speaker-commits", _speaker_commits),
    ("named-will", _named_will),
    ("decision", _decision),
    ("agent-or-ship", _agent_or_ship),
    ("commitment", _commitment),
    ("procedure", _procedure),
    ("request", _request),
    ("arrow", _arrow),
    ("opinion", _opinion),
    ("meeting-activity", _meeting_activity),
    ("background", _background),
    ("concluded", _concluded),
    ("subjectless-will", _subjectless_will),
    ("need", _need),
    ("imperative", _imperative),
    ("list-item", _list_item),
))


def decide(line: Line, under_list_intro: bool = False, attributed: bool = False) -> Tuple[bool, str, str]:
    """``(is_action, cue, check)``: :func:`classify`'s verdict and the name of the check that gave it ("" when none
    did)."""
    p = probe(line, under_list_intro, attributed)
    for check in CHECKS:
        verdict = check.run(p)
        if verdict is not None:
            return verdict[0], verdict[1], check.name
    return False, "", ""


def classify(line: Line, under_list_intro: bool = False, attributed: bool = False) -> Verdict:
    """``(is_action, cue)`` for one line (or one sentence of a wrapped item) of meeting notes.

    ``under_list_intro``: the line is an item of a list that a line such as "TODO:" or "Goals before the next
    meeting:" introduces. ``attributed``: the line is a detail under a speaker's bullet ("Kim: ..."), so an
    imperative or "we need" there is that speaker's proposal, not a recorded task.
    """
    is_action, found, _ = decide(line, under_list_intro, attributed)
    return is_action, found


def task_text(line_body: str) -> str:
    """The action without its marker and bullet: what is to be done."""
    body = strip_markup(line_body)
    body = MARKER.sub("", body, count=1)
    return re.sub(r"\s+", " ", body.strip(" *_")).strip()
