"""A learned line classifier for action items in meeting notes.

Each candidate line (not blank, not a heading) becomes a row ``(text, features)``: the line's words for TF-IDF n-grams
and a dict of small, pure features of the line and its context (section kind, list depth, marker, checkbox, speaker
turn shape, previous / next line, continuation, @handle, URL / issue reference, question mark, spaCy's first-token
POS, tense, modal and subject) plus what the hand-written cues of :mod:`.actions` say about the line. The estimator is
stock scikit-learn (``DictVectorizer`` + ``TfidfVectorizer`` -> ``LogisticRegression``, fixed seed), trained on the
notes written for this project in ``corpus/meetings`` (``python -m ambiguity.meetings.train``) and saved with skops in
``models/meetings`` (:func:`ambiguity.model.persist.save`); :func:`load` reads it against the type allowlist of
:mod:`ambiguity.model.persist`, with its own ``meta.json`` check (persist's ``load`` accepts only the main model).

Owner and due date stay with the cues (:func:`.actions.owner_of`, :func:`.dates.due_date`): on the tune half of the
real-minutes benchmark they beat a small model (see ``docs/meetings.md``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple

from .actions import (_BARE_LABEL, _HANDLE, _INLINE_MARKER, _MARKER, _MARKER_STRICT, _TRAILING_REF, _strip_markup,
                      inline_speaker, owner_of, speaker_of, starts_item, task_text)
from .dates import due_date
from .model import ActionItem
from .segment import Line

if TYPE_CHECKING:
    from .notes import MeetingNotes

SEED = 13
#: The shipped model folder (``model.skops`` + ``meta.json``).
DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "models" / "meetings"
if not (DEFAULT_MODEL / "model.skops").is_file():  # a wheel install: setup.cfg data_files
    DEFAULT_MODEL = Path(sys.prefix) / "share" / "ambiguity" / "models" / "meetings"
LABEL = "action"

_URL = re.compile(r"https?://\S+")
_ISSUE = re.compile(r"(?<![\w/])#\d+|/(?:issues|pull|pulls)/\d+")
_NUMBER = re.compile(r"\d+")
_FIRST_PERSON_FUTURE = re.compile(r"\bI(?:'|’)ll\b|\bI will\b|\bI(?:'m| am) (?:going|planning|happy) to\b|"
                                  r"\bI can (?:take|do|look|review|send|write)\b", re.I)
_WE = re.compile(r"^(?:so |and |then |also )?(?:we|let'?s|us)\b", re.I)
_X_TO = re.compile(r"^(?:\W*[A-Z@][\w.'-]*(?:\s+(?:and|&|/)?\s*[A-Z@][\w.'-]*){0,3}|the \w+(?: \w+)?)\s+to\s+[a-z]+")
_TABLE = re.compile(r"^\s*\|")
_LIST_INTRO_END = re.compile(r":\s*$")
_TITLE_CASE = re.compile(r"^(?:[A-Z0-9][\w.+/&'-]*\s*){1,6}$")
#: Binary features of a line's body: (feature name, test); ``match`` anchors at the start, ``search`` anywhere.
_BODY_CUES = (
    ("handle", _HANDLE.search), ("i_future", _FIRST_PERSON_FUTURE.search), ("we_subject", _WE.match),
    ("x_to_verb", _X_TO.match), ("url", _URL.search), ("issue_ref", _ISSUE.search),
    ("trailing_ref", _TRAILING_REF.search),
)


# -- features -------------------------------------------------------------------------------------------------------
def norm_text(body: str) -> str:
    """The line's words for the n-grams: lower case, URLs, issue numbers, handles and digits folded."""
    t = _URL.sub(" URL ", body)
    t = _ISSUE.sub(" ISSUE ", t)
    t = _HANDLE.sub(" HANDLE ", t)
    t = _NUMBER.sub("0", t)
    return re.sub(r"\s+", " ", t).strip().lower()


