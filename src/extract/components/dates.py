"""Date stage: dates, intervals, durations and end points as ``doc.spans["dates"]``, each with ``span._.date``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..parsers.dates import DateMention, parse_dates
from ..doctext import doc_text
from .base import SpanParserStage

SPAN_KEY = "dates"


class DateRecognizer(SpanParserStage):
    """Run :func:`extract.parsers.dates.parse_dates` on the document's text with ``doc._.published``.

    ``span._.date`` holds ``value``, ``kind``, ``begin``, ``until``, ``mod`` and the parser's
    ``start``, ``end``, ``text``. A ``published`` value that is not a date fails the document at
    this stage (``doc._.errors``), not the whole pipe.
    """

    attr = "date"

    def mentions(self, doc: Doc) -> list[DateMention]:
        """The dates of the document, resolved against ``doc._.published``."""
        return parse_dates(doc_text(doc), doc._.published)


@Language.factory(
    "extract_dates",
    assigns=["doc.spans", "span._.date"],
    default_config={"span_key": SPAN_KEY},
)
def make_date_recognizer(nlp: Language, name: str, span_key: str) -> DateRecognizer:
    """Factory of the date stage."""
    return DateRecognizer(nlp, name, span_key)
