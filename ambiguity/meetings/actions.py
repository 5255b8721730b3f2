"""Action items of meeting notes, by cue: the names other modules import, from where they now live.

The cues are data (``cues/*.yml``, loaded by :mod:`.cues`); the line decision is :mod:`.tasks` (``classify``, an
ordered table of named checks); owners are :mod:`.owners`; speaker prefixes and markers :mod:`.speakers`; lines
and sections :mod:`.segment`; due dates :mod:`.dates`.
"""
from __future__ import annotations

from .cues import cue
from .owners import HANDLE as _HANDLE
from .owners import owner_of
from .speakers import MARKER as _MARKER
from .speakers import inline_speaker, speaker_of, starts_item
from .speakers import marker_strict as _MARKER_STRICT
from .speakers import strip_markup as _strip_markup
from .tasks import classify, task_text

_BARE_LABEL = cue("bare-label")
_INLINE_MARKER = cue("inline-marker")
_TRAILING_REF = cue("trailing-ref")

__all__ = ["_BARE_LABEL", "_HANDLE", "_INLINE_MARKER", "_MARKER", "_MARKER_STRICT", "_TRAILING_REF", "_strip_markup",
           "classify", "inline_speaker", "owner_of", "speaker_of", "starts_item", "task_text"]
