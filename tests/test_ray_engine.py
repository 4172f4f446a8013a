"""The Ray engine, run for real on a local Ray instance: its report equals the local engine's.

One Ray session serves the whole module. A small corpus mixes text files, plain JSONL split
into several units, gzip JSONL, Parquet with several row groups, malformed records, a binary
file, a folder with its own configuration, and texts repeated across files so that a corpus
rule's reduce step has something to find. The corpus rule comes from a test rule pack,
installed for the driver and the Ray workers alike; DUP002 is selected too once it exists.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ray = pytest.importorskip("ray", reason="the Ray engine needs Ray: pip install 'seedlint[ray]'")
pytest.importorskip("ray.data", reason="the Ray engine needs Ray Data: pip install 'ray[data]'")
pq = pytest.importorskip("pyarrow.parquet", reason="the Parquet inputs need pyarrow")

from lint.config import Overrides  # noqa: E402 - after the skips
from lint.finding import Finding, Location  # noqa: E402
from lint.ray_engine import (  # noqa: E402
    RayEngineError,
    check_reachable,
    finding_row,
    run_ray,
    write_findings_dataset,
)
from lint.registry import registry, rule_classes  # noqa: E402
from lint.runner import CacheSettings, RunOptions, RunResult, run  # noqa: E402

# Ray Data sets deprecated options on its own context; nothing seedlint can change.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context")

TEST_CORPUS_CODE = "ZZR001"
PACK = '''
"""A corpus rule for the Ray engine's tests: a later exact copy of a document's text."""

from lint.rule import CorpusRule


class RepeatedText(CorpusRule):
    """A document whose text repeats an earlier document's.

    ## What it does
    Test rule.
    ## Why is this bad?
    Test rule.
    ## Example
    Test rule.
    ## Fix safety
    No fix.
    """

    code = "ZZR001"
    name = "repeated-text"
    family = "test"
    default_enabled = False

    def signature(self, doc):
        text = " ".join(doc.text.split())
        return (text, len(text)) if len(text) >= 40 else None

    def reduce(self, items):
        first = {}
        for item in items:
            text, _ = item.signature
            where = first.setdefault(text, item)
            if where is not item:
                record = f"#{where.record.index}" if where.record is not None else ""
                yield self.report_document(item, f"Repeats {where.filename}{record}")


RULES = [RepeatedText]
'''

ARTICLE = (
    "Harbour Lights Festival returns\n\n"
    "The harbour lights festival returned on Saturday, drawing a crowd of several thousand "
    "to the old quay. Organisers said the lantern parade was the longest yet, with boats "
    "from four neighbouring villages joining the procession after dark.\n"
)
REPEATED = (
    "The library board met on Tuesday evening and agreed to extend opening hours on "
    "weekends, starting next month, after a petition gathered many signatures.\n"
)
NOISY = (
    "Caf\u00c3\u00a9 owners met the council.   \n"
    "The report said \u201cthe market will reopen\u201d next spring.\t\n\n\n"
)


def _texts(count: int, prefix: str) -> list[str]:
    """Varied short records: some clean, some with trailing spaces, mojibake or cut endings."""
    texts = []
    for n in range(count):
        kind = n % 4
        if kind == 0:
            texts.append(f"{prefix} item {n}: the ferry timetable changes on Monday.\n")
        elif kind == 1:
            texts.append(f"{prefix} item {n} has a trailing space \nand a second line.")
        elif kind == 2:
            texts.append(f"{prefix} item {n}: the caf\u00c3\u00a9 opens at nine, and the")
        else:
            texts.append(REPEATED)
    return texts


def _write_corpus(root: Path) -> None:
    (root / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "noisy.md").write_text(NOISY, encoding="utf-8")
    (root / "copy.txt").write_text(REPEATED, encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00\x00" * 20)
    lines = [json.dumps({"id": f"p{n}", "text": text}) for n, text in enumerate(_texts(60, "P"))]
    lines[7] = '{"id": "broken", "text": "unterminated'
    lines[21] = json.dumps({"id": "no-text", "body": "wrong field"})
    lines[33] = json.dumps([1, 2, 3])
    lines[45] = json.dumps({"id": 45, "text": None})
    (root / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    gz_lines = [json.dumps({"id": n, "text": text}) for n, text in enumerate(_texts(20, "G"))]
    gz_lines.insert(5, "not json at all")
    with gzip.open(root / "packed.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(gz_lines) + "\n")
    texts: list[str | None] = list(_texts(30, "Q"))
    texts[12] = None
    table = {"id": [f"q{n}" for n in range(30)], "text": texts}
    import pyarrow as pa

    pq.write_table(pa.table(table), root / "shard.parquet", row_group_size=8)
    sub = root / "sub"
    sub.mkdir()
    (sub / "seedlint.toml").write_text('ignore = ["DAT001"]\ntext-field = "body"\n')
    (sub / "story.txt").write_text(ARTICLE.replace("Saturday", "Sunday"), encoding="utf-8")
    body_lines = [json.dumps({"body": text}) for text in _texts(8, "S")]
    (sub / "bodies.jsonl").write_text("\n".join(body_lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def test_pack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A rule pack with one corpus rule, visible to this process and to Ray's workers."""
    site = tmp_path_factory.mktemp("site")
    (site / "seedlint_ray_testpack.py").write_text(PACK, encoding="utf-8")
    info = site / "seedlint_ray_testpack-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: seedlint-ray-testpack\nVersion: 0.1\n"
    )
    (info / "entry_points.txt").write_text("[seedlint.rules]\nraytest = seedlint_ray_testpack\n")
    sys.path.insert(0, str(site))
    registry.cache_clear()
    yield site
    sys.path.remove(str(site))
    sys.modules.pop("seedlint_ray_testpack", None)
    registry.cache_clear()


