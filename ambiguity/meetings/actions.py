"""Is this line an action item, and if so: who owns it, what is to be done, and by when?

Line-level cues, most specific first: explicit markers (``Action:``, ``**ACTION**:``, ``AI:``, ``TODO:``, ``- [ ]``),
a line under an "Action items" / "Next steps" heading, a commitment ("X to do Y", "@x will ...", "X volunteered
to ...", "I'll ..."), a request for review or help, an imperative bullet. Hard negatives are checked before the weak
cues: headings, attendance lists, questions, reports of past work, conditional invitations, carry-overs, forecasts.
"""
from __future__ import annotations

import re
from typing import Optional, Tuple

from .segment import Line

# -- cues ---------------------------------------------------------------------------------------------------------
_MARKER = re.compile(
    r"^(?:\*\*|__)?\s*(?:action(?:\s+items?)?|actions|ai|todo|to-?do|follow[- ]?up|next(?:\s+steps?)?|owner|"
    r"assigned)\s*(?:\*\*|__)?\s*(?:\([^)]*\)\s*)?[:\-–—,]\s*(?:\*\*|__)?\s*(?=\S)",
    re.I,
)
_INLINE_MARKER = re.compile(r"\(\s*action\s*\)|\baction item\b|\[action\]|\bACTION\b|\bAI\s*:|\bTODO\b")
_NAME = r"(?-i:@\*\*[^*]+\*\*|@[\w.-]+|\[?@?[A-Z][\w'.-]*\]?(?:\s[A-Z](?:[\w'.-]+|\b))?)"
_NAMES = rf"{_NAME}(?:\s*(?:,|/|&|\band\b)\s*{_NAME})*"
_VAGUE_SUBJ = r"(?:we|someone|somebody|anyone|everyone|everybody|the team|team|tbd|tba|all|people|they|one of us)"
_ROLE = (r"(?:the\s+)?(?:[a-z-]+\s+)?(?:author|vendor|client|customer|chair|lead|manager|pm|owner|maintainers?|"
         r"secretary|supplier|contractor|sponsor|facilitator|reviewer|release (?:team|manager)|"
         r"(?:[A-Z][\w-]*\s+)?(?:team|wg|working group|committee|board|group|squad))")
_MODAL = r"(?:will|'ll|to|shall|must|should|is going to|are going to|needs? to|has to|have to|is to|are to|can|would)"
_COMMIT = re.compile(
    rf"^(?P<who>{_NAMES}|{_ROLE}|{_VAGUE_SUBJ})\s*,?\s+(?P<modal>{_MODAL})\s+(?:also\s+|then\s+|first\s+|now\s+)?"
    rf"(?P<verb>[a-z]+)",
    re.I,
)
_VOLUNTEER = re.compile(
    r"\b(?:volunteer(?:ed|s)?|agreed|offered|promised|committed|(?:has|have|took|takes)(?: an| the)? action|"
    r"(?:was|is|were|are|got|been) assigned|signed up|will take (?:this|it) on|is on the hook) to\b"
    r"|\b(?:has|have|took|takes) (?:an |the )?action\b|\bassigned to\s+@|\bI(?:'|’|\.)ll\b|\bI will\b|"
    r"\bI(?:'m| am) (?:planning|going|happy|volunteering) to\b|\bI volunteer\b|\bI can take\b|\bI might have to\b",
    re.I,
)
_SPEAKER = re.compile(rf"^(?:\[name=(?P<n1>[^\]]+)\]|\((?P<n2>[A-Z][\w ]+)\)|(?P<n3>{_NAMES})\s*:|"
                      r"(?-i:(?P<n4>[A-Z][a-z]+)),\s+(?!(?:[A-Z][a-z]+\s*(?:,|and\b|&|/)|and\b|[A-Z][a-z]+ (?:to|will)\b)))"
                      r"\s*")
