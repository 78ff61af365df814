"""Statement stage: direct, partial and reported speech with speaker, cue, channel and date."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..statements import Collector
from ..statements.layout import release
from .base import Stage


class StatementExtractor(Stage):
    """Fill ``doc._.statements`` from the parse, ``doc._.actors`` / ``doc._.actor_mentions``
    and, when present, ``doc.spans["dates"]`` (see :mod:`extract.statements`)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def process(self, doc: Doc) -> Doc:
        """Set ``doc._.statements`` (list of statement dicts, in text order)."""
        try:
            doc._.statements = Collector(doc).run()
        finally:
            release(doc)
        return doc


@Language.factory("extract_statements", assigns=["doc._.statements"], default_config={})
def make_statement_extractor(nlp: Language, name: str) -> StatementExtractor:
    """Factory of the statement stage."""
    return StatementExtractor(nlp, name)
