"""One helper for everything a person reads on a terminal: control characters from files are shown, not obeyed.

A file name, a matched phrase, an owner or a configuration value comes from the files being scanned. Printed as it
is, a newline in a file name forges output lines (a fake "0 findings" summary), and an ANSI escape sequence recolours
the terminal, moves the cursor or retitles the window (with ``--color`` it is not stripped). :func:`printable` turns
every control character into a visible escape (``\\n``, ``\\x1b``, ``\\u202e``) so each record stays one line.

Used by the text output, the actions table, the batch summary, every coded error's message (``[A100] path: ...``
on stderr) and the log lines on stderr; the GitHub format escapes by its own rules first (``output/github.py``).
Machine formats (JSON, SARIF, CSV, HTML) quote by their own rules and keep the original text.
"""
from __future__ import annotations

import logging
import re
import sys

#: C0 controls, DEL and C1 controls (a terminal obeys these: ESC starts a sequence, CR and LF move the cursor),
#: the Unicode line and paragraph separators, and the bidirectional embeddings, overrides and isolates that make
#: text display in another order than it is stored ("Trojan Source").
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(value: object, keep: str = "") -> str:
    """``value`` as text with every control character escaped, except those in ``keep``."""
    text = str(value)
    if not CONTROL.search(text):  # the usual case: nothing to do
        return text
    return CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape(m.group()), text)


class PrintableFormatter(logging.Formatter):
    """A log formatter whose message is :func:`printable` (a traceback added with ``--debug`` is left alone)."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        return printable(super().formatMessage(record))


def log_to_stderr(fmt: str = "%(message)s", level: int = logging.WARNING, name: str = "ambiguity") -> None:
    """Send the package's log lines to stderr through :class:`PrintableFormatter` (as Python's last-resort handler
    would, but escaped)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(PrintableFormatter(fmt))
    logger = logging.getLogger(name)
    logger.handlers[:] = [handler]
    logger.setLevel(level)
