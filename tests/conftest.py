"""Shared fixtures: the pipeline loaded once per session, the case tables, one reference date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so CI replays what passed here;
# `pytest --hypothesis-profile=explore` draws new examples on each run to find new counter-examples.
settings.register_profile("default", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("default")

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"
# The one fixed reference date of every test that resolves relative dates (a Tuesday).
REFERENCE_DATE = "2026-01-27"


def load_cases(name: str) -> list[dict]:
    """Rows of ``tests/cases/<name>.jsonl`` (``//`` lines are comments)."""
    lines = (CASES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("//")]


def case_id(row: dict) -> str:
    """A short readable test id from a case row."""
    text = row.get("id") or row.get("text") or row.get("input") or ""
    return str(text)[:60]


@pytest.fixture(scope="session")
def extractor():
    """The full pipeline (spaCy + project components), loaded once."""
    import extract

    return extract.load()


@pytest.fixture(scope="session")
def nlp(extractor):
    """The spaCy Language object of the full pipeline."""
    return extractor.nlp