#: Capitalised words that open a sentence with a comma but are not a speaker ("However, ...").
_DISCOURSE = {"however", "also", "then", "so", "yes", "no", "ok", "okay", "now", "next", "first", "second", "third",
              "finally", "again", "otherwise", "meanwhile", "instead", "thus", "therefore", "still", "today",
              "tomorrow", "overall", "anyway", "well", "currently", "additionally", "ideally", "unfortunately",
              "basically", "generally", "meantime", "later", "here", "there", "thanks", "sorry", "agreed", "sure",
              "again", "previously", "recently", "otherwise", "similarly", "alternatively", "personally", "historically"}
_REQUEST = re.compile(
    r"\b(?:would (?:like|appreciate|love) (?:some |more |a )?(?:reviews?|feedback|input|eyes|help|comments)|"
    r"help need(?:ed)?|needs? (?:a |more |some |additional |further |another )?(?:reviews?|help|reviewers?|eyes|"
    r"feedback|input)\b|"
    r"looking for (?:someone|somebody|volunteers?|a volunteer|help|people|reviewers?|more input|input|feedback)\b|"
    r"waiting (?:for|on) (?:a |more )?(?:reviews?|reviewers?|feedback)\b|"
    r"\bask(?:s|ed|ing)? (?:for )?(?:\w+ ){0,3}to (?:review|comment|look|weigh in|test)\b|"
    r"(?:reviews?|input|feedback|comments|help)\b[^.]{0,60}\b(?:is|are) (?:very |most |more than )?welcome|"
    r"please (?:review|take a look|have a look|look|comment|weigh|check|chime|read|vote|add|update|fill|send|propose)|"
    r"can be reviewed|ready for (?:a )?(?:second |another |final |more )?(?:review|comments|feedback)|\bPTAL\b|"
    r"^please\b|\bplease\W*$|(?:^|\s)cc:?\s+@|^cc:?\s+\S|^asked (?:the )?\w+ (?:to|for)\b)",
    re.I,
)
#: A reviewer assigned in a triage agenda: "assigned review to @kim", "review is assigned to Niko, re-roll?".
_REVIEW_ASSIGN = re.compile(r"\bassigned (?:the )?review to\b|\bassigned @\S+ as reviewer|\breview is assigned to\b|"
                            r"\brerolled to\b", re.I)
#: "Kylie responded and Michael will follow up", "@adrin creates that": a named person's task mid-sentence.
_NAMED_WILL = re.compile(rf"(?:\band|[,;.])\s+(?P<who>{_NAMES})\s+(?:will|is going to) "
                         r"(?!be\b|have\b|see\b|probably\b)[a-z]+"
                         r"|(?:^|[.?!]\s+)@[\w.-]+ (?!(?:is|was|has|says|thinks|mentions|notes|agrees|believes|"
                         r"suggests|asks|wants|likes|feels|reports|explains|proposes|points|seems|needs)\b)"
                         r"[a-z]+s (?:the|that|it|a|an|this)\b")
