"""French numbers in digits and words against ``tests/cases/numbers.jsonl``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.parsers.numbers import find_numbers, parse_number
from tests.conftest import load_cases

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


# An independent writer of French numbers (traditional spelling), to check the reader on any integer.
_UNITS = ("zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize").split()
_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}


def _below_100(n: int) -> str:
    if n < 17:
        return _UNITS[n]
    if n < 20:
        return "dix-" + _UNITS[n - 10]
    if n >= 80:
        return "quatre-vingts" if n == 80 else "quatre-vingt-" + _below_100(n - 80)
    if n >= 70:
        return "soixante et onze" if n == 71 else "soixante-" + _below_100(n - 60)
    tens, unit = _TENS[n // 10 * 10], n % 10
    return tens if unit == 0 else f"{tens} et un" if unit == 1 else f"{tens}-{_UNITS[unit]}"


def _below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    head = "" if hundreds == 0 else "cent" if hundreds == 1 else _UNITS[hundreds] + (" cents" if rest == 0 else " cent")
    return " ".join(p for p in (head, _below_100(rest) if rest else "") if p)


def _french(n: int) -> str:
    if n == 0:
        return "zéro"
    parts = []
    for scale, name in ((10**9, "milliard"), (10**6, "million")):
        count, n = divmod(n, scale)
        if count:
            parts.append(f"{_below_1000(count)} {name}{'s' if count > 1 else ''}")
    thousands, n = divmod(n, 1000)
    if thousands:
        words = _below_1000(thousands)
        words = words[:-1] if words.endswith(("cents", "vingts")) else words  # « deux cent mille »
        parts.append("mille" if thousands == 1 else words + " mille")
    if n:
        parts.append(_below_1000(n))
    return " ".join(parts)


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_reads_any_integer_written_in_words(n: int) -> None:
    assert parse_number(_french(n)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15), st.sampled_from([" ", "\u00a0", "\u202f", ".", "'", "’"]))
def test_reads_any_integer_with_thousands_separators(n: int, sep: str) -> None:
    assert parse_number(f"{n:,}".replace(",", sep)) == n
