"""The statement stage on case texts (tests/cases/statements.jsonl) and its invariants on the corpus."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from extract.records import Statement
from tests.conftest import ROOT, case_id, load_cases

CASES = load_cases("statements")


def _run(nlp, text: str):
    """spaCy's own pipes, then the stages the statement stage reads (dates, actors) and itself."""
    doc = nlp.make_doc(text)
    for name, pipe in nlp.pipeline:
        if not name.startswith("extract_"):
            doc = pipe(doc)
    for name in ("extract_dates", "extract_actors", "extract_statements"):
        doc = nlp.get_pipe(name)(doc)
    return doc


def _params():
    for row in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=row["xfail"])] if row.get("xfail") else []
        yield pytest.param(row, id=case_id(row), marks=marks)


def _names(actor: dict) -> list[str]:
    return [actor["name"], *actor.get("aliases", [])]


def _check_speaker(want: dict, got: dict, actors: dict) -> None:
    if "speaker" not in want:
        return
    if want["speaker"] is None:
        assert got["speaker"] is None, f"speaker {got['speaker']!r}, expected none"
        assert got["speaker_mention"] == want["mention"]
        return
    assert got["speaker"] in actors, f"no speaker actor (mention {got['speaker_mention']!r})"
    names = _names(actors[got["speaker"]])
    assert any(want["speaker"] in n or n in want["speaker"] for n in names), f"speaker {names}"
    if "mention" in want:
        assert got["speaker_mention"] == want["mention"], f"mention {got['speaker_mention']!r}"


@pytest.mark.parametrize("row", list(_params()))
def test_statement_cases(nlp, row):
    doc = _run(nlp, row["text"])
    actors = {a["id"]: a for a in doc._.actors}
    by_quote = {s["quote"]: s for s in doc._.statements}
    for want in row["expected"]:
        got = by_quote.get(want["quote"])
        assert got is not None, f"missing {want['quote']!r}; got {sorted(by_quote)}"
        assert got["kind"] == want["kind"]
        _check_speaker(want, got, actors)
        for field in ("cue", "channel", "date"):
            if field in want:
                assert got[field] == want[field], f"{field}: {got[field]!r}"
    for quote in row.get("absent", []):
        assert quote not in by_quote
    if row.get("only"):
        assert sorted(by_quote) == sorted(w["quote"] for w in row["expected"])


def test_statements_are_valid_records_with_exact_offsets(extractor):
    """On every corpus article: records validate and each quote is the text at its offsets."""
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = _run(extractor.nlp, text)
        for row in doc._.statements:
            statement = Statement(**row)
            assert text[statement.start:statement.end] == statement.quote
            assert statement.quote == statement.quote.strip()


PIECES = ["« ", " »", "“", "”", '"', "— ", "\n", ", ", " : ", ". ", "? ", "a déclaré ", "a-t-il dit", "selon ",
          "qui ", "Jean Dupont ", "la ministre ", "estime que ", "Nous partons", " de « ", "horreur", "Selon lui, "]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), max_size=25))
def test_any_text_gives_records_at_their_offsets(nlp, pieces):
    """Whatever marks and cues a text mixes, the stage never fails and every quote is the text at its offsets."""
    text = "".join(pieces)
    doc = _run(nlp, text)
    assert not doc._.errors
    for row in doc._.statements:
        assert text[row["start"]:row["end"]] == row["quote"]
        Statement(**row)
