"""Candidate names built on an institutional head noun of the lexicon (« ministère de l’efficacité
gouvernementale », a place after a place head, a ministry listing its portfolios), and capitalised common
nouns defined by a parenthesis (« Plateforme des données de santé (Health Data Hub) »)."""

from __future__ import annotations

import re
from typing import Optional

from .lexicon import Lexicon, compiled
from .mention import Mention, TokenTags, Word, sentence_initial

ARTICLES = {"la", "le", "les", "l"}
DE_WORDS = {"de", "du", "des", "d"}
STOP_DETERMINERS = {"un", "une", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "mon", "ma", "mes",
                    "notre", "nos", "votre", "vos", "plusieurs", "certains", "certaines", "quelques", "tout", "tous"}


def head_mentions(text: str, words: list[Word], lex: Lexicon, common: frozenset[str], tags: TokenTags) -> list[Mention]:
    """Institutional names built on a head noun (« ministère de l’efficacité gouvernementale »), and
    capitalised common nouns with a complement defined by a parenthesis (« Plateforme des données de
    santé (Health Data Hub) »)."""
    heads = lex.patterns["heads"]
    out = []
    starts = lex.head_starts  # a word that is neither a head's first word nor capitalised starts nothing
    for i in [i for i, word in enumerate(words) if word.text[0].isupper() or word.text.casefold() in starts]:
        word = words[i]
        head, first = _head_at(words, i, heads, lex.compound_heads)
        generic = head is None and _capitalised_noun(text, word, lex, common)
        if (head is None and not generic) or _after_name(text, words, i, lex):
            continue
        place = _apposed_place_end(text, words, first, lex, tags) if head in lex.patterns["place_name_heads"] else None
        if place is not None and _locative(text, word.start, lex):
            continue  # « en région Occitanie »: the territory, not the body (GUIDELINES A5)
        listing = head in lex.patterns["portfolio_heads"]
        end = place if place is not None else _complement_end(text, words, first, lex, tags, listing)
        if end is None:
            continue
        span_words = words[i:end + 1]
        if generic and not _defined_after(text, span_words[-1].end):
            continue
        if head and place is None and not _head_accepted(text, span_words, head, lex, tags):
            continue
        start, stop = span_words[0].start, span_words[-1].end
        mention = Mention(start, stop, text[start:stop], "head")
        mention.decide("organization", 4, _head_type(heads.get(head), span_words, lex), f"head:{head or word.text}")
        out.append(mention)
    return out


def _head_type(org_type: Optional[str], span_words: list[Word], lex: Lexicon) -> Optional[str]:
    """A public adjective makes an institute or centre a government body (« … gouvernementales »)."""
    public = lex.patterns["public_adjectives"]
    if org_type in {None, "other", "ngo"} and any(w.text.casefold() in public for w in span_words[1:]):
        return "government"
    return org_type


def _after_name(text: str, words: list[Word], i: int, lex: Lexicon) -> bool:
    """« Nantes Métropole »: a capitalised head right after a capitalised name word ends that name
    (after « Le », « Selon » or « Dans » it starts one)."""
    if i == 0 or not words[i].text[0].isupper() or not words[i - 1].capitalised:
        return False
    prev = words[i - 1].text.casefold()
    if prev in lex.function_words or prev in STOP_DETERMINERS or text[words[i - 1].end:words[i].start] != " ":
        return False
    return not sentence_initial(text, words[i - 1].start) or prev in {w.casefold() for w in lex.places}


def _head_at(words: list[Word], i: int, heads: dict, compounds: dict[str, tuple[tuple[str, ...], ...]]) -> tuple:
    """The head noun (one or more words: « zone de police ») starting at word ``i`` and the index of
    its last word; ``compounds`` maps a first word to the heads of several words, longest first."""
    single = words[i].text.casefold()
    for parts in compounds.get(single, ()):
        last = i + len(parts) - 1
        if last < len(words) and all(words[i + k].text.casefold() == part for k, part in enumerate(parts)):
            return " ".join(parts), last
    return (single, i) if single in heads else (None, i)


def _capitalised_noun(text: str, word: Word, lex: Lexicon, common: frozenset[str]) -> bool:
    """A capitalised French common noun inside a sentence, the usual start of an institution's name."""
    low = word.text.casefold()
    return (word.text[0].isupper() and low in common and not word.glued and not sentence_initial(text, word.start)
            and low not in lex.patterns["non_actor_nouns"] and not lex.is_title_word(low))


def _defined_after(text: str, end: int) -> bool:
    """Whether a parenthesis opening on a capital follows (« … (Dinum) », « … (Health Data Hub) »)."""
    match = re.match(r"\s*\(\s*(\S)", text[end:end + 8])
    return bool(match and match.group(1).isupper())


def _apposed_place_end(text: str, words: list[Word], i: int, lex: Lexicon, tags: TokenTags) -> Optional[int]:
    """Index of the last word of a place name written right after the head ending at word ``i``
    (« région Occitanie », « Région Pays de la Loire », « Métropole Aix-Marseille-Provence »)."""
    last, j = None, i + 1
    limit = min(len(words), i + lex.config["max_head_words"])
    while j < limit:
        gap = text[words[j - 1].end:words[j].start]
        if gap not in {" ", "\u00a0"} and not (last is not None and gap in {"'", "’"}):
            break
        if last is not None and words[j].text.casefold() in DE_WORDS | ARTICLES:
            j += 1  # « Pays de la Loire », « Côte d’Azur »
            continue
        if not (words[j].text[0].isupper() and _place_word(words[j], lex, tags)):
            break
        last = j
        j += 1
    return last


def _place_word(word: Word, lex: Lexicon, tags: TokenTags) -> bool:
    """A word of a place name: a known place, or inside spaCy's place (or organisation) entity."""
    return word.text in lex.places or tags.entity_at(word.start) in {"LOC", "ORG"}


