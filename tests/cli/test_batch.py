"""ambiguity batch: records, the resumable writer, error records, the time limit, the Dask engine, the CLI.

Worker processes are forked from the test process, so they share the session's already-loaded analyzer instead of
loading a pipeline each (the factories below return it); that keeps these tests quick.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import sys
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
from click.testing import CliRunner

from ambiguity.batch import BatchError, ResultWriter, list_files, score_folder, unit_labels
from ambiguity.batch.local import EngineStats
from ambiguity.batch.writer import repair_tail
from ambiguity.batch.work import AnalyzerSpec
from ambiguity.cli import main

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(mp.get_start_method() != "fork", reason="the quick tests rely on forked workers")

_SHARED: Dict[str, Any] = {}
RUNAWAY = "RUNAWAY-PARSE"


def shared_analyzer():
    """Factory: the session analyzer, inherited by forked workers."""
    return _SHARED["analyzer"]


class _Runaway:
    """Wraps the analyzer; a document containing RUNAWAY never finishes (a parse no flag can stop)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def analyze_documents(self, documents: Any, **kwargs: Any) -> Iterator[Any]:
        def feed() -> Iterator[Any]:
            for document in documents:
                if RUNAWAY in document.text:
                    time.sleep(3600)
                yield document

        return self.inner.analyze_documents(feed(), **kwargs)


def runaway_analyzer():
    return _Runaway(_SHARED["analyzer"])


@pytest.fixture(autouse=True)
def _share(analyzer, monkeypatch):
    """Workers use the session analyzer, with the project settings the spec asks for (as the real build does)."""
    from ambiguity import stages
    from ambiguity.project import Settings

    def build(spec: AnalyzerSpec) -> Any:
        if spec.factory is not None:
            return spec.factory()
        use = spec.config_path is not None or spec.discover_from is not None
        analyzer.settings = Settings.resolve(spec.config_path, None, [spec.discover_from or "."]) if use \
            else Settings()
        analyzer.stages = stages.build(stages.DEFAULT_STAGES, analyzer)
        return analyzer

    _SHARED["analyzer"] = analyzer
    monkeypatch.setattr(AnalyzerSpec, "build", build)
    yield
    analyzer.settings = Settings()
    analyzer.stages = stages.build(stages.DEFAULT_STAGES, analyzer)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.md").write_text("# Spec\n\n- REQ-1 The system shall respond quickly.\n- REQ-2 The UI shall be "
                               "user-friendly.\n", encoding="utf-8")
    (docs / "b.txt").write_text("The operator shall restart the pump within 5 minutes of an alarm.\n",
                                encoding="utf-8")
    (docs / "sub" / "c.md").write_text("## Actions\n\n- Someone will look into it soon.\n", encoding="utf-8")
    (docs / ".hidden.md").write_text("The system shall be fast.\n", encoding="utf-8")
    return docs


_REAL_BUILD = AnalyzerSpec.build  # before _share replaces it


def _records(path: Path) -> List[Dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, ["batch", *args])


def test_list_files_skips_hidden_and_unsupported(folder: Path):
    (folder / "notes.bin").write_bytes(b"\x00")
    names = [Path(p).name for p in list_files(folder)]
    assert names == ["a.md", "b.txt", "c.md"]
    assert [Path(p).name for p in list_files(folder, "*.md")] == ["a.md"]


def test_records_have_the_documented_fields(folder: Path):
    records = {Path(r["path"]).name: r for r in score_folder(folder, jobs=1, findings=True)}
    assert set(records) == {"a.md", "b.txt", "c.md"}
    a = records["a.md"]
    assert len(a["sha256"]) == 64 and a["size"] == (folder / "a.md").stat().st_size
    assert a["units"] >= 2 and a["words"] > 0 and a["elapsed"] >= 0
    # null without a classifier; per-unit probabilities when one ran (issue #3)
    assert a["labels"] is None or all(set(entry) == {"unit", "id", "labels"} for entry in a["labels"])
    assert set(a["scores"]) >= {"clarity", "specific", "measurable", "achievable", "relevant", "time_bound"}
    assert a["counts"] and a["n_findings"] == sum(a["counts"].values()) == len(a["findings"])
    assert "findings" not in next(iter(score_folder(folder, glob="b.txt", jobs=1)))


def test_labels_are_read_from_units_when_a_classifier_sets_them(analyzer):
    report = analyzer.analyze("The system shall respond quickly.")
    for unit in report.units:
        unit.labels = {}
    assert unit_labels(report) is None
    report.units[0].labels = {"ambiguous": 0.8, "clear": 0.2}
    assert unit_labels(report) == [{"unit": 0, "id": None, "labels": {"ambiguous": 0.8, "clear": 0.2}}]


def test_bad_files_get_error_records_and_the_others_finish(folder: Path):
    (folder / "binary.txt").write_bytes(b"abc\x00\x01\x02" * 10)
    (folder / "empty.md").write_bytes(b"")
    (folder / "big.txt").write_text("The system shall work. " * 100, encoding="utf-8")
    (folder / "tool.exe").write_bytes(b"MZ")
    records = list(score_folder(folder, glob="**/*", jobs=2, max_bytes=1000))
    errors = {Path(r["path"]).name: r["error"] for r in records if "error" in r}
    scored = {Path(r["path"]).name for r in records if "error" not in r}
    assert scored == {"a.md", "b.txt", "c.md"}
    assert set(errors) == {"binary.txt", "empty.md", "big.txt", "tool.exe"}
    assert "binary" in errors["binary.txt"]["message"] and "empty" in errors["empty.md"]["message"]
    assert "limit" in errors["big.txt"]["message"] and errors["tool.exe"]["code"] == "A101"


