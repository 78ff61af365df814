"""Names of council and parliamentary groups: « présidente du groupe Besançon en commun ».

The head noun « groupe » is no part of the name (gold/GUIDELINES.md H2), and such names are written
in sentence case, so the capitalised-run reader would keep only their first word.
"""

from __future__ import annotations

from typing import Optional

from .lexicon import Lexicon
from .mention import Mention, TokenTags, Word

GROUP_NAME_POS = {"ADP", "NOUN", "ADJ", "CCONJ", "DET"}  # « en commun », « et solidaires »
CLOSING_POS = {"VERB", "AUX", "PRON", "SCONJ"}  # « … en commun a voté », « … qui »
CLOSING_MARKS = set(",.;:)»!?")


def group_mentions(text: str, words: list[Word], lex: Lexicon, tags: TokenTags) -> list[Mention]:
    """Names of council and parliamentary groups after a member's title: « présidente du groupe
    Besançon en commun » → « Besançon en commun », the head noun left out (GUIDELINES H2). The name
    is a capitalised word and lower-case words up to the end of the clause, which a company after
    « groupe » (« le président du groupe Bolloré a dit ») does not have."""
    heads = lex.patterns["named_group_heads"]
    out: list[Mention] = []
    if not any(head in text for head in heads):  # one string search instead of a look at every word
        return out
    for i, word in enumerate(words):
        if word.text not in heads or i < 2 or words[i - 1].text.casefold() not in {"du", "de"}:
            continue
        member = words[i - 2].text
        if not (lex.is_title_word(member) or lex.is_title_word(member.rstrip("s"))):
            continue
        end = _group_name_end(text, words, i + 1, lex, tags)
        if end is not None:
            start, stop = words[i + 1].start, words[end].end
            mention = Mention(start, stop, text[start:stop], "head")
            mention.decide("organization", 4, heads[word.text], f"group:{word.text}")
            out.append(mention)
    return out


def _group_name_end(text: str, words: list[Word], k: int, lex: Lexicon, tags: TokenTags) -> Optional[int]:
    """Index of the last word of a group name starting at word ``k``: one capitalised word, then
    lower-case nouns, adjectives and prepositions, closed by punctuation or a verb or pronoun. A known
    company (« groupe Total en charge … ») or a title's domain after the word (« groupe Vantor en
    charge du numérique ») is no group name."""
    if k >= len(words) or not words[k].text[0].isupper() or lex.is_first_name(words[k].text) \
            or lex.gaz_lookup(words[k].text) or _domain_follows(text, words[k].end, lex):
        return None
    j, limit = k + 1, min(len(words), k + 1 + lex.config["max_group_name_words"])
    while j < limit and _lower_name_word(text, words, j, tags):
        j += 1
    if j == k + 1:
        return None
    after = text[words[j - 1].end:words[j].start] if j < len(words) else ""
    closed = j == len(words) or after.strip(" \u00a0")[:1] in CLOSING_MARKS or "\n" in after
    if not closed and after == " " and tags.pos_at(words[j].start) in CLOSING_POS:
        closed = True
    return j - 1 if closed else None


def _lower_name_word(text: str, words: list[Word], j: int, tags: TokenTags) -> bool:
    """Whether word ``j`` continues a sentence-case name: one space after the last, lower case, no verb."""
    return (text[words[j - 1].end:words[j].start] == " " and words[j].text.islower()
            and tags.pos_at(words[j].start) in GROUP_NAME_POS)


def _domain_follows(text: str, end: int, lex: Lexicon) -> bool:
    """Whether a title's domain (« en charge de », « en matière de ») follows ``end``."""
    after = text[end:end + 24].lstrip(" \u00a0")
    return any(after.startswith(lead) for lead in lex.patterns["title_domains"])
