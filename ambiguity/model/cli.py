"""``ambiguity train`` and ``ambiguity evaluate``: thin click over :mod:`ambiguity.model` (registered in cli.py)."""
from __future__ import annotations

import json
from typing import Optional

import click

from ..cli_common import UsageFailure
from ..errors import AmbiguityError


@click.command("train")
@click.argument("corpus", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", "output", required=True, type=click.Path(file_okay=False),
              help="Model folder to write (model.skops + meta.json).")
@click.option("--family", type=click.Choice(["svm", "logreg"]), default="logreg", show_default=True,
              help="Linear model under the calibration.")
@click.option("--seed", type=int, default=13, show_default=True, help="Random seed (results are deterministic).")
@click.option("--model", metavar="NAME|PATH", default=None, help="spaCy pipeline for the features.")
def train_cmd(corpus: str, output: str, family: str, seed: int, model: Optional[str]) -> None:
    """Train the unit classifier on CORPUS (a folder with train/dev/test.jsonl) and save it.

    \b
    Example:
      ambiguity train corpus/ -o models/default
    """
    from .evaluate import metric_lines
    from .persist import save
    from .train import featurizer, train

    try:
        trained = train(corpus, family=family, seed=seed, nlp=featurizer(model))
        save(trained, output)
    except AmbiguityError as exc:
        raise UsageFailure(str(exc)) from None
    for split in ("dev", "test"):
        for line in metric_lines(trained.meta["metrics"][split], f"{split} (thresholds from dev):"):
            click.echo(line)
    click.echo(f"thresholds: {json.dumps(trained.meta['thresholds'])}")
    click.echo(f"wrote {output}")


@click.command("evaluate")
@click.argument("data", type=click.Path(exists=True, dir_okay=False))
@click.option("--model", "model_path", metavar="PATH", default="default", show_default=True,
              help="Model folder (default: the shipped models/default).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def evaluate_cmd(data: str, model_path: str, fmt: str) -> None:
    """Per-label precision, recall, F1 and confusion counts of a model on labelled DATA.

    DATA is JSONL: our corpus format ({"text", "labels": {...}}) or plain records with ``text`` and any of the
    label fields (vague_language, missing_metric, undefined_deadline) as 0/1.

    \b
    Example:
      ambiguity evaluate corpus/test.jsonl --model models/default
    """
    from .evaluate import metric_lines, metrics, read_labelled
    from .integrate import resolve_classifier
    from .train import featurizer, rows_of

    try:
        records = read_labelled(data)
        nlp = featurizer()
        model = resolve_classifier(model_path, nlp)
        if model is None:
            raise UsageFailure("[A400] no model: train one with 'make model' or pass --model PATH")
        result = metrics(records, model.predict(rows_of([r["text"] for r in records], nlp)))
    except AmbiguityError as exc:
        raise UsageFailure(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(result, indent=2))
        return
    for line in metric_lines(result, f"{data}: {len(records)} records"):
        click.echo(line)
