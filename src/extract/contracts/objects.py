"""The ``object`` of a contract: a short phrase of the sentence saying what is supplied.

Tried in order: the complement of the deal noun (« accord-cadre de maintenance des systèmes »),
the purpose after « pour » (« pour développer ImmigrationOS », « pour des logiciels de… »),
a content frame (« permettant d'exploiter… », « consacré à… », « portant sur… »), then the
direct object of the deal verb (« fournit sa technologie de reconnaissance faciale »), or for a
participle used as an adjective its head noun (« la maintenance, renouvelée en 2025 »).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Token

from .sentences import Sentence
from .fields import clean_phrase, phrase_from
from .lexicon import fold, lexicon, token_words

DE = ("de", "d'", "du", "des")
PREP_FORMS = {"de": ("de", "d'"), "à": ("à", "au", "aux")}
NO_OBJECT = {"de", "d'", "à", "au", "aux", "pour", "avec", "par", "en", "sur", "dans", "chez", "selon", "jusqu'", "depuis"}
MAX_TOKENS = 18


def object_phrase(doc: Doc, sent: Sentence, cue: Token, cls: str, nouns: list[Token], blocked: set[int],
                  dates: list, moneys: list, passive: bool = False) -> Optional[str]:
    """The object phrase of a frame whose cue (verb or noun) is ``cue``; None when the text states none."""
    money_tokens = _starts(doc, [], moneys)
    starts = _starts(doc, dates, []) | money_tokens
    for finder in (_noun_complement, _amount_complement, _purpose, _framing):
        tokens = finder(doc, sent, cue, nouns, blocked, money_tokens if finder is _amount_complement else starts)
        phrase = clean_phrase(doc, tokens) if tokens else None
        if phrase:
            return phrase
    tokens = _participle_head(doc, sent, cue, blocked) if passive else _verb_object(doc, sent, cue, cls, blocked)
    return clean_phrase(doc, tokens) if tokens else None


def _participle_head(doc: Doc, sent: Sentence, cue: Token, blocked: set[int]) -> list[Token]:
    """« dont la maintenance, renouvelée l'an dernier, coûte … » → what a participle used as an adjective says was
    bought: its head noun, when that is no deal noun (« le contrat, renouvelé en 2023 » states no object)."""
    k = cue.i - 1 - (cue.i > sent.tok_start and doc[cue.i - 1].text == ",")
    while k > sent.tok_start and doc[k].pos_ == "ADJ":
        k -= 1
    head = doc[k]
    if k <= sent.tok_start or head.pos_ != "NOUN" or not head.text.islower() or k in blocked \
            or doc[k - 1].pos_ != "DET" or lexicon().is_deal_noun(head.lemma_):
        return []
    return phrase_from(doc, k, sent, blocked | {cue.i}, MAX_TOKENS)


def _starts(doc: Doc, dates: list, moneys: list) -> set[int]:
    out, words = set(), token_words(doc)
    for item in list(dates) + list(moneys):
        span = words.tokens.char_tokens(item["start"], item["end"])
        if span is not None:
            out.update(range(*span))
    return out


def _noun_complement(doc: Doc, sent: Sentence, cue: Token, nouns: list[Token], blocked: set[int],
                     starts: set[int]) -> list[Token]:
    words = token_words(doc)
    for noun in nouns:
        j, end = noun.i + 1, lexicon().multiword_end(noun) or 0
        while j < sent.tok_end and (words.raw[j] in ("-", "cadre") or words.idx[j] < end):
            j += 1
        if j + 1 >= sent.tok_end or words.text[j] not in DE:
            continue
        nxt = doc[j + 1]
        if words.text[j + 1] in ("la", "l'") and j + 2 < sent.tok_end and words.text[j] == "de":
            nxt = doc[j + 2]  # « le marché de la refonte du site »
        if nxt.pos_ == "NOUN" and nxt.text.islower() and nxt.i not in blocked and nxt.i not in starts:
            first = noun.i if fold(noun.lemma_) in lexicon().purchase_words else j + 1
            return phrase_from(doc, first, sent, blocked, MAX_TOKENS)
    return []


def _amount_complement(doc: Doc, sent: Sentence, cue: Token, nouns: list[Token], blocked: set[int],
                       starts: set[int]) -> list[Token]:
    """« a acheté pour 15 M€ de logiciels » → what the first amount of the clause buys."""
    inside = sorted(i for i in starts if sent.tok_start <= i < sent.tok_end)
    if not inside:
        return []
    end = inside[0]
    while end + 1 in starts:
        end += 1
    if end + 2 < sent.tok_end and fold(doc[end + 1].text) in ("de", "d'"):
        nxt = doc[end + 2]
        if nxt.pos_ == "NOUN" and nxt.text.islower() and nxt.i not in blocked:
            return phrase_from(doc, nxt.i, sent, blocked, MAX_TOKENS)
    return []


def _purpose(doc: Doc, sent: Sentence, cue: Token, nouns: list[Token], blocked: set[int],
             starts: set[int]) -> list[Token]:
    lex, words = lexicon(), token_words(doc).text
    first = min([cue.i] + [n.i for n in nouns])
    for i in range(first, sent.tok_end - 1):
        word = words[i]
        if word == "afin" and i + 2 < sent.tok_end and words[i + 1] in ("de", "d'"):
            i, word = i + 1, "pour"
        if word != "pour":
            continue
        nxt = doc[i + 1]
        if nxt.i in starts or nxt.i in blocked or fold(nxt.text) in ("sa", "son", "leur") and i + 2 < sent.tok_end \
                and fold(doc[i + 2].text) in ("part", "compte"):
            continue
        if nxt.pos_ == "VERB":
            lemma = fold(nxt.lemma_)
            if lemma in lex.service_verbs:
                return _after_beneficiary(doc, sent, nxt.i + 1, blocked)
            if lemma in lex.light_supply:
                return phrase_from(doc, _skip_blocked(nxt.i + 1, blocked, sent), sent, blocked, MAX_TOKENS)
            return phrase_from(doc, nxt.i, sent, blocked, MAX_TOKENS)
        if nxt.pos_ in ("DET", "NOUN"):
            return phrase_from(doc, nxt.i, sent, blocked, MAX_TOKENS)
    return []


def _after_beneficiary(doc: Doc, sent: Sentence, start: int, blocked: set[int]) -> list[Token]:
    """« pour aider le ministère (…) dans la gestion des enquêtes » → what follows the helped party."""
    depth = 0
    for i in range(start, sent.tok_end):
        text = doc[i].text
        depth += (text == "(") - (text == ")")
        if depth == 0 and i not in blocked and fold(text) in ("dans", "à", "en", "pour", "sur") and i > start + 1:
            return phrase_from(doc, i + 1, sent, blocked, MAX_TOKENS)
    return []


def _framing(doc: Doc, sent: Sentence, cue: Token, nouns: list[Token], blocked: set[int],
             starts: set[int]) -> list[Token]:
    forms, words = _framing_forms(), token_words(doc).text
    for k in range(sent.tok_start, sent.tok_end):
        prep = forms.get(words[k])
        if prep is None:
            continue
        if prep == "" and k + 1 not in blocked and k + 1 not in starts:
            return phrase_from(doc, k + 1, sent, blocked, MAX_TOKENS)
        for i in range(k + 1, min(k + 5, sent.tok_end - 1)):
            if words[i] in PREP_FORMS.get(prep, (prep,)):
                if prep == "de" and doc[i + 1].pos_ != "VERB" or i + 1 in blocked or i + 1 in starts:
                    continue
                return phrase_from(doc, i + 1, sent, blocked, MAX_TOKENS)
    return []


@lru_cache(maxsize=None)
def _framing_forms() -> dict[str, str]:
    """Folded framing words (« porte », « consacré ») → the folded preposition they take."""
    return {fold(form): fold(prep) for prep, words in lexicon().framing.items() for form in words}


def framing_phrase(doc: Doc, sent: Sentence) -> list[Token]:
    """The content of « porte sur … », « consacré à … » in a sentence, stopping at amounts and dates."""
    return _framing(doc, sent, doc[sent.tok_start], [], set(), set())


def _skip_blocked(i: int, blocked: set[int], sent: Sentence) -> int:
    while i < sent.tok_end and i in blocked:
        i += 1
    return i


def _adverbial(pos: list[str], i: int, sent: Sentence) -> bool:
    """A preposition that opens an adverb (« par ailleurs », « en outre », « d'ailleurs »), not a complement
    (``pos``: the document's parts of speech)."""
    return pos[i] == "ADP" and i + 1 < sent.tok_end and pos[i + 1] == "ADV"


def _verb_object(doc: Doc, sent: Sentence, cue: Token, cls: str, blocked: set[int]) -> list[Token]:
    """The direct object after the deal verb; supply verbs other than « fournir »-like keep the verb."""
    lex, words = lexicon(), token_words(doc)
    if cls not in ("supply", "award", "buy"):
        return []
    phrase, pos = lex.verb_phrase(cue), words.pos
    i = cue.i + 1 + (len(phrase.split()) - 1 if phrase else 0)
    while i < sent.tok_end and (pos[i] in ("ADV", "PUNCT") and words.raw[i] not in ",;:." or i in blocked
                                or pos[i] == "AUX" or (cls == "supply" and pos[i] in ("CCONJ", "VERB"))
                                or _adverbial(pos, i, sent)):
        i += 1
    while i < sent.tok_end and (pos[i] == "ADV" or words.text[i] == "jusqu'"):
        i += 1
    if i >= sent.tok_end or words.text[i] in NO_OBJECT or doc[i].is_punct:
        return []
    head = next((doc[k] for k in range(i, min(i + 3, sent.tok_end)) if pos[k] in ("NOUN", "PROPN")), None)
    if head is not None and lex.is_deal_noun(head.lemma_) and fold(head.lemma_) not in lex.supplied_nouns:
        return []
    if cls == "supply" and fold(cue.lemma_) not in lex.light_supply:
        return phrase_from(doc, cue.i, sent, blocked, MAX_TOKENS)
    return phrase_from(doc, i, sent, blocked, MAX_TOKENS)
