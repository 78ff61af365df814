"""Read and check gold files (``gold/<doc_id>.json``) and prediction files (JSONL)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from pydantic import ValidationError

from .records import DocumentRecords

NON_GOLD = {"baseline.json"}


@dataclass
class Problem:
    """One problem in one file, at one record when known."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}"


def _errors(exc: ValidationError) -> Iterator[tuple[str, str]]:
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "document"
        yield where, err["msg"]


def gold_files(gold_dir: Path) -> list[Path]:
    """The gold files of a folder, sorted (``baseline.json`` and non-JSON files excluded)."""
    return sorted(p for p in gold_dir.glob("*.json") if p.name not in NON_GOLD)


def parse_records(raw: str, source: str) -> tuple[Optional[DocumentRecords], list[Problem]]:
    """Parse one JSON document into records, or report why not."""
    try:
        return DocumentRecords.model_validate_json(raw), []
    except ValidationError as exc:
        return None, [Problem(source, where, msg) for where, msg in _errors(exc)]


def read_gold(gold_dir: Path) -> tuple[dict[str, DocumentRecords], list[Problem]]:
    """Every valid gold file of a folder by doc_id, and the problems of the others."""
    gold, problems = {}, []
    for path in gold_files(gold_dir):
        records, found = parse_records(path.read_text(encoding="utf-8"), str(path))
        problems += found
        if records is not None:
            if records.doc_id != path.stem:
                problems.append(Problem(str(path), "doc_id", f"{records.doc_id!r} differs from the file name"))
            gold[records.doc_id] = records
    return gold, problems


def read_predictions(path: Path) -> tuple[dict[str, DocumentRecords], list[Problem]]:
    """Predictions from a JSONL file; malformed lines are reported, never fatal."""
    preds, problems = {}, []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        source = f"{path}:{number}"
        try:
            json.loads(line)
        except ValueError as exc:
            problems.append(Problem(source, "line", f"not JSON: {exc}"))
            continue
        records, found = parse_records(line, source)
        problems += found
        if records is not None:
            preds[records.doc_id] = records
    return preds, problems


def validate_gold(gold_dir: Path, corpus_dir: Path) -> list[Problem]:
    """Schema, references and offsets of every gold file against its text in ``corpus_dir``."""
    gold, problems = read_gold(gold_dir)
    for doc_id, records in sorted(gold.items()):
        text_path = corpus_dir / f"{doc_id}.txt"
        source = str(gold_dir / f"{doc_id}.json")
        if not text_path.exists():
            problems.append(Problem(source, "doc_id", f"no text {text_path}"))
            continue
        text = text_path.read_text(encoding="utf-8")
        problems += [Problem(source, *p.split(": ", 1)) for p in records.problems(text)]
    return problems
