"""The shared token table against spaCy's own token attributes."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from spacy.tokens import Span

from extract.doctokens import doc_tokens, per_distinct, refresh

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


@pytest.mark.parametrize("text", TEXTS)
def test_char_tokens_as_char_span_expand(nlp, text):
    doc = nlp(text)
    tokens = doc_tokens(doc)
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            span = doc.char_span(start, end, alignment_mode="expand")
            assert tokens.char_tokens(start, end) == (None if span is None else (span.start, span.end)), (start, end)


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


def test_refresh_keeps_an_unchanged_table(nlp):
    doc = nlp("Jean Dupont vit à Lyon.")
    tokens = doc_tokens(doc)
    refresh(doc)
    assert doc_tokens(doc) is tokens


def test_refresh_sees_new_entities_and_merged_tokens(nlp):
    """A component between two project stages may set entities or retokenise: the next stage reads them."""
    doc = nlp("La société Nébuleo Systèmes a signé avec la ville.")
    doc_tokens(doc)
    doc.ents = [Span(doc, 2, 4, label="ORG")]
    refresh(doc)
    assert doc_tokens(doc).ent_type == [t.ent_type_ for t in doc]
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[2:4])
    refresh(doc)
    assert doc_tokens(doc).orth == [t.text for t in doc]


def test_per_distinct_converts_each_value_once():
    seen: list[str] = []
    assert per_distinct(["a", "B", "a", "c", "B"], lambda v: seen.append(v) or v.upper()) == ["A", "B", "A", "C", "B"]
    assert sorted(seen) == ["B", "a", "c"]
