"""Version and output contract identifiers, kept apart so that setup.cfg can read them cheaply."""

__version__ = "0.1.0"
# Bumped when a field of the JSON output changes meaning or disappears (docs/output-schema.md).
OUTPUT_SCHEMA_VERSION = "1.1"  # 1.1: "also" (the categories merged into a finding)
