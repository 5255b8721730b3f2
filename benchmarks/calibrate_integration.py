"""Choose the rules + classifier integration policy per label on the CALIBRATION half of the real labels.

The grid is declared before looking (``INTEGRATION_PROVENANCE["grid"]`` in ambiguity/model/integrate.py):
``add_unit_findings`` off/on, ``add_above`` in {0.5 .. 0.9}, ``suppress_below`` in {0, 0.1, 0.25}, and whether the
model's probability replaces a kept rule finding's confidence or only caps it. Per label, the configuration with
the best F1 on the calibration half wins; ties go to the least intervention (no unit findings, then the lowest
``suppress_below``, then the highest ``add_above``); a ``suppress_below`` above the lowest probability the model
gives to one of the label's own rule ``flag`` examples is not eligible (it would drop a documented example). Predictions do not depend on the confidence mode, so the mode
is chosen by the Brier score of the kept findings' confidences against the row label (lower wins, ties: replace).

The held-out half is never read here. The pipeline runs once (rules only, and the classifier with nothing
suppressed and every unit finding added); each configuration is then replayed offline, and the chosen one is
checked against a real run.

Run: python benchmarks/calibrate_integration.py [--write]   (--write stores the policy in models/default/meta.json)
"""
from __future__ import annotations

import argparse
import copy
import json
import sys
from itertools import product
from pathlib import Path
from typing import Dict, List

sys.path.insert(0, str(Path(__file__).resolve().parent))
from model_eval import DATA, ROOT, load_rows, predicted  # noqa: E402


def f1(y: List[int], pred: List[int]) -> float:
    tp = sum(a and b for a, b in zip(y, pred))
    denom = sum(y) + sum(pred)
    return 2 * tp / denom if denom else 0.0


def observe(rows, nlp, model):
    """Per row and label: rule findings as (p or None if the model has no say, rule confidence) and unit-finding
    probabilities, from one run with nothing suppressed and every unit finding added."""
    from ambiguity import Analyzer
    from ambiguity.model.features import LABELS
    from ambiguity.model.integrate import CATEGORY_LABEL, INDEPENDENT_RULES, UNIT_RULES

    texts = [r["text"] for r in rows]
    rules_only = list(Analyzer(nlp=nlp, classifier=None).analyze_many(texts))
    probe = copy.deepcopy(model)
    probe.meta["integration"] = {k: {"add_unit_findings": True, "add_above": 0.0, "suppress_below": 0.0,
                                     "confidence": "replace"} for k in LABELS}
    observed = list(Analyzer(nlp=nlp, classifier=probe).analyze_many(texts))
    out = []
    for plain, seen in zip(rules_only, observed):
        conf = {(f.start, f.end, f.rule): f.confidence for f in plain.findings}
        per = {k: {"rules": [], "units": []} for k in LABELS}
        for f in seen.findings:
            label = CATEGORY_LABEL.get(f.category)
            if label is None:
                continue
            if f.rule == UNIT_RULES[label]:
                per[label]["units"].append(f.confidence)
            else:
                p = None if f.rule in INDEPENDENT_RULES else f.confidence
                per[label]["rules"].append((p, conf[(f.start, f.end, f.rule)]))
        out.append(per)
    return out


def replay(obs, label: str, cfg: Dict) -> List[int]:
    pred = []
    for per in obs:
        rules, units = per[label]["rules"], per[label]["units"]
        hit = any(p is None or p >= cfg["suppress_below"] for p, _ in rules)
        if not hit and cfg["add_unit_findings"]:
            hit = any(p >= cfg["add_above"] for p in units)
        pred.append(int(hit))
    return pred


def brier(obs, y: List[int], label: str, cfg: Dict, mode: str) -> float:
    errs = []
    for per, truth in zip(obs, y):
        for p, c in per[label]["rules"]:
            if p is None or p >= cfg["suppress_below"]:
                conf = c if p is None else (min(c, p) if mode == "cap" else p)
                errs.append((conf - truth) ** 2)
        if cfg["add_unit_findings"] and not any(p is None or p >= cfg["suppress_below"] for p, _ in per[label]["rules"]):
            errs.extend((p - truth) ** 2 for p in per[label]["units"] if p >= cfg["add_above"])
    return sum(errs) / len(errs) if errs else 0.0


