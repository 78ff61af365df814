"""The date parser against ``tests/cases/dates.jsonl``, plus properties on arbitrary text."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import DateMention, parse_dates
from tests.conftest import REFERENCE_DATE, case_id, load_cases

CASES = load_cases("dates")
PUBLISHED = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2199, 12, 31)).map(dt.date.isoformat)
FIELDS = ("value", "kind", "text", "mod", "begin", "until")


def _param(row: dict):
    marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
    return pytest.param(row, id=case_id(row) + (" @ref" if row.get("ref") else ""), marks=marks)


def _published(row: dict) -> str | None:
    return REFERENCE_DATE if row.get("ref") else None


def _comparable(mention: DateMention) -> dict:
    return {k: getattr(mention, k) for k in FIELDS}


@pytest.mark.parametrize("row", [_param(r) for r in CASES])
def test_dates_case(row: dict) -> None:
    got = [_comparable(m) for m in parse_dates(row["text"], _published(row))]
    assert got == [{k: e.get(k) for k in FIELDS} for e in row["expected"]]


@pytest.mark.parametrize("row", [pytest.param(r, id=case_id(r)) for r in CASES])
def test_offsets_point_at_the_text(row: dict) -> None:
    for m in parse_dates(row["text"], _published(row)):
        assert row["text"][m.start:m.end] == m.text


def test_table_size() -> None:
    assert len(CASES) >= 150
    assert sum(1 for r in CASES if not r["expected"]) >= 30


def test_until_is_exclusive() -> None:
    (m,) = parse_dates("entre 2014 et 2018")
    assert (m.begin, m.until) == ("2014", "2019")


def test_future_tense_option_reads_forward() -> None:
    (past,) = parse_dates("le 5 juillet", REFERENCE_DATE)
    (future,) = parse_dates("le 5 juillet", REFERENCE_DATE, tense="future")
    assert (past.value, future.value) == ("2025-07-05", "2026-07-05")


def test_published_accepts_an_iso_datetime() -> None:
    assert parse_dates("hier", REFERENCE_DATE + "T10:30:00")[0].value == "2026-01-26"


def test_unknown_tense_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_dates("le 5 juillet", REFERENCE_DATE, tense="futur")


@pytest.mark.parametrize("published", ["hier", "2026-02-30", "27/01/2026", "0001-01-01", "9999-12-31"])
def test_published_that_is_not_a_date_is_refused(published: str) -> None:
    with pytest.raises(ValueError):
        parse_dates("le 24 janvier", published)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), PUBLISHED))
def test_never_raises_and_offsets_are_in_bounds(text: str, published: str | None) -> None:
    for m in parse_dates(text, published):
        assert 0 <= m.start <= m.end <= len(text)
        assert text[m.start:m.end] == m.text


DATEISH = st.lists(
    st.sampled_from(["le", "3", "mars", "2025", "du", "au", "entre", "et", "dès", "fin", "mi-", "hier", "ce",
                     "dimanche", "dernier", "prochain", "jusqu'à", "pendant", "18", "mois", "ans", "-", "/", "(",
                     "trimestre", "premier", "été", "semaine", "1er", "12/03", "il y a", "deux", ",", "."]),
    max_size=12,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(DATEISH, st.one_of(st.none(), PUBLISHED))
def test_date_like_word_salad_never_raises(text: str, published: str | None) -> None:
    for m in parse_dates(text, published):
        assert text[m.start:m.end] == m.text
        if m.kind == "interval":
            assert m.begin and m.until and m.value.startswith(m.begin + "/")


@pytest.mark.parametrize("chunk", ["vingt ", "deux et ", "1 ", "mars ", "12/", "lundi "])
def test_long_runs_of_date_words_stay_fast(chunk: str) -> None:
    import time

    started = time.perf_counter()
    parse_dates(chunk * 3000, REFERENCE_DATE)
    assert time.perf_counter() - started < 10  # quadratic scans took minutes on these
