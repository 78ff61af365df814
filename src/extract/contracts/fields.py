"""The fields of a contract frame read from its sentence: usable amounts, dates, object phrase."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from spacy.tokens import Doc, Token

from .sentences import Sentence
from ..doctext import doc_text
from .lexicon import Words, fold, folded, lexicon, token_words, tokens_text

CLAUSE_END = {",", ";", ":", ".", "?", "!", "…", "(", ")", "—", "–"}
OBJECT_STOPS = {"valeur", "montant", "selon", "susceptible", "pouvant", "allant", "jusqu'", "jusqu'à", "jusqu'en", "soit", "dont", "qui", "que",
                "afin", "depuis", "contre"}
STOP_PHRASES = {"dans le cadre", "au titre de", "à hauteur de", "d'un montant", "d' un montant"}
STOP_PREFIXES = {p[:k] for p in STOP_PHRASES for k in range(len(p) + 1)}  # what a stop phrase's first word may fold to
QUOTE_MARKS, SPACE_BEFORE_POINT, SPACES = re.compile(r"\s*[«»“”]\s*"), re.compile(r"\s+([,.])"), re.compile(r"\s+")
ENUMERATION = {"des", "du", "de", "d'"}
DATELINE = re.compile(r"(?:^|\n)[ \t]*[A-ZÀ-Ý][A-ZÀ-Ý' -]+,[ \t]*$")
STRIP_LEAD = {"un", "une", "des", "le", "la", "les", "l'", "son", "sa", "ses", "leur", "leurs", "notre", "nos",
              "votre", "vos", "ce", "cet", "cette", "ces", "du", "de", "d'", "à", "au", "aux", "dans", "pour", "en"}


def _phrase_in(text: str, phrases: Iterable[str]) -> bool:
    """Whether one of the phrases occurs in ``text`` as whole words (both folded)."""
    phrases = tuple(phrases)
    return bool(phrases) and _whole_words(phrases).search(f" {fold(text)} ") is not None


@lru_cache(maxsize=None)
def _whole_words(phrases: tuple[str, ...]) -> re.Pattern:
    """One pattern matching any of the folded phrases between non-word characters."""
    return re.compile(rf"(?<![\w])(?:{'|'.join(re.escape(fold(p)) for p in phrases)})(?![\w])")


def usable_money(doc: Doc, money: dict) -> bool:
    """Whether an amount can be a deal's value: no revenue/budget/fine/… word near it, not a conversion."""
    excl = lexicon().exclusions
    span = token_words(doc).tokens.char_tokens(money["start"], money["end"])
    if span is None:
        return False
    width = excl["money_window"]
    before = tokens_text(doc, max(0, span[0] - width), span[0])
    after = tokens_text(doc, span[1], span[1] + width)
    if _phrase_in(before, excl["money_context"]) or _phrase_in(after, excl["money_context"]):
        return False
    tail = fold(doc_text(doc)[max(0, money["start"] - 20):money["start"]])
    conversion = tuple(excl["conversion"])
    return not (conversion and _ending_with(conversion).search(tail))


@lru_cache(maxsize=None)
def _ending_with(words: tuple[str, ...]) -> re.Pattern:
    """One pattern matching any of the folded words as a whole word at the end of a text."""
    return re.compile(rf"(?<![\w])(?:{'|'.join(re.escape(fold(w)) for w in words)})$")


def date_role(doc: Doc, date: dict, cue_lemmas: set[str]) -> Optional[str]:
    """``award`` for a date governed by a deal verb, ``announce`` for one of a speech verb, None otherwise.

    « fondée en 2021 », « lancé en 2020 », « depuis 2016 » are no dates of the deal."""
    disc = lexicon().discourse
    if any(fold(date["text"]).startswith(p) for p in disc["skip_date_prefixes"]):
        return None
    if DATELINE.search(doc_text(doc)[max(0, date["start"] - 40):date["start"]]):
        return "announce"
    span = doc.char_span(date["start"], date["end"], alignment_mode="expand")
    if span is None:
        return None
    tok: Token = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux:tense", "aux:pass"):
            lemma = fold(tok.lemma_)
            if lemma in cue_lemmas or lemma in lexicon().verbs:
                return "award"
            if lemma in folded("discourse", "announcement_verbs"):
                return "announce"
            return None
        if tok.head is tok:
            return "award"
        tok = tok.head
    return "award"


