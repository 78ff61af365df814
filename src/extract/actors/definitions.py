"""Parenthetical definitions: « Agence nationale de la sécurité des systèmes d’information (Anssi) »,
« ministère de la Sécurité intérieure (Department of Homeland Security, DHS) ».

A name in parentheses right after an organisation is its alias when it is an acronym, an
abbreviation built from the name's words (« Dinum », « Ifri »), or a translation of an
institutional name. An acronym defining a non-actor (« Système électronique d’appel d’offres
(SEAO) ») is not an actor either.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import Lexicon, is_acronym_shape, norm, strip_accents, words_of
from .mention import Mention

PARENTHESIS = re.compile(r"\s*\(([^()\n]{1,120})\)")


def link_definitions(text: str, mentions: list[Mention], lex: Lexicon) -> set[int]:
    """Set ``alias_of`` (and the kind) of names defined in parentheses; return ids of mentions to drop."""
    blocked: set[int] = set()
    for m in mentions:
        match = PARENTHESIS.match(text, m.end)
        if not match:
            continue
        inside = [x for x in mentions if match.start(1) <= x.start and x.end <= match.end(1)]
        if not inside or not _only_separators(text, match, inside):
            continue
        if m.kind == "organization" and not is_acronym_shape(m.form):
            for x in inside:
                _define(m, x, lex)
    for x in mentions:
        if x.alias_of is None and _defines_non_actor(text, x, lex):
            blocked.add(id(x))
    return blocked


def _only_separators(text: str, match: re.Match, inside: list[Mention]) -> bool:
    rest = text[match.start(1):match.end(1)]
    for x in sorted(inside, key=lambda x: -x.start):
        a, b = x.start - match.start(1), x.end - match.start(1)
        rest = rest[:a] + rest[b:]
    return not rest.strip(" ,;\u00a0")


def _define(m: Mention, x: Mention, lex: Lexicon) -> None:
    """Make ``x`` an alias of ``m`` when it abbreviates or translates it."""
    if x.gaz and m.gaz and x.gaz != m.gaz:
        return
    single = " " not in x.text
    if single and (is_acronym_shape(x.text) or abbreviates(x.text, m.form)):
        x.decide("organization", max(m.strength, 3), m.org_type, "defined-abbreviation")
    elif not single and m.source in {"head", "gazetteer"} and x.kind != "person":
        x.decide("organization", max(m.strength, 3), m.org_type, "defined-translation")
    else:
        return
    x.alias_of = m


def abbreviates(abbr: str, name: str) -> bool:
    """Whether ``abbr`` is built from prefixes of ``name``'s words, in order, from at least two words
    (« Dinum » ← Direction interministérielle du numérique; « Ifri »; « Ademe » takes the « de »).
    Function words may give letters or none."""
    letters = norm(abbr)
    words = tuple(norm(w) for w in words_of(strip_accents(name)))
    if len(letters) < 2 or len(words) < 2 or not words[0] or letters[0] != words[0][0]:
        return False
    return _build(letters, words, 0, 0, 0) >= 2


@lru_cache(maxsize=4096)
def _build(letters: str, words: tuple[str, ...], i: int, j: int, used: int) -> int:
    """Largest number of contributing words that spell ``letters[i:]`` from ``words[j:]`` (−1: impossible)."""
    if i == len(letters):
        return used
    if j == len(words):
        return -1
    best = _build(letters, words, i, j + 1, used) if j > 0 else -1
    k = 0
    while k < len(words[j]) and i + k < len(letters) and words[j][k] == letters[i + k]:
        k += 1
        best = max(best, _build(letters, words, i + k, j + 1, used + 1))
    return best


def _defines_non_actor(text: str, x: Mention, lex: Lexicon) -> bool:
    """« Système électronique d’appel d’offres (SEAO) »: the parenthesis names a non-actor phrase."""
    if text[max(0, x.start - 2):x.start].strip() != "(":
        return False
    before = re.findall(r"[\w\-]+", text[max(0, x.start - lex.config["lookbehind_chars"]):x.start - 1].split("\n")[-1])[-8:]
    for word in reversed(before):
        if word[0].isupper():
            return word.casefold() in lex.patterns["non_actor_nouns"]
    return False
