"""What a folder scan leaves out: ``exclude`` and ``extend-exclude`` globs, as ruff has them.

A pattern without a ``/`` names a file or folder anywhere in the tree by its name (``node_modules``,
``LICENSE*``); a pattern with one is a path relative to the configuration file's folder (``docs/drafts``,
``minutes/**/*.txt``). Matching ignores case. A folder that matches is not entered; a folder holding
``pyvenv.cfg`` (a virtualenv, whatever its name) never is. Only what a folder scan finds is excluded: a file or
folder named on the command line is always read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence, Tuple

#: Left out of every folder scan unless the configuration's ``exclude`` says otherwise (``extend-exclude`` adds).
DEFAULT_EXCLUDE: Tuple[str, ...] = (
    "LICENSE*", "LICENCE*", "CHANGELOG*", ".git", "node_modules", ".venv", "venv", "env", "__pycache__", "build",
    "dist",
)


@lru_cache(maxsize=256)
def glob_regex(glob: str, ignore_case: bool = False) -> "re.Pattern[str]":
    """pathlib's glob semantics on a relative POSIX path: '*' stays within a folder, '**/' spans any folders."""
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile("".join(out), re.IGNORECASE if ignore_case else 0)


def _clean(pattern: str) -> str:
    p = pattern.strip().replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    return p.rstrip("/")


@dataclass(frozen=True)
class Exclude:
    """The patterns of one configuration; relative ones are taken from ``root`` (the configuration's folder)."""

    patterns: Tuple[str, ...] = DEFAULT_EXCLUDE
    root: Optional[Path] = None

    @classmethod
    def of(cls, patterns: Sequence[str], root: Optional[Path]) -> "Exclude":
        return cls(tuple(p for p in (_clean(p) for p in patterns) if p), root.resolve() if root else None)

    def excludes(self, path: Path, top: Path, is_dir: bool) -> bool:
        """Whether a folder scan of ``top`` leaves ``path`` (a file or folder found under it) out."""
        if is_dir and (path / "pyvenv.cfg").is_file():
            return True
        name = path.name
        relative: Optional[str] = None
        for pattern in self.patterns:
            if "/" not in pattern:
                if glob_regex(pattern, True).fullmatch(name):
                    return True
                continue
            if relative is None:
                relative = self._relative(path, top)
            if glob_regex(pattern, True).fullmatch(relative):
                return True
        return False

    def _relative(self, path: Path, top: Path) -> str:
        """``path`` from the configuration's folder, else (a scan outside it) from the scanned folder."""
        absolute = path.resolve() if not path.is_symlink() else path.parent.resolve() / path.name
        for base in (self.root, top.resolve()):
            if base is None:
                continue
            try:
                return absolute.relative_to(base).as_posix()
            except ValueError:
                continue
        return path.as_posix()
