"""The scorer's report: counts, accuracies, listed errors, the headline figures and a text table."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, Field, computed_field

ACTOR_KINDS = ("person", "organization")
STATEMENT_KINDS = ("direct", "partial", "indirect")
CONTRACT_FIELDS = ("client", "amount.value", "amount.currency", "amount.qualifier", "date", "end_date", "duration", "object")


class Counts(BaseModel):
    """Detection counts. Precision is over predictions, recall over gold records.

    For a whole record type both sides count the same matched pairs; per kind, predictions
    are counted under their own kind and gold records under theirs, so a predicted
    ``partial`` matched to a gold ``direct`` is a hit for ``partial`` precision and for
    ``direct`` recall (the mismatch shows in ``StatementScores.kind``).
    """

    gold: int = 0
    predicted: int = 0
    tp_gold: int = Field(0, description="gold records matched")
    tp_pred: int = Field(0, description="predictions matched")
    duplicates: int = Field(0, description="predictions matching an already matched gold record (false positives)")

    @computed_field
    @property
    def precision(self) -> float:
        """Matched predictions / predictions (1.0 when nothing is predicted)."""
        return self.tp_pred / self.predicted if self.predicted else 1.0

    @computed_field
    @property
    def recall(self) -> float:
        """Matched gold records / gold records (1.0 when there is no gold record)."""
        return self.tp_gold / self.gold if self.gold else 1.0

    @computed_field
    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class Accuracy(BaseModel):
    """Correct / total on matched pairs; ``value`` is None when there is no pair."""

    correct: int = 0
    total: int = 0

    @computed_field
    @property
    def value(self) -> Optional[float]:
        """The share of correct pairs."""
        return self.correct / self.total if self.total else None

    def add(self, ok: bool) -> None:
        """Count one pair."""
        self.total += 1
        self.correct += int(ok)


class ActorScores(BaseModel):
    """Actor detection, overall and per kind."""

    overall: Counts = Field(default_factory=Counts)
    per_kind: dict[str, Counts] = Field(default_factory=lambda: {k: Counts() for k in ACTOR_KINDS})


class StatementKindScores(BaseModel):
    """Statement figures of one kind."""

    detection: Counts = Field(default_factory=Counts)
    speaker: Accuracy = Field(default_factory=Accuracy)
    end_to_end: Counts = Field(default_factory=Counts)


class StatementScores(StatementKindScores):
    """Statement detection, speaker accuracy, end-to-end, kind agreement; also per kind."""

    kind: Accuracy = Field(default_factory=Accuracy)
    kind_confusion: dict[str, int] = Field(default_factory=dict, description="'gold→predicted' kind of mismatched pairs")
    per_kind: dict[str, StatementKindScores] = Field(default_factory=lambda: {k: StatementKindScores() for k in STATEMENT_KINDS})


class ContractScores(BaseModel):
    """Contract detection and field accuracy on matched pairs (amount fields: pairs whose gold states an amount)."""

    overall: Counts = Field(default_factory=Counts)
    fields: dict[str, Accuracy] = Field(default_factory=lambda: {f: Accuracy() for f in CONTRACT_FIELDS})


class ErrorItem(BaseModel):
    """One scoring error, readable without the files: document, record type, error and text."""

    doc_id: str
    record: Literal["actor", "statement", "contract"]
    error: Literal["fp", "fn", "duplicate", "speaker"]
    text: str
    detail: Optional[str] = None


class ScoreReport(BaseModel):
    """Everything ``extract score`` computes (RECORDS.md §3), micro-averaged over gold documents."""

    documents: list[str] = Field(default_factory=list, description="gold documents scored")
    missing_predictions: list[str] = Field(default_factory=list, description="gold documents with no prediction (all missed)")
    ignored_predictions: list[str] = Field(default_factory=list, description="predicted documents without gold")
    actors: ActorScores = Field(default_factory=ActorScores)
    statements: StatementScores = Field(default_factory=StatementScores)
    contracts: ContractScores = Field(default_factory=ContractScores)
    errors: list[ErrorItem] = Field(default_factory=list)
    malformed_predictions: int = Field(0, description="prediction lines that could not be read")
    prediction_problems: list[str] = Field(default_factory=list)
    gold_problems: list[str] = Field(default_factory=list)

    def headline(self) -> dict[str, float]:
        """The figures a regression gate watches (speaker accuracy left out when no pair was matched)."""
        figures = {
            "actors.f1": self.actors.overall.f1,
            "statements.detection.f1": self.statements.detection.f1,
            "statements.speaker_accuracy": self.statements.speaker.value,
            "statements.end_to_end.f1": self.statements.end_to_end.f1,
            "contracts.f1": self.contracts.overall.f1,
        }
        return {k: v for k, v in figures.items() if v is not None}

    def min_f1(self) -> float:
        """The lowest headline F1: actors, statement detection, statement end-to-end, contracts."""
        return min(self.actors.overall.f1, self.statements.detection.f1,
                   self.statements.end_to_end.f1, self.contracts.overall.f1)

    def to_table(self, errors: bool = True) -> str:
        """A plain-text report for people; ``errors`` lists every false positive and negative."""
        lines = [_summary(self), "", _detection_table(self), "", *_accuracies(self)]
        if errors:
            lines += ["", f"errors ({len(self.errors)}):", *(_error_line(e) for e in self.errors)]
        if self.gold_problems or self.prediction_problems:
            lines += ["", "problems:", *(f"  {p}" for p in self.gold_problems + self.prediction_problems)]
        return "\n".join(lines)


def _summary(report: ScoreReport) -> str:
    missing = f" ({', '.join(report.missing_predictions)} without prediction)" if report.missing_predictions else ""
    return (f"{len(report.documents)} gold documents{missing}; {len(report.ignored_predictions)} predicted "
            f"documents without gold ignored; {report.malformed_predictions} malformed prediction lines")


def _row(label: str, c: Counts) -> list[str]:
    fp, fn = c.predicted - c.tp_pred, c.gold - c.tp_gold
    return [label, str(c.gold), str(c.predicted), str(fp), str(fn), str(c.duplicates),
            f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}"]


def _detection_table(report: ScoreReport) -> str:
    st = report.statements
    rows = [["", "gold", "pred", "fp", "fn", "dup", "prec", "recall", "f1"],
            _row("actors", report.actors.overall),
            *(_row(f"  {k}", c) for k, c in report.actors.per_kind.items()),
            _row("statements", st.detection),
            *(_row(f"  {k}", s.detection) for k, s in st.per_kind.items()),
            _row("statements end-to-end", st.end_to_end),
            *(_row(f"  {k}", s.end_to_end) for k, s in st.per_kind.items()),
            _row("contracts", report.contracts.overall)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(r, widths)))
                     for r in rows)


def _accuracy(label: str, a: Accuracy) -> str:
    value = "n/a" if a.value is None else f"{a.value:.3f}"
    return f"{label} {value} ({a.correct}/{a.total})"


def _accuracies(report: ScoreReport) -> list[str]:
    st = report.statements
    per_kind = "; ".join(_accuracy(k, s.speaker) for k, s in st.per_kind.items())
    confusion = ", ".join(f"{k} {n}" for k, n in sorted(st.kind_confusion.items())) or "none"
    fields = [_accuracy(k, a) for k, a in report.contracts.fields.items()]
    return [_accuracy("speaker accuracy (matched statements):", st.speaker) + f"  [{per_kind}]",
            _accuracy("kind accuracy (matched statements):", st.kind) + f"  [gold→pred: {confusion}]",
            "contract fields (matched contracts):",
            *("  " + "; ".join(fields[i:i + 4]) for i in range(0, len(fields), 4))]


def _error_line(error: ErrorItem) -> str:
    text = " ".join(error.text.split())
    text = text if len(text) <= 100 else text[:97] + "..."
    detail = f"  ({error.detail})" if error.detail else ""
    return f"  {error.doc_id}  {error.record:<9} {error.error:<9} {text}{detail}"
