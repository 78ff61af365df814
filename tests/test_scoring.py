"""The scorer (RECORDS.md §3) on hand-built gold and predictions, and the ``extract score`` command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from extract import score
from extract.cli import app
from extract.records import DocumentRecords, Statement
from extract.scoring import ScoreReport, read_baseline, regressions, write_baseline
from extract.scoring_match import name_score, statement_score, threshold

from .conftest import ROOT, case_id, load_cases

TEXT = (
    "« Nous ne vendrons rien à l'ICE », a déclaré Sam Altman, patron d'OpenAI, sur X. "
    "Selon Altman, la société ne travaille pas avec le Department of Homeland Security. "
    "Un ancien cadre juge la situation « profondément inquiétante ». "
    "Palantir a obtenu un contrat de 30 millions de dollars du DHS en avril 2025. "
    "Les signataires réclament « la fin des contrats » avec l'ICE."
)


def _stmt(quote: str, speaker, mention: str, kind: str, **extra) -> dict:
    start = TEXT.index(quote)
    return {"speaker": speaker, "speaker_mention": mention, "quote": quote, "kind": kind,
            "start": start, "end": start + len(quote), **extra}


def _money(value: float, currency: str = "USD") -> dict:
    return {"value": value, "currency": currency, "text": "30 millions de dollars"}


def _contract(contractor: str = "palantir", client="dhs", amount=None, **extra) -> dict:
    start = TEXT.index("Palantir a obtenu")
    return {"contractor": contractor, "client": client, "amount": amount or _money(30e6), "date": "2025-04",
            "start": start, "end": TEXT.index("2025.") + 4, **extra}


ACTORS = [
    {"id": "sam-altman", "name": "Sam Altman", "kind": "person", "aliases": ["Altman"],
     "roles": [{"title": "patron", "org": "openai"}]},
    {"id": "openai", "name": "OpenAI", "kind": "organization", "org_type": "company"},
    {"id": "ice", "name": "Immigration and Customs Enforcement", "kind": "organization", "aliases": ["ICE"]},
    {"id": "dhs", "name": "Department of Homeland Security", "kind": "organization", "aliases": ["DHS"]},
    {"id": "palantir", "name": "Palantir", "kind": "organization", "org_type": "company"},
]
STATEMENTS = [
    _stmt("Nous ne vendrons rien à l'ICE", "sam-altman", "Sam Altman", "direct"),
    _stmt("la société ne travaille pas avec le Department of Homeland Security", "sam-altman", "Altman", "indirect"),
    _stmt("profondément inquiétante", None, "Un ancien cadre", "partial"),
    _stmt("la fin des contrats", None, "Les signataires", "partial"),
]


def _doc(actors=None, statements=None, contracts=None, doc_id: str = "doc") -> DocumentRecords:
    return DocumentRecords.model_validate({
        "doc_id": doc_id,
        "actors": ACTORS if actors is None else actors,
        "statements": STATEMENTS if statements is None else statements,
        "contracts": [_contract()] if contracts is None else contracts,
    })


def _score(gold: DocumentRecords, pred: DocumentRecords) -> ScoreReport:
    return score({gold.doc_id: gold}, [pred])


# --- matching rules as tables ----------------------------------------------------------------

def _row_param(row: dict):
    marks = [pytest.mark.xfail(strict=True, reason=row["xfail"])] if "xfail" in row else []
    return pytest.param(row, id=case_id(row), marks=marks)


@pytest.mark.parametrize("row", [_row_param(r) for r in load_cases("scoring_names")])
def test_name_matching(row: dict) -> None:
    assert (name_score(row["a"], row["b"]) >= threshold("actor_name_ratio")) is row["match"]


def _quote(text: str, quote: str, nth: int = 0) -> Statement:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return Statement(speaker_mention="x", quote=quote, kind="direct", start=start, end=start + len(quote))


@pytest.mark.parametrize("row", load_cases("scoring_quotes"), ids=case_id)
def test_quote_matching(row: dict) -> None:
    gold = _quote(row["text"], row["gold"], row.get("gold_nth", 0))
    pred = _quote(row["text"], row["pred"], row.get("pred_nth", 0))
    assert (statement_score(pred, gold) is not None) is row["match"]


# --- whole reports -----------------------------------------------------------------------------

def test_perfect_predictions_score_one_everywhere() -> None:
    report = _score(_doc(), _doc())
    assert report.headline() == {name: 1.0 for name in report.headline()}
    assert len(report.headline()) == 5
    assert report.min_f1() == 1.0
    assert all(a.value == 1.0 for name, a in report.contracts.fields.items())
    assert report.statements.kind.value == 1.0
    assert report.errors == []


def test_one_missing_statement_lowers_recall_by_one_over_n() -> None:
    report = _score(_doc(), _doc(statements=STATEMENTS[1:]))
    detection = report.statements.detection
    assert detection.recall == pytest.approx(1 - 1 / len(STATEMENTS))
    assert detection.precision == 1.0
    assert report.statements.per_kind["direct"].detection.recall == 0.0
    assert report.statements.per_kind["partial"].detection.recall == 1.0
    assert [(e.record, e.error) for e in report.errors] == [("statement", "fn")]
    assert "Nous ne vendrons rien" in report.errors[0].text


def test_wrong_speaker_lowers_speaker_accuracy_and_end_to_end_not_detection() -> None:
    wrong = [_stmt("Nous ne vendrons rien à l'ICE", "openai", "OpenAI", "direct"), *STATEMENTS[1:]]
    report = _score(_doc(), _doc(statements=wrong))
    assert report.statements.detection.f1 == 1.0
    assert report.statements.speaker.value == pytest.approx(3 / 4)
    assert report.statements.end_to_end.recall == pytest.approx(3 / 4)
    assert report.statements.end_to_end.precision == pytest.approx(3 / 4)
    assert [e.error for e in report.errors] == ["speaker"]


def test_null_speakers_compare_their_mentions() -> None:
    close = [*STATEMENTS[:2], _stmt("profondément inquiétante", None, "un ancien cadre des services", "partial"),
             _stmt("la fin des contrats", None, "Un ancien cadre", "partial")]
    report = _score(_doc(), _doc(statements=close))
    assert report.statements.speaker.correct == 3
    assert report.statements.per_kind["partial"].speaker.value == 0.5


def test_speaker_through_actor_matching_with_other_ids() -> None:
    renamed = [{**a, "id": f"p-{a['id']}"} for a in ACTORS]
    for actor in renamed:
        actor["roles"] = [{**r, "org": f"p-{r['org']}"} for r in actor.get("roles", [])]
    statements = [{**s, "speaker": s["speaker"] and f"p-{s['speaker']}"} for s in STATEMENTS]
    pred = _doc(renamed, statements, [_contract("p-palantir", "p-dhs")])
    assert _score(_doc(), pred).min_f1() == 1.0


def test_spelling_variant_is_a_duplicate() -> None:
    pred = _doc(actors=[*ACTORS, {"id": "open-ai", "name": "Open AI", "kind": "organization"}])
    report = _score(_doc(), pred)
    actors = report.actors.overall
    assert (actors.predicted, actors.tp_pred, actors.duplicates) == (6, 5, 1)
    assert actors.precision == pytest.approx(5 / 6)
    assert actors.recall == 1.0
    duplicate = [e for e in report.errors if e.error == "duplicate"]
    assert len(duplicate) == 1 and duplicate[0].text.startswith("Open AI") and "OpenAI" in duplicate[0].detail


def test_actor_matching_needs_the_same_kind() -> None:
    pred = _doc(actors=[*ACTORS[:4], {"id": "palantir", "name": "Palantir", "kind": "person"}])
    report = _score(_doc(), pred)
    assert report.actors.per_kind["organization"].recall == pytest.approx(3 / 4)
    assert report.actors.per_kind["person"].precision == 0.5
    assert report.contracts.overall.f1 == 0.0  # the contractor no longer matches


def test_acronym_matches_the_full_name() -> None:
    gold = _doc(actors=[*ACTORS[:3], {"id": "dhs", "name": "Department of Homeland Security", "kind": "organization"},
                        ACTORS[4]])
    pred = _doc(actors=[*ACTORS[:3], {"id": "d-h-s", "name": "DHS", "kind": "organization"}, ACTORS[4]],
                contracts=[_contract(client="d-h-s")])
    report = _score(gold, pred)
    assert report.actors.overall.f1 == 1.0
    assert report.contracts.fields["client"].value == 1.0


def test_optional_gold_records_neither_reward_nor_penalise() -> None:
    extra_actor = {"id": "maison-blanche", "name": "Maison Blanche", "kind": "organization"}
    extra_stmt = _stmt("Palantir a obtenu un contrat", None, "le texte", "indirect")
    extra_contract = _contract("openai", None, _money(1e6), date=None)
    gold = _doc(actors=[*ACTORS, {**extra_actor, "optional": True}],
                statements=[*STATEMENTS, {**extra_stmt, "optional": True}],
                contracts=[_contract(), {**extra_contract, "optional": True}])
    with_them = _doc([*ACTORS, extra_actor], [*STATEMENTS, extra_stmt], [_contract(), extra_contract])
    for pred in (_doc(), with_them):
        report = _score(gold, pred)
        assert report.min_f1() == 1.0
        assert (report.actors.overall.gold, report.actors.overall.predicted) == (5, 5)
        assert (report.statements.detection.gold, report.contracts.overall.gold) == (4, 1)
        assert report.errors == []


def test_optional_gold_does_not_take_a_required_match() -> None:
    optional = {**STATEMENTS[0], "quote": STATEMENTS[0]["quote"][:-1], "end": STATEMENTS[0]["end"] - 1, "optional": True}
    report = _score(_doc(statements=[optional, *STATEMENTS]), _doc())
    assert report.statements.detection.f1 == 1.0


def test_contract_amount_tolerance() -> None:
    def contract_f1(value: float, currency: str = "USD") -> float:
        return _score(_doc(), _doc(contracts=[_contract(amount=_money(value, currency))])).contracts.overall.f1

    assert contract_f1(30e6 * 1.004) == 1.0
    assert contract_f1(30e6 * 0.996) == 1.0
    assert contract_f1(30e6 * 1.006) == 0.0
    assert contract_f1(30e6, "CAD") == 0.0
    assert _score(_doc(), _doc(contracts=[_contract(amount=None) | {"amount": None}])).contracts.overall.f1 == 0.0


def test_contract_field_accuracy_and_ties() -> None:
    wrong_date = _contract(date="2025-05")
    report = _score(_doc(), _doc(contracts=[wrong_date, _contract()]))
    assert report.contracts.overall.tp_pred == 1 and report.contracts.overall.duplicates == 1
    assert report.contracts.fields["date"].value == 1.0  # the tie went to the pair that agrees on more fields
    report = _score(_doc(), _doc(contracts=[_contract(client=None, object="logiciel")]))
    assert report.contracts.fields["client"].value == 0.0
    assert report.contracts.fields["object"].value == 0.0
    assert report.contracts.fields["amount.qualifier"].value == 1.0


def test_documents_without_prediction_and_without_gold() -> None:
    report = score({"doc": _doc(), "other": _doc(doc_id="other")}, [_doc(), _doc(doc_id="extra")])
    assert report.missing_predictions == ["other"]
    assert report.ignored_predictions == ["extra"]
    assert report.actors.overall.recall == 0.5
    assert report.statements.detection.gold == 2 * len(STATEMENTS)


def test_malformed_prediction_lines_are_counted_not_fatal(tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    bad_record = {"doc_id": "doc", "actors": [{"id": "x", "name": "X", "kind": "robot"}]}
    pred.write_text("{not json\n" + json.dumps(bad_record) + "\n" + _doc().to_json_line() + "\n", encoding="utf-8")
    report = score({"doc": _doc()}, pred)
    assert report.malformed_predictions == 2
    assert any("pred.jsonl:1" in p for p in report.prediction_problems)
    assert any("pred.jsonl:2" in p for p in report.prediction_problems)
    assert report.min_f1() == 1.0
    assert "malformed" in report.to_table()


def test_report_round_trips_and_reads() -> None:
    report = _score(_doc(), _doc(statements=STATEMENTS[1:], actors=[a for a in ACTORS if a["id"] != "ice"]))
    again = ScoreReport.model_validate_json(report.model_dump_json())
    assert again == report and again.min_f1() == report.min_f1()
    table = report.to_table()
    assert "Nous ne vendrons rien" in table and "Immigration and Customs Enforcement" in table
    assert "Nous ne vendrons rien" not in report.to_table(errors=False)


def test_baseline_floors_and_detects_regressions(tmp_path: Path) -> None:
    report = _score(_doc(), _doc(statements=STATEMENTS[:3]))  # recall 3/4: F1 6/7 = 0.857142…
    written = write_baseline(report, tmp_path / "baseline.json")
    assert written["figures"]["statements.detection.f1"] == 0.857
    assert read_baseline(tmp_path / "baseline.json") == written["figures"]
    assert regressions(report, written["figures"]) == []
    worse = _score(_doc(), _doc(statements=STATEMENTS[:2]))
    assert [r.split(":")[0] for r in regressions(worse, written["figures"])] == [
        "statements.detection.f1", "statements.end_to_end.f1"]


def test_scorer_does_not_import_spacy() -> None:
    code = (
        "import sys, extract\n"
        "from extract.scoring import score\n"
        "from extract.records import DocumentRecords\n"
        "d = DocumentRecords(doc_id='d')\n"
        "assert score({'d': d}, [d]).min_f1() == 1.0\n"
        "assert 'spacy' not in sys.modules, 'spaCy was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_gold_scored_against_itself_is_perfect() -> None:
    gold_dir = ROOT / "gold"
    report = score(gold_dir, [])
    if not report.documents:
        pytest.skip("gold/ has no gold file yet")
    from extract.gold import read_gold

    gold, problems = read_gold(gold_dir)
    assert problems == []
    report = score(gold_dir, gold.values())
    assert report.min_f1() == 1.0
    assert report.errors == []


# --- the command -----------------------------------------------------------------------------

def test_score_command(tmp_path: Path) -> None:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "doc.json").write_text(_doc().model_dump_json(), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(_doc(statements=STATEMENTS[:3]).to_json_line() + "\n", encoding="utf-8")
    runner = CliRunner()
    args = ["score", "--gold", str(gold_dir), "--pred", str(pred)]
    result = runner.invoke(app, [*args, "--json", "--write-baseline"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["statements"]["detection"]["gold"] == 4
    assert read_baseline(gold_dir / "baseline.json")["statements.detection.f1"] == 0.857
    assert runner.invoke(app, [*args, "--fail-under-f1", "0.9"]).exit_code == 1
    result = runner.invoke(app, [*args, "--fail-under-f1", "0.8", "--no-errors"])
    assert result.exit_code == 0 and "la fin des contrats" not in result.stdout
    assert "Example: extract score" in runner.invoke(app, ["score", "--help"]).stdout


@given(st.lists(st.sampled_from(range(len(STATEMENTS))), unique=True), st.randoms(use_true_random=False))
@settings(max_examples=40, deadline=None)
def test_any_subset_of_gold_statements_in_any_order(kept: list[int], rnd) -> None:
    preds = [STATEMENTS[i] for i in kept]
    rnd.shuffle(preds)
    report = _score(_doc(), _doc(statements=preds))
    assert report.statements.detection.recall == pytest.approx(len(kept) / len(STATEMENTS))
    assert report.statements.detection.precision == 1.0
    assert report.statements.speaker.value in (None, 1.0)
    assert len([e for e in report.errors if e.error == "fn"]) == len(STATEMENTS) - len(kept)
