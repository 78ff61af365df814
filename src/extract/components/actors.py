"""Actor component: people and organisations of a document, with aliases, roles and mentions.

The work is done in :mod:`extract.actors`; this module only adapts it to spaCy.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..actors import find_actors
from ..actors.lexicon import lexicon
from .base import Stage


class ActorRecognizer(Stage):
    """Set ``doc._.actors`` (actor dicts) and ``doc._.actor_mentions`` (``(start, end, actor_id)``)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.common = common_words(nlp)
        lexicon()  # load the data at construction, not on the first document

    def process(self, doc: Doc) -> Doc:
        doc._.actors, doc._.actor_mentions = find_actors(doc, self.common)
        return doc


def common_words(nlp: Language) -> frozenset[str]:
    """French common nouns and adjectives known to the pipeline's lemmatizer (empty without one)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(w for pos in ("noun", "adj") for w in index.get(pos, []))


@Language.factory("extract_actors", assigns=["doc._.actors", "doc._.actor_mentions"], default_config={})
def make_actor_recognizer(nlp: Language, name: str) -> ActorRecognizer:
    """Factory of the actor stage."""
    return ActorRecognizer(nlp, name)
