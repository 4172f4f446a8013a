"""`make bench`: lint the synthetic corpus in several configurations and tabulate the speed.

    python -m benchmarks.run                  the full run (20,000 documents), writes RESULTS.md
    python -m benchmarks.run --quick          2,000 documents, for a quick look while developing
    python -m benchmarks.run --only baseline,default-1 --docs 5000 --output /tmp/bench.md
    python -m benchmarks.run --only big-jsonl --big-gb 0.5     the memory row on 0.5 GB

Each scenario is a separate child process (`seedlint check … --output-format concise --quiet
--exit-zero --no-cache`, or the `benchmarks.baseline` driver), timed from outside, so its peak
RSS is its own. Scenarios whose rules are not installed are skipped with the reason, so the
harness works whatever rule packs exist. Analysis costs compare CPU seconds of one-core runs
with and without a rule family, which is steadier than wall time on a shared machine.

The comparisons run on the same corpus and machine: `ray-local` (seedlint's Ray engine on a
local Ray instance, its findings compared with the local engine's), `datatrove` (its C4,
Gopher and FineWeb quality filters on corpus.jsonl, one process) and `proselint` (on the same
files, one process). The two outside tools are installed by this script in throwaway venvs
under benchmarks/.venvs/ (see benchmarks/comparisons/); building them is preparation, not
measured. `big-jsonl` checks a JSONL of `--big-gb` GB (2 by default, 0.1 with --quick; built
once by benchmarks/big_corpus.py and cached) for the memory target: peak RSS under 1 GB.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.big_corpus import BigCorpus, build_big_corpus, gigabytes_to_bytes
from benchmarks.comparisons.reports import (
    DATATROVE_DRIVER,
    PROSELINT_FINDING,
    datatrove_summary,
    proselint_unreadable,
)
from benchmarks.comparisons.venvs import DATATROVE, PROSELINT, ToolVenv, ensure_venv
from benchmarks.corpus import DEFAULT_DOCS, DEFAULT_SEED, Corpus, build_corpus
from benchmarks.finding_sets import describe_difference, keys_from_dataset, keys_from_report
from benchmarks.measure import Measurement, run_measured

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
QUICK_DOCS = 2_000
BIG_GB, QUICK_BIG_GB = 2.0, 0.1
MEMORY_TARGET_MB = 1000.0
CACHE_DIR_NAME = ".seedlint_cache"
SEEDLINT_FLAGS = (
    "--output-format",
    "concise",
    "--quiet",
    "--exit-zero",
    "--ignore-rule-errors",
    "--color",
    "never",
)
# Family prefix -> (analysis it measures, largest added share of the run's CPU time allowed).
ANALYSIS_TARGETS = {
    "QUO": ("quote analysis", 0.30),
    "DAT": ("date analysis", 0.20),
    "TRN": ("structure and sentences", 0.40),
}
# The flags of every Ray run: no --output-format, so that `--output-file X.jsonl` writes a
# findings dataset (a folder) rather than a report.
RAY_FLAGS = (
    "--quiet",
    "--exit-zero",
    "--ignore-rule-errors",
    "--color",
    "never",
    "--no-cache",
    "--engine",
    "ray",
)
RAY_DATASET = "ray-findings.jsonl"


@dataclass
class Context:
    corpus: Corpus
    jobs: int
    codes: dict[str, dict[str, object]]  # installed rules by code, from `seedlint rules`
    python: str
    seedlint: str
    scratch: Path  # this run's temporary folder (outputs written by the runs), removed at exit
    big_bytes: int = 0  # size of the big-jsonl corpus; 0 skips that row
    seed: int = DEFAULT_SEED
    big: BigCorpus | None = None  # built by the big-jsonl row's preparation

    def default_codes(self) -> list[str]:
        return [code for code, rule in self.codes.items() if rule["default_enabled"]]

    def installed_prefixes(self, prefixes: tuple[str, ...]) -> list[str]:
        return [p for p in prefixes if any(code.startswith(p) for code in self.codes)]

    def has_default(self, prefix: str) -> bool:
        return any(code.startswith(prefix) for code in self.default_codes())


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    build: Callable[[Context], list[str] | str]  # the command, or why it cannot run
    input: str = "files"  # "files", "jsonl" or "none": which size the throughput uses
    reference: str | None = None  # scenario compared with
    comparison: str = "throughput"  # "throughput" (MB/s ratio) or "speedup" (wall-time ratio)
    target: tuple[str, float] | None = None  # ("MB/s", 20) or ("speedup", 1.7) or ("x", 10)
    prepare: Callable[[Context], str | None] | None = None  # unmeasured setup, or why not
    cached: bool = False  # run with the findings cache on
    verify: Callable[[Context, Row], None] | None = None  # unmeasured: findings cell, notes
    ok_codes: tuple[int, ...] = (0,)  # exit codes of a successful run
    tool: ToolVenv | None = None  # an outside tool, run from its venv without our PYTHONPATH
    pattern: re.Pattern[bytes] | None = None  # output lines that are findings, if not all
    cwd: Callable[[Context], Path] | None = None  # where it runs (default: the corpus folder)


@dataclass
class Row:
    scenario: Scenario
    documents: int
    size: int
    measurement: Measurement | None = None
    skipped: str | None = None
    runs: list[float] = field(default_factory=list)
    sources_changed: bool = False  # engine or rule code was edited while this row ran
    findings: str | None = None  # the findings cell, when not the count of output lines
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        m = self.measurement
        return m is not None and m.returncode in self.scenario.ok_codes

    @property
    def mb_per_s(self) -> float:
        assert self.measurement is not None
        return self.size / 1e6 / self.measurement.wall


def _seedlint(context: Context, *arguments: str, jobs: int | None = None) -> list[str]:
    command = [context.seedlint, "check", "docs", *SEEDLINT_FLAGS, *arguments]
    return [*command, "--jobs", str(jobs or 1)]


def _encws(jobs_all: bool) -> Callable[[Context], list[str] | str]:
    def build(context: Context) -> list[str] | str:
        prefixes = context.installed_prefixes(("ENC", "WS"))
        if not prefixes:
            return "no ENC or WS rules installed"
        select = ",".join(prefixes)
        return _seedlint(context, "--no-cache", "--select", select, jobs=_jobs(context, jobs_all))

    return build


def _jobs(context: Context, jobs_all: bool) -> int:
    return context.jobs if jobs_all else 1


def _default(jobs_all: bool, without: str | None = None) -> Callable[[Context], list[str] | str]:
    def build(context: Context) -> list[str] | str:
        if not context.default_codes():
            return "no rules enabled by default"
        arguments = ["--no-cache"]
        if without is not None:
            if not context.has_default(without):
                return f"no {without} rules installed"
            arguments += ["--ignore", without]
        return _seedlint(context, *arguments, jobs=_jobs(context, jobs_all))

    return build


def _records(jobs_all: bool) -> Callable[[Context], list[str] | str]:
    def build(context: Context) -> list[str] | str:
        if "REC001" not in context.codes:
            return "record input (JSONL) not installed yet (issue 6)"
        command = [context.seedlint, "check", "corpus.jsonl", *SEEDLINT_FLAGS, "--no-cache"]
        return [*command, "--jobs", str(_jobs(context, jobs_all))]

    return build


def _prime_cache(context: Context) -> str | None:
    """Fill the findings cache with one unmeasured run; say why not when there is no cache."""
    cache = context.corpus.root / CACHE_DIR_NAME
    shutil.rmtree(cache, ignore_errors=True)
    command = [context.seedlint, "check", "docs", *SEEDLINT_FLAGS, "--jobs", str(context.jobs)]
    primed = subprocess.run(
        command, cwd=context.corpus.root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    if primed.returncode != 0:
        last = (primed.stderr.decode("utf-8", "replace").strip().splitlines() or [""])[-1]
        return f"the run that fills the cache failed (exit {primed.returncode}: {last})"
    if not cache.is_dir():
        return f"no findings cache written (no {CACHE_DIR_NAME}/ after a run; issue 6)"
    return None


def _warm(context: Context) -> list[str] | str:
    if not context.default_codes():
        return "no rules enabled by default"
    command = [context.seedlint, "check", "docs", *SEEDLINT_FLAGS]
    return [*command, "--jobs", str(context.jobs)]


def _baseline(*arguments: str) -> Callable[[Context], list[str]]:
    def build(context: Context) -> list[str]:
        target = "corpus.jsonl" if "--jsonl" in arguments else "docs"
        return [context.python, "-m", "benchmarks.baseline", *arguments, target]

    return build


def _startup(context: Context) -> list[str]:
    empty = context.corpus.root / "empty"
    empty.mkdir(exist_ok=True)
    return [context.seedlint, "check", "empty", *SEEDLINT_FLAGS, "--no-cache"]


# -- the Ray engine ----------------------------------------------------------------------------


def _ray_missing(context: Context) -> str | None:
    if "REC001" not in context.codes:
        return "record input (JSONL) not installed yet (issue 6)"
    if importlib.util.find_spec("ray") is None:
        return "Ray is not installed in this environment: pip install 'seedlint[ray]'"
    return None


def _ray(context: Context) -> list[str] | str:
    missing = _ray_missing(context)
    if missing is not None:
        return missing
    dataset = context.scratch / RAY_DATASET
    command = [context.seedlint, "check", "corpus.jsonl", *RAY_FLAGS, "--output-file", str(dataset)]
    return [*command, "--jobs", str(context.jobs)]


def _ray_startup(context: Context) -> list[str] | str:
    """Ray's fixed cost: start a local instance, check one record, write its findings, stop."""
    missing = _ray_missing(context)
    if missing is not None:
        return missing
    one = context.scratch / "one-record.jsonl"
    with context.corpus.jsonl.open("rb") as records:
        one.write_bytes(records.readline())
    dataset = context.scratch / "ray-startup-findings.jsonl"
    command = [context.seedlint, "check", str(one), *RAY_FLAGS, "--output-file", str(dataset)]
    return [*command, "--jobs", str(context.jobs)]


