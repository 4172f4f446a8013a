"""The Ray engine: the local engine's checks spread over a Ray cluster with Ray Data.

`seedlint check PATH --engine ray [--ray-address ADDR]` gives exactly the report of the local
engine. That is why the input is not read with Ray's own readers: `read_json` and
`read_parquet` do not tell a record's position in its file (every finding carries it), and
Arrow's JSON reader fails a whole block on one malformed line or on a field whose type changes
between records (`"id": 1`, then `"id": "x2"`), where seedlint reports one REC001 and reads on.
Instead:

1. the driver plans the same work units as the local engine (`lint.runner.plan`: text files,
   JSONL byte ranges cut at record boundaries, Parquet row groups) and groups small text files
   into tasks;
2. a Ray Dataset holds one row per task (its position and its pickled units), one block per
   row, and `map_batches` checks each task on a worker with a `Checker` built once per worker
   process; each unit reads its own bytes, so the input must be at the same path on every
   node (shared storage);
3. the unit results come back (pickled, as the local process pool sends them) and the driver
   folds them in plan order through `ResultMerger`, which renumbers records across the units
   of a file and runs the corpus rules' reduce step, as `lint.runner.run` does.

`write_findings_dataset` writes the findings as a Ray Dataset (Parquet or JSONL files).
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import re
import shutil
import signal
import socket
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from pathlib import Path
from typing import Any

from lint import __version__
from lint.finding import Finding, sort_findings
from lint.records import WorkUnit
from lint.registry import pack_versions, rule_classes
from lint.runner import (
    Checker,
    Interrupted,
    ProgressCallback,
    ResultMerger,
    RunOptions,
    RunResult,
    UnitResult,
    _terminate_as_interrupt,
    plan,
)

RAY_MISSING = "the Ray engine needs Ray: pip install 'seedlint[ray]'"
TASKS_PER_CPU = 4  # enough tasks that a slow one does not leave the other CPUs idle
MAX_TEXT_FILES_PER_TASK = 64
CONNECT_TIMEOUT = 5.0  # seconds
DATASET_ROWS_PER_FILE = 1_000_000
DATASET_SUFFIXES = {".parquet": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}


class RayEngineError(Exception):
    """Ray is missing, the cluster cannot be reached, or an output cannot be written."""


def _import_ray() -> Any:
    try:
        import ray
        import ray.data  # Ray Data comes with the ray[data] extra, not plain ray
    except ImportError as error:
        raise RayEngineError(RAY_MISSING) from error
    return ray


@contextmanager
def _quiet_ray_logs() -> Iterator[None]:
    """Ray Data announces every execution on stderr; seedlint prints its own summary."""
    loggers = [logging.getLogger(name) for name in ("ray", "ray.data")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def check_reachable(address: str) -> None:
    """Fail in seconds on a `host:port` nobody listens on (Ray itself retries for minutes);
    "auto" and "ray://" addresses are left to Ray to resolve."""
    match = re.fullmatch(r"\[?([^\[\]/]+?)\]?:(\d+)", address)
    if match is None:
        return
    try:
        socket.create_connection((match[1], int(match[2])), timeout=CONNECT_TIMEOUT).close()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise RayEngineError(f"cannot reach the Ray cluster at {address}: {reason}") from error


@contextmanager
def ray_session(address: str | None = None, num_cpus: int | None = None) -> Iterator[Any]:
    """Join the cluster at `address`, else start a local Ray instance; on exit, stop only what
    was started here (joining a cluster leaves it running; a session the caller had already
    opened, in a notebook or a test, is used as it is and left open)."""
    ray = _import_ray()
    if ray.is_initialized():
        yield ray
        return
    settings: dict[str, Any] = {
        "include_dashboard": False,
        "log_to_driver": False,
        "logging_level": logging.ERROR,
    }
    if address:
        check_reachable(address)
    with _quiet_ray_logs():
        try:
            if address:
                ray.init(address=address, **settings)
            else:
                ray.init(num_cpus=num_cpus, **settings)
        except (ConnectionError, RuntimeError, ValueError) as error:
            where = f"the Ray cluster at {address}" if address else "a local Ray instance"
            raise RayEngineError(f"cannot start or join {where}: {error}") from error
    try:
        yield ray
    finally:
        ray.shutdown()


# -- the workers -----------------------------------------------------------------------------

_checkers: dict[bytes, Checker] = {}


def installation() -> tuple[str, ...]:
    """seedlint's version, the installed rule packs and every rule code: a worker with another
    installation would give another report, so it refuses to check."""
    return (__version__, *pack_versions(), *sorted(rule_classes()))


def _worker_checker(settings: bytes) -> Checker:
    """One Checker per worker process and run settings (a worker serves many tasks)."""
    checker = _checkers.get(settings)
    if checker is None:
        config, overrides, cwd, cache, driver_directory, expected = pickle.loads(settings)
        here = installation()
        if here != expected:
            differences = sorted(set(here) ^ set(expected))
            raise RayEngineError(
                f"the seedlint installed on Ray node {socket.gethostname()} differs from the "
                f"driver's ({', '.join(differences[:6])}): install the same seedlint and rule "
                "packs on every node"
            )
        # The local engine's workers inherit the driver's directory, against which relative
        # input paths and config discovery resolve; on a cluster it exists where the input is
        # on storage mounted at the same path on every node.
        if Path(driver_directory).is_dir():
            os.chdir(driver_directory)
        checker = Checker(config, overrides, cwd, cache)
        _checkers.clear()  # a worker serves one run at a time
        _checkers[settings] = checker
    return checker


def _check_tasks(batch: dict[str, Any], settings: bytes) -> dict[str, list[Any]]:
    """Check each task of the batch; a task that cannot run comes back as an error message
    (rules' own failures are SL002 findings already), so the driver stops with one clear
    line instead of Ray's remote traceback."""
    results: list[bytes] = []
    errors: list[str] = []
    for payload in batch["units"]:
        try:
            checker = _worker_checker(settings)
            units: list[WorkUnit] = pickle.loads(payload)
            checked = [checker.check_unit(unit) for unit in units]
            results.append(pickle.dumps(checked, protocol=pickle.HIGHEST_PROTOCOL))
            errors.append("")
        except Exception as error:
            where = traceback.extract_tb(error.__traceback__)[-1]
            place = f" (at {Path(where.filename).name}:{where.lineno})"
            message = str(error) if isinstance(error, RayEngineError) else repr(error) + place
            results.append(b"")
            errors.append(message)
    return {"position": list(batch["position"]), "results": results, "error": errors}


# -- the driver ------------------------------------------------------------------------------


def group_units(units: list[WorkUnit], workers: int) -> list[list[WorkUnit]]:
    """Tasks in plan order: a record unit alone (it is already sized), text files in groups
    small enough that there are several tasks per CPU."""
    size = max(1, min(MAX_TEXT_FILES_PER_TASK, len(units) // (workers * TASKS_PER_CPU) or 1))
    tasks: list[list[WorkUnit]] = []
    current: list[WorkUnit] = []
    for unit in units:
        if unit.kind != "text":
            if current:
                tasks.append(current)
                current = []
            tasks.append([unit])
            continue
        current.append(unit)
        if len(current) >= size:
            tasks.append(current)
            current = []
    if current:
        tasks.append(current)
    return tasks


def _cluster_cpus(ray: Any) -> int:
    try:
        return max(1, int(ray.cluster_resources().get("CPU", 1)))
    except Exception:  # the resource view is advisory; grouping only needs an estimate
        return 1


def _results_in_order(
    ray: Any, tasks: list[list[WorkUnit]], settings: bytes
) -> Iterator[tuple[WorkUnit, UnitResult]]:
    """Run every task on Ray Data and yield unit results in plan order, as they arrive."""
    rows = [
        {"position": position, "units": pickle.dumps(task, protocol=pickle.HIGHEST_PROTOCOL)}
        for position, task in enumerate(tasks)
    ]
    context = ray.data.DataContext.get_current()
    saved = (context.enable_progress_bars, context.execution_options.preserve_order)
    context.enable_progress_bars = False
    context.execution_options.preserve_order = True
    try:
        dataset = ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
            _check_tasks,
            batch_size=None,  # a block is one task
            fn_kwargs={"settings": settings},
            batch_format="numpy",
            zero_copy_batch=True,
        )
        pending: dict[int, list[UnitResult]] = {}
        next_position = 0
        for row in _rows(ray, dataset):
            # Order is preserved, but a reorder buffer keeps the merge right regardless.
            if row["error"]:
                raise RayEngineError(f"a Ray worker could not check its units: {row['error']}")
            pending[int(row["position"])] = pickle.loads(row["results"])
            while next_position in pending:
                results = pending.pop(next_position)
                yield from zip(tasks[next_position], results, strict=True)
                next_position += 1
        if next_position != len(tasks):
            raise RayEngineError(f"Ray returned {next_position} of {len(tasks)} tasks")
    finally:
        context.enable_progress_bars, context.execution_options.preserve_order = saved


def _rows(ray: Any, dataset: Any) -> Iterator[dict[str, Any]]:
    """The dataset's rows; a failed task becomes one readable error, not a remote traceback."""
    try:
        yield from dataset.iter_rows()
    except ray.exceptions.RayError as error:
        raise RayEngineError(f"a Ray task failed: {_last_line(error)}") from error


def _last_line(error: BaseException) -> str:
    """The innermost error's message: Ray wraps a worker's exception with its traceback."""
    for _ in range(20):  # a bounded walk: a cause chain may loop
        cause = error.__cause__ or getattr(error, "cause", None)
        if not isinstance(cause, BaseException) or cause is error:
            break
        error = cause
    lines = [line for line in str(error).splitlines() if line.strip()]
    return lines[-1].strip() if lines else type(error).__name__


def _portable(options: RunOptions) -> RunOptions:
    """The explicit config as an absolute path, so that a worker finds it from any directory.
    `cwd` stays as given: display paths are computed from it exactly as the local engine does.
    """
    config = options.explicit_config
    return replace(options, explicit_config=config.absolute() if config is not None else None)


def run_ray(
    options: RunOptions,
    address: str | None = None,
    num_cpus: int | None = None,
    progress: ProgressCallback | None = None,
    dataset: Path | None = None,
) -> RunResult:
    """Check everything on Ray; the result equals `lint.runner.run(options)`'s.

    `address` joins a cluster (else a local instance with `num_cpus` CPUs is started, and
    stopped at the end); `dataset` also writes the findings there, in the same session (see
    `write_findings_dataset`). Configuration errors are raised before Ray starts, as the local
    engine does. On Ctrl-C or SIGTERM the findings so far are returned, marked interrupted."""
    options = _portable(options)
    _import_ray()
    checker = Checker(options.explicit_config, options.overrides, options.cwd, options.cache)
    units = plan(options, checker)
    if dataset is not None and not _replaceable(dataset.absolute()):
        raise RayEngineError(  # before the work, not after it
            f"{dataset} exists and is not an earlier findings dataset; refusing to replace it"
        )
    merger = ResultMerger(checker, options.overrides.fail_on)
    findings: list[Finding] = []
    settings = pickle.dumps(
        (
            options.explicit_config,
            options.overrides,
            options.cwd,
            options.cache,
            Path.cwd(),
            installation(),
        ),
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    needs_ray = bool(units) or dataset is not None  # nothing to check needs no cluster
    with ray_session(address, num_cpus) if needs_ray else nullcontext() as ray:
        try:
            with _terminate_as_interrupt():
                if units:
                    with _quiet_ray_logs():
                        tasks = group_units(units, _cluster_cpus(ray))
                        results = _results_in_order(ray, tasks, settings)
                        for done, (unit, result) in enumerate(results, 1):
                            findings.extend(merger.add(unit, result))
                            if progress is not None:
                                progress(done, len(units), result)
                findings.extend(merger.corpus_findings())
        except Interrupted as interruption:
            merger.result.interrupted = interruption.signal_number
        except KeyboardInterrupt:  # raised by Ray's own handler instead of ours
            merger.result.interrupted = signal.SIGINT
        merger.result.findings = sort_findings(findings)
        merger.result.units = len(units)
        if dataset is not None:
            _write_dataset(ray, merger.result, dataset, DATASET_ROWS_PER_FILE)
    return merger.result


# -- findings as a dataset -------------------------------------------------------------------

FINDING_COLUMNS = (
    "position, filename, record_index, record_id, row, column, end_row, end_column, code, "
    "name, severity, message, fix"
).split(", ")


def _valid_utf8(text: str | None) -> str | None:
    """Arrow strings are UTF-8: a lone surrogate (from undecodable input) is written as its
    escape, `\\udc80`, the way the JSON report writes it."""
    if text is None:
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def finding_row(position: int, finding: Finding) -> dict[str, Any]:
    """One finding as a flat row; `fix` is the fix as a JSON string (null when none)."""
    fix = None
    if finding.fix is not None:
        fix = json.dumps(finding.fix.model_dump(mode="json"), ensure_ascii=True)
    record = finding.record
    return {
        "position": position,
        "filename": _valid_utf8(finding.filename),
        "record_index": record.index if record is not None else None,
        "record_id": _valid_utf8(record.id) if record is not None else None,
        "row": finding.location.row,
        "column": finding.location.column,
        "end_row": finding.end_location.row,
        "end_column": finding.end_location.column,
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": _valid_utf8(finding.message),
        "fix": fix,
    }


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("position", pa.int64()),
            ("filename", pa.string()),
            ("record_index", pa.int64()),
            ("record_id", pa.string()),
            ("row", pa.int64()),
            ("column", pa.int64()),
            ("end_row", pa.int64()),
            ("end_column", pa.int64()),
            ("code", pa.string()),
            ("name", pa.string()),
            ("severity", pa.string()),
            ("message", pa.string()),
            ("fix", pa.string()),
        ]
    )


def dataset_format(path: Path) -> str:
    """`parquet` unless the path ends in .jsonl or .ndjson."""
    return DATASET_SUFFIXES.get(path.suffix.lower(), "parquet")


def _replaceable(path: Path) -> bool:
    """Only an earlier findings dataset (a folder of data files and nothing else) is replaced,
    never a folder that holds anything else."""
    if not path.exists():
        return True
    if not path.is_dir():
        return False
    return all(
        child.is_file() and child.suffix.lower() in {".parquet", ".json", ".jsonl"}
        for child in path.iterdir()
    )


def _filenames(ray: Any, extension: str) -> Any:
    """findings-000000-<write id>.parquet, ...: one file per write task, in task order."""

    class FindingsFiles(ray.data.datasource.FilenameProvider):
        def get_filename_for_task(self, write_uuid: str, task_index: int) -> str:
            return f"findings-{task_index:06}-{write_uuid}.{extension}"

        def get_filename_for_block(self, block: Any, *where: Any) -> str:  # Ray before 2.50
            return f"findings-{where[-2]:06}-{where[0]}.{extension}"

    return FindingsFiles()


def write_findings_dataset(
    result: RunResult, path: Path, rows_per_file: int = DATASET_ROWS_PER_FILE
) -> str:
    """Write the findings, in report order, as a Ray Dataset: a folder of Parquet files (or of
    JSONL files when `path` ends in .jsonl/.ndjson) with one flat row per finding and a
    `position` column giving the report order. Uses the current Ray session, else starts a
    local one. Returns the format written."""
    with ray_session() as ray:
        return _write_dataset(ray, result, path, rows_per_file)


def _write_dataset(ray: Any, result: RunResult, path: Path, rows_per_file: int) -> str:
    import pyarrow as pa
    import pyarrow.parquet as pq

    fmt = dataset_format(path)
    path = path.absolute()
    if not _replaceable(path):
        raise RayEngineError(
            f"{path} exists and is not an earlier findings dataset; refusing to replace it"
        )
    schema = _schema()
    findings = result.findings
    tables = [
        pa.Table.from_pylist(
            [
                finding_row(position, findings[position])
                for position in range(start, min(start + rows_per_file, len(findings)))
            ],
            schema=schema,
        )
        for start in range(0, len(findings), rows_per_file)
    ]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    except OSError as error:
        raise RayEngineError(f"cannot write {path}: {error.strerror or error}") from error
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; a dataset folder is not
    try:
        if not tables:  # no findings: one empty file, so that readers still get the columns
            if fmt == "parquet":
                pq.write_table(schema.empty_table(), staging / "findings-000000.parquet")
            else:
                (staging / "findings-000000.jsonl").write_bytes(b"")
        else:
            _write_tables(ray, tables, staging, fmt)
        if path.exists():
            shutil.rmtree(path)
        staging.rename(path)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, OSError):
            raise RayEngineError(f"cannot write {path}: {error.strerror or error}") from error
        if isinstance(error, ray.exceptions.RayError):
            raise RayEngineError(f"cannot write {path}: {_last_line(error)}") from error
        raise
    return fmt


def _write_tables(ray: Any, tables: list[Any], folder: Path, fmt: str) -> None:
    """Write with Ray's writers, on the driver's node: on a cluster, a path on the driver's
    disk must not end up scattered over the workers' disks."""
    from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

    here = NodeAffinitySchedulingStrategy(ray.get_runtime_context().get_node_id(), soft=False)
    context = ray.data.DataContext.get_current()
    saved = context.enable_progress_bars
    context.enable_progress_bars = False
    try:
        with _quiet_ray_logs():
            dataset = ray.data.from_arrow(tables)
            names = _filenames(ray, fmt)
            if fmt == "parquet":
                dataset.write_parquet(
                    str(folder),
                    filename_provider=names,
                    ray_remote_args={"scheduling_strategy": here},
                )
            else:
                dataset.write_json(
                    str(folder),
                    filename_provider=names,
                    ray_remote_args={"scheduling_strategy": here},
                    force_ascii=True,
                )
    finally:
        context.enable_progress_bars = saved
