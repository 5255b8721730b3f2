"""analyze_many with worker processes gives exactly what one process gives."""
from __future__ import annotations

import pytest

from ambiguity import parallel
from ambiguity.readers import read_text

TEXTS = [
    "REQ-1: The UI shall be user-friendly.",
    "The vendor will deliver the module ASAP, etc.",
    "",
    "Someone will follow up with the bank.",
    "The system shall export invoices as PDF.",
] * 8


def test_chunks_bound_characters_and_documents(monkeypatch):
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 100)
    docs = [read_text(t, f"<text {i}>", "text") for i, t in enumerate(TEXTS)]
    runs = list(parallel.chunks(docs))
    assert [d for run in runs for d in run] == docs  # every document once, in order
    assert len(runs) > 4 and all(sum(len(d.text) for d in run[:-1]) < 100 for run in runs)
    monkeypatch.setattr(parallel, "CHUNK_DOCS", 3)
    assert max(len(run) for run in parallel.chunks(docs)) == 3


@pytest.mark.slow  # forks two workers
@pytest.mark.skipif(not parallel.can_fork(), reason="worker processes are forked: POSIX only")
def test_n_process_2_matches_n_process_1(analyzer, monkeypatch):
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 200)  # several chunks, so the workers really share the work
    seen = []
    one = [[f.to_dict() for f in r.findings] for r in analyzer.analyze_many(TEXTS, n_process=1, batch_size=4)]
    two = list(analyzer.analyze_documents((read_text(t, f"<text {i}>", "text") for i, t in enumerate(TEXTS)),
                                          n_process=2, batch_size=4, progress=seen.append))
    assert [[f.to_dict() for f in r.findings] for r in two] == one
    assert [r.path for r in two] == seen == [f"<text {i}>" for i in range(len(TEXTS))]
    assert sum(map(len, one)) > 0


@pytest.mark.slow  # forks two workers
@pytest.mark.skipif(not parallel.can_fork(), reason="worker processes are forked: POSIX only")
def test_a_long_document_shared_between_workers_gets_the_report_of_one_process(analyzer, monkeypatch, tmp_path):
    monkeypatch.setattr(parallel, "LONG_CHARS", 300)  # this document counts as long...
    monkeypatch.setattr(parallel, "UNIT_CHUNK", 3)  # ...and goes to the workers three units a task
    spec = tmp_path / "spec.md"
    spec.write_text("# Spec\n\n" + "".join(f"- REQ-{i}: {t or 'The pump starts at 5 bar.'}\n" for i, t in
                                            enumerate(TEXTS[:15])), encoding="utf-8")

    def report(n: int):
        (r,) = analyzer.analyze_paths([str(spec)], n_process=n)
        return ([f.to_dict() for f in r.findings], r.scores, [u.to_dict() for u in r.units], r.suppressed)

    one, two = report(1), report(2)
    assert one == two and len(one[0]) > 5 and len(one[2]) > parallel.UNIT_CHUNK * 2
