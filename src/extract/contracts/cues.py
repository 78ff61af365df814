"""Deal cues of a sentence: deal verbs with their class, deal nouns that name a purchase.

Found once per document from the token words (verbs whose lemma may have a class, nouns of the
lexicon or heads of its multi-word nouns), then read per sentence by bisection.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from spacy.tokens import Doc, Token

from .sentences import Sentence
from ..doctext import doc_text
from .lexicon import fold, folded, indices_of, lexicon, per_document, token_words

def deal_words(doc: Doc) -> tuple[dict[int, str], frozenset[int]]:
    """Per document: the class of every verb that has one (token index → class), and the tokens
    that are deal nouns out of context."""
    return per_document(doc, "deal_words", _find_deal_words)


def _find_deal_words(doc: Doc) -> tuple[dict[int, str], frozenset[int]]:
    lex, words = lexicon(), token_words(doc)
    cue_lemmas, cue_texts = _cue_words()
    classes, nouns = {}, set()
    for i in sorted({*indices_of(words.lemma, cue_lemmas), *indices_of(words.text, cue_texts)}):  # a few words
        pos, lemma, text = words.pos[i], words.lemma[i], words.text[i]
        cls = lex.verb_class(doc[i]) if pos in ("VERB", "AUX") and lemma in lex.verb_lemmas else None
        if cls is not None:
            classes[i] = cls
        if pos in ("NOUN", "PROPN", "VERB") and (lemma in lex.nouns or text in lex.nouns or (
                text in lex.multiword_heads and lex.multiword_end(doc[i]) is not None)):
            nouns.add(i)
    return classes, frozenset(nouns)


@lru_cache(maxsize=None)
def _cue_words() -> tuple[frozenset[str], frozenset[str]]:
    """The folded lemmas, and the folded texts, that may make a token a deal verb or a deal noun."""
    lex = lexicon()
    return lex.verb_lemmas | lex.nouns, lex.nouns | lex.multiword_heads


def _sorted_cues(doc: Doc) -> list[int]:
    classes, nouns = deal_words(doc)
    return sorted({*classes, *nouns})


def sentence_cues(doc: Doc, sent: Sentence) -> list[int]:
    """Token indices of a sentence's deal verbs and deal nouns out of context, in order."""
    cues = per_document(doc, "cue_indices", _sorted_cues)
    return cues[bisect_left(cues, sent.tok_start):bisect_left(cues, sent.tok_end)]


def cue_tokens(doc: Doc, sent: Sentence) -> tuple[list[Token], list[Token]]:
    """Deal verbs and deal nouns of a sentence (or clause), found once per document (the frame builder, the
    client-only award, the list and discourse rules ask again for the same sentence); not to be modified."""
    known = per_document(doc, "cue_tokens", lambda _: {})
    if sent not in known:
        known[sent] = _find_cue_tokens(doc, sent)
    return known[sent]


def _find_cue_tokens(doc: Doc, sent: Sentence) -> tuple[list[Token], list[Token]]:
    classes, deal_nouns = deal_words(doc)
    verbs, nouns = [], []
    for i in sentence_cues(doc, sent):
        tok = doc[i]
        if classes.get(i) and tok.dep_ not in ("aux:tense", "aux:pass"):
            verbs.append(tok)
        elif i in deal_nouns and not _not_a_deal(doc, tok, sent):
            nouns.append(tok)
    return verbs, nouns


def _not_a_deal(doc: Doc, noun: Token, sent: Sentence) -> bool:
    """« accord de fusion », « contrat de travail », « le marché français du cloud »: a deal noun that buys nothing."""
    words, text = token_words(doc), doc_text(doc)
    j = noun.i + 1
    while j < sent.tok_end and words.raw[j] in ("-", "cadre"):
        j += 1
    after = fold(text[words.idx[j]:words.idx[j] + 40]) if j < sent.tok_end else ""
    if after.startswith(_exclusions("not_deal_complements")):
        return True
    if fold(text[max(sent.start, noun.idx - 25):noun.idx]).endswith(_exclusions("not_deal_prefixes")):
        return True
    senses = _market_senses().get(words.text[noun.i], ())
    around = fold(text[max(sent.start, noun.idx - 25):noun.idx + 30]) if senses else ""
    return any(p in around for p in senses)


@lru_cache(maxsize=None)
def _exclusions(key: str) -> tuple[str, ...]:
    """A folded word list of the exclusions, as a tuple for ``str.startswith`` / ``str.endswith``."""
    return tuple(folded("exclusions", key))


@lru_cache(maxsize=None)
def _market_senses() -> dict[str, tuple[str, ...]]:
    """Each word of the folded « market » phrases (« marché français du cloud ») → the phrases holding it."""
    out: dict[str, tuple[str, ...]] = {}
    for phrase in folded("exclusions", "market_sense"):
        for word in set(phrase.split()):
            out[word] = out.get(word, ()) + (phrase,)
    return out
