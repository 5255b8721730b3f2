"""Baselines: accept today's findings so that a CI gate fails only on new ones.

``ambiguity baseline create PATHS -o .ambiguity-baseline.json`` records each finding's path and fingerprint
(:mod:`ambiguity.fingerprint`: rule, normalised unit text, matched text, occurrence), so moving lines up or down
keeps a finding known; editing the sentence it is in makes it new.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict, Iterable, List, Set, Tuple

from .about import __version__
from .errors import AmbiguityError
from .fingerprint import fingerprints, key
from .types import Finding, Report

BASELINE_VERSION = 1


class BaselineError(AmbiguityError):
    """A baseline file is missing or malformed."""

    code = "A600"


def normalise_path(path: str) -> str:
    """Posix path relative to the working folder when inside it, so baselines travel between machines."""
    if path.startswith("<"):
        return path
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_posix()
    return Path(os.path.normpath(p)).as_posix()


def entries(items: Iterable[Tuple[Report, List[Finding]]]) -> List[Dict[str, Any]]:
    """One baseline entry per shown finding."""
    out = []
    for report, shown in items:
        prints = fingerprints(report)
        for f in shown:
            out.append({"path": normalise_path(f.path), "fingerprint": prints[key(f)], "rule": f.rule,
                        "line": f.line, "text": f.text})
    return out


def dump(records: List[Dict[str, Any]]) -> str:
    return json.dumps({"version": BASELINE_VERSION, "tool": {"name": "ambiguity", "version": __version__},
                       "findings": sorted(records, key=lambda r: (r["path"], r["line"], r["rule"]))},
                      indent=2, ensure_ascii=False) + "\n"


def load(path: str) -> Set[str]:
    """The ``path::fingerprint`` keys a baseline file accepts."""
    from .limits import MAX_BASELINE_FILE_BYTES, FileTooLarge, read_capped

    try:
        data = json.loads(read_capped(path, MAX_BASELINE_FILE_BYTES, "baseline file").decode("utf-8"))
    except FileTooLarge as exc:
        raise BaselineError(f"{path}: {exc}") from None
    except UnicodeDecodeError as exc:
        raise BaselineError(f"{path}: not a baseline file: not UTF-8 text (byte {exc.start:,})") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}: not a baseline file: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not isinstance(
            data.get("findings"), list):
        raise BaselineError(f"{path}: not an ambiguity baseline (version {BASELINE_VERSION})")
    try:
        return {f"{e['path']}::{e['fingerprint']}" for e in data["findings"]}
    except (KeyError, TypeError):
        raise BaselineError(f"{path}: every finding needs 'path' and 'fingerprint'") from None