def test_a_runaway_parse_is_stopped_and_its_worker_replaced(folder: Path):
    (folder / "runaway.md").write_text(f"The system shall {RUNAWAY} forever.\n", encoding="utf-8")
    stats = EngineStats()
    started = time.monotonic()
    records = list(score_folder(folder, jobs=1, timeout=1.0, factory=runaway_analyzer, stats=stats))
    assert time.monotonic() - started < 30
    by_name = {Path(r["path"]).name: r for r in records}
    assert set(by_name) == {"a.md", "b.txt", "c.md", "runaway.md"}
    assert by_name["runaway.md"]["error"]["code"] == "A501"
    assert all("error" not in r for n, r in by_name.items() if n != "runaway.md")
    assert stats.restarts >= 1


def test_writer_repairs_a_half_written_last_line(tmp_path: Path):
    out = tmp_path / "r.jsonl"
    out.write_text('{"path": "a", "sha256": "1"}\n{"path": "b", "sha2', encoding="utf-8")
    assert repair_tail(out) == len('{"path": "b", "sha2')
    assert out.read_text(encoding="utf-8") == '{"path": "a", "sha256": "1"}\n'
    assert repair_tail(out) == 0
    with ResultWriter(out) as writer:
        assert writer.done == {"1"}
        writer.write({"path": "c", "sha256": "3"})
    assert [r["sha256"] for r in _records(out)] == ["1", "3"]


def test_writer_refuses_a_second_run_on_the_same_file(tmp_path: Path):
    with ResultWriter(tmp_path / "r.jsonl"):
        with pytest.raises(BatchError, match="another batch run"):
            ResultWriter(tmp_path / "r.jsonl").open()


