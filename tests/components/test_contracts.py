"""Contract stage over the whole pipeline: the case table ``tests/cases/contracts.jsonl``."""

from __future__ import annotations

import unicodedata
from typing import Optional

import pytest

from tests.conftest import REFERENCE_DATE, case_id, load_cases

CASES = load_cases("contracts")


def fold(text: Optional[str]) -> Optional[str]:
    """Casefolded, accents stripped, typographic apostrophes made plain."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


def names_of(records) -> dict[str, set[str]]:
    """Actor id → every folded surface name (name and aliases)."""
    return {a.id: {fold(a.name), *(fold(x) for x in a.aliases)} for a in records.actors}


def agrees(contract, expected: dict, names: dict[str, set[str]]) -> list[str]:
    """The fields of ``expected`` that the predicted contract gets wrong."""
    wrong = []
    for role in ("contractor", "client"):
        if role in expected:
            got = getattr(contract, role)
            want = fold(expected[role])
            if (want is None and got is not None) or (want is not None and want not in names.get(got, set())):
                wrong.append(role)
    if "amount" in expected:
        got, want = contract.amount, expected["amount"]
        same = (got is None and want is None) or (got is not None and want is not None and (
            abs(got.value - want[0]) <= 0.005 * want[0] and got.currency == want[1] and got.qualifier == want[2]))
        if not same:
            wrong.append("amount")
    wrong += [k for k in ("date", "end_date", "duration") if k in expected and getattr(contract, k) != expected[k]]
    if "object" in expected and word_f1(contract.object, expected["object"]) < 0.5:
        wrong.append("object")
    return wrong


def word_f1(got: Optional[str], want: Optional[str]) -> float:
    """Bag-of-words F1 of two phrases (1.0 when both are empty), as the scorer compares objects."""
    a, b = (fold(x or "").replace("'", " ").split() for x in (got, want))
    if not a and not b:
        return 1.0
    common = sum(min(a.count(w), b.count(w)) for w in set(a))
    return 2 * common / (len(a) + len(b))


def params():
    for row in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=row["xfail"])] if row.get("xfail") else []
        yield pytest.param(row, id=case_id(row), marks=marks)


@pytest.mark.parametrize("row", list(params()))
def test_contract_cases(extractor, row):
    records = extractor.extract(row["text"], doc_id="case", published=row.get("published", REFERENCE_DATE),
                                locale=row.get("locale", "fr-FR"))
    names = names_of(records)
    predicted = list(records.contracts)
    assert len(predicted) == len(row["expected"]), [
        (c.contractor, c.client, c.amount and c.amount.value) for c in predicted]
    for expected in row["expected"]:
        problems = {i: agrees(c, expected, names) for i, c in enumerate(predicted)}
        best = min(problems.values(), key=len)
        assert not best, f"{expected} → wrong {best}"


def test_evidence_is_a_sentence_of_the_text(extractor):
    text = "Le marché a été attribué. Thales a signé avec la DGA un contrat de 5 millions d'euros. Fin."
    records = extractor.extract(text, doc_id="case", published=REFERENCE_DATE, locale="fr-FR")
    assert [text[c.start:c.end] for c in records.contracts] == [
        "Thales a signé avec la DGA un contrat de 5 millions d'euros."]


def test_a_failing_document_does_not_stop_the_stage(nlp):
    from extract.components.contracts import ContractExtractor

    doc = nlp.make_doc("Thales a signé un contrat.")
    doc._.errors = []
    doc._.actors, doc._.actor_mentions = [], [(0, 6)]  # malformed input from an earlier stage
    stage = ContractExtractor(nlp, "extract_contracts")
    stage(doc)  # records the error instead of raising
    assert doc._.errors and doc._.errors[0][0] == "extract_contracts"
