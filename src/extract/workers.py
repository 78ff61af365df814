"""Worker processes that run the whole extraction and send back only records, in input order.

``nlp.pipe(n_process=N)`` tokenises in the parent, ships every doc to a worker as bytes and
ships the processed doc back, and the parent then rebuilds the doc and its records alone: on
a 2-core machine that parent work is what two processes lose against one. Here the parent
only reads and writes: it sends chunks of :class:`~extract.documents.Document` (text and
metadata) and each worker returns the chunk's :class:`~extract.pipeline.Outcome` list.

On Linux workers are forked, so they share the loaded model with the parent (copy-on-write)
instead of loading or unpickling their own copy; elsewhere they are spawned and receive a
pickled copy of the extractor (custom components must then be importable). At most two chunks per worker are in
flight, so memory stays flat however long the input. A worker that dies (out of memory, a
crash in native code) does not stop the run: the pool is restarted, the documents that were
in flight are retried one at a time, and the one that kills a worker on its own is reported
as failed.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING, Iterable, Iterator, Optional

from spacy.util import minibatch

from .documents import Document

if TYPE_CHECKING:
    from .pipeline import Extractor, Outcome

CHUNKS_PER_WORKER = 2
DIED = "the worker process died on this document (out of memory, or a crash in native code)"

_extractor: Optional["Extractor"] = None  # the worker's pipeline, set by _start_worker


def _start_worker(extractor: "Extractor") -> None:
    """Runs once in each worker: keep the pipeline; Ctrl-C is the parent's to handle."""
    global _extractor
    _extractor = extractor
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_chunk(documents: list[Document], batch_size: int) -> list["Outcome"]:
    """Outcomes of one chunk, computed in a worker."""
    return list(_extractor.process(documents, n_process=1, batch_size=batch_size))


def _context() -> multiprocessing.context.BaseContext:
    """Fork on Linux (workers share the loaded model); elsewhere the platform's default (spawn on
    macOS and Windows, where forking a loaded process is unsafe)."""
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


class WorkerPool:
    """``n_process`` workers running ``extractor``; :meth:`outcomes` streams results in input order."""

    def __init__(self, extractor: "Extractor", n_process: int):
        self.extractor, self.n_process = extractor, n_process
        self.executor: Optional[ProcessPoolExecutor] = None

    def outcomes(self, documents: Iterable[Document], batch_size: int) -> Iterator["Outcome"]:
        """One outcome per document, in input order."""
        chunks = minibatch(documents, batch_size)
        in_flight: deque[tuple[list[Document], Future]] = deque()
        try:
            while True:
                for chunk in islice(chunks, CHUNKS_PER_WORKER * self.n_process - len(in_flight)):
                    in_flight.append((chunk, self._submit(chunk, batch_size)))
                if not in_flight:
                    self.close(wait=True)  # idle workers: joining them is immediate
                    return
                chunk, future = in_flight.popleft()
                try:
                    yield from future.result()
                except BrokenProcessPool:  # every chunk in flight is lost with the pool
                    self.close()
                    for lost, lost_future in [(chunk, future), *in_flight]:
                        yield from _finished(lost_future) or self._one_by_one(lost, batch_size)
                    in_flight.clear()
                except Exception:  # the chunk failed as a whole (e.g. a result that cannot be sent)
                    yield from self._one_by_one(chunk, batch_size)
        finally:
            self.close()

    def close(self, wait: bool = False) -> None:
        """Stop the workers; chunks not started are cancelled. ``wait`` joins them."""
        if self.executor is not None:
            self.executor.shutdown(wait=wait, cancel_futures=True)
            self.executor = None

    def _submit(self, chunk: list[Document], batch_size: int) -> Future:
        if self.executor is None:
            self.executor = ProcessPoolExecutor(self.n_process, mp_context=_context(),
                                                initializer=_start_worker, initargs=(self.extractor,))
        return self.executor.submit(_run_chunk, chunk, batch_size)

    def _one_by_one(self, chunk: list[Document], batch_size: int) -> Iterator["Outcome"]:
        """Retry a lost chunk one document at a time, so only the document at fault fails."""
        from .pipeline import Outcome

        for document in chunk:
            try:
                yield from self._submit([document], batch_size).result()
            except BrokenProcessPool:
                self.close()
                yield Outcome(document.doc_id, error=DIED, stage="worker")
            except Exception as exc:
                yield Outcome(document.doc_id, error=f"{type(exc).__name__}: {exc}", stage="worker")


def _finished(future: Future) -> Optional[list["Outcome"]]:
    """The outcomes of a chunk that completed before the pool broke, else None."""
    if future.done() and not future.cancelled() and future.exception() is None:
        return future.result()
    return None
