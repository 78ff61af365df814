"""Actor component: people and organisations of a document, with aliases, roles and mentions.

The work is done in :mod:`extract.actors`; this module only adapts it to spaCy.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..actors import find_actors
from ..actors.lexicon import lexicon


class ActorRecognizer:
    """Set ``doc._.actors`` (actor dicts) and ``doc._.actor_mentions`` (``(start, end, actor_id)``)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        lexicon()  # load the data at construction, not on the first document

    def __call__(self, doc: Doc) -> Doc:
        doc._.actors, doc._.actor_mentions = find_actors(doc)
        return doc


@Language.factory("extract_actors", assigns=["doc._.actors", "doc._.actor_mentions"], default_config={})
def make_actor_recognizer(nlp: Language, name: str) -> ActorRecognizer:
    """Factory of the actor stage."""
    return ActorRecognizer(nlp, name)
