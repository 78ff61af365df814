"""The contract stage's word lists and role tables, read once from ``models/contracts/``."""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from itertools import compress, count
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Optional, TypeVar

from ..doctext import doc_text
from ..doctokens import DocTokens, doc_tokens, per_distinct
from ..resources import load_json


CACHE_KEY = "extract.contracts.cache"
T = TypeVar("T")


def per_document(doc, name: str, build: Callable[[Any], T]) -> T:
    """``build(doc)``, computed once per document and kept in ``doc.user_data`` until :func:`release`."""
    try:
        return doc.user_data[CACHE_KEY][name]
    except KeyError:  # the first call for this document or this name
        cache = doc.user_data.setdefault(CACHE_KEY, {})
        value = cache[name] = build(doc)
        return value


def release(doc) -> None:
    """Drop what :func:`per_document` kept for ``doc`` (the contract stage calls it when done)."""
    doc.user_data.pop(CACHE_KEY, None)


@dataclass(frozen=True)
class Words:
    """Every token's folded text and lemma, its part of speech, its text as written and its first and end
    characters (index = token index)."""

    text: list[str]
    lemma: list[str]
    pos: list[str]
    raw: list[str]
    idx: list[int]
    end: list[int]
    tokens: DocTokens  # the shared table they come from (``tokens.char_tokens`` maps characters to tokens)



def token_words(doc) -> Words:
    """The :class:`Words` of a document, read once (whole-document scans then touch no token)."""
    return per_document(doc, "words", _read_words)


def _read_words(doc) -> Words:
    """From the shared token table (no token objects), each distinct string folded once."""
    tokens = doc_tokens(doc)
    end = [i + n for i, n in zip(tokens.idx, tokens.length)]
    return Words(per_distinct(tokens.orth, fold), per_distinct(tokens.lemma, fold), tokens.pos, tokens.orth,
                 tokens.idx, end, tokens)


def tokens_text(doc, start: int, end: int) -> str:
    """``doc[start:end].text`` for indices >= 0 (clamped to the document as a slice is) without building the span."""
    words = token_words(doc)
    start, end = min(start, len(words.idx)), min(end, len(words.idx))
    return doc_text(doc)[words.idx[start]:words.end[end - 1]] if end > start else ""


def indices_of(values: Sequence[str], wanted: Container[str]) -> list[int]:
    """The indices of the values in ``wanted``, in order (a whole-document scan done by built-ins)."""
    return list(compress(count(), map(wanted.__contains__, values)))


def has_feature(tok, field: str, value: str) -> bool:
    """``value in tok.morph.get(field)``; the analysis's text is tested first (reading a field costs ~20 times more)."""
    morph = tok.morph
    return value in str(morph) and value in morph.get(field)


