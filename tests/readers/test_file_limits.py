"""Rule, configuration and baseline files over their size limit are refused before they are read (issue 16).

The big files are sparse (``truncate``): a gigabyte on disk costs nothing, and reading one would show in the traced
peak memory.
"""
from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from ambiguity import limits
from ambiguity.baseline import BaselineError
from ambiguity.baseline import load as load_baseline
from ambiguity.cli import main
from ambiguity.config import ConfigError, discover, parse_config
from ambiguity.errors import RuleFileError
from ambiguity.rules import load_rules

GIB = 1 << 30
RULE = """family: demo
category: vague
source: "INCOSE GtWR v4 R7"
rules:
  - id: demo.word
    description: d
    message: "'{text}' m"
    suggestion: s
    patterns: ["fluffy"]
"""


def _sparse(path: Path, size: int, head: str = "") -> Path:
    path.write_text(head)
    os.truncate(path, size)
    return path


def _refused_without_reading(call, error, needle: str) -> str:
    tracemalloc.start()
    try:
        with pytest.raises(error) as caught:
            call()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    text = str(caught.value)
    assert needle in text and "\n" not in text
    assert peak < 5_000_000, f"{peak:,} bytes traced: the file was read"
    return text


def test_a_gigabyte_rule_file_is_refused_before_reading(tmp_path):
    big = _sparse(tmp_path / "big.yml", GIB, RULE)
    text = _refused_without_reading(lambda: load_rules([big]), RuleFileError,
                                    "rule file is 1,073,741,824 bytes, over the 1,048,576-byte limit")
    assert text.startswith(f"[A200] {big}: ")


def test_a_rule_file_at_the_limit_loads(tmp_path):
    path = tmp_path / "ok.yml"
    path.write_text(RULE + "#" * (limits.MAX_RULE_FILE_BYTES - len(RULE) - 1) + "\n")
    assert path.stat().st_size == limits.MAX_RULE_FILE_BYTES
    assert [r.id for r in load_rules([path])] == ["demo.word"]


def test_a_rules_folder_over_its_total_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_RULE_FOLDER_BYTES", 1000)
    for i in range(3):
        (tmp_path / f"r{i}.yml").write_text(RULE.replace("demo", f"demo{i}") + "#" * 400 + "\n")
    with pytest.raises(RuleFileError, match=rf"\[A200\] {tmp_path}: rule files total 1,\d{{3}} bytes, over the "
                                            r"1,000-byte limit for a rules folder"):
        load_rules([tmp_path])


def test_a_fifo_as_rule_file_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "rules.yml")
    with pytest.raises(RuleFileError, match="rule file is not a regular file"):
        load_rules([tmp_path / "rules.yml"])


def test_a_rule_file_that_is_not_utf8(tmp_path):
    (tmp_path / "latin.yml").write_bytes(RULE.replace("d\n", "caf\xe9\n").encode("latin-1"))
    with pytest.raises(RuleFileError, match=r"latin.yml: rule file is not UTF-8 text \(byte \d+\)"):
        load_rules([tmp_path / "latin.yml"])


@pytest.mark.parametrize("name,head", [("ambiguity.toml", 'disable = ["passive"]\n'),
                                       ("pyproject.toml", '[tool.ambiguity]\ndisable = ["passive"]\n'),
                                       ("setup.cfg", "[ambiguity]\ndisable = passive\n")])
def test_a_huge_configuration_file_is_refused_before_reading(tmp_path, name, head):
    big = _sparse(tmp_path / name, GIB, head)
    (tmp_path / ".git").mkdir()
    text = _refused_without_reading(lambda: parse_config(big), ConfigError,
                                    "configuration file is 1,073,741,824 bytes, over the 1,048,576-byte limit")
    assert text.startswith(f"[A500] {big}: ")
    with pytest.raises(ConfigError, match="over the 1,048,576-byte limit"):  # a discovered one too
        discover(tmp_path)


def test_a_huge_baseline_is_refused_before_reading(tmp_path):
    big = _sparse(tmp_path / "baseline.json", 2 * GIB, '{"version": 1, "findings": [')
    text = _refused_without_reading(lambda: load_baseline(str(big)), BaselineError,
                                    "baseline file is 2,147,483,648 bytes, over the 33,554,432-byte limit")
    assert text.startswith(f"[A600] {big}: ")


def test_cli_refuses_each_in_one_line(tmp_path, fast_cli):
    spec = tmp_path / "spec.md"
    spec.write_text("The UI shall be user-friendly.\n")
    rules = _sparse(tmp_path / "rules.yml", GIB, RULE)
    config = _sparse(tmp_path / "cfg.toml", GIB, 'disable = ["passive"]\n')
    baseline = _sparse(tmp_path / "baseline.json", GIB, "{}")
    for option, path, code in (("--rules", rules, "A200"), ("--config", config, "A500"),
                               ("--baseline", baseline, "A600")):
        result = CliRunner().invoke(main, ["scan", str(spec), option, str(path)])
        assert result.exit_code == 2, result.output
        assert result.stderr.strip().splitlines() == [
            f"ambiguity: error: [{code}] {path}: {'rule' if code == 'A200' else 'configuration' if code == 'A500' else 'baseline'} "
            "file is 1,073,741,824 bytes, over the "
            f"{limits.MAX_BASELINE_FILE_BYTES if code == 'A600' else limits.MAX_RULE_FILE_BYTES:,}-byte limit"]
    result = CliRunner().invoke(main, ["batch", str(tmp_path), "-o", str(tmp_path / "out.jsonl"), "--rules",
                                       str(rules)])
    assert result.exit_code == 2 and result.stderr.strip().splitlines() == [
        f"ambiguity: error: [A200] {rules}: rule file is 1,073,741,824 bytes, over the 1,048,576-byte limit"]
