"""Regression gate: the pipeline over corpus/, scored against gold/, must not fall below gold/baseline.json."""

from __future__ import annotations

import pytest

from extract.documents import Document, iter_documents
from extract.gold import gold_files
from extract.scoring import read_baseline, regressions, score

from .conftest import ROOT

GOLD = ROOT / "gold"
CORPUS = ROOT / "corpus"
BASELINE = GOLD / "baseline.json"
HOW_TO = ("create it with: extract run corpus/ --out out/records.jsonl && "
          "extract score --gold gold/ --pred out/records.jsonl --write-baseline")

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def corpus_report(extractor):
    """The score of the pipeline on every corpus document that has a gold file."""
    gold_ids = {path.stem for path in gold_files(GOLD)}
    warnings: list[str] = []
    items = [item for item in iter_documents([str(CORPUS)], warnings.append) if item.doc_id in gold_ids]
    unreadable = [item for item in items if not isinstance(item, Document)]
    assert not unreadable, f"gold documents that cannot be read: {unreadable}"
    outcomes = list(extractor.process(items))
    failed = [f"{o.doc_id}: {o.error}" for o in outcomes if o.error]
    assert not failed, "extraction failed: " + "; ".join(failed)
    return score(GOLD, [o.records for o in outcomes])


def test_every_gold_document_is_scored(corpus_report) -> None:
    assert corpus_report.gold_problems == []
    assert corpus_report.missing_predictions == []
    assert corpus_report.documents == sorted(path.stem for path in gold_files(GOLD))


def test_no_figure_below_the_baseline(request: pytest.FixtureRequest) -> None:
    if not BASELINE.exists():
        pytest.fail(f"{BASELINE.relative_to(ROOT)} does not exist; {HOW_TO}")
    baseline = read_baseline(BASELINE)
    assert baseline, f"{BASELINE.relative_to(ROOT)} holds no figure; {HOW_TO}"
    corpus_report = request.getfixturevalue("corpus_report")
    found = regressions(corpus_report, baseline)
    assert not found, ("below gold/baseline.json:\n  " + "\n  ".join(found)
                       + "\n(if gold/ changed on purpose, rewrite the baseline; " + HOW_TO + ")\n\n"
                       + corpus_report.to_table())