#: A recorded decision that names work: "Decision: change the name", "**Conclusion**: book the rooms early".
_DECISION_LABEL = re.compile(r"^(?:decision|conclusion|resolution|outcome|agreed|consensus)\s*:\s*", re.I)
#: Standing requests in a triage template: "New proposals (take a look, ...)", "Open votes (check your boxes!)".
_TEMPLATE_REQUEST = re.compile(r"\((?:[^)]*,\s*)?(?:take a look|check your boxes|make sure you)", re.I)
_NEED = re.compile(
    r"^(?:we |also )*(?:still )?(?:need|needs) to\b|^let'?s\b|\blet'?s (?:try|bring|do|make|move|get|open|add|"
    r"create|fix|update|ask|start|plan|schedule|follow|reach|discuss|revisit|aim)\b|\bwe(?:'ll| will) (?!be\b|have\b|"
    r"see\b|discuss\b|talk\b|meet\b|continue to discuss)\[?\w+|"
    r"\b(?:needs? to|should) (?:still )?be (?:addressed|done|fixed|updated|reviewed|documented|investigated|"
    r"decided|resolved|followed up|prepared|written|discussed on|merged|added|created|published|sent|announced)|"
    r"\bwe (?:also )?(?:still )?need (?:to|a|an)\b|\bneed to run\b|"
    r"\bremember to\b|\bnext step is to\b|\bplan(?:s|ned)? to\b|^plan\s*:|^resolution\s*:|"
    r"\b(?:resolution|decision|conclusion|consensus|outcome)(?: is| was)? to [a-z]+|"
    r"^needs? (?:an? |more |some )?(?!to\b|discussion|thought)[a-z]+|\bthe plan is to\b",
    re.I,
)
_IMPERATIVE = re.compile(
    r"^(?:(?:and )?then |also |first |next |finally )?(?!open (?-i:[A-Z])|close to\b)"
    r"(?:add|create|update|extend|join|open|implement|work on|make sure|start|draw|gather|collect|take|"
    r"continue|bring|write|fix|send|check|investigate|follow up|ping|reach out|schedule|ask|draft|prepare|"
    r"document|remove|file|look into|look at|run|circulate|share|contact|organi[sz]e|consider|set up|publish|post|"
    r"nominate|rename|deprecate|clean up|define|figure out|find|propose|tag|label|archive|close|invite|book|email|"
    r"confirm|clarify|coordinate|discuss|reach|submit|deliver|review|merge|move|migrate|test|try|get|keep|"
    r"finali[sz]e|complete|finish|assign|write up|sync|align|evaluate|benchmark|identify|reply|respond|request|"
    r"draft|announce|communicate|set|drop|revert|backport|release|plan|go|make (?:a|an|it|them|this|that)|"
    r"call for|explore|"
    r"improve|resolve|launch|spin up|narrow down|verify|ensure)(?=[ \t]|-up\b)"
    r"(?!\s+(?:of|for the agenda|was|is|has|on|regarding|about|from|schedule|notes?|candidates?|process|branch|"
    r"date|team|manager|cycle)\b)",
    re.I,
)
#: A task recorded mid-paragraph as an outcome: "We concluded that we should ask the vendor about ...".
_CONCLUDED = re.compile(r"\b(?:concluded|agreed|decided|resolved|settled on)(?:\s+\w+){0,2}\s+that\s+"
                        r"(?:we|the team|\w+)\s+(?:should|will|would|need to|must|are going to)\s+(?!be\b)\w+", re.I)
#: An unattributed "we should <verb>" stated in the notes (not by a speaker): a recorded intention.
_WE_SHOULD = re.compile(r"^(?:so |then |and )?we (?:should|must) (?:also |still |now |probably |really )?(?:try to )?"
                        r"(?!be\b|have\b|not\b|consider\b|think\b|see\b|discuss\b|talk\b|probably\b)[a-z]+\b", re.I)
#: A subjectless promise by the person reporting: "Will write a short summary ...", "Will send the slides".
_SUBJECTLESS_WILL = re.compile(r"^(?:(?:once|when|after)\b[^,]{1,60},\s*)?(?:will|'ll|going to) "
                               r"(?!not\b|be\b|have\b|see\b|discuss\b|talk\b|probably\b|likely\b)[a-z]+", re.I)
#: A task after an arrow: "`resampler` SLEP -> update based on review", "docs -> need to be drafted".
_ARROW = re.compile(r"\s(?:->|→|=>)\s*(?P<task>\S.*)$")
#: A decision to ship mid-line: "no objections, will land by end of week", "... we'll move forward and land it".
_WILL_SHIP = re.compile(r"[,;]\s*(?:we(?:'ll| will) |will )(?:move forward and )?(?:land|merge|release|ship|publish|"
                        r"open|send|file|cut)\b", re.I)
#: A whole line in bold, a few words long: a topic title.
_BOLD_TOPIC = re.compile(r"^(?:\*\*|__)(?:(?!\*\*|__).){1,60}(?:\*\*|__)\s*:?\s*$")
#: "Backport PR to v14.x is open": the first word starts a noun phrase that is the subject of a finite verb.
_NOUN_SUBJECT = re.compile(r"^(?!(?:check|make sure|ensure|verify|confirm|see|find out|figure out|test|decide|"
                           r"determine|ask|note|document|announce|clarify|double-check)\b)"
                           r"\w+(?: [\w.#/-]+){0,5} (?:is|are|was|were|has been|have been)\b", re.I)
