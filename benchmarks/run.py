"""`make bench`: lint the synthetic corpus in several configurations and tabulate the speed.

    python -m benchmarks.run                  the full run (20,000 documents), writes RESULTS.md
    python -m benchmarks.run --quick          2,000 documents, for a quick look while developing
    python -m benchmarks.run --only baseline,default-1 --docs 5000 --output /tmp/bench.md

Each scenario is a separate child process (`seedlint check … --output-format concise --quiet
--exit-zero --no-cache`, or the `benchmarks.baseline` driver), timed from outside, so its peak
RSS is its own. Scenarios whose rules are not installed are skipped with the reason, so the
harness works whatever rule packs exist. Analysis costs compare CPU seconds of one-core runs
with and without a rule family, which is steadier than wall time on a shared machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.corpus import DEFAULT_DOCS, DEFAULT_SEED, Corpus, build_corpus
from benchmarks.measure import Measurement, run_measured

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
QUICK_DOCS = 2_000
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
# Issue 6 scenarios that need engine work or outside tools; listed in the report, not faked.
PENDING = {
    "ray-local": "`--engine ray` on a local Ray instance (issue 6: Ray engine)",
    "datatrove": "datatrove C4QualityFilter + GopherQualityFilter + FineWebQualityFilter, "
    "installed in a throwaway venv by this script (issue 6)",
    "proselint": "proselint over the same files, in a throwaway venv (issue 6)",
}


@dataclass
class Context:
    corpus: Corpus
    jobs: int
    codes: dict[str, dict[str, object]]  # installed rules by code, from `seedlint rules`
    python: str
    seedlint: str

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


@dataclass
class Row:
    scenario: Scenario
    documents: int
    size: int
    measurement: Measurement | None = None
    skipped: str | None = None
    runs: list[float] = field(default_factory=list)
    sources_changed: bool = False  # engine or rule code was edited while this row ran

    @property
    def ok(self) -> bool:
        return self.measurement is not None and self.measurement.returncode == 0

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
        "(b) ENC+WS rules, --jobs 1",
        _encws(False),
        reference="baseline",
        target=("MB/s", 20.0),
    ),
    Scenario(
        "encws-all",
        "(c) ENC+WS rules, all cores",
        _encws(True),
        reference="encws-1",
        comparison="speedup",
        target=("speedup", 1.7),
    ),
    Scenario(
        "default-1",
        "(d) every default rule, --jobs 1",
        _default(False),
        reference="baseline",
        target=("MB/s", 5.0),
    ),
    Scenario(
        "default-all",
        "(e) every default rule, all cores",
        _default(True),
        reference="default-1",
        comparison="speedup",
        target=("speedup", 1.7),
    ),
    *(
        Scenario(
            f"without-{prefix.lower()}",
            f"(f) default rules without {prefix}, --jobs 1",
            _default(False, without=prefix),
            reference="default-1",
        )
        for prefix in ANALYSIS_TARGETS
    ),
    Scenario(
        "warm-cache",
        "second run, warm findings cache, all cores",
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


def run_scenario(scenario: Scenario, context: Context, repeat: int) -> Row:
    corpus = context.corpus
    size = {"files": corpus.bytes, "jsonl": corpus.jsonl_bytes, "none": 0}[scenario.input]
    row = Row(scenario, corpus.documents if scenario.input != "none" else 0, size)
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
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    best: Measurement | None = None
    for _ in range(repeat):
        measured = run_measured(command, cwd=corpus.root, env=env, marker=b" SL002 ")
        row.runs.append(measured.wall)
        if measured.returncode != 0:
            best = measured
            break
        if best is None or measured.wall < best.wall:
            best = measured
    row.measurement = best
    row.sources_changed = source_fingerprint() != before
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
        if m.returncode != 0:
            lines.append(f"| {name} | {title} |{' |' * 10} failed: exit {m.returncode} | |")
            continue
        ratio_text, ratio = _ratio(row, by_name)
        docs_s = f"{row.documents / m.wall:,.0f}" if row.documents else "—"
        mb_s = f"{row.mb_per_s:.2f}" if row.size else "—"
        mb_cpu = f"{row.size / 1e6 / m.cpu:.2f}" if row.size and m.cpu else "—"
        baseline_like = name.startswith(("baseline", "startup"))
        findings = "—" if baseline_like else f"{m.output_lines:,}"
        if m.marker_lines:
            findings += f" ({m.marker_lines} SL002)"
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
    failed = [row for row in rows if row.measurement and row.measurement.returncode != 0]
    out += ["## Notes", ""]
    out += notes
    out += [f"- `{row.scenario.name}` not measured: {row.skipped}." for row in skipped]
    out += [f"- `{name}` not measured yet: {reason}." for name, reason in PENDING.items()]
    for row in failed:
        assert row.measurement is not None
        tail = row.measurement.stderr.strip().splitlines()[-3:]
        out.append(f"- `{row.scenario.name}` failed: {' / '.join(tail)}")
    out += [
        "- Peak RSS: the largest single process (kernel accounting of the child and the workers"
        " it waited for); tree RSS: the largest sampled sum over all its processes.",
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
    context = Context(
        corpus, args.jobs or cores, installed_rules(seedlint), sys.executable, seedlint
    )
    rows = []
    for scenario in selected:
        print(f"  {scenario.name}: {scenario.title}…", file=sys.stderr, flush=True)
        row = run_scenario(scenario, context, max(1, args.repeat))
        rows.append(row)
        if row.skipped:
            print(f"    skipped: {row.skipped}", file=sys.stderr)
        elif row.measurement is not None:
            m = row.measurement
            print(
                f"    {m.wall:.2f} s wall, {m.cpu:.2f} s CPU, exit {m.returncode}", file=sys.stderr
            )
    sources = (before, source_fingerprint())
    report = render(rows, context, args.quick, max(1, args.repeat), load, sources)
    print(report)
    args.output.write_text(report, encoding="utf-8")
    print(f"Wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