def _work_units(path: Path) -> int | None:
    """How many work units the engines cut `path` into (None if the engine cannot say)."""
    try:
        from lint.records import plan_units

        return len(plan_units(path, path.name))
    except Exception:  # the engine is being edited, or its planner changed name
        return None


def _verify_ray(context: Context, row: Row) -> None:
    """Count the dataset's findings and compare them with the local engine's on the same
    JSONL, which is run here (unmeasured) with JSONL output."""
    dataset = context.scratch / RAY_DATASET
    if not dataset.is_dir():
        row.notes.append("`ray-local` wrote no findings dataset")
        return
    ours = keys_from_dataset(dataset)
    row.findings = f"{sum(ours.values()):,}"
    errors = sum(count for key, count in ours.items() if key[2] == "SL002")
    if errors:
        row.findings += f" ({errors} SL002)"
    reference = context.scratch / "local-findings.jsonl"
    local = [context.seedlint, "check", "corpus.jsonl", "--output-format", "jsonl", "--quiet"]
    local += ["--exit-zero", "--ignore-rule-errors", "--no-cache", "--jobs", str(context.jobs)]
    done = subprocess.run(
        [*local, "--output-file", str(reference)],
        cwd=context.corpus.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    if done.returncode != 0:
        last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or [""])[-1]
        verdict = f"not compared: the local engine's run failed (exit {done.returncode}: {last})"
    else:
        verdict = describe_difference(ours, keys_from_report(reference))
    row.notes.append(
        "Findings of `ray-local` vs the local engine's (`--jobs"
        f" {context.jobs} --output-format jsonl`, run unmeasured) on the same corpus.jsonl,"
        f" compared by (filename, record index, code, row, column): {verdict}."
    )
    m = row.measurement
    units = _work_units(context.corpus.jsonl)
    if m is not None and units is not None:
        busy = min(units, context.jobs)
        row.notes.append(
            f"`ray-local` started a local Ray instance with {context.jobs} CPUs (`--jobs"
            f" {context.jobs}`); corpus.jsonl is {units} work unit{'s' * (units != 1)}, so"
            f" {busy} CPU{'s' * (busy != 1)} can check at once; CPU seconds / wall ="
            f" {m.cpu / m.wall:.2f}. Its wall time includes starting and stopping Ray (see"
            " `ray-startup`). CPU time: the larger of the kernel's accounting"
            f" ({m.kernel_cpu:.1f} s), which misses the workers Ray's raylet lets the kernel"
            " reap (it ignores SIGCHLD), and the sum of /proc samples of every Ray process"
            f" ({m.sampled_cpu:.1f} s)."
        )
    shutil.rmtree(dataset, ignore_errors=True)
    reference.unlink(missing_ok=True)


