"""Date stage: dates, intervals, durations and end points as ``doc.spans["dates"]``, each with ``span._.date``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..parsers.dates import parse_dates
from .base import Stage

SPAN_KEY = "dates"


class DateRecognizer(Stage):
    """Run :func:`extract.parsers.dates.parse_dates` on ``doc.text`` with ``doc._.published``.

    Spans are widened to whole tokens (``alignment_mode="expand"``); ``span._.date`` holds the
    mention's fields as a plain dict (``value``, ``kind``, ``begin``, ``until``, ``mod``) with the
    parser's exact character offsets (``start``, ``end``, ``text``). A ``published`` value that
    is not a date fails the document at this stage (``doc._.errors``), not the whole pipe.
    """

    def __init__(self, nlp: Language, name: str, span_key: str = SPAN_KEY):
        self.name = name
        self.span_key = span_key

    def process(self, doc: Doc) -> Doc:
        """Set ``doc.spans[span_key]`` from the parsed dates."""
        spans = []
        for mention in parse_dates(doc.text, doc._.published):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            span._.date = mention.as_dict()
            spans.append(span)
        doc.spans[self.span_key] = spans
        return doc


@Language.factory(
    "extract_dates",
    assigns=["doc.spans", "span._.date"],
    default_config={"span_key": SPAN_KEY},
)
def make_date_recognizer(nlp: Language, name: str, span_key: str) -> DateRecognizer:
    """Factory of the date stage."""
    return DateRecognizer(nlp, name, span_key)
