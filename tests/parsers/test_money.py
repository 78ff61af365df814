"""The money parser against ``tests/cases/money.jsonl``, plus properties on arbitrary text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import MoneyMention, parse_money
from extract.parsers.money_lexicon import ASCII_FOLDS, patterns, starts
from tests.conftest import case_id, load_cases
from tests.parsers.spelled import french

CASES = load_cases("money")


def _param(row: dict):
    marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
    return pytest.param(row, id=case_id(row), marks=marks)


def _as_comparable(mention: MoneyMention, expected: dict) -> dict:
    got = {"value": mention.value, "currency": mention.currency, "qualifier": mention.qualifier, "text": mention.text}
    for optional in ("period", "bounds"):
        if optional in expected:
            value = getattr(mention, optional)
            got[optional] = list(value) if isinstance(value, tuple) else value
    return got


@pytest.mark.parametrize("row", [_param(r) for r in CASES])
def test_money_case(row: dict) -> None:
    mentions = parse_money(row["text"], locale=row.get("locale"))
    got = [_as_comparable(m, e) for m, e in zip(mentions, row["expected"])]
    assert len(mentions) == len(row["expected"]), [m.text for m in mentions]
    for g, e in zip(got, row["expected"]):
        assert g["value"] == pytest.approx(e["value"], rel=1e-9)
        if "bounds" in e:
            assert g["bounds"] == pytest.approx(e["bounds"], rel=1e-9)
        assert {k: v for k, v in g.items() if k not in ("value", "bounds")} == {
            k: v for k, v in e.items() if k not in ("value", "bounds")
        }


def test_table_has_negatives_and_positives() -> None:
    negatives = [r for r in CASES if not r["expected"]]
    assert len(CASES) >= 200 and len(negatives) >= 40


def test_offsets_point_into_the_text() -> None:
    text = "Palantir a obtenu un contrat de 139,3 millions de dollars, puis 30 M$ en 2025."
    for m in parse_money(text):
        assert text[m.start: m.end] == m.text
    assert [m.start for m in parse_money(text)] == [text.index("139,3"), text.index("30 M$")]


def test_mention_is_plain_data() -> None:
    (mention,) = parse_money("entre 10 et 20 millions d'euros par an")
    data = mention.as_dict()
    assert data["bounds"] == [1e7, 2e7] and data["period"] == "P1Y"
    assert set(data) == {"value", "currency", "qualifier", "text", "start", "end", "period", "bounds"}


def _check_invariants(text: str) -> None:
    for m in parse_money(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start: m.end] == m.text
        assert 0 <= m.value < float("inf") and m.qualifier in ("exact", "approx", "max", "min")
        assert len(m.currency) == 3 and m.currency.isupper()


PIECES = st.sampled_from([
    "0", "1", "12", "139", "2025", ",", ".", " ", "\u00a0", "\u202f", "'", "’", "-", "–", "$", "€", "£", "¥",
    "M", "Md", "k", "G", "millions", "milliard", "mille", "et demi", "de", "d'", "dollars", "euros",
    "francs", "CHF", "USD", "$ CA", "US$", "entre", "et", "à", "ou", "environ", "plus de", "jusqu'à",
    "par an", "/mois", "trente", "deux cent", "un", "%", "cents", "livres", "(", ")", "\n", ". ", "X",
])


def test_absurdly_long_numbers_are_not_amounts() -> None:
    assert parse_money("9" * 400 + " $") == []


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_unicode(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=25).map("".join), st.sampled_from([None, "fr-FR", "fr-CA", "fr-CH", "xx"]))
def test_never_raises_on_money_like_strings(text: str, locale) -> None:
    for m in parse_money(text, locale=locale):
        assert text[m.start: m.end] == m.text
    _check_invariants(text)


CURRENCIES = [("euros", "EUR"), ("€", "EUR"), ("dollars canadiens", "CAD"), ("$ US", "USD"), ("CHF", "CHF"), ("yens", "JPY")]


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=2, max_value=999_999_999_999), st.sampled_from(CURRENCIES), st.booleans())
def test_any_amount_in_words_or_digits_reads_back(n: int, currency: tuple[str, str], in_words: bool) -> None:
    amount = french(n) if in_words else f"{n:,}".replace(",", "\u00a0")
    (mention,) = parse_money(f"Le contrat vaut {amount} {currency[0]}.")
    assert (mention.value, mention.currency, mention.text) == (n, currency[1], f"{amount} {currency[0]}")


def test_ascii_folds_are_all_the_engine_knows() -> None:
    """The amount-start scan spells case folding out (``ASCII_FOLDS``): it must be the regex engine's."""
    every = "".join(map(chr, [*range(0x80, 0xD800), *range(0xE000, 0x110000)]))
    for letter in "abcdefghijklmnopqrstuvwxyz":
        found = "".join(sorted(set(re.findall(f"(?i){letter}", every))))
        assert found == "".join(sorted(ASCII_FOLDS.get(letter, ""))), letter


@pytest.mark.parametrize("text", [c["text"] for c in CASES] + ["xun million d'euros", "ſix euros", "K€ 5", "aucune dizaine de millions d'euros"])
def test_amounts_start_only_where_the_scan_says(text: str) -> None:
    positions = set(starts(text))
    for name in ("money", "carry"):
        assert {m.start() for m in patterns()[name].finditer(text)} <= positions, name