def example_floor(nlp, model) -> Dict[str, float]:
    """Per label, the lowest probability the model gives to a unit holding one of the ``flag`` examples of the
    label's own rules (``*.unit-classifier`` rules excepted). A ``suppress_below`` above it would drop a rule's
    documented example, so such values are not eligible: rules stay explainable and their examples keep holding."""
    from ambiguity import Analyzer
    from ambiguity.model.features import LABELS, doc_row
    from ambiguity.model.integrate import CATEGORY_LABEL, INDEPENDENT_RULES

    analyzer = Analyzer(nlp=nlp, classifier=None)
    floor = {k: 1.0 for k in LABELS}
    for rule in analyzer.rules.values():
        label = CATEGORY_LABEL.get(rule.category)
        if label is None or rule.id.endswith(".unit-classifier") or rule.id in INDEPENDENT_RULES:
            continue
        for text in rule.flag_examples:  # one-sentence examples: one unit each
            p = model.predict_proba([doc_row(analyzer.nlp(text))])[0, model.labels.index(label)]
            floor[label] = min(floor[label], float(p))
    return floor


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the chosen policy in models/default/meta.json")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is not present")
        return 0
    from ambiguity import Analyzer
    from ambiguity.model.features import GROUPS, LABELS
    from ambiguity.model.integrate import DEFAULT_MODEL_DIR, INTEGRATION_PROVENANCE, resolve_classifier

    rows = load_rows("calib")
    nlp = Analyzer(classifier=None).nlp
    model = resolve_classifier("default", nlp=nlp)
    obs = observe(rows, nlp, model)
    floor = example_floor(nlp, model)
    grid = INTEGRATION_PROVENANCE["grid"]
    chosen: Dict[str, Dict] = {}
    print(f"calibration half: {len(rows)} rows")
    for label in LABELS:
        y = [r["labels"][label] for r in rows]
        best, best_key = None, None
        for units, a, s in product(grid["add_unit_findings"], grid["add_above"], grid["suppress_below"]):
            if not units and a != max(grid["add_above"]):
                continue  # add_above is moot without unit findings
            if s > floor[label]:
                continue  # would drop one of the label's own rule examples
            cfg = {"add_unit_findings": units, "add_above": a, "suppress_below": s}
            key = (round(f1(y, replay(obs, label, cfg)), 6), not units, -s, a)
            if best_key is None or key > best_key:
                best, best_key = cfg, key
        scores = {m: brier(obs, y, label, best, m) for m in grid["confidence"]}
        best["confidence"] = min(grid["confidence"], key=lambda m: (round(scores[m], 6), m != "replace"))
        no_op = {"add_unit_findings": False, "add_above": 1.0, "suppress_below": 0.0}
        print(f"{label:<20} lowest p of a rule example {floor[label]:.3f}")
        print(f"{label:<20} rules-only F1 {f1(y, replay(obs, label, no_op)):.3f}  chosen F1 {best_key[0]:.3f}  "
              f"{best}  brier {', '.join(f'{m} {v:.3f}' for m, v in scores.items())}")
        chosen[label] = best
    # check the replay against a real run with the chosen policy
    check = copy.deepcopy(model)
    check.meta["integration"] = chosen
    real = predicted(Analyzer(nlp=nlp, classifier=check).analyze_many([r["text"] for r in rows]), GROUPS)
    for label in LABELS:
        replayed = replay(obs, label, chosen[label])
        assert replayed == [p[label] for p in real], f"replay and real run disagree on {label}"
    print("replay matches a real run with the chosen policy")
    print("INTEGRATION_POLICY =", json.dumps(chosen, sort_keys=True))
    if args.write:
        path = DEFAULT_MODEL_DIR / "meta.json"
        meta = json.loads(path.read_text(encoding="utf-8"))
        meta["integration"] = chosen
        meta["integration_policy"] = INTEGRATION_PROVENANCE
        path.write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
