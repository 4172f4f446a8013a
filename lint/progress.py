"""A progress bar on stderr for long runs: shown after a second, only on a terminal."""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from lint.runner import UnitResult

DELAY_SECONDS = 1.0


class RunProgress:
    """Call it with each finished unit; it draws nothing until the run has lasted a second."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.started = time.monotonic()
        self.records = 0
        self.findings = 0
        self._bar: Progress | None = None
        self._task: int | None = None

    def __call__(self, done: int, total: int, result: UnitResult) -> None:
        self.records += result.records
        self.findings += len(result.findings)
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.started
        if self._bar is None:
            if elapsed < DELAY_SECONDS or done >= total:
                return
            self._bar = Progress(
                TextColumn("[bold]seedlint"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("units · {task.fields[rate]} · {task.fields[findings]} findings"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("check", total=total, rate="", findings=0)
        assert self._task is not None
        rate = f"{self.records / elapsed:,.0f} records/s" if self.records else ""
        self._bar.update(self._task, completed=done, rate=rate, findings=self.findings)

    def __enter__(self) -> RunProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
