"""Reading back the texts of the documents a report shows, after the run.

Rules never do I/O; the report reads only the few documents it embeds, decoding them the way
the run did (`decode_bytes` for text files, the configured record fields for record files).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from lint.config import ConfigError
from lint.decode import decode_bytes
from lint.html_report.model import DocKey
from lint.records import RecordInputError, WorkUnit, read_records, record_text, unit_kind
from lint.runner import STDIN, Checker, RunOptions


def load_texts(
    keys: Iterable[DocKey], options: RunOptions, max_chars: int | None = None
) -> dict[DocKey, str]:
    """The texts of `keys` (file name as displayed, record index), each cut to `max_chars + 1`
    characters so the report can tell it was cut. A document that cannot be read again (moved,
    deleted, unreadable) is left out; the report says its text is not available."""
    wanted: dict[str, set[int | None]] = defaultdict(set)
    for filename, index in keys:
        wanted[filename].add(index)
    checker: Checker | None = None
    stdin_name = options.stdin_filename or STDIN
    texts: dict[DocKey, str] = {}
    for filename, indices in wanted.items():
        from_stdin = options.stdin_data is not None and filename == stdin_name
        path = options.cwd / filename
        kind = unit_kind(filename)
        try:
            if kind == "text":
                data = options.stdin_data if from_stdin else path.read_bytes()
                text = decode_bytes(data or b"").text
                if text is not None:
                    texts[(filename, None)] = text
                continue
            if checker is None:
                checker = Checker(options.explicit_config, options.overrides, options.cwd)
            unit = WorkUnit(
                path, filename, kind, 0, None, stdin_data=options.stdin_data if from_stdin else None
            )
            remaining = {index for index in indices if index is not None}
            for raw in read_records(unit, checker.record_fields(path)):
                if raw.index in remaining:
                    text, _, _ = record_text(raw, checker.record_fields(path))
                    if text is not None:
                        texts[(filename, raw.index)] = text
                    remaining.discard(raw.index)
                    if not remaining:
                        break
        except (OSError, RecordInputError, ConfigError):
            continue  # the report shows the findings without the text
    if max_chars is not None:
        texts = {key: text[: max_chars + 1] for key, text in texts.items()}
    return texts