# -- the outside tools, each in its own throwaway venv -----------------------------------------


def _prepare_venv(tool: ToolVenv) -> Callable[[Context], str | None]:
    def prepare(context: Context) -> str | None:
        print(f"    preparing the {tool.name} venv (unmeasured)…", file=sys.stderr, flush=True)
        return ensure_venv(tool)

    return prepare


def _datatrove(context: Context) -> list[str]:
    return [str(DATATROVE.python), str(DATATROVE_DRIVER), "corpus.jsonl"]


def _verify_datatrove(context: Context, row: Row) -> None:
    assert row.measurement is not None
    row.findings, notes = datatrove_summary(row.measurement.stdout_tail)
    row.notes += [f"`datatrove` {note}." for note in notes]


def _proselint(context: Context) -> list[str]:
    return [str(PROSELINT.script("proselint")), "check", "--output-format", "compact", "docs"]


def _verify_proselint(context: Context, row: Row) -> None:
    assert row.measurement is not None
    row.findings = f"{row.measurement.pattern_lines:,}"
    unreadable = proselint_unreadable(row.measurement.stderr)
    if unreadable:
        row.notes.append(
            f"`proselint` skipped {unreadable} file{'s' * (unreadable != 1)} it could not"
            " decode as UTF-8 (the corpus's invalid-UTF-8 documents; seedlint reports them as"
            " ENC003 and checks them)."
        )


