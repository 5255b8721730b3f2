"""Output formats. Each formatter turns a stream of reports into lines of text (see :mod:`.registry`)."""
from .jsonout import json_document, jsonl_records
from .registry import FORMATTERS, output_format, render
from .summary import Summary
from .text import text_lines

FORMATS = tuple(FORMATTERS)

__all__ = ["FORMATS", "FORMATTERS", "Summary", "json_document", "jsonl_records", "output_format", "render",
           "text_lines"]