#: Passive with a named agent: "extra runners will be provisioned by Lena/Marek".
_PASSIVE_AGENT = re.compile(rf"\bwill be \w+(?:ed|en|t) by (?:{_NAMES})", re.I)
#: A bullet whose verb is a meeting activity is an agenda entry ("Discuss the retention policy", "Plan the rollout").
_MEETING_ACTIVITY = re.compile(r"^(?:discuss|plan(?! to\b)|talk about|decide|go over|present|introduce|brainstorm|recap)\b",
                               re.I)
#: Progress reports: "Continuing with ...", "Working on ...".
_PROGRESS = re.compile(r"^(?:continuing|working|still working|looking into|investigating|finali[sz]ing|updating|"
                       r"making progress|progressing|ongoing)\b", re.I)
#: A status remark about remaining work, not a task: "the part that needs to be done is the export ...".
_REMAINING = re.compile(r"\b(?:that|what|which) (?:still )?needs? to be done is\b|\bremaining (?:work|thing) is\b",
                        re.I)
#: A hedged need is a forecast: "might need help from someone who knows the build".
_HEDGED = re.compile(r"\b(?:may|might|could) (?:also )?need\b", re.I)
#: Standing guidance, not a task: "Please do not paste secrets ...".
_GUIDANCE = re.compile(r"^(?:please )?(?:do not|don't|never|avoid)\b", re.I)
#: A bare list label: "TODO:", "Action items:" (its items are the tasks).
_BARE_LABEL = re.compile(r"^\W*(?:todo|to-?do|action items?|actions?|next steps?|follow[- ]?ups?|ais?)\s*:?\W*$", re.I)
#: An issue or PR reference at the end of a line: the line is the item's title ("Rename X [#123](...)").
_TRAILING_REF = re.compile(r"(?:\[[^\]]*\]\(https?://[^)]*/(?:issues|pull|pulls|merge_requests)/\d+[^)]*\)|"
                           r"\[#\d+\]\([^)]*\)|(?<![\w/])#\d+|<?https?://\S+/(?:issues|pull)/\d+\S*?>?)\W*$")
#: Deferral, not a task: "let's let it rest for now", "let's wait".
_DEFER = re.compile(r"\blet'?s (?:let it|wait|leave (?:it|this)|hold off|not\b|table|park|sleep on|"
                    r"discuss\W*$|discuss (?:it |this )?(?:another time|later|next)|talk about|"
                    r"leave (?:it |this )?on (?:the )?agenda)", re.I)
#: A short Title Case bullet is a topic heading ("Release Tooling Updates"), not an imperative.
_TITLE_CASE = re.compile(r"^(?:[A-Z][\w.+/-]*\s*){1,6}$")
#: Word endings of common nouns and gerunds: "Proposal to create ...", "Nominating X to ...", "Motivation to switch".
_NOUNISH = re.compile(r"(?:ing|tion|sion|ment|ness|ance|ence|ity|ship|osal)$")
# -- hard negatives -------------------------------------------------------------------------------------------------
_PAST = re.compile(
    r"^(?:[A-Z][\w.-]*\s+)?(?:has |have |had )?"
    r"(?i:had to|merged|landed|released|fixed|added|finished|completed|shipped|"
    r"reviewed|presented|discussed|reported|mentioned|said|noted|explained|shared|worked|was|were|did|gave|"
    r"showed|demoed|closed|opened|updated|submitted|sent)\b",
)
_CONDITIONAL = re.compile(r"^(?:if|when|whenever|in case|should you)\b", re.I)
_CARRY = re.compile(
    r"\b(?:roll(?:ed)? over|carr(?:y|ied) over|discuss(?:ed)? (?:again|further|it) (?:next|at|in)|skip until|"
    r"(?:will|to) be discussed (?:next|at|in)|remove(?:d)? (?:the )?(?:\S+ )?label|next meeting\s*:|"
    r"no (?:action items?|actions?|updates?)|nothing (?:to report|new)|revisit(?: it| this| that)? (?:next|at|in|later|"
    r"another)|(?:delay(?:ed)?|defer(?:red)?|push(?:ed)?|moved?) (?:it |this )?(?:to|until) (?:the )?next|"
    r"(?:discuss|talk about)(?: it| this)? (?:another time|later)|(?:take|taking|took|remove|removing) (?:it |this )?"
    r"off (?:the )?agenda|defer(?:red)? (?:further |the )?discussion)\b",
    re.I,
)
_FORECAST = re.compile(r"\b(?:should (?:happen|land|be ready)|likely|probably|expected to|is hoped|hope is|"
                       r"to come(?!\s+(?:back|up|with|to|and|in|over)\b))\b", re.I)
