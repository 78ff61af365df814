"""The shared token table against spaCy's own token attributes."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from extract.doctokens import doc_tokens, per_distinct

TEXTS = [
    "",
    "Bonjour.",
    "Emmanuel Macron a annoncé lundi à Paris : « Nous vendrons 12 Rafale à l'Inde. »",
    "TITRE EN CAPITALES\n\nLa société Airbus  (Toulouse) a livré 3 A350 à Air France-KLM.\nFin",
    "Le ministre s’est dit « très satisfait ».   Puis il est parti !",
]

ATTRIBUTES = {  # column → the same value read from a spaCy Token
    "idx": lambda t: t.idx,
    "length": len,
    "orth": lambda t: t.orth_,
    "lower": lambda t: t.lower_,
    "lemma": lambda t: t.lemma_,
    "pos": lambda t: t.pos_,
    "dep": lambda t: t.dep_,
    "ent_type": lambda t: t.ent_type_,
    "is_stop": lambda t: t.is_stop,
    "ent_iob": lambda t: t.ent_iob,
    "head": lambda t: t.head.i,
    "sent_start": lambda t: {True: 1, False: -1, None: 0}[t.is_sent_start],
}


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("column", ATTRIBUTES)
def test_column_matches_spacy(nlp, text, column):
    doc = nlp(text)
    assert getattr(doc_tokens(doc), column) == [ATTRIBUTES[column](t) for t in doc]


def test_unparsed_doc_with_entities(nlp):
    doc = Doc(nlp.vocab, words=["Jean", "Dupont", "vit", "à", "Lyon"], spaces=[True, True, True, True, False],
              ents=["B-PER", "I-PER", "O", "O", "B-LOC"])
    tokens = doc_tokens(doc)
    assert tokens.idx == [t.idx for t in doc] and tokens.orth == [t.text for t in doc]
    assert tokens.ent_type == ["PER", "PER", "", "", "LOC"] and tokens.ent_iob == [3, 1, 2, 2, 3]
    assert tokens.head == list(range(5))


def test_kept_for_the_last_document_only(nlp):
    first, second = nlp("Un texte."), nlp("Un autre texte, plus long.")
    assert doc_tokens(first) is doc_tokens(first)
    assert doc_tokens(second).orth == [t.text for t in second]
    assert doc_tokens(first).orth == [t.text for t in first]


def test_per_distinct_converts_each_value_once():
    seen: list[str] = []
    assert per_distinct(["a", "B", "a", "c", "B"], lambda v: seen.append(v) or v.upper()) == ["A", "B", "A", "C", "B"]
    assert sorted(seen) == ["B", "a", "c"]
