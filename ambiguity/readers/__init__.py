"""Readers turn files into :class:`Document` objects; one module per file type behind a small registry."""
from .base import Block, Document
from .registry import format_for, read_bytes, read_path, read_text, register, supported_suffixes

__all__ = ["Block", "Document", "format_for", "read_bytes", "read_path", "read_text", "register", "supported_suffixes"]