def first_feature_is(tok, field: str, value: str) -> bool:
    """``tok.morph.get(field)[0] == value``, the analysis's text tested first (as :func:`has_feature`)."""
    if value not in str(tok.morph):
        return False
    found = tok.morph.get(field)
    return bool(found) and found[0] == value


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case with typographic apostrophes and spaces made plain, for word-list lookups."""
    return " ".join(text.replace("’", "'").replace("\u00a0", " ").split()).lower()  # split(): the whitespace of \s


@dataclass(frozen=True)
class Lexicon:
    """Everything in ``models/contracts/`` as plain lookups."""

    nouns: frozenset[str]
    verbs: dict[str, str]
    verb_lemmas: frozenset[str]  # every lemma that may have a class: verbs, reflexive verbs, verb phrase heads
    self_sufficient: frozenset[str]
    symmetric: frozenset[str]
    light_supply: frozenset[str]
    beneficiary_passive: frozenset[str]
    service_verbs: frozenset[str]
    purchase_words: frozenset[str]
    previous_deal_adjectives: frozenset[str]
    framing: dict[str, list[str]]
    need_deal_noun: frozenset[str]
    verb_phrases: dict[str, str]
    verb_phrase_heads: dict[str, tuple[tuple[str, ...], ...]]  # verb lemma → the words after it, longest first
    multiword_nouns: tuple[str, ...]
    multiword_heads: frozenset[str]
    reflexive: dict[str, str]
    supplied_nouns: frozenset[str]
    issuer_participles: frozenset[str]
    decision_verbs: frozenset[str]
    holder_nouns: frozenset[str]
    consortium_nouns: frozenset[str]
    consortium_links: frozenset[str]
    markers: dict[str, str]
    active: dict[str, dict[str, str]]
    passive: dict[str, dict[str, str]]
    exclusions: dict
    discourse: dict
    tables: dict

    def verb_class(self, tok) -> Optional[str]:
        """The class (win, supply, award, buy) of a deal verb token, or None; « se » + verb and verb
        phrases (« faire appel à ») have their own class."""
        lemma = fold(tok.lemma_)
        phrase = self.verb_phrase(tok, lemma)
        if phrase:
            return self.verb_phrases[phrase]
        if lemma in self.reflexive and any(w in ("se", "s'") for w in token_words(tok.doc).text[max(0, tok.i - 3):tok.i]):
            return self.reflexive[lemma]
        return self.verbs.get(lemma)

    def verb_phrase(self, tok, lemma: Optional[str] = None) -> Optional[str]:
        """The verb phrase (« faire appel », « utiliser sous licence ») that starts at a verb token, or None;
        ``lemma``: the token's folded lemma, when the caller has it."""
        rests = self.verb_phrase_heads.get(lemma or fold(tok.lemma_))
        if not rests:
            return None
        words = token_words(tok.doc).text
        for rest in rests:
            if tuple(words[tok.i + 1:tok.i + 1 + len(rest)]) == rest:
                return " ".join((lemma or fold(tok.lemma_),) + rest)
        return None

    def is_deal_noun(self, lemma: str) -> bool:
        """Whether a lemma names a deal (« contrat », « accord-cadre », « commande »…)."""
        return fold(lemma) in self.nouns

    def multiword_end(self, tok) -> Optional[int]:
        """Character end of a deal noun written in several words from ``tok`` (« appel d'offres »), or None."""
        if fold(tok.text) not in self.multiword_heads:
            return None
        ahead = fold(doc_text(tok.doc)[tok.idx:tok.idx + 30])
        for noun in self.multiword_nouns:
            if ahead.startswith(noun) and not ahead[len(noun):len(noun) + 1].isalpha():
                return tok.idx + len(noun)
        return None

    def role(self, verb_class: str, marker: str, passive: bool) -> Optional[str]:
        """``contractor``, ``client`` or None for a party with ``marker`` in a clause of ``verb_class``."""
        table = self.passive if passive else self.active
        return table.get(verb_class, {}).get(marker)


@lru_cache(maxsize=None)
def folded(section: str, key: str) -> frozenset[str]:
    """A word list of one lexicon section, folded once: ``folded("exclusions", "negation")``."""
    return frozenset(fold(w) for w in getattr(lexicon(), section)[key])


def _phrase_heads(phrases: dict[str, str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    heads: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        head, *rest = fold(phrase).split()
        heads.setdefault(head, []).append(tuple(rest))
    return {head: tuple(sorted(rests, key=len, reverse=True)) for head, rests in heads.items()}


@lru_cache(maxsize=None)
def lexicon() -> Lexicon:
    """The lexicon, loaded once."""
    cues, roles = load_json("contracts/cues.json"), load_json("contracts/roles.json")
    words = lambda key: frozenset(fold(w) for w in cues[key])  # noqa: E731
    heads = _phrase_heads(cues["verb_phrases"])
    reflexive = {fold(k): v for k, v in cues["reflexive"].items()}
    return Lexicon(
        nouns=frozenset(fold(n) for n in cues["nouns"]),
        verbs={fold(k): v for k, v in cues["verbs"].items()},
        verb_lemmas=frozenset({*heads, *reflexive, *(fold(k) for k in cues["verbs"])}),
        self_sufficient=words("self_sufficient"),
        symmetric=words("symmetric"),
        light_supply=words("light_supply"),
        beneficiary_passive=words("beneficiary_passive"),
        service_verbs=words("service_verbs"),
        purchase_words=words("purchase_words"),
        previous_deal_adjectives=words("previous_deal_adjectives"),
        framing=cues["framing"],
        need_deal_noun=frozenset(cues["need_deal_noun"]),
        verb_phrases={fold(k): v for k, v in cues["verb_phrases"].items()},
        verb_phrase_heads=heads,
        multiword_nouns=tuple(sorted((fold(n) for n in cues["nouns"] if re.search(r"[ ']", fold(n))), key=len,
                                     reverse=True)),
        multiword_heads=frozenset(re.split(r"[ ']", fold(n))[0] for n in cues["nouns"] if re.search(r"[ ']", fold(n))),
        reflexive=reflexive,
        supplied_nouns=words("supplied_nouns"),
        issuer_participles=words("issuer_participles"),
        decision_verbs=words("decision_verbs"),
        holder_nouns=words("holder_nouns"),
        consortium_nouns=words("consortium_nouns"),
        consortium_links=words("consortium_links"),
        markers={fold(k): v for k, v in roles["markers"].items()},
        active=roles["active"],
        passive=roles["passive"],
        exclusions=load_json("contracts/exclusions.json"),
        discourse=load_json("contracts/discourse.json"),
        tables=load_json("contracts/tables.json"),
    )
