"""``doc.text`` read once per document by all the project's stages.

spaCy rebuilds ``doc.text`` by joining every token at each access (≈ 2.6 ms for a 700-word
article): read four times per document, by four stages, it cost about a fifth of what the
project adds to spaCy's own pass. It is now joined from the shared token table
(:mod:`extract.doctokens`), whose words are read anyway, and kept with it for the last document.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .doctokens import doc_tokens


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once while the stages work on ``doc``."""
    return doc_tokens(doc).text