_CANCELLED = re.compile(r"\b(?:cancel(?:l)?ed|no meeting|postponed)\b", re.I)
_LINK_DEF = re.compile(r"^\[[^\]]+\]:\s*\S+")
#: An agenda entry: an issue or PR title followed by its link ("Rename the legacy queue [#4411](...)").
_ISSUE_TITLE = re.compile(r"(?:\[#\d+\]\([^)]*\)|\(#\d+\)|#\d+|\?)\W*$")
_LINK_ONLY = re.compile(r"^\W*(?:\[[^\]]*\]\([^)]*\)|<?https?://\S+>?|#\d+)\W*$")


def classify(line: Line, under_list_intro: bool = False, attributed: bool = False) -> Tuple[bool, str]:
    """``(is_action, cue)`` for one line (or one sentence of a wrapped item) of meeting notes.

    ``under_list_intro``: the line is an item of a list that a line such as "TODO:" or "Goals before the next
    meeting:" introduces. ``attributed``: the line is a detail under a speaker's bullet ("Kim: ..."), so an
    imperative or "we need" there is that speaker's proposal, not a recorded task.
    """
    if line.kind in {"heading", "blank"}:
        return False, ""
    body = _strip_markup(line.body).replace("\u2019", "'")
    if not body or _LINK_ONLY.match(body) or _LINK_DEF.match(body):
        return False, ""
    if line.checkbox == "x":
        return False, ""  # a ticked box records work already done
    if line.checkbox == " ":
        return True, "checkbox"
    if _BARE_LABEL.match(body):
        return False, ""  # "TODO:" alone introduces the tasks below it
    if _MARKER.match(body) and not re.match(r"^(?:next|owner|assigned)\b", body, re.I) or _MARKER_STRICT(body):
        return (not _CARRY.search(body)), "marker"
    if (_BOLD_TOPIC.match(line.body) and len(body.split()) <= 6 and not re.search(
            r"\b(?:to|will|'ll|please|need|needs|should|must)\b|:", body, re.I)) or re.match(r"how to\b", body, re.I):
        return False, ""  # a bold topic title ("**JAX support**") or a how-to title
    if _INLINE_MARKER.search(line.body):
        # "Added an action item on the board" reports one; "what's the action item?" asks
        return not (_PAST.match(body) or body.rstrip().endswith("?")), "marker"
    if line.section_kind in {"attendance", "agenda"} and not _VOLUNTEER.search(body):
        return False, ""
    if line.section_kind == "actions":
        return (not _CARRY.search(body) and not re.match(r"^(?:none|n/a|-+|tbd)\.?$", body, re.I)), "section"
    if _REVIEW_ASSIGN.search(body):
        return True, "request"  # a reviewer assigned in a triage agenda, even with a "reroll?" after it
    if body.rstrip().endswith("?") or _CONDITIONAL.match(body) or _CARRY.search(body) or _FORECAST.search(body):
        return False, ""
    if _GUIDANCE.match(body) or _REMAINING.search(body) or _HEDGED.search(body):
        return False, ""
    speaker = _speaker(body)
    rest = body[speaker.end():] if speaker else body
    inline = bool(speaker and (speaker.group("n3") or speaker.group("n4")))
    if _CONDITIONAL.match(rest) or _GUIDANCE.match(rest) or _DEFER.search(rest):
        return False, ""
    if _PROGRESS.match(rest) and not _VOLUNTEER.search(body):
        return False, ""
    if _TRAILING_REF.search(body) and not (_VOLUNTEER.search(body) or _REQUEST.search(rest)
                                           or _NEED.search(rest) or _commitment(rest)):
        return False, ""  # an agenda entry: an issue or PR title with its link
    if _VOLUNTEER.search(body):
        return True, "volunteer"
    if speaker and re.match(r"to [a-z]+\b", rest) and not re.match(r"to (?:be|me|us|them|do so)\b", rest):
        return True, "commitment"  # "Thomas: to send the reminder"
    if speaker and _SUBJECTLESS_WILL.match(re.sub(r"^[\w ]{1,20},\s*(?=will\b)", "", rest)):
        return True, "commitment"  # "James: will document the option", "Jeremiah: Streams, will hold a session"
    if _NAMED_WILL.search(rest):
        return True, "commitment"
    decided = _DECISION_LABEL.match(rest)
    if decided and (_IMPERATIVE.match(rest[decided.end():]) or _NEED.search(rest[decided.end():])):
        return True, "need"
    if _PASSIVE_AGENT.search(rest) or _WILL_SHIP.search(rest):
        return True, "commitment"
    m = _commitment(rest)
    if m:
        if speaker and re.match(_VAGUE_SUBJ, m.group("who"), re.I) and m.group("modal").lower() != "'ll":
            return False, ""  # an opinion in a discussion: "Dana: we need a security team"
        if m.group("modal").lower() in {"can", "would", "should"} and not speaker:
            return False, ""
        return True, "commitment"
    if _REQUEST.search(rest) or _TEMPLATE_REQUEST.search(rest):
        return True, "request"
    arrow = _ARROW.search(rest)
    if arrow and (_IMPERATIVE.match(arrow.group("task")) or re.match(r"needs?\b|to [a-z]+\b", arrow.group("task"))):
        return True, "need"
    if inline or attributed:
        return False, ""  # a speaker's proposal or opinion ("Omar: update the install guide ...")
    if line.kind == "bullet" and line.section_kind in {"discussion", "agenda"} and _MEETING_ACTIVITY.match(rest):
        return False, ""
    if line.section_kind == "background":
        return False, ""  # a design document's Motivation / Background: no outcome of the meeting
    if _CONCLUDED.search(rest):
        return True, "need"
    if _SUBJECTLESS_WILL.match(rest):
        return True, "commitment"
    if (_NEED.search(rest) or _WE_SHOULD.match(rest)) and not speaker:
        return True, "need"
    if line.kind == "bullet" and _IMPERATIVE.match(rest) and not _PAST.match(rest) and not _TITLE_CASE.match(rest) \
            and not _NOUN_SUBJECT.match(rest):
        return True, "imperative"
    if under_list_intro and line.kind == "bullet":
        return True, "list"
    return False, ""


