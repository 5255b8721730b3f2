"""analyze_many with worker processes gives exactly what one process gives."""
from __future__ import annotations

import pytest


@pytest.mark.slow
def test_n_process_2_matches_n_process_1(analyzer):
    texts = [
        "REQ-1: The UI shall be user-friendly.",
        "The vendor will deliver the module ASAP, etc.",
        "",
        "Someone will follow up with the bank.",
        "The system shall export invoices as PDF.",
    ] * 8
    one = [[f.to_dict() for f in r.findings] for r in analyzer.analyze_many(texts, n_process=1, batch_size=4)]
    two = [[f.to_dict() for f in r.findings] for r in analyzer.analyze_many(texts, n_process=2, batch_size=4)]
    assert one == two
    assert sum(map(len, one)) > 0