def _locative(text: str, start: int, lex: Lexicon) -> bool:
    """Whether the words before ``start`` make the name a location (« en région … », « dans la région … »)."""
    before = text[max(0, start - 12):start]
    return any(compiled(cue, re.IGNORECASE).search(before) for cue in lex.patterns["locative_cues"])


def _complement_end(text: str, words: list[Word], i: int, lex: Lexicon, tags: TokenTags,
                    listing: bool = False) -> Optional[int]:
    """Index of the last word of the head's complement, or None when there is none. A « pour »
    after a « de » complement starts a purpose, not the name (« Caisse des dépôts pour l’hébergement »),
    unless a parenthesis defines the longer name (« Conseil d’orientation pour l’emploi (COE) »).
    A ministry (``listing``) lists its portfolios with commas up to a closing « et de »: « ministère
    de l’Économie, des Finances et de la Souveraineté industrielle » is one name."""
    last, j, after_de, before_pour, before_list = None, i + 1, False, None, None
    limit = min(len(words), i + lex.config["max_head_words"] * (2 if listing else 1))
    while j < limit:
        gap = text[words[j - 1].end:words[j].start]
        if listing and last == j - 1 and gap.strip() == "," and _next_portfolio(words, j):
            if before_list is None:
                before_list = last
        elif not gap or gap.strip(" \u00a0’'") or "\n" in gap:
            break
        w = words[j].text
        low = w.casefold()
        if low == "et" and before_list is not None:
            if not _next_portfolio(words, j):
                break
            before_list = -1  # the list is closed: « … et du Numérique »
        if low in DE_WORDS or low == "pour" or (low == "à" and (j == i + 1 or _bare_noun_after(words, j, tags))):
            if j + 1 < len(words) and words[j + 1].text.casefold() in STOP_DETERMINERS:
                break
            if low == "pour" and after_de and before_pour is None:
                before_pour = last
            after_de = True
        elif low == "et":
            de_next = j + 1 < len(words) and words[j + 1].text.casefold() in DE_WORDS
            if not de_next or _two_places(words, j, last, lex, tags):
                break
        elif low in ARTICLES and after_de:
            pass
        elif _content(tags, words[j]) and (after_de or last is not None or tags.pos_at(words[j].start) == "ADJ"):
            last = j
        else:
            break
        j += 1
    if before_pour is not None and last != before_pour and not _defined_after(text, words[last].end):
        return before_pour
    if before_list is not None and before_list >= 0:  # commas never closed by « et de »: a list of bodies
        return before_list
    return last


def _two_places(words: list[Word], j: int, last: Optional[int], lex: Lexicon, tags: TokenTags) -> bool:
    """« Ville de Bruxelles et d’Ixelles »: « de » + a place, then « et de » + another place, names two
    bodies; the « et » at word ``j`` ends the first name (« ministère de l’Europe et des Affaires
    étrangères » has an article, and is one name)."""
    if last is None or last != j - 1 or words[last - 1].text.casefold() not in DE_WORDS or j + 2 >= len(words):
        return False
    return all(w.text[0].isupper() and (w.text in lex.places or tags.pos_at(w.start) == "PROPN" or (
        tags.entity_begins_at(w.start) and tags.entity_at(w.start) == "LOC")) for w in (words[last], words[j + 2]))


def _bare_noun_after(words: list[Word], j: int, tags: TokenTags) -> bool:
    """« à caractère personnel », « à but non lucratif »: « à » and a noun without determiner qualify
    the name; « à hauteur de » and « à Paris » do not."""
    if j + 1 >= len(words) or not words[j + 1].text.islower() or tags.pos_at(words[j + 1].start) != "NOUN":
        return False
    return j + 2 < len(words) and words[j + 2].text.casefold() not in DE_WORDS


def _next_portfolio(words: list[Word], j: int) -> bool:
    """Whether a capitalised « de » complement follows word ``j`` (« , des Finances », « et du Numérique »)."""
    k = j + (words[j].text.casefold() not in DE_WORDS)
    if k >= len(words) or words[k].text.casefold() not in DE_WORDS:
        return False
    k += 1
    while k < len(words) and words[k].text.casefold() in ARTICLES:
        k += 1
    return k < len(words) and words[k].text[0].isupper()


def _content(tags: TokenTags, word: Word) -> bool:
    return word.text[0].isupper() or tags.pos_at(word.start) in {"NOUN", "ADJ", "PROPN"}


def _head_accepted(text: str, span_words: list[Word], head: str, lex: Lexicon, tags: TokenTags) -> bool:
    """Strong heads take any complement; others need a capital, or a defining parenthesis after;
    a police or fire service takes a place (« la police de Miami »)."""
    if head in lex.patterns["strong_heads"]:
        return True
    if head in lex.patterns["place_service_heads"] and _place_complement(span_words, lex, tags):
        return True
    capital = span_words[0].text[0].isupper() or any(w.text[0].isupper() for w in span_words[1:])
    if head in lex.patterns["weak_heads"] and not span_words[0].text[0].isupper():
        capital = False
    return capital or _defined_after(text, span_words[-1].end)


def _place_complement(span_words: list[Word], lex: Lexicon, tags: TokenTags) -> bool:
    """Whether the complement after the first « de » is a place name (« police municipale de Nice »)."""
    de = next((k for k, w in enumerate(span_words) if w.text.casefold() in DE_WORDS), None)
    if de is None:
        return False
    name = [w for w in span_words[de + 1:] if w.text.casefold() not in ARTICLES | DE_WORDS]
    return bool(name) and all(w.text[0].isupper() and _place_word(w, lex, tags) for w in name)