def _commitment(rest: str):
    """"X to do Y", "X will do Y" with X a person, handle, role or vague subject (not "Proposal to create ...")."""
    m = _COMMIT.match(rest)
    if not m or _PAST.match(rest):
        return None
    if m.group("verb").lower() in {"be", "have", "discuss", "talk", "meet", "think", "see", "like", "need", "know",
                                   "not"}:
        return None
    first = m.group("who").split()[0].strip("[]@*,").lower()
    vague = re.fullmatch(_VAGUE_SUBJ, m.group("who").strip(), re.I)
    if not vague and not m.group("who").startswith("@") and (first in _NOT_NAMES or first in _DISCOURSE
                                               or _NOUNISH.search(first) or _IMPERATIVE.match(first + " x")):
        return None
    return m


def inline_speaker(body: str) -> bool:
    """True when ``body`` opens with an inline speaker turn ("Dana: ...", "Sam, ..."), not a "[name=X]" topic tag."""
    m = _speaker(body)
    return bool(m and (m.group("n3") or m.group("n4")))


def starts_item(body: str) -> bool:
    """True when a line opens its own item (a marker such as "Action:" or a speaker turn), even without a bullet."""
    body = _strip_markup(body)
    return bool(_MARKER.match(body) or _MARKER_STRICT(body) or _speaker(body))


