"""The pure quotation finder on a table of typographies (tests/cases/statements_quotes.jsonl)."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from extract.statements.quotes import find_quotes
from tests.conftest import case_id, load_cases

CASES = load_cases("statements_quotes")


def _params():
    for row in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=row["xfail"])] if row.get("xfail") else []
        yield pytest.param(row, id=case_id(row), marks=marks)


@pytest.mark.parametrize("row", list(_params()))
def test_quote_cases(row):
    text = row["text"]
    found = find_quotes(text)
    assert [text[q.start:q.end] for q in found] == row["quotes"]
    assert [text[q.start:q.end] for q in found if q.question] == row.get("questions", [])


@given(st.text(alphabet="ab «»“”\"‹›—\n :.?", max_size=80))
def test_offsets_are_inside_the_text_and_ordered(text):
    """Whatever the marks, quotes are well-formed ranges in text order that never hold their own marks."""
    found = find_quotes(text)
    assert all(0 <= q.open < q.start <= q.end <= len(text) for q in found)
    assert [q.start for q in found] == sorted(q.start for q in found)
    for q in found:
        words = text[q.start:q.end]
        assert not words[:1].isspace() and not words[-1:].isspace()
