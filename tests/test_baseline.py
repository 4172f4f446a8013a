"""Baselines: accepted findings survive edits around them; new ones show; fixed ones go stale."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from lint.baseline import (
    VERSION_KEY,
    Baseline,
    BaselineError,
    build_baseline,
    filter_keyed,
    filter_new,
    finding_key,
    fingerprint,
    load_baseline,
    save_baseline,
    write_baseline,
)
from lint.document import Document
from lint.finding import Finding, RecordRef
from lint.rule import Rule
from lint.runner import check_document


class Marker(Rule):
    """Reports every "TODO" and every run of trailing blanks."""

    code, name, family = "TST101", "marker", "test"

    def check(self, doc: Document) -> Iterator[Finding]:
        for match in re.finditer(r"TODO|[ \t]+(?=\r?\n|\Z)", doc.text):
            yield self.report(doc, *match.span(), f"Marker {match.group()!r}")


def findings_of(texts: dict[str, str], record: RecordRef | None = None) -> list[Finding]:
    found: list[Finding] = []
    for path, text in texts.items():
        found += check_document(Document(path, text, record=record), [Marker()])[0]
    return found


ORIGINAL = "Intro line.\nThe mayor TODO said so.\nClosing line.\n"


def baseline_for(tmp_path: Path, texts: dict[str, str]) -> Path:
    path = tmp_path / "seedlint-baseline.json"
    write_baseline(path, findings_of(texts), texts, cwd=tmp_path)
    return path


def test_lines_inserted_above_keep_the_match(tmp_path: Path) -> None:
    path = baseline_for(tmp_path, {"a.txt": ORIGINAL})
    moved = "New first line.\nAnother one.\n\n" + ORIGINAL
    new, matched, stale = filter_new(
        findings_of({"a.txt": moved}), load_baseline(path), {"a.txt": moved}, cwd=tmp_path
    )
    assert new == [] and stale == []
    assert [f.location.row for f in matched] == [5]


def test_a_new_finding_is_reported(tmp_path: Path) -> None:
    path = baseline_for(tmp_path, {"a.txt": ORIGINAL})
    changed = ORIGINAL + "A fresh TODO here.\n"
    result = filter_new(
        findings_of({"a.txt": changed}), load_baseline(path), {"a.txt": changed}, cwd=tmp_path
    )
    assert [f.location.row for f in result.new] == [4]
    assert len(result.matched) == 1 and result.stale == []


def test_a_fixed_finding_becomes_stale_and_prune_drops_it(tmp_path: Path) -> None:
    path = baseline_for(tmp_path, {"a.txt": ORIGINAL, "b.txt": "Keep TODO.\n"})
    fixed = ORIGINAL.replace(" TODO", "")
    texts = {"a.txt": fixed, "b.txt": "Keep TODO.\n"}
    baseline = load_baseline(path)
    new, matched, stale = filter_new(findings_of(texts), baseline, texts, cwd=tmp_path)
    assert new == [] and len(matched) == 1
    assert [(entry.path, entry.code, entry.count) for entry in stale] == [("a.txt", "TST101", 1)]
    pruned = baseline.without(stale)
    assert [entry.path for entry in pruned.entries] == ["b.txt"]
    save_baseline(path, pruned)
    assert filter_new(findings_of(texts), load_baseline(path), texts, cwd=tmp_path).stale == []


def test_identical_findings_are_counted(tmp_path: Path) -> None:
    line = "Same TODO line.\n"
    path = baseline_for(tmp_path, {"a.txt": line * 2})
    data = json.loads(path.read_text())
    assert [entry["count"] for entry in data["entries"]] == [2]
    baseline = load_baseline(path)

    three = line * 3
    result = filter_new(findings_of({"a.txt": three}), baseline, {"a.txt": three}, cwd=tmp_path)
    assert [f.location.row for f in result.new] == [3]  # the extra occurrence is the new one
    assert len(result.matched) == 2

    one = line
    result = filter_new(findings_of({"a.txt": one}), baseline, {"a.txt": one}, cwd=tmp_path)
    assert result.new == [] and [entry.count for entry in result.stale] == [1]


def test_the_same_problem_in_different_context_is_a_different_entry(tmp_path: Path) -> None:
    path = baseline_for(tmp_path, {"a.txt": "First TODO item.\n"})
    other = "Second TODO item.\n"
    result = filter_new(findings_of({"a.txt": other}), load_baseline(path), {"a.txt": other})
    assert len(result.new) == 1 and len(result.stale) == 1


def test_blank_runs_and_line_endings_do_not_change_the_fingerprint(tmp_path: Path) -> None:
    path = baseline_for(tmp_path, {"a.txt": "The mayor TODO said so.\n"})
    respaced = "The  mayor\tTODO said so.\r\n"
    result = filter_new(
        findings_of({"a.txt": respaced}), load_baseline(path), {"a.txt": respaced}, cwd=tmp_path
    )
    assert result.new == [] and len(result.matched) == 1


def test_paths_are_relative_to_the_baseline_file_not_the_working_directory(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    baseline_file = tmp_path / "seedlint-baseline.json"
    texts = {"docs/a.txt": ORIGINAL}
    write_baseline(baseline_file, findings_of(texts), texts, cwd=tmp_path)
    assert json.loads(baseline_file.read_text())["entries"][0]["path"] == "docs/a.txt"
    # the same check run from inside docs/ names the file "a.txt"
    inside = {"a.txt": ORIGINAL}
    result = filter_new(
        findings_of(inside), load_baseline(baseline_file), inside, cwd=tmp_path / "docs"
    )
    assert result.new == [] and len(result.matched) == 1


def test_entries_of_documents_not_checked_are_not_stale(tmp_path: Path) -> None:
    path = baseline_for(tmp_path, {"a.txt": ORIGINAL, "b.txt": "Keep TODO.\n"})
    only_a = {"a.txt": ORIGINAL}
    result = filter_new(
        findings_of(only_a), load_baseline(path), only_a, cwd=tmp_path, checked_paths=["a.txt"]
    )
    assert result.stale == []
    everything = filter_new(findings_of(only_a), load_baseline(path), only_a, cwd=tmp_path)
    assert [entry.path for entry in everything.stale] == ["b.txt"]


def test_records_are_keyed_by_id_or_index(tmp_path: Path) -> None:
    text = "Record TODO text.\n"
    by_id = findings_of({"c.jsonl": text}, RecordRef(index=3, id="doc-7"))
    by_index = findings_of({"c.jsonl": text}, RecordRef(index=3))
    baseline = build_baseline(by_id, lambda f: text, root=tmp_path, cwd=tmp_path)
    assert baseline.entries[0].record == "doc-7"
    moved = findings_of({"c.jsonl": text}, RecordRef(index=9, id="doc-7"))
    assert filter_new(moved, baseline, lambda f: text, cwd=tmp_path).new == []
    assert len(filter_new(by_index, baseline, lambda f: text, cwd=tmp_path).new) == 1


def test_precomputed_keys_match_like_texts_do(tmp_path: Path) -> None:
    texts = {"a.txt": ORIGINAL}
    baseline = build_baseline(findings_of(texts), texts, root=tmp_path, cwd=tmp_path)
    keyed = [(f, finding_key(f, ORIGINAL, baseline, tmp_path)) for f in findings_of(texts)]
    result = filter_keyed(keyed, baseline, cwd=tmp_path)
    assert result.new == [] and len(result.matched) == 1


def test_a_finding_carries_its_fingerprint_so_no_text_is_needed_later() -> None:
    [finding] = findings_of({"a.txt": "x TODO"})
    assert finding.fingerprint == fingerprint(finding, "x TODO")
    assert fingerprint(finding, None) == fingerprint(finding, "x TODO")


def test_a_finding_without_text_or_fingerprint_is_fingerprinted_by_its_message() -> None:
    [finding] = findings_of({"a.txt": "x TODO"})
    bare = finding.model_copy(update={"fingerprint": None})
    assert fingerprint(bare, None) == fingerprint(bare, None)
    assert fingerprint(bare, None) != fingerprint(bare, "x TODO")
    assert fingerprint(bare, "short") == fingerprint(bare, None)  # offsets out of range


def test_the_file_is_versioned_sorted_json(tmp_path: Path) -> None:
    path = baseline_for(tmp_path, {"b.txt": "TODO\n", "a.txt": "TODO \n"})
    data = json.loads(path.read_text())
    assert data[VERSION_KEY] == 1
    keys = [(entry["path"], entry["code"], entry["fingerprint"]) for entry in data["entries"]]
    assert keys == sorted(keys)
    assert set(data["entries"][0]) == {"path", "record", "code", "fingerprint", "count", "message"}


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("{not json", "invalid JSON"),
        ("[]", "no `seedlint-baseline` version key"),
        ('{"seedlint-baseline": 99, "entries": []}', "version 99 is not supported"),
        ('{"seedlint-baseline": 1}', "`entries`"),
        ('{"seedlint-baseline": 1, "entries": [{"path": "a"}]}', "`entries.0.code`"),
        (
            '{"seedlint-baseline": 1, "entries": [{"path": "a", "code": "X", '
            '"fingerprint": "zz", "count": 1}]}',
            "`entries.0.fingerprint`",
        ),
        (
            '{"seedlint-baseline": 1, "entries": [{"path": "a", "code": "X", '
            '"fingerprint": "0123456789abcdef", "count": 0}]}',
            "`entries.0.count`",
        ),
    ],
)
def test_a_corrupt_baseline_is_a_clear_error(tmp_path: Path, content: str, error: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(content)
    with pytest.raises(BaselineError, match=re.escape(error)):
        load_baseline(path)


def test_undecodable_and_missing_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="no such baseline file"):
        load_baseline(tmp_path / "missing.json")
    path = tmp_path / "binary.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(BaselineError, match="invalid JSON"):
        load_baseline(path)


def test_an_empty_baseline_reports_everything(tmp_path: Path) -> None:
    texts = {"a.txt": ORIGINAL}
    result = filter_new(findings_of(texts), Baseline(root=tmp_path), texts, cwd=tmp_path)
    assert len(result.new) == 1 and result.matched == [] and result.stale == []