# -- memory on a big JSONL ---------------------------------------------------------------------


def _big_jsonl(context: Context) -> list[str] | str:
    if "REC001" not in context.codes:
        return "record input (JSONL) not installed yet (issue 6)"
    if context.big_bytes <= 0:
        return "--big-gb 0"
    if not context.default_codes():
        return "no rules enabled by default"
    output = context.scratch / "big-findings.jsonl"
    command = [context.seedlint, "check", "corpus.jsonl", "--output-format", "jsonl"]
    command += ["--output-file", str(output), "--quiet", "--exit-zero", "--no-cache"]
    command += ["--ignore-rule-errors", "--color", "never"]
    return [*command, "--jobs", str(context.jobs)]


def _prepare_big(context: Context) -> str | None:
    gb = context.big_bytes / 1e9
    print(f"    building or reusing the {gb:g} GB JSONL (unmeasured)…", file=sys.stderr, flush=True)
    context.big = build_big_corpus(context.big_bytes, context.seed)
    return None


def _big_root(context: Context) -> Path:
    assert context.big is not None
    return context.big.root


def _verify_big(context: Context, row: Row) -> None:
    """Count the findings the run wrote (one JSONL line each), then delete them."""
    output = context.scratch / "big-findings.jsonl"
    findings = errors = 0
    if output.is_file():
        with output.open("rb") as lines:
            for line in lines:
                findings += 1
                errors += b'"code": "SL002"' in line
        output.unlink()
    row.findings = f"{findings:,}" + (f" ({errors} SL002)" if errors else "")
    m = row.measurement
    if m is not None and context.big is not None:
        row.notes.append(
            f"`big-jsonl`: {context.big.jsonl_bytes / 1e9:.2f} GB, {context.big.documents:,}"
            f" records; peak RSS {m.peak_rss / 1e6:.0f} MB (largest process), tree RSS"
            f" {m.tree_rss / 1e6:.0f} MB (all processes); target: peak RSS <"
            f" {MEMORY_TARGET_MB:g} MB."
        )