@pytest.fixture(scope="module")
def ray_cluster(test_pack: Path) -> Iterator[Any]:
    """One local Ray instance (2 CPUs) for the module; the engine joins it and leaves it up."""
    pythonpath = [str(test_pack), *filter(None, [os.environ.get("PYTHONPATH")])]
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        logging_level="ERROR",
        runtime_env={"env_vars": {"PYTHONPATH": ":".join(pythonpath)}},
    )
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    _write_corpus(root)
    return root


def _corpus_codes() -> tuple[str, ...]:
    codes = [TEST_CORPUS_CODE]
    if "DUP002" in rule_classes():  # the built-in duplicate-document rule, once it lands
        codes.append("DUP002")
    return tuple(codes)


def _options(root: Path, **changes: Any) -> RunOptions:
    settings: dict[str, Any] = {
        "paths": [root],
        "cwd": root,
        "jobs": 1,
        "unit_bytes": 1024,  # records.jsonl (about 5 KB) becomes several units
        "overrides": Overrides(extend_select=_corpus_codes()),
    }
    settings.update(changes)
    return RunOptions(**settings)


def _as_dicts(result: RunResult) -> list[dict[str, Any]]:
    return [
        {**finding.model_dump(mode="json"), "source_line": finding.source_line}
        for finding in result.findings
    ]


def _summary(result: RunResult) -> dict[str, Any]:
    return {
        "files_checked": result.files_checked,
        "files_skipped": result.files_skipped,
        "rule_errors": result.rule_errors,
        "records_read": result.records_read,
        "records_invalid": result.records_invalid,
        "fail_on_by_file": result.fail_on_by_file,
        "paths": result.paths,
        "units": result.units,
        "interrupted": result.interrupted,
    }


@pytest.fixture(scope="module")
def both_engines(ray_cluster: Any, corpus: Path) -> tuple[RunResult, RunResult]:
    local = run(_options(corpus))
    distributed = run_ray(_options(corpus))
    return local, distributed


def test_ray_findings_equal_the_local_engine_findings_in_the_same_order(both_engines):
    local, distributed = both_engines
    assert _as_dicts(distributed) == _as_dicts(local)


def test_ray_counts_records_files_and_units_like_the_local_engine(both_engines):
    local, distributed = both_engines
    assert _summary(distributed) == _summary(local)
    # the corpus really exercised what the comparison claims to cover
    assert local.units > len(local.paths)  # records.jsonl and shard.parquet became several units
    assert local.records_invalid == 6
    assert local.files_skipped == 1  # binary.txt