def speaker_of(body: str):
    """The speaker prefix match of ``body`` (see :func:`_speaker`), or None."""
    return _speaker(body)


def _speaker(body: str):
    """A speaker prefix ("Dana:", "[name=X]", "(Noor)") unless the "name" is a label such as "Plan:"."""
    m = _SPEAKER.match(body)
    if m:
        name = (m.group("n1") or m.group("n2") or m.group("n3") or m.group("n4") or "").strip("[]@* ")
        if not name or name.split()[0].lower() in _NOT_NAMES or name.lower() in _LABELS:
            return None
        if m.group("n4") and (name.lower() in _DISCOURSE or name.lower().endswith("ly")):
            return None
    return m


_LABELS = {"plan", "resolution", "decision", "outcome", "conclusion", "status", "note", "update", "question",
           "proposal", "summary", "context", "background", "link", "result", "results", "goal", "goals", "scope"}


def _MARKER_STRICT(body: str) -> bool:
    return bool(re.match(r"^(?:next|owner|assigned)\s*:\s*\S", body, re.I))


def _strip_markup(text: str) -> str:
    text = re.sub(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)", r"\1", text)
    return text.strip()


# -- owner ----------------------------------------------------------------------------------------------------------
_VAGUE_OWNER = re.compile(rf"^(?:{_VAGUE_SUBJ}|let'?s|us|the group|the parties|both parties)$", re.I)
_HANDLE = re.compile(r"@\*\*([^*]+)\*\*|(?<![\w.])@([A-Za-z][\w.-]*\w)")
_TRAIL_NAME = re.compile(r"\((?:maybe |perhaps |probably )?([a-z][\w-]{1,20}(?:/[a-z][\w-]{1,20})*)"
                         r"(?:,? (?:perhaps|maybe))?\??\)\s*\W*$")
_BY_AGENT = re.compile(rf"\b(?:by|from)\s+({_NAMES})\b")
_NOT_NAMES = {
    "the", "a", "an", "this", "that", "these", "those", "it", "we", "i", "you", "they", "he", "she", "please", "action",
    "actions", "todo", "next", "also", "all", "someone", "somebody", "everyone", "team", "tbd", "tba", "let's", "lets",
    "need", "needs", "plan", "resolution", "decision", "agreed", "note", "notes", "help", "would", "reviews", "input",
    "create", "add", "update", "discuss", "open", "there", "people", "ai", "follow", "new", "old", "pending", "things",
    "remember", "once", "if", "when", "cc", "owner", "first", "second", "one", "nothing", "ask", "asked", "make",
    "ptal", "lgtm", "fyi",
}


