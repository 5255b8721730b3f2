"""Templated units (filled in later)."""


def generate(domain):
    return []