def test_record_indices_continue_across_the_units_of_a_file(both_engines):
    _, distributed = both_engines
    invalid = {
        (f.filename, f.record.index, f.record.id)
        for f in distributed.findings
        if f.code == "REC001" and f.record is not None
    }
    assert ("records.jsonl", 7, None) in invalid
    assert ("records.jsonl", 33, None) in invalid
    assert ("records.jsonl", 45, "45") in invalid
    assert ("packed.jsonl.gz", 5, None) in invalid
    assert ("shard.parquet", 12, "q12") in invalid  # in the second row group
    late = [f for f in distributed.findings if f.filename == "shard.parquet" and f.record]
    assert max(f.record.index for f in late) >= 24  # the fourth row group


def test_per_folder_configuration_applies_on_the_workers(both_engines):
    _, distributed = both_engines
    sub = [f for f in distributed.findings if f.filename.startswith("sub/")]
    assert not [f for f in sub if f.code == "DAT001"]
    assert not [f for f in sub if f.filename == "sub/bodies.jsonl" and f.code == "REC001"]
    assert [f for f in sub if f.filename == "sub/bodies.jsonl"]  # `body` was read as the text


def test_corpus_rule_reduce_sees_every_worker_signature(both_engines):
    local, distributed = both_engines
    for code in _corpus_codes():
        found = [(f.filename, f.record, f.message) for f in distributed.findings if f.code == code]
        expected = [(f.filename, f.record, f.message) for f in local.findings if f.code == code]
        assert found == expected, code
    repeats = [f for f in distributed.findings if f.code == TEST_CORPUS_CODE]
    # copy.txt is first in path order; every later copy, in every file kind, points to it
    assert {f.filename for f in repeats} >= {"packed.jsonl.gz", "records.jsonl", "shard.parquet"}
    assert all(f.message == "Repeats copy.txt" for f in repeats)


def test_relative_paths_stdin_and_explicit_config_mean_the_same_on_workers(
    ray_cluster, corpus, monkeypatch
):
    """Workers run elsewhere: relative inputs and config, and a relative `cwd` (from which
    display paths are computed), resolve against the driver's folder as they do locally."""
    monkeypatch.chdir(corpus)
    piped = json.dumps({"id": "stdin-1", "body": NOISY}) + "\n" + "{oops\n"
    options = _options(
        Path("sub"),
        paths=[Path("sub"), Path("noisy.md"), Path("-")],
        explicit_config=Path("sub/seedlint.toml"),
        stdin_data=piped.encode(),
        stdin_filename="piped.jsonl",
    )
    local, distributed = run(options), run_ray(options)
    assert _as_dicts(distributed) == _as_dicts(local)
    assert _summary(distributed) == _summary(local)
    assert {"noisy.md", "piped.jsonl", "sub/story.txt"} <= set(distributed.paths)
    assert [f for f in distributed.findings if f.filename == "piped.jsonl" and f.code == "REC001"]


