"""Money stage: amounts of money as ``doc.spans["money"]``, each with ``span._.money``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..parsers.money import parse_money
from .base import Stage

SPAN_KEY = "money"


class MoneyRecognizer(Stage):
    """Run :func:`extract.parsers.money.parse_money` on ``doc.text`` and keep the mentions as spans.

    Spans are widened to whole tokens (``alignment_mode="expand"``); ``span._.money`` holds the
    mention's fields as a plain dict, with the parser's exact character offsets.
    """

    def __init__(self, nlp: Language, name: str, span_key: str = SPAN_KEY):
        self.name = name
        self.span_key = span_key

    def process(self, doc: Doc) -> Doc:
        """Set ``doc.spans[span_key]`` from the parsed amounts."""
        spans = []
        for mention in parse_money(doc.text, locale=doc._.locale):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            span._.money = mention.as_dict()
            spans.append(span)
        doc.spans[self.span_key] = spans
        return doc


@Language.factory(
    "extract_money",
    assigns=["doc.spans", "span._.money"],
    default_config={"span_key": SPAN_KEY},
)
def make_money_recognizer(nlp: Language, name: str, span_key: str) -> MoneyRecognizer:
    """Factory of the money stage."""
    return MoneyRecognizer(nlp, name, span_key)
