"""Compare two runs' findings as sets of (filename, record index, code, row, column).

The Ray engine writes its findings as a dataset (a folder of JSONL or Parquet files, one row
per finding); the local engine writes a JSONL report. Their bytes differ (columns, order of
keys), so `make bench` compares what they found instead: the multiset of finding keys.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

FindingKey = tuple[str, int | None, str, int, int]


def keys_from_report(path: Path) -> Counter[FindingKey]:
    """Finding keys of a `seedlint check --output-format jsonl` report."""
    keys: Counter[FindingKey] = Counter()
    with path.open("rb") as lines:
        for line in lines:
            if not line.strip():
                continue
            finding = json.loads(line)
            record = finding.get("record") or {}
            location = finding["location"]
            keys[
                (
                    finding["filename"],
                    record.get("index"),
                    finding["code"],
                    location["row"],
                    location["column"],
                )
            ] += 1
    return keys


def _dataset_rows(folder: Path) -> Iterable[dict[str, object]]:
    for path in sorted(folder.iterdir()):
        if path.suffix == ".parquet":
            import pyarrow.parquet as pq

            yield from pq.read_table(path).to_pylist()
        elif path.suffix in (".jsonl", ".json"):
            with path.open("rb") as lines:
                yield from (json.loads(line) for line in lines if line.strip())


def keys_from_dataset(folder: Path) -> Counter[FindingKey]:
    """Finding keys of a findings dataset written by `seedlint check --engine ray -o DIR`."""
    keys: Counter[FindingKey] = Counter()
    for row in _dataset_rows(folder):
        index = row["record_index"]
        keys[
            (
                str(row["filename"]),
                int(index) if index is not None else None,  # type: ignore[call-overload]
                str(row["code"]),
                int(row["row"]),  # type: ignore[call-overload]
                int(row["column"]),  # type: ignore[call-overload]
            )
        ] += 1
    return keys


def describe_difference(ours: Counter[FindingKey], reference: Counter[FindingKey]) -> str:
    """ "identical", or how many findings differ, with a few of each side's extras."""
    only_ours, only_reference = ours - reference, reference - ours
    if not only_ours and not only_reference:
        return "identical"
    differ = sum(only_ours.values()) + sum(only_reference.values())

    def sample(keys: Counter[FindingKey]) -> str:
        shown = sorted(keys, key=lambda key: (key[0], key[1] or -1, key[3], key[4], key[2]))[:3]
        return ", ".join(
            f"{name}:#{index}:{row}:{column} {code}" for name, index, code, row, column in shown
        )

    parts = [f"{differ} differ"]
    if only_ours:
        parts.append(f"{sum(only_ours.values())} only in this run (e.g. {sample(only_ours)})")
    if only_reference:
        parts.append(
            f"{sum(only_reference.values())} only in the reference (e.g. {sample(only_reference)})"
        )
    return "; ".join(parts)
