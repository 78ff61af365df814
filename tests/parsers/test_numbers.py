"""French numbers in digits and words against ``tests/cases/numbers.jsonl``."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.parsers.dates_patterns import rules
from extract.parsers.money_lexicon import context_patterns, patterns
from extract.parsers.numbers import find_numbers, parse_number
from tests.conftest import load_cases
from tests.parsers.spelled import french

CASES = load_cases("numbers")
PARSE = [r for r in CASES if "text" in r]
FIND = [r for r in CASES if "find" in r]


def _param(row: dict, key: str):
    marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
    return pytest.param(row, id=str(row[key])[:50] or "<empty>", marks=marks)


@pytest.mark.parametrize("row", [_param(r, "text") for r in PARSE])
def test_parse_number(row: dict) -> None:
    got = parse_number(row["text"])
    if row["value"] is None:
        assert got is None
    else:
        assert got == pytest.approx(row["value"], rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("row", [_param(r, "find") for r in FIND])
def test_find_numbers(row: dict) -> None:
    found = find_numbers(row["find"])
    assert [n.value for n in found] == pytest.approx(row["values"], rel=1e-9)
    assert all(row["find"][n.start: n.end] == n.text for n in found)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises(text: str) -> None:
    parse_number(text)
    for n in find_numbers(text):
        assert text[n.start: n.end] == n.text


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_reads_any_integer_written_in_words(n: int) -> None:
    assert parse_number(french(n)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15), st.sampled_from([" ", "\u00a0", "\u202f", ".", "'", "’"]))
def test_reads_any_integer_with_thousands_separators(n: int, sep: str) -> None:
    assert parse_number(f"{n:,}".replace(",", sep)) == n


GUARDED_PATTERNS = {
    "dates": lambda: [pattern.pattern for _, pattern in rules()],
    "money": lambda: [p.pattern for p in (*patterns().values(), *context_patterns().values())],
}


@lru_cache(maxsize=1)
def every_character() -> str:
    return "".join(map(chr, [*range(0xD800), *range(0xE000, 0x110000)]))


@pytest.mark.parametrize("parser", sorted(GUARDED_PATTERNS))
def test_guards_fold_like_the_letters_they_guard(parser: str) -> None:
    """A first-character guard ``(?=(?i:[…]))`` (:func:`extract.parsers.numbers.guard`) matches every
    character that the case-insensitive letter it stands for matches, in every pattern of the parser."""
    every = every_character()
    guarded = {c for src in GUARDED_PATTERNS[parser]() for cls in re.findall(r"\(\?=\(\?i:\[((?:\\.|[^\]])*)\]\)\)", src)
               for c in re.sub(r"\\(.)", r"\1", cls.replace(r"\d", "").replace(r"\s", ""))}
    assert len(guarded) > 20
    for c in guarded:
        assert set(re.findall(f"(?i){re.escape(c)}", every)) <= set(re.findall(f"(?i)[{re.escape(c)}]", every)), c