def owner_of(line_body: str, cue: str = "") -> Tuple[Optional[str], str]:
    """The owner an action item names and its kind (person, handle, role, team), or ``(None, "none")``."""
    body = _strip_markup(line_body)
    body = _MARKER.sub("", body, count=1).strip()
    if body.startswith("**") and body.endswith("**"):
        body = body[2:-2].strip()  # a bold item; a bold handle at the end ("cc @**kim**") keeps its stars
    speaker = _speaker(body)
    if speaker:
        name = speaker.group("n1") or speaker.group("n2") or speaker.group("n3") or speaker.group("n4")
        rest = body[speaker.end():]
        if re.match(r"(?:I\b|I'|I’|me\b|my\b)", rest) or (
            not re.match(rf"{_VAGUE_SUBJ}\b|let'?s\b", rest, re.I)
            and cue in {"marker", "section", "checkbox", "imperative", "commitment", "list"}
        ) or cue == "volunteer" or re.match(r"(?:to [a-z]+|will\b|'ll\b|plans? to\b|is going to\b)", rest):
            return _kind(name.strip())
        body = rest
    m = re.match(rf"^(?P<who>{_NAMES}|{_ROLE}|{_VAGUE_SUBJ}|let'?s)\b", body, re.I)
    if m:
        who = m.group("who").strip()
        first = who.split()[0].strip("[]@*").lower()
        following = body[m.end():].lstrip(" ,")
        follows_commit = bool(re.match(rf"(?:{_MODAL}|volunteer|agreed|offered|plans?|planning|wants?|would like|"
                                       r"has|have|took|is|are|was|will|"
                                       r"and|,|:|—|–|-|\()", following, re.I))
        if _VAGUE_OWNER.match(who) or first in {"we", "someone", "somebody", "everyone", "all", "tbd", "people"}:
            handle = _HANDLE.search(body)
            if handle:
                return _kind("@" + (handle.group(1) or handle.group(2)))
            return None, "none"
        if _IMPERATIVE.match(who + " ") or (len(first) >= 5 and _NOUNISH.search(first) and not who.startswith("@")):
            first = "the"  # "Close and link ...", "Invite Timothy to ...", "Going to ...": not a name
        several = len(re.findall(r",|/|&|\band\b", who)) >= 1 and first not in _NOT_NAMES
        if first not in _NOT_NAMES and (follows_commit or several) and (who[0].isupper() or who.startswith(("@", "["))):
            return _kind(who)
        if re.match(_ROLE, who, re.I) and follows_commit and first in {"the"} | set():
            return _kind(who)
    handle = _HANDLE.search(body)
    if handle:
        return _kind("@" + (handle.group(1) or handle.group(2)))
    m = re.search(r"\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s*,?\s+(?:has|have|took)(?: an| the)? action\b", body) or \
        re.search(rf"\b({_NAMES})\s+(?:has |have |had )?(?:volunteered|agreed|offered|promised|committed)\b", body)
    if m and m.group(1).split()[0].lower() not in _NOT_NAMES:
        return _kind(m.group(1))
    m = re.search(r"(?<![\w@])([a-z][a-z0-9_-]{1,20})\s+(?:has |have )?(?:volunteered|agreed|offered|signed up)\b", body)
    if m and m.group(1) not in _NOT_NAMES and m.group(1) not in _LOWER_NOT_NAMES:
        return _kind(m.group(1))  # a lower-case handle: "ines has volunteered to chair the calls"
    m = _NAMED_WILL.search(body)
    if m and m.group("who") and m.group("who").split()[0].strip("@*[").lower() not in _NOT_NAMES:
        return _kind(m.group("who"))  # "Kylie responded and Michael will follow up"
    m = re.search(r"\b(?:assigned|rerolled)(?: (?:the )?review)? to\s+(@\*\*[^*]+\*\*|@[\w.-]+|[A-Z][\w.-]+)", body)
    if m:
        return _kind(m.group(1).replace("**", ""))
    m = _TRAIL_NAME.search(body)
    if m:
        return _kind(m.group(1))
    m = _BY_AGENT.search(body)
    if m and m.group(1).split()[0].strip("@*[").lower() not in _NOT_NAMES and re.search(r"\bwill be \w+ed by\b",
                                                                                        body):
        return _kind(m.group(1))
    m = re.search(r"\b(the (?:\w+ )?(?:author|vendor|client|chair|release team|maintainers?))\b", body, re.I)
    if m and re.search(r"\bask(?:ed)? " + re.escape(m.group(1)), body, re.I):
        return _kind(m.group(1))
    return None, "none"


_LOWER_NOT_NAMES = {"who", "and", "or", "also", "then", "so", "has", "have", "had", "already", "everyone", "nobody",
                    "anyone", "someone", "team", "people", "us", "them", "he", "she", "they", "we", "i", "you",
                    "group", "members", "folks", "somebody", "but", "just", "finally", "kindly", "later"}


def _kind(name: str) -> Tuple[str, str]:
    name = name.strip(" ,:*[]")
    if name.startswith("@"):
        return name, "handle"
    if re.search(r"\b(?:team|wg|working group|committee|board|group|squad)$", name, re.I):
        return name, "team"
    if re.match(_ROLE + "$", name, re.I):
        return name, "role"
    return name, "person"


def task_text(line_body: str) -> str:
    """The action without its marker and bullet: what is to be done."""
    body = _strip_markup(line_body)
    body = _MARKER.sub("", body, count=1)
    return re.sub(r"\s+", " ", body.strip(" *_")).strip()
