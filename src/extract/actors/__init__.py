"""The actor stage: recognise names, decide which are actors, resolve them, attach roles.

Flow: :mod:`.recognize` (candidate names) → :mod:`.classify` (person / organisation / not an
actor) → :mod:`.resolve` (one actor per person or body, aliases) → :mod:`.roles` (titles and
organisations). Data: ``models/actors/`` via :mod:`.lexicon`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..doctext import doc_text
from .classify import classify
from .lexicon import lexicon as load_lexicon  # keeps ``extract.actors.lexicon`` the module
from .mention import TokenTags
from .recognize import candidates
from .resolve import resolve
from .roles import assign_roles


def find_actors(doc: Doc, common: frozenset[str] = frozenset()) -> tuple[list[dict], list[tuple[int, int, str]]]:
    """Actor dicts (fields of ``records.Actor``) and every resolved mention ``(start, end, actor_id)``.

    ``common`` is a set of French common nouns and adjectives (lower case), from spaCy's lemmatizer
    tables: a capitalised common word (« du Numérique ») needs stronger evidence to be an actor.
    """
    lex = load_lexicon()
    text = doc_text(doc)
    tags = TokenTags(doc)
    found = candidates(doc, text, lex, common, tags)
    actors = resolve(text, classify(doc, text, found, lex, common, tags), lex)
    by_id = {a["id"]: a for a in actors}
    for start, end, actor_id in assign_roles(text, actors, lex):
        by_id[actor_id]["mentions"].append((start, end))
    mentions = []
    for actor in actors:
        actor["mentions"] = sorted(set(actor["mentions"]))
        mentions += [(s, e, actor["id"]) for s, e in actor["mentions"]]
    return actors, sorted(mentions)