def shape_features(lines: List[Line], i: int) -> Dict[str, float]:
    """Features of line ``i`` from its own shape and its neighbours' (no parse)."""
    line = lines[i]
    body = _strip_markup(line.body)
    f: Dict[str, float] = {
        f"kind={line.kind}": 1.0,
        f"section={line.section_kind}": 1.0,
        f"depth={min(line.depth, 3)}": 1.0,
        f"checkbox={ {' ': 'open', 'x': 'done'}.get(line.checkbox, 'no') }": 1.0,
    }
    if _MARKER.match(body) or _MARKER_STRICT(body):
        f["marker_start"] = 1.0
    if _INLINE_MARKER.search(line.body):
        f["marker_inline"] = 1.0
    if _BARE_LABEL.match(body):
        f["bare_label"] = 1.0
    sp = speaker_of(body)
    if sp:
        f["speaker=" + ("tag" if (sp.group("n1") or sp.group("n2")) else "inline")] = 1.0
    for name, found in _BODY_CUES:
        if found(body):
            f[name] = 1.0
    if body.rstrip().endswith("?"):
        f["question"] = 1.0
    elif "?" in body:
        f["question_inside"] = 1.0
    if _LIST_INTRO_END.search(body):
        f["ends_colon"] = 1.0
    if _TABLE.match(line.text):
        f["table_row"] = 1.0
        if re.match(r"^\s*\|[\s:|-]+\|?\s*$", line.text):
            f["table_rule"] = 1.0
    if _TITLE_CASE.match(body) and len(body) < 50:
        f["title_case"] = 1.0
    n = len(body.split())
    f["len=" + ("1-3" if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else "21+")] = 1.0
    prev = lines[i - 1] if i > 0 else None
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    f[f"prev={prev.kind if prev else 'none'}"] = 1.0
    f[f"next={nxt.kind if nxt else 'none'}"] = 1.0
    if prev is not None and prev.kind in {"text", "bullet"}:
        pb = prev.body.rstrip()
        if pb.endswith(":"):
            f["prev_colon"] = 1.0
        if line.kind == "text" and not starts_item(line.content.strip()) and not pb.endswith((".", "!", "?", ":")):
            f["continuation"] = 1.0
        if line.kind == "text" and prev.kind == "bullet" and line.depth > prev.depth:
            f["bullet_wrap"] = 1.0
    if nxt is not None and nxt.kind == "bullet" and nxt.depth > line.depth:
        f["has_children"] = 1.0
    parent = _parent(lines, i)
    if parent is not None:
        pb = _strip_markup(parent.body)
        if inline_speaker(pb):
            f["parent_speaker"] = 1.0
        if pb.rstrip().endswith(":"):
            f["parent_colon"] = 1.0
        if _BARE_LABEL.match(pb):
            f["parent_label"] = 1.0
    return f


def _parent(lines: List[Line], i: int) -> Optional[Line]:
    """The nearest earlier bullet or paragraph line with a smaller depth (a nested bullet's parent)."""
    line = lines[i]
    if line.kind != "bullet":
        return None
    for j in range(i - 1, max(-1, i - 40), -1):
        ln = lines[j]
        if ln.kind == "heading":
            return None
        if ln.kind in {"bullet", "text"} and ln.depth < line.depth:
            return ln
        if ln.kind == "text" and line.depth == 0 and ln.text.rstrip().endswith(":"):
            return ln  # a paragraph that introduces a top-level list
    return None


def parse_features(doc: Any) -> Dict[str, float]:
    """Features from spaCy's parse of the line: first-token POS, root tense, modal, subject kind, passive."""
    f: Dict[str, float] = {}
    toks = [t for t in doc if not t.is_punct and not t.is_space]
    if not toks:
        return {"empty_parse": 1.0}
    first = toks[0]
    f[f"first_pos={first.pos_}"] = 1.0
    f[f"first_tag={first.tag_}"] = 1.0
    if first.tag_ == "VB":
        f["imperative"] = 1.0
    roots = [t for t in doc if t.dep_ == "ROOT"]
    root = roots[0] if roots else first
    f[f"root_tag={root.tag_}"] = 1.0
    modals = {t.lower_ for t in doc if t.tag_ == "MD"}
    for m in modals & {"will", "'ll", "should", "must", "can", "could", "would", "might", "may", "shall"}:
        f[f"modal={m.replace(chr(39), '')}"] = 1.0
    if modals:
        f["has_modal"] = 1.0
    if any(t.tag_ == "VBD" for t in toks[:4]):
        f["past_early"] = 1.0
    if any(t.dep_ in {"auxpass", "nsubjpass"} for t in doc):
        f["passive"] = 1.0
    subj = next((t for t in doc if t.dep_ in {"nsubj", "nsubjpass"} and t.head == root), None)
    if subj is None:
        f["subj=none"] = 1.0
    else:
        low = subj.lower_
        kind = ("i" if low == "i" else "we" if low in {"we", "us"} else "you" if low == "you" else
                "propn" if subj.pos_ == "PROPN" else "pron" if subj.pos_ == "PRON" else "noun")
        f[f"subj={kind}"] = 1.0
    if any(t.lower_ == "to" and t.i + 1 < len(doc) and doc[t.i + 1].tag_ == "VB" and t.i > 0
           and doc[t.i - 1].pos_ in {"PROPN", "NOUN"} for t in doc[:8]):
        f["noun_to_verb"] = 1.0
    if any(t.lemma_ in {"need", "want", "plan"} for t in toks[:6]):
        f["need_early"] = 1.0
    return f


