"""The extract_dates component: spans aligned to tokens, exact offsets kept in ``span._.date``."""

from __future__ import annotations

import pickle

from tests.conftest import REFERENCE_DATE


def _doc(nlp, text: str, published: str | None = None):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp.get_pipe("extract_dates")(doc)


def test_spans_and_plain_data(nlp) -> None:
    text = "Le 24 janvier, il a signé dès 2022 un contrat de 30 M$ (2025) jusqu’à 2027 pour cinq ans."
    doc = _doc(nlp, text, REFERENCE_DATE)
    dates = [s._.date for s in doc.spans["dates"]]
    assert [(d["value"], d["kind"]) for d in dates] == [
        ("2026-01-24", "date"), ("2022", "date"), ("2025", "date"), ("2027", "end"), ("P5Y", "duration"),
    ]
    for span, d in zip(doc.spans["dates"], dates):
        assert text[d["start"]:d["end"]] == d["text"]
        assert span.start_char <= d["start"] and span.end_char >= d["end"]
    pickle.dumps(dates)  # plain data: survives multiprocessing and DocBin


def test_published_comes_from_the_doc(nlp) -> None:
    with_reference, without = _doc(nlp, "Il a parlé hier.", REFERENCE_DATE), _doc(nlp, "Il a parlé hier.")
    assert [s._.date["value"] for s in with_reference.spans["dates"]] == ["2026-01-26"]
    assert list(without.spans["dates"]) == []


def test_interval_keeps_begin_and_until(nlp) -> None:
    doc = _doc(nlp, "Grève du 3 au 7 mars 2024.")
    (span,) = doc.spans["dates"]
    assert span.text == "du 3 au 7 mars 2024"
    assert (span._.date["begin"], span._.date["until"]) == ("2024-03-03", "2024-03-08")


def test_a_bad_published_date_fails_only_this_document(nlp) -> None:
    doc = _doc(nlp, "Il a parlé hier.", "27/01/2026")
    assert doc._.errors and doc._.errors[0][0] == "extract_dates"


def test_runs_right_after_money(nlp) -> None:
    names = [n for n in nlp.pipe_names if n.startswith("extract_")]
    assert names.index("extract_dates") == names.index("extract_money") + 1