def test_resume_after_a_kill_skips_unchanged_and_rescans_the_cut_record(folder: Path, tmp_path: Path):
    out = tmp_path / "results.jsonl"
    first = _run(str(folder), "-o", str(out), "--jobs", "1", "--quiet")
    assert first.exit_code == 0, first.output
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) == 3
    # a kill in the middle of writing the last record
    out.write_text("".join(lines[:2]) + lines[2][: len(lines[2]) // 2], encoding="utf-8")
    again = _run(str(folder), "-o", str(out), "--jobs", "1")
    assert again.exit_code == 0, again.output
    records = _records(out)
    assert sorted(Path(r["path"]).name for r in records) == ["a.md", "b.txt", "c.md"]
    assert "1 documents scored, 2 unchanged and skipped" in again.output

    # nothing changed: nothing scored; a changed file: only that one
    (folder / "b.txt").write_text("The operator shall restart the pump soon.\n", encoding="utf-8")
    third = _run(str(folder), "-o", str(out))
    assert "1 documents scored, 2 unchanged and skipped" in third.output
    records = _records(out)  # one record per document: the changed file's new record replaced the old one
    assert sorted(Path(r["path"]).name for r in records) == ["a.md", "b.txt", "c.md"]
    b = next(r for r in records if r["path"].endswith("b.txt"))
    assert b["counts"].get("undefined-deadline")  # the new content ("soon"), not the old

    forced = _run(str(folder), "-o", str(out), "--force", "--quiet")
    assert forced.exit_code == 0 and forced.output == ""
    assert len(_records(out)) == 3


def test_a_retried_failure_replaces_its_error_record(folder: Path, tmp_path: Path):
    out = tmp_path / "r.jsonl"
    bad = folder / "bad.md"
    bad.write_bytes(b"")  # empty: an error record
    first = _run(str(folder), "-o", str(out), "--jobs", "1", "--quiet")
    assert first.exit_code == 1
    assert [r["error"]["code"] for r in _records(out) if r["path"] == str(bad)] == ["A100"]
    bad.write_text("The report shall be sent soon.\n", encoding="utf-8")
    again = _run(str(folder), "-o", str(out), "--jobs", "1", "--quiet")
    assert again.exit_code == 0, again.output
    records = _records(out)
    assert sorted(Path(r["path"]).name for r in records) == ["a.md", "b.txt", "bad.md", "c.md"]
    assert "error" not in next(r for r in records if r["path"] == str(bad))


def test_cli_exit_status_says_whether_a_document_failed(folder: Path, tmp_path: Path):
    (folder / "binary.txt").write_bytes(b"\x00\x01" * 10)
    result = _run(str(folder), "-o", str(tmp_path / "r.jsonl"), "--jobs", "2")
    assert result.exit_code == 1
    assert "binary.txt: [A100]" in result.output and "Traceback" not in result.output
    assert sum("error" in r for r in _records(tmp_path / "r.jsonl")) == 1


def test_cli_usage_errors_are_one_line_and_exit_2(folder: Path, tmp_path: Path):
    result = _run(str(folder), "-o", str(tmp_path / "r.jsonl"), "--scheduler", "tcp://localhost:1")
    assert result.exit_code == 2 and "--engine dask" in result.output
    with ResultWriter(tmp_path / "locked.jsonl"):
        result = _run(str(folder), "-o", str(tmp_path / "locked.jsonl"))
    assert result.exit_code == 2 and "another batch run" in result.output and "Traceback" not in result.output


def test_dask_engine_on_an_in_process_cluster(folder: Path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cl:
        records = list(score_folder(folder, engine="dask", scheduler=cl.scheduler_address, factory=shared_analyzer))
    assert sorted(Path(r["path"]).name for r in records) == ["a.md", "b.txt", "c.md"]
    assert all("error" not in r and len(r["sha256"]) == 64 for r in records)


@pytest.mark.slow
def test_dask_engine_on_a_local_cluster_of_processes(folder: Path, tmp_path: Path):
    pytest.importorskip("distributed")
    (folder / "binary.txt").write_bytes(b"\x00\x01" * 10)
    out = tmp_path / "r.jsonl"
    result = _run(str(folder), "-o", str(out), "--engine", "dask", "--jobs", "2")
    assert result.exit_code == 1, result.output
    records = _records(out)
    assert sorted(Path(r["path"]).name for r in records if "error" not in r) == ["a.md", "b.txt", "c.md"]
    again = _run(str(folder), "-o", str(out), "--engine", "dask", "--jobs", "1")
    assert "0 documents scored, 3 unchanged and skipped, 1 failed" in again.output


def runaway_fresh():
    """Factory for spawned Dask workers (no shared analyzer there)."""
    from ambiguity import Analyzer

    return _Runaway(Analyzer())


@pytest.mark.slow
def test_dask_engine_stops_a_runaway_parse_by_restarting_its_worker(folder: Path):
    pytest.importorskip("distributed")
    (folder / "runaway.md").write_text(f"The system shall {RUNAWAY} forever.\n", encoding="utf-8")
    stats = EngineStats()
    records = list(score_folder(folder, engine="dask", jobs=1, timeout=3.0, factory=runaway_fresh, stats=stats))
    by_name = {Path(r["path"]).name: r for r in records}
    assert set(by_name) == {"a.md", "b.txt", "c.md", "runaway.md"}
    assert by_name["runaway.md"]["error"]["code"] == "A501", by_name["runaway.md"]
    assert all("error" not in r for n, r in by_name.items() if n != "runaway.md"), records
    assert stats.restarts >= 1


def _batch_command(docs: Path, out: Path, jobs: int = 2) -> List[str]:
    """``ambiguity batch`` as a real process (a SIGKILL must reach what a user runs)."""
    import sys

    return [sys.executable, "-m", "ambiguity.cli", "batch", str(docs), "-o", str(out), "--jobs", str(jobs), "--quiet"]


def _start(command: List[str]) -> Any:
    import subprocess

    return subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _kill(run: Any) -> None:
    import os
    import signal

    try:
        os.killpg(run.pid, signal.SIGKILL)  # the parent and its workers, at once
    except ProcessLookupError:
        pass
    run.wait()


def _complete_lines(out: Path) -> List[str]:
    """The newline-terminated lines of ``out`` (a kill may leave a half-written last one)."""
    if not out.exists():
        return []
    return [line for line in out.read_text(encoding="utf-8").splitlines(keepends=True) if line.endswith("\n")]


@pytest.mark.slow
def test_killing_the_run_loses_no_finished_record(tmp_path: Path):
    import subprocess

    docs = tmp_path / "many"
    docs.mkdir()
    for i in range(300):
        (docs / f"d{i:03d}.txt").write_text(f"Requirement {i}: the system shall respond quickly to user {i}.\n",
                                            encoding="utf-8")
    out = tmp_path / "r.jsonl"
    command = _batch_command(docs, out)
    run = _start(command)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(_complete_lines(out)) < 20:
        time.sleep(0.05)
    _kill(run)
    complete = [json.loads(line) for line in _complete_lines(out)]
    assert 20 <= len(complete) < 300
    resumed = subprocess.run(command[:-1], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(complete):,} unchanged and skipped" in resumed.stderr
    records = _records(out)
    assert len(records) == 300 and len({r["sha256"] for r in records}) == 300


KILLS = 20
#: Documents in the killed run: enough that 20 runs, each started afresh (a cold start is about 1 s), do not
#: finish the folder before the last kill.
KILL_DOCS = 600
VERBS = ("respond", "log", "encrypt", "display", "store", "notify", "validate", "export")
WORDS = ("quickly", "within 2 seconds", "as appropriate", "in a user-friendly way", "for every user", "etc.", "TBD",
         "no later than Friday", "reliably", "by 2027-03-04")


def _crash_corpus(folder: Path, n: int = 40) -> None:
    """``n`` small documents (Markdown and text, 5 to 30 requirements each), each with its own content."""
    import random

    rng = random.Random(4)
    folder.mkdir()
    for i in range(n):
        lines = [f"REQ-{i}-{j}: The system shall {rng.choice(VERBS)} record {j} {rng.choice(WORDS)}."
                 for j in range(rng.randint(5, 30))]
        if i % 2:
            (folder / f"spec{i:02d}.md").write_text(f"# Spec {i}\n\n" + "".join(f"- {line}\n" for line in lines),
                                                    encoding="utf-8")
        else:
            (folder / f"spec{i:02d}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")


def _comparable(record: Dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in record.items() if k != "elapsed"}, sort_keys=True)


@pytest.mark.slow
def test_sigkill_at_random_moments_then_resume_loses_and_duplicates_nothing(tmp_path: Path):
    """Issue #8: SIGKILL ``ambiguity batch`` at seeded random moments, 20 times, resuming after each kill.

    Records arrive in bursts (a batch of 16 documents is classified at once), so a moment is either a random
    0-2.5 s after the start (importing, loading the pipeline, hashing, opening and repairing the output) or, in
    30% of the kills, 0-3 ms after the first record of a burst reaches the disk (records half-written). After each kill: every complete line parses, each
    document is there at most once, and every record finished before the previous kill is still there, once and
    unchanged (the resumed run cut off a half-written last line and skipped what was done). At the end the
    output holds the same records as an uninterrupted run (elapsed aside).
    """
    import random
    import subprocess

    docs = tmp_path / "docs"
    _crash_corpus(docs, KILL_DOCS)
    reference_out = tmp_path / "reference.jsonl"
    reference = _start(_batch_command(docs, reference_out, jobs=1))  # alongside the kills
    out = tmp_path / "killed.jsonl"
    command = _batch_command(docs, out, jobs=1)
    rng = random.Random(8)
    finished: List[str] = []  # complete lines after the last kill, in order
    kills = cut_lines = bursts = 0
    while kills < KILLS:
        run = _start(command)
        if rng.random() < 0.3 and len(finished) < KILL_DOCS - 16:  # in a burst, while one may be half-written
            deadline = time.monotonic() + 120
            while run.poll() is None and len(_complete_lines(out)) <= len(finished) and time.monotonic() < deadline:
                time.sleep(0.001)
            time.sleep(rng.uniform(0, 0.003))
            bursts += 1
        else:  # at any moment of start-up: importing, loading the pipeline, listing and hashing, opening the output
            time.sleep(rng.uniform(0, 2.5))
        if run.poll() is not None:
            break  # the run finished first: no documents left to kill it over
        _kill(run)
        kills += 1
        text = out.read_text(encoding="utf-8") if out.exists() else ""
        lines = _complete_lines(out)
        cut_lines += not text.endswith("\n") and text != ""
        records = [json.loads(line) for line in lines]  # no complete line is corrupt
        assert all("error" not in r for r in records), records
        shas = [r["sha256"] for r in records]
        assert len(shas) == len(set(shas)), "a document recorded twice"
        assert lines[: len(finished)] == finished, "a finished record was lost or rewritten"
        finished = lines
    assert kills == KILLS, f"only {kills} kills: the run finished first"
    final = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    assert reference.wait(timeout=300) == 0
    records = _records(out)
    assert _complete_lines(out)[: len(finished)] == finished
    assert len(records) == KILL_DOCS and len({r["sha256"] for r in records}) == KILL_DOCS
    assert sorted(map(_comparable, records)) == sorted(map(_comparable, _records(reference_out)))
    print(f"{kills} kills ({bursts} in a burst of records, {cut_lines} leaving a half-written line); "
          f"{len(finished)} records before the last run")


def test_list_files_never_leaves_the_folder_through_links(tmp_path: Path):
    inside = tmp_path / "in"
    inside.mkdir()
    (inside / "a.md").write_text("The UI shall be fast.\n")
    outside = tmp_path / "secret.md"
    outside.write_text("not yours\n")
    (inside / "escape.md").symlink_to(outside)
    (inside / "loop").symlink_to(inside, target_is_directory=True)
    (inside / "alias.md").symlink_to(inside / "a.md")
    names = sorted(Path(p).name for p in list_files(inside))
    assert names == ["a.md", "alias.md"]
    assert [Path(p).name for p in list_files(inside, "**/*.md")] == ["a.md", "alias.md"]


# -- exit codes and messages of every error path (issue #8) ---------------------------------------------------------
def _fails(result: Any, code: int, text: str) -> str:
    """Exit ``code``, exactly one ``ambiguity: error: [CODE]`` line and it contains ``text``, no traceback."""
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("ambiguity: error: [")]
    assert not any(line.startswith("Error:") for line in result.output.splitlines()), result.output
    assert len(errors) == 1 and text in errors[0], result.output
    return errors[0]


def test_cli_missing_folder_or_a_file_for_folder_exit_2(tmp_path: Path):
    _fails(_run(str(tmp_path / "nope"), "-o", str(tmp_path / "r.jsonl")), 2, "does not exist")
    (tmp_path / "f.md").write_text("x\n")
    _fails(_run(str(tmp_path / "f.md"), "-o", str(tmp_path / "r.jsonl")), 2, "is a file")
    assert not (tmp_path / "r.jsonl").exists()


def test_cli_output_in_a_missing_folder_is_created(folder: Path, tmp_path: Path):
    out = tmp_path / "new" / "deeper" / "r.jsonl"
    result = _run(str(folder), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert len(_records(out)) == 3


def test_cli_output_that_cannot_be_written_exit_2(folder: Path, tmp_path: Path, monkeypatch):
    (tmp_path / "file").write_text("")
    line = _fails(_run(str(folder), "-o", str(tmp_path / "file" / "r.jsonl")), 2, "cannot write")
    assert line == (f"ambiguity: error: [A700] {tmp_path / 'file' / 'r.jsonl'}: cannot write: {tmp_path / 'file'} is a file, "
                    "not a folder")
    _fails(_run(str(folder), "-o", str(tmp_path)), 2, "is a directory")
    import ambiguity.batch.writer as writer_module

    def denied(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.geteuid() == 0:  # root writes anywhere: the open that a read-only folder would refuse
            monkeypatch.setattr(writer_module, "open", denied, raising=False)
        line = _fails(_run(str(folder), "-o", str(locked / "r.jsonl")), 2, "cannot write")
    finally:
        locked.chmod(0o700)
    assert line == f"ambiguity: error: [A700] {locked / 'r.jsonl'}: cannot write: Permission denied"


def test_cli_bad_options_exit_2(folder: Path, tmp_path: Path):
    out = str(tmp_path / "r.jsonl")
    assert _fails(_run(str(folder), "-o", out, "--scheduler", "tcp://localhost:1"), 2,
                  "--scheduler") == "ambiguity: error: [A001] --scheduler needs --engine dask"
    _fails(_run(str(folder), "-o", out, "--engine", "spark"), 2, "'spark' is not one of 'local', 'dask'")
    _fails(_run(str(folder), "-o", out, "--jobs", "0"), 2, "--jobs")
    _fails(_run(str(folder), "-o", out, "--max-units", "0"), 2, "--max-units")
    _fails(_run(str(folder)), 2, "Missing option '-o' / '--output'")
    assert not Path(out).exists()


def test_cli_a_document_that_fails_exits_1_with_an_error_record(folder: Path, tmp_path: Path):
    (folder / "binary.txt").write_bytes(b"\x00\x01" * 10)
    out = tmp_path / "r.jsonl"
    result = _run(str(folder), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and "ambiguity: error:" not in result.output
    assert "3 documents scored, 0 unchanged and skipped, 1 failed" in result.output
    bad = [r for r in _records(out) if "error" in r]
    assert len(bad) == 1 and bad[0]["path"].endswith("binary.txt") and bad[0]["error"]["code"] == "A100"
    assert f"  {bad[0]['path']}: [A100] {bad[0]['error']['message']}" in result.output.splitlines()


def test_cli_all_fine_exits_0(folder: Path, tmp_path: Path):
    result = _run(str(folder), "-o", str(tmp_path / "r.jsonl"), "--jobs", "1")
    assert result.exit_code == 0 and result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output.splitlines()[0].startswith("3 documents scored, 0 unchanged and skipped, 0 failed")
    assert "Error" not in result.output and "Traceback" not in result.output
    again = _run(str(folder), "-o", str(tmp_path / "r.jsonl"), "--quiet")
    assert again.exit_code == 0 and again.output == ""


def test_cli_a_document_over_the_unit_limit_gets_an_error_record(folder: Path, tmp_path: Path, monkeypatch,
                                                                  analyzer):
    import copy

    def limited(spec: AnalyzerSpec) -> Any:  # the session pipeline with the limit the command line set
        built = copy.copy(analyzer)
        built.max_units = spec.max_units
        return built

    monkeypatch.setattr(AnalyzerSpec, "build", limited)
    out = tmp_path / "r.jsonl"
    result = _run(str(folder), "-o", str(out), "--jobs", "1", "--max-units", "2")
    assert result.exit_code == 1, result.output
    bad = [r for r in _records(out) if "error" in r]
    assert [(Path(r["path"]).name, r["error"]) for r in bad] == [("a.md", {
        "code": "A100", "message": "document has 3 units (requirements, items, rows, paragraphs), over the 2-unit "
                                   "limit (--max-units)"})]
    assert len(_records(out)) == 3 and "Traceback" not in result.output


def test_cli_pipeline_that_cannot_load_exits_2(folder: Path, tmp_path: Path, monkeypatch):
    from ambiguity.errors import PipelineLoadError

    def broken(spec: AnalyzerSpec) -> Any:
        raise PipelineLoadError("no spaCy pipeline 'xx_missing' (pip install it, or pass --model PATH)")

    monkeypatch.setattr(AnalyzerSpec, "build", broken)
    line = _fails(_run(str(folder), "-o", str(tmp_path / "r.jsonl"), "--jobs", "1"), 2, "could not load")
    assert line == ("ambiguity: error: [A700] a worker could not load the pipeline: PipelineLoadError: [A300] no spaCy "
                    "pipeline 'xx_missing' (pip install it, or pass --model PATH)")


def test_cli_unexpected_error_is_one_line_unless_debug(folder: Path, tmp_path: Path, monkeypatch):
    import ambiguity.batch

    def boom(*args: Any, **kwargs: Any) -> Iterator[Dict[str, Any]]:
        raise RuntimeError("boom")
        yield {}

    monkeypatch.setattr(ambiguity.batch, "score_paths", boom)
    out = str(tmp_path / "r.jsonl")
    assert _fails(_run(str(folder), "-o", out), 2, "[A999]") == (
        f"ambiguity: error: [A999] unexpected RuntimeError: boom (run with --debug for details); 0 records kept in {out}")
    debug = _run(str(folder), "-o", out, "--debug")
    assert isinstance(debug.exception, RuntimeError)


def test_cli_interrupted_exits_130_and_says_how_to_resume(folder: Path, tmp_path: Path, monkeypatch):
    import ambiguity.batch

    def interrupted(*args: Any, **kwargs: Any) -> Iterator[Dict[str, Any]]:
        raise KeyboardInterrupt
        yield {}

    monkeypatch.setattr(ambiguity.batch, "score_paths", interrupted)
    out = tmp_path / "r.jsonl"
    result = _run(str(folder), "-o", str(out))
    assert result.exit_code == 130 and "Traceback" not in result.output
    assert result.output.strip() == f"ambiguity: interrupted; 0 records kept in {out} (run again to resume)"


def test_cli_rule_selection_is_recorded_and_a_resume_must_match_it(folder: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(AnalyzerSpec, "build", _REAL_BUILD)  # the shared analyzer of _share ignores --only
    out = tmp_path / "r.jsonl"
    result = _run(str(folder), "-o", str(out), "--jobs", "1", "--findings", "--only", "vague", "-q")
    assert result.exit_code == 0, result.output
    records = _records(out)
    assert {r["settings"] for r in records} == {"only=vague"}
    found = [f for r in records for f in r["findings"]]
    assert found and {f["category"] for f in found} == {"vague"}
    again = _run(str(folder), "-o", str(out), "--jobs", "1", "--only", "vague", "-q")
    assert again.exit_code == 0 and len(_records(out)) == len(records)  # all skipped: same settings
    other = _run(str(folder), "-o", str(out), "--jobs", "1", "-q")
    assert other.exit_code == 2 and "other rule settings (only=vague)" in other.output and "--force" in other.output
    assert "Traceback" not in other.output and len(_records(out)) == len(records)
    forced = _run(str(folder), "-o", str(out), "--jobs", "1", "-q", "--force", "--ignore", "vague")
    assert forced.exit_code == 0 and {r["settings"] for r in _records(out)} == {"ignore=vague"}


def test_cli_bad_rule_file_is_one_line_before_any_worker_starts(folder: Path, tmp_path: Path):
    bad = tmp_path / "bad.yml"
    bad.write_text("family: x\nrules:\n  - id: [unclosed\n", encoding="utf-8")
    result = _run(str(folder), "-o", str(tmp_path / "r.jsonl"), "--rules", str(bad))
    assert result.exit_code == 2 and "bad.yml" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "r.jsonl").exists()


def test_cli_unknown_selector_is_a_usage_error(folder: Path, tmp_path: Path):
    result = _run(str(folder), "-o", str(tmp_path / "r.jsonl"), "--only", "vauge")
    assert result.exit_code == 2 and "'vauge' is neither a category" in result.output
    assert not (tmp_path / "r.jsonl").exists()


def test_cli_config_filters_each_record_like_scan_and_counts_suppressions(folder: Path, tmp_path: Path):
    (tmp_path / "elsewhere").mkdir()
    config = tmp_path / "elsewhere" / "ambiguity.toml"  # not above the folder: only --config finds it
    config.write_text('ignore = ["vague"]\n', encoding="utf-8")
    (folder / "d.md").write_text("# Spec\n\n- The report shall be delivered quickly.\n"
                                 "- Someone will look into it. <!-- ambiguity: disable-line -->\n", encoding="utf-8")
    out = tmp_path / "r.jsonl"
    result = _run(str(folder), "-o", str(out), "--jobs", "1", "--findings", "-q", "--config", str(config))
    assert result.exit_code == 0, result.output
    records = {Path(r["path"]).name: r for r in _records(out)}
    assert all(r["settings"].startswith("config=") for r in records.values())
    found = [f for r in records.values() for f in r["findings"]]
    assert found and not any(f["category"] == "vague" for f in found)
    assert all(r["n_findings"] == len(r["findings"]) == sum(r["counts"].values()) for r in records.values())
    assert records["d.md"]["suppressed"] >= 1
    plain = _run(str(folder), "-o", str(tmp_path / "plain.jsonl"), "--jobs", "1", "--findings", "-q")
    plain_records = {Path(r["path"]).name: r for r in _records(tmp_path / "plain.jsonl")}
    assert any(f["category"] == "vague" for r in plain_records.values() for f in r["findings"])
    assert records["d.md"]["scores"]["clarity"] > plain_records["d.md"]["scores"]["clarity"]
    config.write_text('ignore = ["passive"]\n', encoding="utf-8")  # an edited configuration is another setting
    again = _run(str(folder), "-o", str(out), "--jobs", "1", "-q", "--config", str(config))
    assert plain.exit_code == 0 and again.exit_code == 2 and "other rule settings" in again.output


def test_batch_discovers_each_document_s_configuration_like_scan(folder: Path, tmp_path: Path):
    (folder / "sub" / "ambiguity.toml").write_text('ignore = ["vague"]\n', encoding="utf-8")
    (folder / "sub" / "e.md").write_text("- The UI shall be user-friendly.\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()  # discovery stops at the repository root
    out = tmp_path / "r.jsonl"
    assert _run(str(folder), "-o", str(out), "--jobs", "1", "--findings", "-q").exit_code == 0
    records = {Path(r["path"]).name: r for r in _records(out)}
    assert any(f["category"] == "vague" for f in records["a.md"]["findings"])  # no configuration above a.md
    assert not any(f["category"] == "vague" for f in records["e.md"]["findings"])  # sub/ambiguity.toml


def test_cli_bad_config_is_one_line(folder: Path, tmp_path: Path):
    bad = tmp_path / "ambiguity.toml"
    bad.write_text('disable = "vague\n', encoding="utf-8")
    result = _run(str(folder), "-o", str(tmp_path / "r.jsonl"), "--config", str(bad))
    assert result.exit_code == 2 and "ambiguity.toml" in result.output and "Traceback" not in result.output
    missing = _run(str(folder), "-o", str(tmp_path / "r.jsonl"), "--config", str(tmp_path / "nope.toml"))
    assert missing.exit_code == 2 and "nope.toml" in missing.output


def test_a_configuration_s_extra_terms_reach_the_worker_analyzer(tmp_path: Path):
    config = tmp_path / "ambiguity.toml"
    config.write_text('[terms.vague]\nadd = ["snappy"]\n', encoding="utf-8")
    with_terms = _REAL_BUILD(AnalyzerSpec(config_path=str(config), max_units=None))
    found = with_terms.analyze("The booking page shall be snappy.").findings
    assert [f.text for f in found if f.category == "vague"] == ["snappy"]


def _children(pid: int) -> List[int]:
    """The live child processes of ``pid`` (Linux /proc)."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and _state(int(entry)) not in (None, "Z") and _ppid(int(entry)) == pid:
            out.append(int(entry))
    return out


def _stat_fields(pid: int) -> List[str]:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fp:
            return fp.read().rsplit(")", 1)[1].split()  # after "(comm)", which may hold spaces
    except OSError:
        return []


def _state(pid: int) -> Any:
    fields = _stat_fields(pid)
    return fields[0] if fields else None


def _ppid(pid: int) -> int:
    fields = _stat_fields(pid)
    return int(fields[1]) if fields else -1


@pytest.mark.slow
@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="finds the workers through /proc")
def test_workers_exit_when_the_parent_is_killed(tmp_path: Path):
    """Issue 16: SIGKILL of the batch parent alone (what the OOM killer does) must not leave its workers behind."""
    import signal

    docs = tmp_path / "many"
    docs.mkdir()
    for i in range(400):
        (docs / f"d{i:03d}.txt").write_text(f"Requirement {i}: the system shall respond quickly to user {i}.\n",
                                            encoding="utf-8")
    out = tmp_path / "r.jsonl"
    run = _start(_batch_command(docs, out, jobs=2))
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not _complete_lines(out):  # both workers loaded and scoring
            time.sleep(0.05)
        workers = _children(run.pid)
        assert len(workers) == 2, workers
        os.kill(run.pid, signal.SIGKILL)  # the parent only
        run.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_state(w) not in (None, "Z") for w in workers):
            time.sleep(0.1)
        left = [w for w in workers if _state(w) not in (None, "Z")]
        assert not left, f"workers {left} outlived their parent"
    finally:
        _kill(run)
        for w in _children(run.pid) + [w for w in locals().get("workers", []) if _state(w) not in (None, "Z")]:
            try:
                os.kill(w, signal.SIGKILL)
            except ProcessLookupError:
                pass


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc")
def test_a_worker_whose_parent_dies_exits_through_the_watchdog(tmp_path: Path):
    """The portable fallback alone (no prctl): a grandchild notices its parent is gone within a few checks."""
    import signal
    import subprocess
    import sys

    pid_file = tmp_path / "pid"
    script = (
        "import os, sys, time\n"
        "from ambiguity.batch.lifeline import exit_with_parent\n"
        "parent = os.getpid()\n"
        "if os.fork() == 0:\n"
        "    exit_with_parent(parent, pdeathsig=False, interval=0.1)\n"
        f"    open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
        "    time.sleep(60)\n"
        "    os._exit(0)\n"
        "time.sleep(60)\n"
    )
    run = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not pid_file.exists() or not pid_file.read_text():
            time.sleep(0.05)
        child = int(pid_file.read_text())
        assert _state(child) not in (None, "Z")
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and _state(child) not in (None, "Z"):
            time.sleep(0.05)
        assert _state(child) in (None, "Z"), "the orphan is still running"
    finally:
        run.kill()
        run.wait()


def _deny_listing(monkeypatch, folder: Path) -> None:
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(folder):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_subfolder_gets_an_error_record(folder: Path, tmp_path: Path, monkeypatch):
    """Issue 16: as an unreadable file does (A100 record, exit 1), not skipped in silence."""
    _deny_listing(monkeypatch, folder / "sub")
    unlisted: List[Any] = []
    assert [Path(p).name for p in list_files(folder, None, unlisted=unlisted)] == ["a.md", "b.txt"]
    assert unlisted == [(str(folder / "sub"), "cannot list this folder: permission denied; skipped")]
    out = tmp_path / "r.jsonl"
    result = _run(str(folder), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 1, result.output
    records = _records(out)
    assert [r for r in records if "error" in r] == [
        {"path": str(folder / "sub"), "error": {"code": "A100",
                                                "message": "cannot list this folder: permission denied; skipped"}}]
    assert sorted(Path(r["path"]).name for r in records if "error" not in r) == ["a.md", "b.txt"]
    assert f"{folder / 'sub'}: [A100] cannot list this folder" in result.stderr
    library = list(score_folder(folder, jobs=1))
    assert library[0]["path"] == str(folder / "sub") and library[0]["error"]["code"] == "A100"
    assert len(library) == 3


class _FullDisk:
    """A text file on a disk with room for ``room`` records: the next flush writes half of what is buffered, then
    every write and flush fails with ENOSPC, as a real full disk does."""

    def __init__(self, fp: Any, room: int) -> None:
        self._fp, self.room, self._pending = fp, room, ""

    def write(self, text: str) -> int:
        if self.room < 0:
            raise OSError(28, "No space left on device")
        self._pending += text
        return len(text)

    def flush(self) -> None:
        if self.room <= 0:
            if self.room == 0:
                self._fp.write(self._pending[: len(self._pending) // 2])
                self._fp.flush()
                self.room = -1
            raise OSError(28, "No space left on device")
        self._fp.write(self._pending)
        self._fp.flush()
        self._pending, self.room = "", self.room - 1

    def close(self) -> None:
        self._fp.close()
        if self._pending:
            raise OSError(28, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fp, name)


def _fill_disk_after(monkeypatch, room: int) -> None:
    import builtins

    import ambiguity.batch.writer as writer_module

    def fake_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        fp = builtins.open(file, mode, *args, **kwargs)
        return _FullDisk(fp, room) if mode == "a+" else fp  # the output; reading and repairing it are not faulted

    monkeypatch.setattr(writer_module, "open", fake_open, raising=False)


def test_writer_on_a_full_disk_names_the_problem_and_counts_what_it_kept(tmp_path: Path, monkeypatch):
    """Issue 16 (13): ENOSPC is 'no space left on device' with the path, not [A999]; the count is what was written."""
    _fill_disk_after(monkeypatch, room=6)
    out = tmp_path / "r.jsonl"
    with pytest.raises(BatchError) as caught:
        with ResultWriter(out) as writer:
            for i in range(10):
                writer.write({"path": f"d{i}", "sha256": str(i)})
    assert str(caught.value) == (f"[A700] {out}: cannot write: no space left on device; 6 records of this run kept "
                                 "(run again to resume)")
    assert writer._fp is None  # closed despite the failed flush, lock released
    monkeypatch.undo()
    with ResultWriter(out) as again:  # the half-written record is cut off; the six are there
        assert again.repaired > 0 and again.done == {str(i) for i in range(6)}


def test_cli_full_disk_is_one_line_with_the_records_kept(tmp_path: Path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(7):
        (docs / f"d{i}.md").write_text(f"- REQ-{i}: The system shall respond quickly to request {i}.\n")
    (docs / "z-empty.md").write_text("")  # an error record: it counts as kept too
    _fill_disk_after(monkeypatch, room=6)
    out = tmp_path / "r.jsonl"
    result = _run(str(docs), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [
        f"ambiguity: error: [A700] {out}: cannot write: no space left on device; 6 records of this run kept (run again to "
        "resume)"]
    assert len(_complete_lines(out)) == 6
    monkeypatch.undo()
    resumed = _run(str(docs), "-o", str(out), "--jobs", "1")
    assert resumed.exit_code == 1, resumed.output  # z-empty.md: its error record again
    records = _records(out)
    assert sorted({r["path"] for r in records}) == sorted(str(p) for p in docs.iterdir())


@pytest.mark.slow  # a real scheduler and two real workers, started from their command lines
def test_batch_on_a_dask_scheduler_started_as_a_user_would(folder: Path, tmp_path: Path):
    """``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1, then ``ambiguity batch --engine dask
    --scheduler tcp://127.0.0.1:PORT``: the records equal those of ``--jobs 1``."""
    pytest.importorskip("distributed")
    import shutil
    import socket
    import subprocess

    dask = shutil.which("dask", path=str(Path(sys.executable).parent)) or shutil.which("dask")
    if dask is None:
        pytest.skip("the dask command is not installed")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)]
    try:
        for _ in range(2):
            procs.append(subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--nworkers", "1",
                                           "--no-dashboard"], stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL, env=env, cwd=ROOT))
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        out, reference = tmp_path / "dask.jsonl", tmp_path / "local.jsonl"

        def batch(*args: str) -> None:
            done = subprocess.run([sys.executable, "-m", "ambiguity.cli", "batch", str(folder), "-q", *args],
                                  capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
            assert done.returncode == 0, done.stderr

        batch("-o", str(out), "--engine", "dask", "--scheduler", address)
        batch("-o", str(reference), "--jobs", "1")

        def comparable(path: Path) -> List[str]:
            return sorted(json.dumps({k: v for k, v in r.items() if k != "elapsed"}, sort_keys=True)
                          for r in _records(path))

        assert comparable(out) == comparable(reference) and len(_records(out)) == 3
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