SCENARIOS = (
    Scenario("startup", "seedlint on an empty folder (start-up cost)", _startup, input="none"),
    Scenario("baseline", "(a) read + decode + split lines, 1 core", _baseline()),
    Scenario(
        "baseline-lines",
        "read + decode + Document.lines, 1 core",
        _baseline("--lines"),
        reference="baseline",
    ),
    Scenario(
        "baseline-jsonl",
        "read JSONL + json.loads + split lines, 1 core",
        _baseline("--jsonl"),
        input="jsonl",
        reference="baseline",
    ),
    Scenario(
        "engine",
        "seedlint with no rule but the engine's own (--select SL), 1 core",
        lambda context: _seedlint(context, "--no-cache", "--select", "SL"),
        reference="baseline",
    ),
    Scenario(
        "encws-1",
        "ENC+WS rules, --jobs 1",
        _encws(False),
        reference="baseline",
        target=("MB/s", 20.0),
    ),
    Scenario(
        "encws-all",
        "ENC+WS rules, all cores",
        _encws(True),
        reference="encws-1",
        comparison="speedup",
        target=("speedup", 1.7),
    ),
    Scenario(
        "default-1",
        "(b) every default rule, --jobs 1",
        _default(False),
        reference="baseline",
        target=("MB/s", 5.0),
    ),
    Scenario(
        "default-all",
        "(c) every default rule, all cores",
        _default(True),
        reference="default-1",
        comparison="speedup",
        target=("speedup", 1.7),
    ),
    *(
        Scenario(
            f"without-{prefix.lower()}",
            f"default rules without {prefix}, --jobs 1",
            _default(False, without=prefix),
            reference="default-1",
        )
        for prefix in ANALYSIS_TARGETS
    ),
    Scenario(
        "warm-cache",
        "(d) second run, warm findings cache, all cores",
        _warm,
        reference="default-all",
        comparison="speedup",
        target=("speedup", 10.0),
        prepare=_prime_cache,
        cached=True,
    ),
    Scenario(
        "records-1",
        "every default rule on corpus.jsonl, --jobs 1",
        _records(False),
        input="jsonl",
        reference="default-1",
        target=("MB/s", 5.0),
    ),
    Scenario(
        "records-all",
        "every default rule on corpus.jsonl, all cores",
        _records(True),
        input="jsonl",
        reference="records-1",
        comparison="speedup",
        target=("speedup", 1.7),
    ),
    Scenario(
        "ray-startup",
        "--engine ray on one record: start a local Ray instance, check, write, stop",
        _ray_startup,
        input="none",
    ),
    Scenario(
        "ray-local",
        "(e) every default rule on corpus.jsonl, --engine ray, local Ray with all cores",
        _ray,
        input="jsonl",
        reference="records-1",
        verify=_verify_ray,
    ),
    Scenario(
        "datatrove",
        "(f) datatrove 0.10.1 C4 + Gopher + FineWeb quality filters on corpus.jsonl, 1 process"
        " (venv setup excluded)",
        _datatrove,
        input="jsonl",
        reference="records-1",
        prepare=_prepare_venv(DATATROVE),
        verify=_verify_datatrove,
        tool=DATATROVE,
    ),
    Scenario(
        "proselint",
        "(g) proselint 0.16.0 (its CLI, default checks) on the same files, 1 process"
        " (venv setup excluded)",
        _proselint,
        reference="default-1",
        prepare=_prepare_venv(PROSELINT),
        verify=_verify_proselint,
        ok_codes=(0, 1),  # 1: it found something
        tool=PROSELINT,
        pattern=PROSELINT_FINDING,
    ),
    Scenario(
        "big-jsonl",
        "memory: every default rule on a --big-gb JSONL, all cores, findings to a JSONL file",
        _big_jsonl,
        input="big",
        target=("RSS", MEMORY_TARGET_MB),
        prepare=_prepare_big,
        verify=_verify_big,
        cwd=_big_root,
    ),
)
BY_NAME = {scenario.name: scenario for scenario in SCENARIOS}


# -- running -----------------------------------------------------------------------------------


def installed_rules(seedlint: str) -> dict[str, dict[str, object]]:
    listing = subprocess.run(
        [seedlint, "rules", "--format", "json"], capture_output=True, text=True, check=False
    )
    if listing.returncode != 0:
        raise SystemExit(f"`seedlint rules` failed:\n{listing.stderr}")
    return {rule["code"]: rule for rule in json.loads(listing.stdout)}


def _input_size(scenario: Scenario, context: Context) -> tuple[int, int]:
    """(documents, bytes) the scenario's throughput counts."""
    corpus = context.corpus
    if scenario.input == "none":
        return 0, 0
    if scenario.input == "big":
        assert context.big is not None
        return context.big.documents, context.big.jsonl_bytes
    size = corpus.jsonl_bytes if scenario.input == "jsonl" else corpus.bytes
    return corpus.documents, size


def _environment(scenario: Scenario) -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    if scenario.tool is not None:  # its venv has what it needs; the repository must not shadow it
        del env["PYTHONPATH"]
    return env


def run_scenario(scenario: Scenario, context: Context, repeat: int) -> Row:
    row = Row(scenario, 0, 0)
    command = scenario.build(context)
    if isinstance(command, str):
        row.skipped = command
        return row
    before = source_fingerprint()
    if scenario.prepare is not None:
        reason = scenario.prepare(context)
        if reason is not None:
            row.skipped = reason
            return row
    row.documents, row.size = _input_size(scenario, context)
    cwd = scenario.cwd(context) if scenario.cwd is not None else context.corpus.root
    best: Measurement | None = None
    for _ in range(repeat):
        measured = run_measured(
            command,
            cwd=cwd,
            env=_environment(scenario),
            marker=b" SL002 ",
            pattern=scenario.pattern,
        )
        row.runs.append(measured.wall)
        if measured.returncode not in scenario.ok_codes:
            best = measured
            break
        if best is None or measured.wall < best.wall:
            best = measured
    row.measurement = best
    row.sources_changed = source_fingerprint() != before
    if scenario.verify is not None and row.ok:
        scenario.verify(context, row)
    return row


