"""The ``extract run`` job: read documents lazily, extract, write JSONL atomically, report failures."""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, TextIO

from .documents import Document, ReadError, iter_documents

Report = Callable[[str], None]


@dataclass
class RunSummary:
    """What a run did: documents written, failures (source, message), record counts."""

    written: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"actors": 0, "statements": 0, "contracts": 0})


class AtomicWriter:
    """Write to a temporary file beside the target; rename over it only on success."""

    def __init__(self, target: Optional[Path]):
        self.target = target
        self.handle: TextIO
        self.tmp: Optional[str] = None

    def __enter__(self) -> TextIO:
        if self.target is None:
            self.handle = sys.stdout
            return self.handle
        self.target.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent)
        self.handle = os.fdopen(fd, "w", encoding="utf-8")
        return self.handle

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.target is None:
            self.handle.flush()
            return
        self.handle.close()
        if exc_type is None:
            os.replace(self.tmp, self.target)
        else:
            os.unlink(self.tmp)


def _documents(items: Iterable, summary: RunSummary, report: Report) -> Iterator[Document]:
    for item in items:
        if isinstance(item, ReadError):
            summary.failures.append((item.source, item.message))
            report(f"error: {item.source}: {item.message}")
        else:
            yield item


def run(paths: list[str], out: Optional[Path], report: Report, n_process: int = 1,
        extractor=None, stdin=None) -> RunSummary:
    """Extract records for every document under ``paths`` into ``out`` (stdout when None)."""
    from .pipeline import load  # spaCy is loaded only when there is work to do

    summary = RunSummary()
    warn = lambda message: report(f"warning: {message}")  # noqa: E731
    documents = _documents(iter_documents(paths, warn, stdin=stdin), summary, report)
    first = next(documents, None)
    with AtomicWriter(out) as handle:
        if first is None:
            return summary
        extractor = extractor or load()
        stream = _chain(first, documents)
        for outcome in extractor.process(stream, n_process=n_process):
            if outcome.error:
                summary.failures.append((outcome.doc_id, outcome.error))
                report(f"error: {outcome.doc_id}: {outcome.stage or 'extract'}: {outcome.error}")
                continue
            handle.write(outcome.records.to_json_line() + "\n")
            summary.written += 1
            for key in summary.counts:
                summary.counts[key] += len(getattr(outcome.records, key))
    return summary


def _chain(first: Document, rest: Iterator[Document]) -> Iterator[Document]:
    yield first
    yield from rest
