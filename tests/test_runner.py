"""The batch runner: input order, per-document isolation (also with 2 processes), resume, inputs."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import time
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from extract.components.base import Stage
from extract.pipeline import Extractor, skip_document
from extract.runner import RunOptions, partial_path, run


class FailOnMarker(Stage):
    """Raises on documents containing BOOM (guarded by Stage)."""

    def process(self, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("boom")
        doc._.actors = [{"id": "a", "name": doc.text.split()[0], "kind": "person"}]
        return doc


@Language.factory("test_fail_on_marker")
def _make_fail(nlp, name):
    return FailOnMarker()


@Language.component("test_unguarded_crash")
def _unguarded(doc):
    if "CRASH" in doc.text:
        raise ValueError("unguarded")
    return doc


@Language.component("test_worker_dies")
def _dies(doc):
    if "DIE" in doc.text:
        os._exit(3)  # a crash no Python handler sees, like the kernel killing a worker for memory
    return doc


@pytest.fixture(scope="module")
def small_extractor() -> Extractor:
    """A blank French pipeline with the failing components: fast, no model needed."""
    nlp = spacy.blank("fr")
    nlp.add_pipe("test_fail_on_marker")
    nlp.add_pipe("test_unguarded_crash")
    nlp.default_error_handler = skip_document
    return Extractor(nlp)


def _write_docs(folder: Path, texts: dict[str, str]) -> None:
    for doc_id, text in texts.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")


TEXTS = {f"d{i:02d}": f"Personne{i} parle." for i in range(12)}
TEXTS.update({"d03": "Alpha BOOM ici.", "d07": "Beta CRASH ici."})


@pytest.mark.parametrize("n_process", [1, 2])
def test_failures_are_isolated_and_order_kept(tmp_path: Path, small_extractor: Extractor, n_process: int) -> None:
    _write_docs(tmp_path, TEXTS)
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    messages: list[str] = []
    options = RunOptions(out=out, n_process=n_process, batch_size=3, errors=errors)
    summary = run([str(tmp_path)], options, messages.append, extractor=small_extractor)
    written = [json.loads(line)["doc_id"] for line in out.read_text().splitlines()]
    assert written == [d for d in sorted(TEXTS) if d not in ("d03", "d07")]
    rows = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [(r["doc_id"], r["stage"]) for r in rows] == [("d03", "test_fail_on_marker"), ("d07", "spacy")]
    assert "boom" in rows[0]["message"]
    assert len(summary.failures) == 2 and summary.written == 10


def test_resume_skips_done_documents_and_keeps_input_order(tmp_path: Path, small_extractor: Extractor) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    _write_docs(docs, {f"d{i}": f"Nom{i} parle." for i in range(6)})
    out = tmp_path / "out.jsonl"
    # An interrupted earlier run: two complete lines in .partial, and a cut-off third one.
    earlier = {"doc_id": "d1", "actors": [], "statements": [], "contracts": []}
    partial_path(out).write_text(json.dumps(earlier) + "\n" + json.dumps({**earlier, "doc_id": "d4"}) + '\n{"doc_id": "d5", "act')
    messages: list[str] = []
    summary = run([str(docs)], RunOptions(out=out, resume=True), messages.append, extractor=small_extractor)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["doc_id"] for line in lines] == ["d0", "d1", "d2", "d3", "d4", "d5"]
    assert lines[1]["actors"] == [] and lines[0]["actors"][0]["name"] == "Nom0"  # d1 kept, not redone
    assert summary.kept == 2 and summary.written == 4
    assert any("incomplete or malformed line dropped" in m for m in messages)
    assert not partial_path(out).exists()


def test_resume_keeps_results_of_documents_no_longer_in_the_input(tmp_path: Path, small_extractor: Extractor) -> None:
    (tmp_path / "new.txt").write_text("Nouveau texte.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"doc_id": "old", "actors": [], "statements": [], "contracts": []}) + "\n")
    run([str(tmp_path / "new.txt")], RunOptions(out=out, resume=True), lambda m: None, extractor=small_extractor)
    assert [json.loads(line)["doc_id"] for line in out.read_text().splitlines()] == ["new", "old"]


def test_jsonl_and_stdin_inputs(tmp_path: Path, small_extractor: Extractor, capsys) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps({"doc_id": f"j{i}", "text": f"Texte{i} ici."}) for i in range(3)))
    out = tmp_path / "out.jsonl"
    run(["-", str(batch)], RunOptions(out=out), lambda m: None, extractor=small_extractor,
        stdin=io.BytesIO("Depuis stdin.".encode()))
    assert [json.loads(line)["doc_id"] for line in out.read_text().splitlines()] == ["stdin", "j0", "j1", "j2"]


def test_interrupted_run_keeps_finished_documents_in_partial(tmp_path: Path, small_extractor: Extractor) -> None:
    _write_docs(tmp_path, {f"d{i}": f"Nom{i} parle." for i in range(5)})
    out = tmp_path / "out.jsonl"
    seen = []

    def interrupt_after_two(ok: bool) -> None:
        seen.append(ok)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run([str(tmp_path)], RunOptions(out=out, batch_size=1, progress=interrupt_after_two), lambda m: None,
            extractor=small_extractor)
    assert not out.exists()
    assert [json.loads(line)["doc_id"] for line in partial_path(out).read_text().splitlines()] == ["d0", "d1"]


def test_a_worker_that_dies_fails_only_its_document(tmp_path: Path) -> None:
    nlp = spacy.blank("fr")
    nlp.add_pipe("test_fail_on_marker")
    nlp.add_pipe("test_worker_dies")
    texts = {f"d{i:02d}": f"Personne{i} parle." for i in range(14)}
    texts.update({"d05": "Gamma DIE ici.", "d06": "Alpha BOOM ici."})
    _write_docs(tmp_path, texts)
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    options = RunOptions(out=out, n_process=2, batch_size=4, errors=errors)
    summary = run([str(tmp_path)], options, lambda m: None, extractor=Extractor(nlp))
    written = [json.loads(line)["doc_id"] for line in out.read_text().splitlines()]
    assert written == [d for d in sorted(texts) if d not in ("d05", "d06")]
    rows = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [(r["doc_id"], r["stage"]) for r in rows] == [("d05", "worker"), ("d06", "test_fail_on_marker")]
    assert "worker process died" in rows[0]["message"]
    assert summary.written == 12 and len(summary.failures) == 2


def test_worker_results_match_one_process(small_extractor: Extractor) -> None:
    documents = [(f"d{i}", f"Nom{i} parle.") for i in range(37)]
    one = [o.records for o in small_extractor.process(documents, n_process=1, batch_size=5)]
    two = [o.records for o in small_extractor.process(documents, n_process=2, batch_size=5)]
    assert one == two and len(two) == 37


def test_stopping_early_stops_the_workers(small_extractor: Extractor) -> None:
    outcomes = small_extractor.process(((f"d{i}", f"Nom{i} parle.") for i in range(10_000)), n_process=2, batch_size=2)
    assert [next(outcomes).doc_id for _ in range(3)] == ["d0", "d1", "d2"]
    outcomes.close()
    deadline = time.monotonic() + 30
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert multiprocessing.active_children() == []


def test_spawned_workers_give_the_same_records(small_extractor: Extractor, monkeypatch) -> None:
    """The start method of macOS and Windows: workers unpickle the extractor instead of forking."""
    from extract import workers

    monkeypatch.setattr(workers, "_context", lambda: multiprocessing.get_context("spawn"))
    documents = [(f"d{i}", "Alpha BOOM ici." if i == 2 else f"Nom{i} parle.") for i in range(6)]
    outcomes = list(small_extractor.process(documents, n_process=2, batch_size=2))
    assert [o.doc_id for o in outcomes] == [d for d, _ in documents]
    assert [o.stage for o in outcomes if o.error] == ["test_fail_on_marker"]
    assert outcomes[0].records.actors[0].name == "Nom0"
