"""Score predicted records against the gold set (``shared/spec/RECORDS.md`` §3).

Per document, actors are matched first (per kind, by name or alias, one-to-one, best
first); the actor matching then decides speakers and contract parties. Counts are summed
over gold documents (micro-average); a gold document without prediction counts as all
missed, a predicted document without gold is listed and ignored.

Decisions where §3 is silent (rules in :mod:`extract.scoring_match`, report in
:mod:`extract.scoring_report`):

- names equal once spaces are removed match (« Open AI » / « OpenAI »); a name is
  another's acronym when its letters (``ICE``, ``U.S.``, ``DoD``, at least 2) equal the
  initials of the other's significant words (lower-case function words of
  ``models/scoring/function_words.txt`` skipped) or of all its words;
- a duplicate predicted actor (« Open AI » beside « OpenAI ») is a false positive but still
  stands for the gold actor it resembles when speakers and contract parties are compared;
- optional gold records are set aside after the required ones are matched: a leftover
  prediction matching one is neither counted nor listed;
- per statement kind, predictions count under their own kind (precision) and gold
  statements under theirs (recall): a predicted ``partial`` matched to a gold ``direct``
  is a hit for both, and shows as ``direct→partial`` in the kind accuracy;
- speaker accuracy and the contract field accuracies are over matched pairs; the amount
  fields only over pairs whose gold states an amount; ``duration`` is scored too;
- empty sides score 1.0 (no gold: recall 1; no prediction: precision 1), so F1 is 0
  whenever one side is empty and the other is not.
"""

from __future__ import annotations

import json
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Callable, Iterable, Mapping, Union

from .gold import Problem, read_gold, read_predictions
from .records import Actor, Contract, DocumentRecords, Statement
from .scoring_match import (Matching, actor_score, contract_fields, contract_score, match, same_speaker,
                            statement_score)
from .scoring_report import ActorScores, Counts, ErrorItem, ScoreReport, StatementScores

__all__ = ["score", "score_records", "ScoreReport", "write_baseline", "read_baseline", "regressions"]

Source = Union[str, Path, Mapping[str, DocumentRecords], Iterable[DocumentRecords]]


def _as_records(source: Source, read: Callable[[Path], tuple[dict, list[Problem]]]) -> tuple[dict, list[Problem]]:
    if isinstance(source, (str, Path)):
        return read(Path(source))
    if isinstance(source, Mapping):
        return dict(source), []
    return {r.doc_id: r for r in source}, []


def score(gold_dir: Source, predictions: Source) -> ScoreReport:
    """Score predictions against gold.

    ``gold_dir`` is a folder of ``<doc_id>.json`` files (or records by doc_id);
    ``predictions`` a JSONL file as ``extract run`` writes it, a dict of records by doc_id,
    or an iterable of records. Unreadable prediction lines and gold files are reported in
    the result, never raised.
    """
    gold, gold_problems = _as_records(gold_dir, read_gold)
    preds, pred_problems = _as_records(predictions, read_predictions)
    report = score_records(gold, preds)
    report.gold_problems = [str(p) for p in gold_problems]
    report.prediction_problems = [str(p) for p in pred_problems]
    report.malformed_predictions = len({p.file for p in pred_problems})
    return report


def score_records(gold: Mapping[str, DocumentRecords], preds: Mapping[str, DocumentRecords]) -> ScoreReport:
    """Score records already in memory, both keyed by doc_id."""
    report = ScoreReport(documents=sorted(gold), ignored_predictions=sorted(set(preds) - set(gold)))
    for doc_id in report.documents:
        if doc_id not in preds:
            report.missing_predictions.append(doc_id)
        _score_document(report, gold[doc_id], preds.get(doc_id) or DocumentRecords(doc_id=doc_id))
    return report


def _score_document(report: ScoreReport, gold: DocumentRecords, pred: DocumentRecords) -> None:
    actors = match(pred.actors, gold.actors, actor_score)
    actor_map = {pred.actors[p].id: gold.actors[g].id for p, g in actors.aliases.items()}
    _score_actors(report.actors, actors, pred.actors, gold.actors)
    statements = match(pred.statements, gold.statements, statement_score)
    _score_statements(report.statements, statements, pred.statements, gold.statements, actor_map)
    contracts = match(pred.contracts, gold.contracts, lambda p, g: contract_score(p, g, actor_map))
    _tally(contracts, pred.contracts, gold.contracts, lambda r: report.contracts.overall)
    for p, g in contracts.pairs:
        for name, ok in contract_fields(pred.contracts[p], gold.contracts[g], actor_map).items():
            report.contracts.fields[name].add(ok)
    report.errors += _errors(gold.doc_id, "actor", actors, pred.actors, gold.actors, _actor_text, _actor_text)
    report.errors += _errors(gold.doc_id, "statement", statements, pred.statements, gold.statements,
                             _statement_text, _statement_text)
    report.errors += _speaker_errors(gold.doc_id, statements, pred, gold, actor_map)
    report.errors += _errors(gold.doc_id, "contract", contracts, pred.contracts, gold.contracts,
                             _contract_text(pred), _contract_text(gold))


