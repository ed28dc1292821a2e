"""Smoke test of ``benchmarks/run.py``: it runs chosen modules, survives a broken one, writes a report."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
RUNNER = REPO / "benchmarks" / "run.py"


@pytest.fixture(scope="module")
def runner():
    spec = importlib.util.spec_from_file_location("benchmarks_runner", RUNNER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # the runner's dataclasses need their module registered
    spec.loader.exec_module(module)
    return module


def test_quick_segmentation_run_writes_report(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    proc = subprocess.run(
        [sys.executable, str(RUNNER), "--quick", "--only", "segmentation", "--output", str(out)],
        capture_output=True, text=True, cwd=REPO, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    report = out.read_text(encoding="utf-8")
    assert "| benchmark | metric | value | unit | goal | ok |" in report
    assert "| segmentation | ok |" in report or "| segmentation | skipped |" in report
    assert "translate_throughput" not in report  # --only really limits the run
    for item in ("cpu", "cores", "memory", "python", "ctranslate2", "argostranslate", "date"):
        assert f"| {item} |" in report
    if (REPO.parent / "shared" / "data" / "newstest2018" / "ru.txt").is_file():
        assert "newstest2018 boundary F1, workbench" in report


def test_failing_module_is_reported_not_raised(runner, tmp_path: Path) -> None:
    (tmp_path / "good.py").write_text(
        "def run(quick=False):\n"
        "    return [{'benchmark': 'good', 'metric': 'speed', 'value': 1234.5, 'unit': 'ops/s',"
        " 'goal': '> 1000', 'ok': True}]\n",
        encoding="utf-8",
    )
    (tmp_path / "boom.py").write_text("def run(quick=False):\n    raise RuntimeError('kaput')\n", encoding="utf-8")
    (tmp_path / "helper.py").write_text("VALUE = 1\n", encoding="utf-8")  # no run(): not a benchmark
    out = tmp_path / "report.md"
    assert runner.discover(tmp_path) == ["boom", "good"]
    assert runner.main(["--dir", str(tmp_path), "--output", str(out), "--quick"]) == 0
    report = out.read_text(encoding="utf-8")
    assert "| good | speed | 1,234 | ops/s | > 1000 | yes |" in report
    assert "| boom | failed: RuntimeError: kaput |" in report
    assert "Goals met: **1/1**; modules failed: **1/2**" in report


def test_unknown_module_is_a_usage_error(runner, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        runner.main(["--only", "no_such_benchmark", "--output", str(tmp_path / "r.md")])
    assert exc.value.code == 2
    assert not (tmp_path / "r.md").exists()


@pytest.mark.parametrize(("value", "text"), [(0.89876, "0.8988"), (1.0, "1.0000"), (12.345, "12.35"), (447.31, "447.3"),
                                             (123456.7, "123,457"), (3, "3"), ("n/a", "n/a")])
def test_format_value(runner, value: object, text: str) -> None:
    assert runner.format_value(value) == text
