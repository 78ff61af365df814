"""Actor recognition: people and organisations from spaCy's PER/ORG entities."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..documents import slug

KINDS = {"PER": "person", "ORG": "organization"}


class ActorRecognizer:
    """Collect PER/ORG entities into one actor per distinct name, with mention offsets."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        actors: dict[str, dict] = {}
        mentions = []
        for ent in doc.ents:
            kind = KINDS.get(ent.label_)
            if kind is None:
                continue
            key = ent.text.strip()
            actor = actors.get(key)
            if actor is None:
                actor_id = _unique(slug(key), {a["id"] for a in actors.values()})
                actor = actors[key] = {"id": actor_id, "name": key, "kind": kind, "mentions": []}
            actor["mentions"].append((ent.start_char, ent.end_char))
            mentions.append((ent.start_char, ent.end_char, actor["id"]))
        doc._.actors = list(actors.values())
        doc._.actor_mentions = mentions
        return doc


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


@Language.factory("extract_actors", assigns=["doc._.actors", "doc._.actor_mentions"], default_config={})
def make_actor_recognizer(nlp: Language, name: str) -> ActorRecognizer:
    """Factory of the actor stage."""
    return ActorRecognizer(nlp, name)
