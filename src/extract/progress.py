"""A rich progress bar on stderr: documents done/total, docs/s, ETA, failures so far."""

from __future__ import annotations

from typing import Optional

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


class ProgressBar:
    """Context manager; call the instance with ``ok`` after each document."""

    def __init__(self, total: Optional[int]):
        self.failed = 0
        self.bar = Progress(
            TextColumn("extract"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.speed:.1f} docs/s" if total else ""), TimeRemainingColumn(),
            TextColumn("[red]{task.fields[failed]} failed"),
            console=Console(stderr=True), transient=True, speed_estimate_period=60,
        )
        self.task = self.bar.add_task("extract", total=total, failed=0)

    def __enter__(self) -> "ProgressBar":
        self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        self.bar.stop()

    def __call__(self, ok: bool) -> None:
        self.failed += not ok
        self.bar.update(self.task, advance=1, failed=self.failed)
