"""The extract_money component: spans aligned to tokens, exact offsets kept in ``span._.money``."""

from __future__ import annotations


def _doc(nlp, text: str, locale: str | None = None):
    doc = nlp.make_doc(text)
    doc._.locale = locale
    return nlp.get_pipe("extract_money")(doc)


def test_spans_and_plain_data(nlp) -> None:
    text = "Dell a signé un contrat de 18,8 millions de dollars, puis ImmigrationOS30 M$ (2025)."
    doc = _doc(nlp, text)
    spans = doc.spans["money"]
    assert [s._.money["value"] for s in spans] == [18.8e6, 3e7]
    first, second = (s._.money for s in spans)
    assert first["currency"] == "USD" and first["text"] == "18,8 millions de dollars"
    assert text[second["start"]: second["end"]] == "30 M$"
    # the glued token is widened to whole tokens, the exact offsets stay in the dict
    assert spans[1].start_char <= second["start"] and spans[1].end_char >= second["end"]
    assert all(isinstance(v, (str, float, int, list, type(None))) for v in first.values())


def test_locale_comes_from_the_doc(nlp) -> None:
    quebec, france = _doc(nlp, "Un contrat de 30 M$.", "fr-CA"), _doc(nlp, "Un contrat de 30 M$.", "fr-FR")
    assert quebec.spans["money"][0]._.money["currency"] == "CAD"
    assert france.spans["money"][0]._.money["currency"] == "USD"


def test_no_money_gives_an_empty_group(nlp) -> None:
    doc = _doc(nlp, "Plus de 450 employés ont signé.")
    assert list(doc.spans["money"]) == []


def test_component_runs_first_in_the_pipeline(nlp) -> None:
    names = [n for n in nlp.pipe_names if n.startswith("extract_")]
    assert names[0] == "extract_money"
