"""Money stage: amounts of money as ``doc.spans["money"]``, each with ``span._.money``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..parsers.money import MoneyMention, parse_money
from ..doctext import doc_text
from .base import SpanParserStage

SPAN_KEY = "money"


class MoneyRecognizer(SpanParserStage):
    """Run :func:`extract.parsers.money.parse_money` on the document's text with ``doc._.locale``."""

    attr = "money"

    def mentions(self, doc: Doc) -> list[MoneyMention]:
        """The amounts of the document."""
        return parse_money(doc_text(doc), locale=doc._.locale)


@Language.factory(
    "extract_money",
    assigns=["doc.spans", "span._.money"],
    default_config={"span_key": SPAN_KEY},
)
def make_money_recognizer(nlp: Language, name: str, span_key: str) -> MoneyRecognizer:
    """Factory of the money stage."""
    return MoneyRecognizer(nlp, name, span_key)
