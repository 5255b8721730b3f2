"""Training from ``corpus/``: parse, featurise, fit on train, choose thresholds on dev, report dev and test."""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Union

from spacy.language import Language

from ..errors import InputError
from .build import (SEED, Row, as_matrix, combine, label_matrix, make_estimator, predictions,
                    probabilities, rule_fired, slim, thresholds_for)
from .evaluate import metrics, parse_labelled
from .features import LABELS, doc_row
from .integrate import INTEGRATION_POLICY, INTEGRATION_PROVENANCE
from .persist import TrainedModel, library_versions

log = logging.getLogger(__name__)
SPLITS = ("train", "dev", "test")


def featurizer(model: Optional[str] = None) -> Language:
    """The analyzer's own pipeline (tagger, parser, ``ambiguity_ruler`` with every bundled rule)."""
    from ..api import Analyzer

    return Analyzer(model, classifier=None).nlp


def rows_of(texts: Sequence[str], nlp: Language, batch_size: int = 128) -> List[Row]:
    return [doc_row(doc) for doc in nlp.pipe(texts, batch_size=batch_size)]


def corpus_files(corpus: Union[str, Path]) -> Dict[str, Path]:
    """``train/dev/test.jsonl`` of a corpus folder; raise :class:`InputError` when one is missing."""
    folder = Path(corpus)
    files = {s: folder / f"{s}.jsonl" for s in SPLITS}
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        raise InputError(str(folder), f"no split file(s) {', '.join(missing)}; run corpus/tools/split.py first")
    return files


def corpus_sha256(raw: Dict[str, bytes]) -> str:
    """One hash over the three split files (name and bytes), as they were read for training."""
    digest = hashlib.sha256()
    for split in SPLITS:
        digest.update(split.encode() + b"\0" + raw[split])
    return digest.hexdigest()


def train(
    corpus: Union[str, Path],
    *,
    family: str = "logreg",
    seed: int = SEED,
    nlp: Optional[Language] = None,
    limit: Optional[int] = None,
) -> TrainedModel:
    """Fit on ``train``, pick per-label thresholds (max F1) on ``dev``, measure on ``dev`` and ``test``.

    ``limit`` keeps the first N records of each split (tests use it for speed).
    """
    files = corpus_files(corpus)
    raw = {s: p.read_bytes() for s, p in files.items()}  # read once: the hash matches what was trained on
    data = {s: parse_labelled(raw[s].decode("utf-8"), str(files[s]))[:limit] for s in SPLITS}
    for s, recs in data.items():
        incomplete = [r["id"] for r in recs if set(r["labels"]) != set(LABELS)]
        if incomplete:
            raise InputError(str(files[s]), f"record {incomplete[0]} lacks some of {', '.join(LABELS)}")
    nlp = nlp if nlp is not None else featurizer()
    X = {s: as_matrix(rows_of([r["text"] for r in recs], nlp)) for s, recs in data.items()}
    y = {s: label_matrix(recs, LABELS) for s, recs in data.items()}
    log.info("training %s on %d units (dev %d, test %d)", family, len(y["train"]), len(y["dev"]), len(y["test"]))
    estimator = slim(make_estimator(family, seed).fit(X["train"], y["train"]))
    probs = {s: probabilities(estimator, X[s]) for s in ("dev", "test")}
    thresholds = thresholds_for(y["dev"], probs["dev"], LABELS)
    fired = {s: rule_fired(X[s]) for s in ("dev", "test")}
    # The integration policy is not learned from the corpus (which transfers badly to real text): it is the
    # documented policy chosen on the calibration half of the real labels, written into every trained model.
    integration = {k: dict(INTEGRATION_POLICY[k]) for k in LABELS}
    scores: Dict[str, Dict] = {}
    for split in ("dev", "test"):
        pred = [dict(zip(LABELS, p)) for p in predictions(probs[split], thresholds, LABELS)]
        scores[split] = metrics(data[split], pred)
        rules = [dict(zip(LABELS, map(int, f))) for f in fired[split]]
        scores[f"{split}_rules_only"] = metrics(data[split], rules)
        combined = [{k: combine(f[j], p[j], integration[k]) for j, k in enumerate(LABELS)}
                    for f, p in zip(fired[split], probs[split])]
        scores[f"{split}_rules_plus_classifier"] = metrics(data[split], combined)
    meta = {
        "labels": list(LABELS),
        "thresholds": thresholds,
        "integration": integration,
        "integration_policy": dict(INTEGRATION_PROVENANCE),
        "family": family,
        "seed": seed,
        "corpus": {"sha256": corpus_sha256(raw), **{s: len(data[s]) for s in SPLITS}, "limit": limit},
        "metrics": scores,
        "versions": library_versions(nlp),
    }
    return TrainedModel(estimator=estimator, meta=meta)
