"""The ``extract run`` job: stream documents through the pipeline into JSONL, in input order.

Lines go to ``<out>.partial`` as documents complete, and the file is renamed to ``<out>``
only when the run ends, so ``<out>`` is never half-written. After an interruption,
``--resume`` keeps the complete lines of ``<out>`` and ``<out>.partial`` and processes
only the other documents.
"""

from __future__ import annotations

import json
import os
import sys
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, TextIO

from .documents import Document, ReadError, iter_documents

Report = Callable[[str], None]


@dataclass
class RunSummary:
    """What a run did: documents written and kept, failures (source, stage, message), record counts."""

    written: int = 0
    kept: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"actors": 0, "statements": 0, "contracts": 0})


@dataclass
class RunOptions:
    """How to run: output, workers, resume, where errors go, and a progress callback."""

    out: Optional[Path] = None
    n_process: int = 1
    batch_size: int = 16
    resume: bool = False
    errors: Optional[Path] = None
    actors: Optional[Path] = None  # cross-document actor registry (JSONL), see extract.registry
    progress: Callable[[bool], None] = lambda ok: None


def partial_path(out: Path) -> Path:
    """Where an unfinished run keeps its complete lines."""
    return out.with_name(out.name + ".partial")


def read_done(out: Path, report: Report) -> dict[str, str]:
    """Complete lines of ``out`` and its ``.partial``, by doc_id (a cut-off last line is dropped)."""
    done: dict[str, str] = {}
    for path in (out, partial_path(out)):
        if not path.exists():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            try:
                done[json.loads(line)["doc_id"]] = line
            except (ValueError, KeyError, TypeError):
                report(f"warning: {path}:{number}: incomplete or malformed line dropped on resume")
    return done


class Failures:
    """Report failures on stderr, count them, and log them as JSONL to ``--errors``."""

    def __init__(self, summary: RunSummary, report: Report, path: Optional[Path], append: bool):
        self.summary, self.report = summary, report
        self.handle: Optional[TextIO] = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = path.open("a" if append else "w", encoding="utf-8")

    def add(self, source: str, stage: str, message: str, doc_id: Optional[str] = None) -> None:
        """Record one failed document."""
        self.summary.failures.append((source, stage, message))
        self.report(f"error: {source}: {stage}: {message}")
        if self.handle:
            row = {"doc_id": doc_id, "source": source, "stage": stage, "message": message}
            self.handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            self.handle.flush()

    def close(self) -> None:
        if self.handle:
            self.handle.close()


def run(paths: list[str], options: RunOptions, report: Report, extractor=None, stdin=None) -> RunSummary:
    """Extract records for every document under ``paths``; see the module docstring for the files."""
    summary = RunSummary()
    done = read_done(options.out, report) if options.resume and options.out else {}
    failures = Failures(summary, report, options.errors, append=options.resume)
    warn = lambda message: report(f"warning: {message}")  # noqa: E731
    order: deque[tuple[str, Optional[str]]] = deque()  # (doc_id, kept line or None), input order
    registry = None
    if options.actors:
        from .registry import ActorRegistry  # imports the actor stage: only when asked

        registry = ActorRegistry()

    def to_process() -> Iterator[Document]:
        own_files = [p for p in (options.out, options.errors) if p is not None]
        own_files += [partial_path(options.out)] if options.out else []
        for item in iter_documents(paths, warn, stdin=stdin, exclude=own_files):
            if isinstance(item, ReadError):
                failures.add(item.source, "read", item.message, item.doc_id)
                options.progress(False)
            elif item.doc_id in done:
                order.append((item.doc_id, done.pop(item.doc_id)))
            else:
                order.append((item.doc_id, None))
                yield item

    try:
        with _output(options.out) as handle:
            outcomes = _outcomes(to_process(), extractor, options)
            for outcome in outcomes:
                _flush_kept(order, handle, summary, registry)
                order.popleft()
                if outcome.error:
                    failures.add(outcome.doc_id, outcome.stage or "extract", outcome.error, outcome.doc_id)
                else:
                    _write(handle, outcome.records.to_json_line(), summary, outcome.records)
                    if registry is not None:
                        registry.add(outcome.records)
                options.progress(not outcome.error)
            _flush_kept(order, handle, summary, registry)
            for line in done.values():  # earlier results for documents not in this input: never lost
                _write(handle, line, summary)
                summary.kept += 1
                if registry is not None:
                    registry.add_json(line)
    finally:
        failures.close()
    if registry is not None:
        registry.write(options.actors)
    return summary


def _outcomes(documents: Iterator[Document], extractor, options: RunOptions):
    """Outcomes of the documents; spaCy is loaded only when there is a document to process."""
    first = next(documents, None)
    if first is None:
        return iter(())
    if extractor is None:
        from .pipeline import load

        extractor = load()

    def chained() -> Iterator[Document]:
        yield first
        yield from documents

    return extractor.process(chained(), n_process=options.n_process, batch_size=options.batch_size)


def _flush_kept(order: deque, handle: TextIO, summary: RunSummary, registry=None) -> None:
    while order and order[0][1] is not None:
        line = order.popleft()[1]
        _write(handle, line, summary)
        summary.kept += 1
        if registry is not None:
            registry.add_json(line)


def _write(handle: TextIO, line: str, summary: RunSummary, records=None) -> None:
    handle.write(line + "\n")
    handle.flush()
    if records is not None:
        summary.written += 1
        for key in summary.counts:
            summary.counts[key] += len(getattr(records, key))


class _output:
    """Context manager: stdout, or ``<out>.partial`` renamed to ``<out>`` on success."""

    def __init__(self, out: Optional[Path]):
        self.out = out

    def __enter__(self) -> TextIO:
        if self.out is None:
            self.handle = sys.stdout
        else:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            self.handle = partial_path(self.out).open("w", encoding="utf-8")
        return self.handle

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.out is None:
            self.handle.flush()
            return
        empty = self.handle.tell() == 0
        self.handle.close()
        partial = partial_path(self.out)
        if exc_type is None:
            os.replace(partial, self.out)
        elif empty:
            partial.unlink()


def count_documents(paths: Iterable[str]) -> Optional[int]:
    """How many documents ``paths`` hold, when that is cheap to know (None with stdin)."""
    from .documents import JSONL_SUFFIXES, expand

    total = 0
    for path_arg in paths:
        if path_arg == "-":
            return None
        for found in expand(path_arg):
            if isinstance(found, Path) and found.suffix in JSONL_SUFFIXES:
                with found.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    return total
