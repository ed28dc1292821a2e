"""Run every benchmark and write one report: ``python benchmarks/run.py [--quick] [--only NAME ...]``.

Each ``benchmarks/<name>.py`` that defines ``run(quick: bool = False) -> list[dict]`` is a benchmark.
They run one after another in this process, so ratios in the report (workbench vs razdel, vs raw
CTranslate2, vs argostranslate) are measured side by side on the same machine in the same minute.
A benchmark that raises is reported as a failed row and the run goes on: one broken module must
not hide the numbers of the others.  The report (``benchmarks/RESULTS.md`` by default) is a
Markdown table plus the machine details needed to compare numbers between runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import math
import os
import platform
import re
import subprocess
import sys
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_OUTPUT = HERE / "RESULTS.md"
COLUMNS = ("benchmark", "metric", "value", "unit", "goal", "ok")


@dataclass
class ModuleResult:
    """What one benchmark module produced: its rows, or the error that stopped it."""

    name: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None


def discover(directory: Path = HERE) -> list[str]:
    """Names of the benchmark modules in ``directory``: ``*.py`` files defining ``run()``.

    The check reads the source instead of importing, so helper modules are never executed.
    """
    names = []
    for path in sorted(directory.glob("*.py")):
        if path.name.startswith("_") or path.resolve() == Path(__file__).resolve():
            continue
        if re.search(r"^def run\(", path.read_text(encoding="utf-8", errors="replace"), flags=re.MULTILINE):
            names.append(path.stem)
    return names


def load(name: str, directory: Path = HERE) -> ModuleType:
    """Import ``directory/name.py`` under a private module name (benchmarks are not a package)."""
    path = directory / f"{name}.py"
    if not path.is_file():
        raise FileNotFoundError(f"no benchmark named {name!r} in {directory}")
    spec = importlib.util.spec_from_file_location(f"_benchmark_{name}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and pickling look the module up by name
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(spec.name, None)
        raise
    return module


def _check_rows(rows: Any) -> list[dict[str, Any]]:
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise TypeError(f"run() must return a list of dicts, got {type(rows).__name__}")
    for row in rows:
        missing = [c for c in COLUMNS if c not in row]
        if missing:
            raise ValueError(f"row {row!r} lacks {', '.join(missing)}")
    return rows


def run_module(name: str, quick: bool, directory: Path = HERE) -> ModuleResult:
    """Import and run one benchmark; any exception becomes ``ModuleResult.error``."""
    result = ModuleResult(name)
    started = time.perf_counter()
    try:
        module = load(name, directory)
        if not callable(getattr(module, "run", None)):
            raise AttributeError(f"{name}.py has no run() function")
        result.rows = _check_rows(module.run(quick=quick))
    except (Exception, SystemExit) as exc:
        result.error = f"{type(exc).__name__}: {exc}".strip()
        traceback.print_exc(file=sys.stderr)
    result.seconds = time.perf_counter() - started
    return result


def machine_details() -> dict[str, str]:
    """CPU, cores, memory, OS and the versions that decide the speed of translation benchmarks."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = "unknown"
    try:
        pages, page_size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages * page_size / 2**30:.1f} GiB"
    except (ValueError, OSError, AttributeError):
        pass

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, timeout=5, check=False
        ).stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        commit = "unknown"
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": f"{usable} usable of {os.cpu_count()}",
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "ctranslate2": version("ctranslate2"),
        "argostranslate": version("argostranslate"),
        "razdel": version("razdel"),
        "commit": commit,
    }


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def format_value(value: Any) -> str:
    """Readable numbers: 4 decimals for scores, fewer as magnitudes grow."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _cell(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    magnitude = abs(value)
    if isinstance(value, int) or magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.1f}"
    if magnitude > 1:
        return f"{value:.2f}"
    return f"{value:.4f}"  # scores and shares in [0, 1]


def row_lines(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Markdown table lines (header included) for benchmark rows."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in rows:
        ok = row.get("ok")
        lines.append(
            f"| {_cell(row['benchmark'])} | {_cell(row['metric'])} | {format_value(row['value'])} | "
            f"{_cell(row['unit'])} | {_cell(row['goal'])} | {'' if ok is None else ('yes' if ok else 'NO')} |"
        )
    return lines


def print_rows(rows: Sequence[dict[str, Any]]) -> None:
    """What a benchmark prints when run on its own (``python benchmarks/<name>.py [--quick]``)."""
    print("\n".join(row_lines(rows)))


def render(results: Sequence[ModuleResult], details: dict[str, str], quick: bool) -> str:
    """The Markdown report: results table, per-module status, machine details."""
    lines = ["# Benchmark results", ""]
    mode = "quick smoke run (tiny inputs; numbers are not meaningful)" if quick else "full run"
    lines += [f"Generated by `python benchmarks/run.py{' --quick' if quick else ''}` — {mode}.", ""]
    rows = [r for m in results for r in m.rows]
    goals = [r for r in rows if r.get("ok") is not None]
    met = sum(1 for r in goals if r["ok"])
    failed = [m for m in results if m.error]
    lines += [f"Goals met: **{met}/{len(goals)}**; modules failed: **{len(failed)}/{len(results)}**.", ""]
    lines += row_lines([])
    for module in results:
        lines += row_lines(module.rows)[2:]
        if module.error:
            lines.append(f"| {module.name} | failed: {_cell(module.error)[:300]} |  |  | runs without error | NO |")
        elif not module.rows:
            lines.append(f"| {module.name} | skipped (no rows; inputs missing, see its message) |  |  |  |  |")
    lines += ["", "## Modules", "", "| module | status | seconds |", "|---|---|---|"]
    for module in results:
        status = "failed" if module.error else ("ok" if module.rows else "skipped")
        lines.append(f"| {module.name} | {status} | {module.seconds:.1f} |")
    lines += ["", "## Machine", "", "| item | value |", "|---|---|"]
    lines += [f"| {key} | {_cell(value)} |" for key, value in details.items()]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the exit status (0 unless the arguments are wrong)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny inputs: checks that everything runs")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="run only this benchmark module (repeatable, or comma-separated)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="report path (Markdown)")
    parser.add_argument("--dir", type=Path, default=HERE, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    directory: Path = args.dir.resolve()
    available = discover(directory)
    wanted = [n.strip().removesuffix(".py") for item in args.only for n in item.split(",") if n.strip()]
    unknown = [n for n in wanted if n not in available]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(available)}")
    names = wanted or available

    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    results = []
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        result = run_module(name, args.quick, directory)
        state = f"FAILED ({result.error})" if result.error else f"{len(result.rows)} rows"
        print(f"  {name}: {state} in {result.seconds:.1f} s", file=sys.stderr, flush=True)
        results.append(result)

    report = render(results, machine_details(), args.quick)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.output.with_name(args.output.name + ".tmp")
    tmp.write_text(report, encoding="utf-8")
    tmp.replace(args.output)
    print(report)
    print(f"written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