def test_a_worker_with_other_rule_packs_refuses_instead_of_reporting_differently(
    ray_cluster, corpus, tmp_path, monkeypatch
):
    (tmp_path / "seedlint_driver_only.py").write_text(PACK.replace("ZZR001", "ZZR002"))
    info = tmp_path / "seedlint_driver_only-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: seedlint-driver-only\n")
    (info / "entry_points.txt").write_text("[seedlint.rules]\nonly = seedlint_driver_only\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry.cache_clear()
    try:
        with pytest.raises(RayEngineError, match=r"differs from the driver's.*ZZR002"):
            run_ray(_options(corpus, paths=[corpus / "article.txt"]))
    finally:
        monkeypatch.undo()
        registry.cache_clear()


def test_an_address_nobody_listens_on_fails_at_once_with_a_clear_message():
    import socket

    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        check_reachable(f"127.0.0.1:{listening.getsockname()[1]}")  # reachable: no error
        port = listening.getsockname()[1]
    with pytest.raises(RayEngineError, match=rf"cannot reach the Ray cluster at 127.0.0.1:{port}"):
        check_reachable(f"127.0.0.1:{port}")
    check_reachable("auto")  # Ray's own to resolve


def test_the_engine_leaves_a_session_it_did_not_start_running(both_engines):
    assert ray.is_initialized()


def test_ray_serves_and_fills_the_same_findings_cache(ray_cluster, corpus, tmp_path):
    cache = CacheSettings(enabled=True, directory=tmp_path / "cache")
    warm_local = run(_options(corpus, cache=cache))
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    from_cache = run_ray(_options(corpus, cache=cache))
    assert entries, "the local run wrote no cache entries"
    assert _as_dicts(from_cache) == _as_dicts(warm_local)
    assert _summary(from_cache) == _summary(warm_local)


def _read_rows(folder: Path, fmt: str) -> list[dict[str, Any]]:
    if fmt == "parquet":
        rows = pq.read_table(folder).to_pylist()
    else:
        rows = [
            json.loads(line)
            for part in sorted(folder.glob("*.jsonl"))
            for line in part.read_text(encoding="utf-8").splitlines()
        ]
    return sorted(rows, key=lambda row: row["position"])


@pytest.mark.parametrize(("name", "fmt"), [("findings.parquet", "parquet"), ("f.jsonl", "jsonl")])
def test_findings_dataset_holds_every_finding_in_report_order(both_engines, tmp_path, name, fmt):
    _, distributed = both_engines
    target = tmp_path / name
    assert write_findings_dataset(distributed, target, rows_per_file=100) == fmt
    rows = _read_rows(target, fmt)
    expected = [finding_row(n, finding) for n, finding in enumerate(distributed.findings)]
    assert len(expected) > 100  # several files were written
    assert rows == expected
    fixes = [json.loads(row["fix"]) for row in rows if row["fix"] is not None]
    assert fixes and all(fix["edits"] for fix in fixes)


def test_findings_dataset_replaces_an_earlier_dataset_but_nothing_else(both_engines, tmp_path):
    _, distributed = both_engines
    target = tmp_path / "out.parquet"
    write_findings_dataset(distributed, target)
    write_findings_dataset(distributed, target)  # a second run replaces the first dataset
    assert len(_read_rows(target, "parquet")) == len(distributed.findings)
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "todo.txt").write_text("keep me\n")
    with pytest.raises(RayEngineError, match="refusing to replace"):
        write_findings_dataset(distributed, precious)
    assert (precious / "todo.txt").read_text() == "keep me\n"


def test_run_ray_writes_the_dataset_of_its_own_findings(ray_cluster, corpus, tmp_path):
    target = tmp_path / "run.jsonl"
    options = _options(corpus, paths=[corpus / "noisy.md", corpus / "records.jsonl"])
    result = run_ray(options, dataset=target)
    rows = _read_rows(target, "jsonl")
    assert rows == [finding_row(n, finding) for n, finding in enumerate(result.findings)]
    assert {row["filename"] for row in rows} == {"noisy.md", "records.jsonl"}


def test_no_findings_still_give_a_dataset_with_every_column(ray_cluster, tmp_path):
    target = tmp_path / "empty.parquet"
    write_findings_dataset(RunResult(), target)
    table = pq.read_table(target)
    assert table.num_rows == 0
    assert table.column_names == list(finding_row(0, _finding("x")).keys())


def _finding(message: str) -> Finding:
    where = Location(row=1, column=1)
    return Finding(
        code="ENC003",
        name="invalid-utf8",
        message=message,
        severity="error",
        filename="bad.txt",
        location=where,
        end_location=where,
        offset=0,
        end_offset=1,
    )


def test_lone_surrogates_are_written_as_escapes_not_dropped(ray_cluster, tmp_path):
    target = tmp_path / "surrogates.parquet"
    write_findings_dataset(RunResult(findings=[_finding("Invalid byte \udc80 here")]), target)
    assert _read_rows(target, "parquet")[0]["message"] == "Invalid byte \\udc80 here"


def test_cli_engine_ray_gives_the_local_report_and_exit_code(tmp_path):
    """`seedlint check --engine ray` end to end, in its own Ray instance."""
    from tests.conftest import run_seedlint

    (tmp_path / "a.txt").write_text("Trailing space. \n")
    (tmp_path / "c.jsonl").write_text('{"id": "r1", "text": "Tab\\t\\n"}\nnot json\n')
    args = ("check", ".", "--select", "WS002,REC001", "--output-format", "json", "--no-cache")
    local = run_seedlint(*args, "--jobs", "1", cwd=tmp_path)
    on_ray = run_seedlint(*args, "--engine", "ray", "--jobs", "2", cwd=tmp_path)
    assert on_ray.stdout == local.stdout and json.loads(local.stdout)
    assert on_ray.returncode == local.returncode == 1
    refused = run_seedlint("check", ".", "--ray-address", "auto", cwd=tmp_path)
    assert refused.returncode == 2 and "--ray-address needs --engine ray" in refused.stderr