def cue_features(item: Optional[ActionItem]) -> Dict[str, float]:
    """What the hand-written cues said about this line."""
    if item is None:
        return {"cue=none": 1.0}
    owner = "named" if item.has_owner else "none"
    return {"cue_action": 1.0, f"cue={item.cue or 'other'}": 1.0, f"cue_owner={owner}": 1.0}


Row = Tuple[str, Dict[str, float]]


def line_rows(lines: List[Line], cue_items: Dict[int, ActionItem], nlp: Any) -> Tuple[List[int], List[Row]]:
    """Indexes of the candidate lines and their ``(text, features)`` rows."""
    idx = [i for i, ln in enumerate(lines) if ln.kind not in {"heading", "blank"}]
    bodies = [_strip_markup(lines[i].body) or lines[i].content.strip() for i in idx]
    # the analyzer's own pipeline may be passed in: its ambiguity component adds nothing to these features
    skip = [name for name in ("ambiguity_ruler",) if nlp is not None and name in nlp.pipe_names]
    docs = list(nlp.pipe(bodies, batch_size=256, disable=skip)) if nlp is not None else [None] * len(idx)
    rows = []
    for i, body, doc in zip(idx, bodies, docs):
        feats = shape_features(lines, i)
        if doc is not None:
            feats.update(parse_features(doc))
        feats.update(cue_features(cue_items.get(lines[i].number)))
        feats.update({f"due={due_date(body, None).status}": 1.0})
        rows.append((norm_text(body), feats))
    return idx, rows


# -- estimator ------------------------------------------------------------------------------------------------------
def make_estimator(seed: int = SEED, c: float = 1.0):
    """An unfitted pipeline of stock parts: TF-IDF word n-grams + DictVectorizer -> LogisticRegression."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    features = ColumnTransformer([
        ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=r"[a-z0-9'@]+"), 0),
        ("features", DictVectorizer(), 1),
    ])
    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, random_state=seed)
    return Pipeline([("features", features), ("classify", clf)])


def as_matrix(rows: Sequence[Row]):
    import numpy as np

    out = np.empty((len(rows), 2), dtype=object)
    for k, (text, feats) in enumerate(rows):
        out[k, 0], out[k, 1] = text, feats
    return out


@dataclass
class LineClassifier:
    """A fitted line classifier, its threshold and its ``meta.json``; :meth:`actions` relabels a set of notes."""

    estimator: Any
    threshold: float
    meta: Dict[str, Any]
    nlp: Any = None
    #: "gate": a line is an action when the cues find one there AND the model scores it >= threshold (the cues
    #: propose, the model vetoes); "model": when the model scores it >= threshold, whatever the cues say; "cues": the
    #: model is not consulted (the shipped policy since the real-minutes labels grew; see train.MODE).
    mode: str = "gate"

    def probabilities(self, rows) -> List[float]:
        if not rows:
            return []
        return [float(p) for p in self.estimator.predict_proba(as_matrix(rows))[:, 1]]

    def _nlp(self):
        if self.nlp is None:
            from ..pipeline.loading import load_pipeline

            self.nlp = load_pipeline(exclude=("ner",))
        return self.nlp

    def actions(self, notes: "MeetingNotes") -> List[ActionItem]:
        """The action items of the notes (see :attr:`mode`); owner and due date from the cue's item on that line when
        there is one, else read from the line's sentence by the cues."""
        lines, cue_actions, path = notes.lines, notes.actions, notes.path
        anchor, anchor_source = notes.meeting_date, notes.date_source
        if self.mode == "cues":
            return list(cue_actions)
        by_line = {a.line: a for a in cue_actions}
        idx, rows = line_rows(lines, by_line, self._nlp())
        out = []
        for i, p in zip(idx, self.probabilities(rows)):
            line = lines[i]
            item = by_line.get(line.number)
            if p < self.threshold or (self.mode == "gate" and item is None):
                continue
            if item is None:
                sentence = _sentence_from(lines, i)
                owner, kind = owner_of(line.body, "model")
                item = ActionItem(path=path, line=line.number, start=line.start, end=line.start + len(line.text),
                                  text=task_text(sentence), owner=owner, owner_kind=kind,
                                  due=due_date(sentence, anchor, anchor_source), section=line.section, cue="model")
            out.append(item)
        return out


