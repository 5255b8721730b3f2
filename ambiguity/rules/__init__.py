"""Rule families as data, and their loader."""
from .loader import CATEGORIES, Rule, load_rules, parse_rule_file, select_rules

__all__ = ["CATEGORIES", "Rule", "load_rules", "parse_rule_file", "select_rules"]