def _tally(m: Matching, preds: list, golds: list, target: Callable[[object], Counts],
           ok: Callable[[object, object], bool] = lambda p, g: True) -> None:
    """Add one document's matching to the counts ``target`` picks for each record."""
    ignored = set(m.ignored)
    for g in golds:
        if not g.optional:
            target(g).gold += 1
    for i, p in enumerate(preds):
        if i not in ignored:
            target(p).predicted += 1
    for p, g in m.pairs:
        if ok(preds[p], golds[g]):
            target(golds[g]).tp_gold += 1
            target(preds[p]).tp_pred += 1
    for p in m.duplicates:
        target(preds[p]).duplicates += 1


def _score_actors(scores: ActorScores, m: Matching, preds: list[Actor], golds: list[Actor]) -> None:
    _tally(m, preds, golds, lambda r: scores.overall)
    _tally(m, preds, golds, lambda r: scores.per_kind[r.kind])


def _score_statements(scores: StatementScores, m: Matching, preds: list[Statement], golds: list[Statement],
                      actor_map: dict[str, str]) -> None:
    right = lambda p, g: same_speaker(p, g, actor_map)  # noqa: E731
    _tally(m, preds, golds, lambda r: scores.detection)
    _tally(m, preds, golds, lambda r: scores.per_kind[r.kind].detection)
    _tally(m, preds, golds, lambda r: scores.end_to_end, right)
    _tally(m, preds, golds, lambda r: scores.per_kind[r.kind].end_to_end, right)
    for p, g in m.pairs:
        ps, gs = preds[p], golds[g]
        scores.speaker.add(right(ps, gs))
        scores.per_kind[gs.kind].speaker.add(right(ps, gs))
        scores.kind.add(ps.kind == gs.kind)
        if ps.kind != gs.kind:
            key = f"{gs.kind}→{ps.kind}"
            scores.kind_confusion[key] = scores.kind_confusion.get(key, 0) + 1


# --- the listing of errors ------------------------------------------------------------------

def _actor_text(a: Actor) -> str:
    return f"{a.name} ({a.kind})" + (f" [{', '.join(a.aliases)}]" if a.aliases else "")


def _statement_text(s: Statement) -> str:
    return f"« {s.quote} » — {s.speaker_mention} [{s.kind}, {s.start}:{s.end}]"


def _actor_name(doc: DocumentRecords, actor_id: str) -> str:
    return next((a.name for a in doc.actors if a.id == actor_id), actor_id)


def _contract_text(doc: DocumentRecords) -> Callable[[Contract], str]:
    def text(c: Contract) -> str:
        amount = f"{c.amount.value:g} {c.amount.currency} ({c.amount.text})" if c.amount else "no amount"
        client = f" ← {_actor_name(doc, c.client)}" if c.client else ""
        return f"{_actor_name(doc, c.contractor)}{client}: {amount} [{c.start}:{c.end}]"
    return text


def _errors(doc_id: str, record: str, m: Matching, preds: list, golds: list,
            pred_text: Callable, gold_text: Callable) -> list[ErrorItem]:
    duplicates = set(m.duplicates)
    out = [ErrorItem(doc_id=doc_id, record=record, error="fn", text=gold_text(golds[g])) for g in m.missed]
    for p in m.false:
        if p in duplicates:
            out.append(ErrorItem(doc_id=doc_id, record=record, error="duplicate", text=pred_text(preds[p]),
                                 detail=f"duplicate of {gold_text(golds[m.aliases[p]])}"))
        else:
            out.append(ErrorItem(doc_id=doc_id, record=record, error="fp", text=pred_text(preds[p])))
    return out


def _speaker_errors(doc_id: str, m: Matching, pred: DocumentRecords, gold: DocumentRecords,
                    actor_map: dict[str, str]) -> list[ErrorItem]:
    out = []
    for p, g in m.pairs:
        ps, gs = pred.statements[p], gold.statements[g]
        if not same_speaker(ps, gs, actor_map):
            said = _actor_name(pred, ps.speaker) if ps.speaker else f"null, « {ps.speaker_mention} »"
            expected = _actor_name(gold, gs.speaker) if gs.speaker else f"null, « {gs.speaker_mention} »"
            out.append(ErrorItem(doc_id=doc_id, record="statement", error="speaker", text=_statement_text(gs),
                                 detail=f"predicted speaker {said}; gold {expected}"))
    return out


# --- baseline -------------------------------------------------------------------------------

def _floor3(value: float) -> float:
    return float(Decimal(repr(value)).quantize(Decimal("0.001"), rounding=ROUND_FLOOR))


def write_baseline(report: ScoreReport, path: Path) -> dict:
    """Write the headline figures, floored to 3 decimals, as the regression baseline; return what was written."""
    baseline = {
        "figures": {name: _floor3(value) for name, value in report.headline().items()},
        "documents": report.documents,
        "written_by": "extract score --gold GOLD --pred PRED --write-baseline",
    }
    path.write_text(json.dumps(baseline, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return baseline


def read_baseline(path: Path) -> dict[str, float]:
    """The figures of a baseline file."""
    return json.loads(path.read_text(encoding="utf-8"))["figures"]


def regressions(report: ScoreReport, baseline: Mapping[str, float], epsilon: float = 1e-6) -> list[str]:
    """Every baseline figure the report falls below (a figure the report no longer has counts as 0)."""
    current = report.headline()
    return [f"{name}: {current.get(name, 0.0):.3f} < baseline {value:.3f}"
            for name, value in sorted(baseline.items()) if current.get(name, 0.0) < value - epsilon]
