"""Output formats. Each formatter turns a stream of reports (and input errors) into lines of text."""
from .jsonout import json_document, jsonl_records
from .summary import Summary
from .text import text_lines

FORMATS = ("text", "json", "jsonl", "sarif", "github", "csv", "html")

__all__ = ["FORMATS", "Summary", "json_document", "jsonl_records", "text_lines"]