def frame_dates(doc: Doc, dates: list[dict], cue_lemmas: set[str]) -> dict:
    """``date`` (+ ``date_role``), ``end_date`` and ``duration`` of a deal from the date mentions of its sentence."""
    out: dict = {"date": None, "date_role": None, "end_date": None, "duration": None}
    for date in dates:
        kind = date.get("kind")
        if kind == "duration" and out["duration"] is None:
            out["duration"] = date["value"]
        elif kind == "end" and out["end_date"] is None:
            out["end_date"] = date["value"]
        elif kind in ("date", "interval"):
            role = date_role(doc, date, cue_lemmas)
            value = date.get("begin") if kind == "interval" else date["value"]
            if role and value and _better(role, out["date_role"]):
                out["date"], out["date_role"] = value, role
    return out


def _better(role: str, current: Optional[str]) -> bool:
    return current is None or (role == "award" and current == "announce")


def clean_phrase(doc: Doc, tokens: list[Token]) -> Optional[str]:
    """A phrase's text without leading determiners or prepositions, trailing function words or quotation marks."""
    while tokens and (fold(tokens[0].text) in STRIP_LEAD or tokens[0].text in "«»\"“”"):
        tokens = tokens[1:]
    while tokens and (fold(tokens[-1].text) in STRIP_LEAD or tokens[-1].text in "«»\"“”(,;:" or tokens[-1].pos_ == "CCONJ"):
        tokens = tokens[:-1]
    if not tokens:
        return None
    text = doc_text(doc)[tokens[0].idx:tokens[-1].idx + len(tokens[-1].text)]
    text = SPACE_BEFORE_POINT.sub(r"\1", QUOTE_MARKS.sub(" ", text))
    return SPACES.sub(" ", text).strip() or None


def phrase_from(doc: Doc, start: int, sent: Sentence, stops: set[int], max_tokens: int = 14) -> list[Token]:
    """Tokens from ``start`` up to the clause end, a stop word, a blocked token or ``max_tokens``."""
    out: list[Token] = []
    depth = 0
    words = token_words(doc)
    for i in range(start, sent.tok_end):
        text, low = words.raw[i], words.text[i]
        if i in stops and out:
            break
        if out and low in STOP_PREFIXES and fold(tokens_text(doc, i, min(i + 3, sent.tok_end))) in STOP_PHRASES:
            break
        if text == "(":
            depth += 1
        elif text == ")":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and text == "," and out and i + 1 < sent.tok_end and words.text[i + 1] in ENUMERATION:
            pass
        elif depth == 0 and (text in CLAUSE_END or low in OBJECT_STOPS) and out:
            break
        elif depth == 0 and low == "pour" and out:
            break
        out.append(doc[i])
        if len(out) >= max_tokens:
            break
    return out


def blocked_tokens(doc: Doc, sent: Sentence, spans: Iterable[tuple[int, int]]) -> set[int]:
    """Token indices where an object phrase must stop: amounts, dates, parties with the words that mark them."""
    out: set[int] = set()
    words = token_words(doc)
    for start, end in spans:
        span = words.tokens.char_tokens(start, end)
        if span is None:
            continue
        first = span[0]
        while first - 1 >= sent.tok_start and (words.pos[first - 1] in ("DET", "ADP") or words.text[first - 1] in
                                               ("de", "d'", "du", "des", "à", "au", "aux", "avec")):
            first -= 1
        out.update(range(_described_from(words, first, sent), span[1]))
    return out


def _described_from(words: Words, first: int, sent: Sentence) -> int:
    """« à la société zurichoise Brunnmatt »: start of the description of a party introduced by à/avec/par/chez."""
    i = first
    while i - 1 >= sent.tok_start and i > first - 3 and words.raw[i - 1].islower() and words.pos[i - 1] in ("NOUN", "ADJ"):
        i -= 1
    j = i
    while j - 1 >= sent.tok_start and words.pos[j - 1] == "DET":
        j -= 1
    if j < i and j - 1 >= sent.tok_start and words.text[j - 1] in ("à", "au", "aux", "avec", "par", "chez"):
        return j - 1
    return first
