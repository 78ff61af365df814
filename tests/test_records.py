"""The record validators, on the good and bad records of tests/cases/records.jsonl."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from extract import records
from extract.records import DocumentRecords

from .conftest import case_id, load_cases

CASES = load_cases("records")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_validators(case: dict) -> None:
    model = getattr(records, case["model"])
    if case["valid"]:
        model.model_validate(case["data"])
    else:
        with pytest.raises(ValidationError):
            model.model_validate(case["data"])


TEXT = "« Ce qui arrive avec l’ICE va trop loin. » Sam Altman."


def _doc(start: int, end: int, quote: str, contract_end: int = 10) -> DocumentRecords:
    return DocumentRecords.model_validate({
        "doc_id": "d",
        "actors": [{"id": "sam-altman", "name": "Sam Altman", "kind": "person", "mentions": [[43, 53]]}],
        "statements": [{"speaker": "sam-altman", "speaker_mention": "Sam Altman", "quote": quote,
                        "kind": "direct", "start": start, "end": end}],
        "contracts": [{"contractor": "sam-altman", "start": 0, "end": contract_end}],
    })


def test_offsets_match_the_text() -> None:
    assert _doc(2, 40, "Ce qui arrive avec l’ICE va trop loin.").problems(TEXT) == []


@pytest.mark.parametrize("start,end,quote,contract_end,expected", [
    (2, 40, "Ce qui arrive avec l’ICE va trop loin", 10, "not the quote"),
    (2, 400, "Ce qui arrive", 10, "beyond the text"),
    (2, 40, "Ce qui arrive avec l’ICE va trop loin.", 999, "evidence end 999 beyond"),
])
def test_offset_problems(start: int, end: int, quote: str, contract_end: int, expected: str) -> None:
    problems = _doc(start, end, quote, contract_end).problems(TEXT)
    assert len(problems) == 1 and expected in problems[0]


def test_optional_flag_is_left_out_of_output_unless_set() -> None:
    doc = _doc(2, 40, "Ce qui arrive avec l’ICE va trop loin.")
    line = json.loads(doc.to_json_line())
    assert "optional" not in line["statements"][0]
    assert line["statements"][0]["cue"] is None  # spec fields stay, as null
    flagged = DocumentRecords.model_validate({**line, "contracts": [{**line["contracts"][0], "optional": True}]})
    assert json.loads(flagged.to_json_line())["contracts"][0]["optional"] is True


def test_json_schema_names_every_record() -> None:
    schema = DocumentRecords.model_json_schema()
    assert {"Actor", "Statement", "Contract", "Money", "Role"} <= set(schema["$defs"])