# -- reporting ---------------------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _git_revision() -> str:
    def git(*arguments: str) -> str:
        done = subprocess.run(
            ["git", *arguments], cwd=REPO, capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    revision = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "lint", "rules")
    return f"{revision} (+ uncommitted engine/rule changes)" if dirty else revision


def source_fingerprint() -> str:
    """A hash of the engine and rule sources: other work may change them during a long run."""
    digest = hashlib.sha256()
    for folder in ("lint", "rules"):
        for path in sorted((REPO / folder).rglob("*.py")):
            digest.update(path.as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _ratio(row: Row, rows: dict[str, Row]) -> tuple[str, float | None]:
    scenario = row.scenario
    reference = rows.get(scenario.reference or "")
    if not row.ok or reference is None or not reference.ok:
        return "", None
    assert row.measurement is not None and reference.measurement is not None
    if scenario.comparison == "speedup":
        value = reference.measurement.wall / row.measurement.wall
        return f"{value:.2f}× faster than {reference.scenario.name}", value
    value = row.mb_per_s / reference.mb_per_s
    return f"{value:.3g}× {reference.scenario.name}", value


def _target(row: Row, ratio: float | None, jobs: int) -> str:
    target = row.scenario.target
    if target is None or not row.ok:
        return ""
    kind, bound = target
    if kind == "RSS":
        assert row.measurement is not None
        return f"peak < {bound:g} MB {'✅' if row.measurement.peak_rss / 1e6 < bound else '❌'}"
    if kind == "MB/s":
        return f"≥ {bound:g} MB/s {'✅' if row.mb_per_s >= bound else '❌'}"
    if kind == "speedup" and row.scenario.name.endswith("-all") and jobs < 2:
        return "needs ≥ 2 cores"
    if ratio is None:
        return f"≥ {bound:g}×"
    return f"≥ {bound:g}× {'✅' if ratio >= bound else '❌'}"


def _mb(value: int) -> str:
    return f"{value / 1e6:.1f}" if value else "—"


def table(rows: list[Row], jobs: int) -> list[str]:
    by_name = {row.scenario.name: row for row in rows}
    lines = [
        "| scenario | what | docs | MB | wall s | CPU s | docs/s | MB/s | MB/CPU-s | peak RSS MB"
        " | tree RSS MB | findings | vs reference | target |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|",
    ]
    for row in rows:
        name, title = row.scenario.name, row.scenario.title
        if row.skipped is not None or row.measurement is None:
            continue
        m = row.measurement
        if not row.ok:
            lines.append(f"| {name} | {title} |{' |' * 10} failed: exit {m.returncode} | |")
            continue
        ratio_text, ratio = _ratio(row, by_name)
        docs_s = f"{row.documents / m.wall:,.0f}" if row.documents else "—"
        mb_s = f"{row.mb_per_s:.2f}" if row.size else "—"
        mb_cpu = f"{row.size / 1e6 / m.cpu:.2f}" if row.size and m.cpu else "—"
        baseline_like = name.startswith(("baseline", "startup")) or row.scenario.input == "none"
        findings = "—" if baseline_like else f"{m.output_lines:,}"
        if m.marker_lines:
            findings += f" ({m.marker_lines} SL002)"
        if row.findings is not None:
            findings = row.findings
        if row.sources_changed:
            title += " ⚠ sources changed during this row"
        lines.append(
            f"| {name} | {title} | {row.documents or '—'} | {_mb(row.size)} | {m.wall:.2f}"
            f" | {m.cpu:.2f} | {docs_s} | {mb_s} | {mb_cpu} | {m.peak_rss / 1e6:.0f}"
            f" | {m.tree_rss / 1e6:.0f} | {findings} | {ratio_text} | {_target(row, ratio, jobs)} |"
        )
    return lines


def analysis_costs(rows: list[Row]) -> list[str]:
    by_name = {row.scenario.name: row for row in rows}
    full = by_name.get("default-1")
    lines = []
    for prefix, (analysis, bound) in ANALYSIS_TARGETS.items():
        without = by_name.get(f"without-{prefix.lower()}")
        if full is None or without is None or not full.ok or not without.ok:
            continue
        assert full.measurement is not None and without.measurement is not None
        with_cpu, without_cpu = full.measurement.cpu, without.measurement.cpu
        added = (with_cpu - without_cpu) / without_cpu
        wall = (full.measurement.wall - without.measurement.wall) / without.measurement.wall
        mark = "✅" if added <= bound else "❌"
        lines.append(
            f"| {prefix} | {analysis} | {without_cpu:.2f} | {with_cpu:.2f} | {added:+.0%}"
            f" | {wall:+.0%} | ≤ {bound:.0%} {mark} |"
        )
    if not lines:
        return []
    return [
        "| family | analysis | CPU s without | CPU s with | added (CPU) | added (wall) | target |",
        "|---|---|--:|--:|--:|--:|---|",
        *lines,
    ]


def consistency_notes(rows: list[Row]) -> list[str]:
    """Whether the parallel runs printed exactly what the one-core runs printed."""
    by_name = {row.scenario.name: row for row in rows}
    notes = []
    for one, many in (
        ("encws-1", "encws-all"),
        ("default-1", "default-all"),
        ("default-all", "warm-cache"),
        ("records-1", "records-all"),
    ):
        a, b = by_name.get(one), by_name.get(many)
        if a is None or b is None or not a.ok or not b.ok:
            continue
        assert a.measurement is not None and b.measurement is not None
        same = a.measurement.output_digest == b.measurement.output_digest
        verdict = "identical" if same else "DIFFERENT (a determinism bug, unless sources changed)"
        notes.append(f"- Output of `{many}` vs `{one}`: {verdict}.")
    return notes


def comparison_notes(rows: list[Row]) -> list[str]:
    """How many times faster seedlint is than each outside tool on the same input."""
    by_name = {row.scenario.name: row for row in rows}
    notes = []
    for ours, theirs, what in (
        ("records-1", "datatrove", "datatrove's three quality filters (both on corpus.jsonl)"),
        ("default-1", "proselint", "proselint (both on the files)"),
    ):
        a, b = by_name.get(ours), by_name.get(theirs)
        if a is None or b is None or not a.ok or not b.ok:
            continue
        assert a.measurement is not None and b.measurement is not None
        wall = a.mb_per_s / b.mb_per_s
        cpu = (a.size / a.measurement.cpu) / (b.size / b.measurement.cpu)
        notes.append(
            f"- `{ours}` (every default rule, one process) is {wall:.1f}× as fast as {what} by"
            f" wall time, {cpu:.1f}× per CPU second."
        )
    return notes


def render(
    rows: list[Row],
    context: Context,
    quick: bool,
    repeat: int,
    load: tuple[float, ...],
    sources: tuple[str, str],
) -> str:
    corpus = context.corpus
    families: dict[str, int] = {}
    for rule in context.codes.values():
        families[str(rule["family"])] = families.get(str(rule["family"]), 0) + 1
    installed = ", ".join(f"{family} {count}" for family, count in sorted(families.items()))
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    out = [
        "# seedlint benchmark results",
        "",
        f"Measured {now} by `python -m benchmarks.run{' --quick' if quick else ''}`"
        f"{f' (best of {repeat})' if repeat > 1 else ''}.",
        "",
        f"- Machine: {cores} cores usable ({os.cpu_count()} online), {_cpu_model()},"
        f" {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; seedlint at {_git_revision()};"
        f" rules installed: {len(context.codes)} ({installed})",
        f"- Load average when the run started: {', '.join(f'{x:.2f}' for x in load)}"
        " (other work on the machine slows wall times; CPU seconds are steadier)",
        f"- Corpus: {corpus.documents:,} documents, {corpus.bytes / 1e6:.1f} MB of files"
        f" ({corpus.jsonl_bytes / 1e6:.1f} MB as JSONL), `{corpus.root.name}`"
        " (see benchmarks/corpus.py)",
        (
            f"- Engine and rule sources unchanged during the run ({sources[0]})."
            if sources[0] == sources[1]
            else f"- ⚠ Engine or rule sources CHANGED during the run ({sources[0]} → "
            f"{sources[1]}): rows measured different code."
        ),
        f"- All cores = `--jobs {context.jobs}`. Every seedlint run: `seedlint check docs"
        f" {' '.join(SEEDLINT_FLAGS)} --no-cache` plus the options named.",
        "",
        *table(rows, context.jobs),
        "",
    ]
    costs = analysis_costs(rows)
    if costs:
        out += [
            "Added cost of each analysis: the default rules' one-core run compared with the same"
            " run without that family (`--ignore PREFIX`).",
            "",
            *costs,
            "",
        ]
    notes = consistency_notes(rows)
    skipped = [row for row in rows if row.skipped]
    failed = [row for row in rows if row.measurement and not row.ok]
    out += ["## Notes", ""]
    out += notes
    out += [f"- {note}" for row in rows for note in row.notes]
    out += comparison_notes(rows)
    out += [f"- `{row.scenario.name}` not measured: {row.skipped}." for row in skipped]
    for row in failed:
        assert row.measurement is not None
        tail = row.measurement.stderr.strip().splitlines()[-3:]
        out.append(f"- `{row.scenario.name}` failed: {' / '.join(tail)}")
    tools = [row.scenario.tool for row in rows if row.scenario.tool is not None and row.ok]
    if tools:
        out.append(
            "- The outside tools ran from throwaway venvs under benchmarks/.venvs/ (pinned:"
            f" {'; '.join(' '.join(tool.requirements) for tool in tools)}), built before their"
            " row and not timed; each ran on one process over the same corpus."
        )
    out += [
        "- Peak RSS: the largest single process (kernel accounting of the child and every"
        " process below it that was waited for, orphans included: the measuring wrapper adopts"
        " them); tree RSS: the largest sampled sum over all its processes (pages shared between"
        " processes, such as Ray's object store, count once per process).",
        "- Throughput counts file bytes (JSONL bytes for record scenarios) over wall time,"
        " start-up included (see `startup`); MB/CPU-s divides by the CPU seconds of all the"
        " run's processes instead, which other work on the machine disturbs less.",
        "",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark seedlint on the synthetic corpus.")
    parser.add_argument("--docs", type=int, help=f"Corpus size (default {DEFAULT_DOCS:,}).")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_DOCS:,} documents.")
    parser.add_argument("--only", help="Comma-separated scenarios: " + ", ".join(BY_NAME))
    parser.add_argument("--jobs", type=int, help="Processes for the all-cores scenarios.")
    parser.add_argument("--repeat", type=int, default=1, help="Runs per scenario; best kept.")
    parser.add_argument("--output", type=Path, default=RESULTS, help="Markdown report path.")
    parser.add_argument(
        "--big-gb",
        type=float,
        help=f"Size of the big-jsonl row's JSONL in GB (default {BIG_GB:g}, {QUICK_BIG_GB:g}"
        " with --quick; 0 skips it).",
    )
    args = parser.parse_args(argv)
    selected = list(SCENARIOS)
    if args.only:
        names = [name.strip() for name in args.only.split(",") if name.strip()]
        unknown = [name for name in names if name not in BY_NAME]
        if unknown:
            parser.error(f"unknown scenario(s) {', '.join(unknown)}; known: {', '.join(BY_NAME)}")
        selected = [scenario for scenario in SCENARIOS if scenario.name in names]
    docs = args.docs or (QUICK_DOCS if args.quick else DEFAULT_DOCS)
    load = os.getloadavg()
    before = source_fingerprint()
    print(f"Building or reusing the corpus ({docs:,} documents)…", file=sys.stderr)
    corpus = build_corpus(docs, args.seed)
    bin_dir = Path(sys.executable).parent
    seedlint = shutil.which("seedlint", path=str(bin_dir)) or "seedlint"
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    big_gb = args.big_gb if args.big_gb is not None else (QUICK_BIG_GB if args.quick else BIG_GB)
    context = Context(
        corpus,
        args.jobs or cores,
        installed_rules(seedlint),
        sys.executable,
        seedlint,
        scratch=Path(tempfile.mkdtemp(prefix="seedlint-bench-")),
        big_bytes=gigabytes_to_bytes(max(0.0, big_gb)),
        seed=args.seed,
    )
    rows = []
    try:
        for scenario in selected:
            print(f"  {scenario.name}: {scenario.title}…", file=sys.stderr, flush=True)
            row = run_scenario(scenario, context, max(1, args.repeat))
            rows.append(row)
            if row.skipped:
                print(f"    skipped: {row.skipped}", file=sys.stderr)
            elif row.measurement is not None:
                m = row.measurement
                print(
                    f"    {m.wall:.2f} s wall, {m.cpu:.2f} s CPU, peak RSS"
                    f" {m.peak_rss / 1e6:.0f} MB, exit {m.returncode}",
                    file=sys.stderr,
                )
    finally:
        shutil.rmtree(context.scratch, ignore_errors=True)
    sources = (before, source_fingerprint())
    report = render(rows, context, args.quick, max(1, args.repeat), load, sources)
    print(report)
    args.output.write_text(report, encoding="utf-8")
    print(f"Wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