def _sentence_from(lines: List[Line], i: int, limit: int = 400) -> str:
    """Line ``i``'s body and its wrapped continuation lines, up to the end of the sentence."""
    parts = [lines[i].body]
    for nxt in lines[i + 1:]:
        if nxt.kind != "text" or starts_item(nxt.content.strip()) or parts[-1].rstrip().endswith((".", "!", "?", ":")) \
                or sum(len(p) for p in parts) > limit:
            break
        parts.append(nxt.content.strip())
    return " ".join(parts)[:limit]


MODES = ("cues", "gate", "model")


def shipped_mode(folder: Optional[Path] = None) -> str:
    """The decision policy a model folder asks for (``policy.mode`` of its ``meta.json``), read without loading the
    model: "cues" means callers need not load it at all."""
    import json

    try:
        meta = json.loads((Path(folder or DEFAULT_MODEL) / "meta.json").read_text(encoding="utf-8"))
        mode = meta.get("policy", {}).get("mode", "gate")
    except (OSError, ValueError, AttributeError):
        return "gate"  # load() will report what is wrong with the folder
    return mode if mode in MODES else "gate"


def load(folder: Optional[Path] = None, nlp: Any = None, mode: Optional[str] = None,
         threshold: Optional[float] = None) -> LineClassifier:
    """Load the model folder (default: the shipped one) against the type allowlist of :mod:`ambiguity.model.persist`.

    The same mechanism as the main model's loader (skops with ``trusted=persist.ALLOWED_TYPES``: any other type in the
    file is refused before anything is built; a library version change warns), with this model's own ``meta.json``
    check (label ``action``, thresholds in [0, 1]). ``mode`` defaults to the folder's policy (``policy.mode``);
    without ``threshold``, "gate" uses ``thresholds.action`` and "model" ``policy.model_threshold`` (when given).
    """
    from ..errors import ModelError
    from ..model import persist

    folder = Path(folder or DEFAULT_MODEL)
    estimator, meta, meta_path = persist.read_folder(folder)
    path = meta_path.with_name(persist.MODEL_FILE)
    if not isinstance(meta, dict) or meta.get("labels") != [LABEL]:
        raise ModelError(f"{meta_path}: not a meetings line classifier (labels must be [{LABEL!r}])")
    thresholds = meta.get("thresholds")
    if not isinstance(thresholds, dict) or not persist.is_probability(thresholds.get(LABEL)):
        raise ModelError(f"{meta_path}: 'thresholds' must give {LABEL!r} a number in [0, 1]")
    if not hasattr(estimator, "predict_proba"):
        raise ModelError(f"{path}: not a classifier with probabilities: refused")
    if not persist.binary_classes(estimator):  # probabilities()[:, 1] must be "this line is an action"
        raise ModelError(f"{path}: the classifier does not predict the classes [0, 1]: refused")
    persist._check_versions(meta.get("versions", {}), persist.library_versions(nlp), str(folder))
    policy = meta.get("policy", {})
    if not isinstance(policy, dict):
        raise ModelError(f"{meta_path}: 'policy' must be a mapping: refused")
    if "mode" in policy and policy["mode"] not in MODES:
        raise ModelError(f"{meta_path}: policy.mode {policy['mode']!r} is not one of {', '.join(MODES)}: refused")
    if "model_threshold" in policy and not persist.is_probability(policy["model_threshold"]):
        raise ModelError(f"{meta_path}: policy.model_threshold {policy['model_threshold']!r} is not a number in "
                         "[0, 1]: refused")
    mode = mode or policy.get("mode", "gate")
    if mode not in MODES:
        raise ModelError(f"unknown meetings classifier mode {mode!r}; known: {', '.join(MODES)}")
    if threshold is None:
        threshold = policy.get("model_threshold", thresholds[LABEL]) if mode == "model" else thresholds[LABEL]
    return LineClassifier(estimator, float(threshold), meta, nlp, mode)


_CACHE: Dict[str, LineClassifier] = {}


def default_classifier() -> LineClassifier:
    """The shipped classifier, loaded once per process."""
    if "default" not in _CACHE:
        _CACHE["default"] = load()
    return _CACHE["default"]
