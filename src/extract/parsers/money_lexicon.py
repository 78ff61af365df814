"""The money parser's lexicon and patterns, built once from ``models/money/`` and the number tables.

Pieces: amount (digits or words, :mod:`.numbers`), scale, currency (words after the amount,
signs and codes before or after it), qualifier and period phrases, list and range words, and
the known false-positive shapes. :mod:`.money` assembles the mentions from their matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Optional

from ..resources import load_json, load_jsonl
from ..tries import trie_alternation
from .numbers import digits_pattern, first_words, guard, initials, scale_pattern, tables, words_pattern

APOS = "['’]"
WORD_END = r"(?![^\W\d_])"


@dataclass(frozen=True)
class Currency:
    """A currency entry: its code, what its bare forms mean per locale, and the words that keep the code."""

    code: str
    locales: tuple[tuple[str, str], ...] = ()
    home_words: tuple[str, ...] = ()

    def resolve(self, locale: Optional[str], context: str) -> str:
        """ISO code in a text of this locale, given the words around the amount."""
        local = dict(self.locales).get(locale or "")
        if local is None or any(w.casefold() in context.casefold() for w in self.home_words):
            return self.code
        return local


def _key(surface: str) -> str:
    return re.sub(r"\s+", "", surface).replace("’", "'")


def _piece(surface: str, loose: bool) -> str:
    """Regex of one surface form: flexible spaces and apostrophes, closed on the right."""
    src = (r"\s*" if loose else r"\s+").join(re.escape(p) for p in surface.split()).replace("'", APOS)
    return src + (r"(?![^\W\d_]|['’\-])" if surface[-1].isalnum() else "")


def _alternation(surfaces: list[str], loose: bool = False) -> str:
    return "|".join(_piece(s, loose) for s in sorted(set(surfaces), key=len, reverse=True))


def phrase(phrase: str) -> str:
    """Regex of a qualifier/period phrase; a final « de » also matches « d' »."""
    words = [re.escape(w).replace("'", APOS) for w in phrase.replace("’", "'").split()]
    if len(words) > 1 and words[-1] == "de":
        return r"\s+".join(words[:-1]) + rf"(?:\s+de|\s+d{APOS})"
    return r"\s+".join(words)


class _Lexicon:
    """Currency forms and the compiled patterns, built once from ``models/money/``."""

    def __init__(self) -> None:
        self.exact: dict[str, Currency] = {}
        self.folded: dict[str, Currency] = {}
        forms: list[str] = []
        signs: dict[bool, list[str]] = {True: [], False: []}  # symbolic (case-insensitive) or not
        before: dict[bool, list[str]] = {True: [], False: []}
        for entry in load_jsonl("money/currencies.jsonl"):
            cur = Currency(entry["code"], tuple(entry.get("locales", {}).items()), tuple(entry.get("home_words", ())))
            for form in entry["forms"]:
                self.folded.setdefault(_key(form).casefold(), cur)
                forms.append(form)
            for sign in entry["signs"]:
                symbolic = not sign.replace(" ", "").replace(".", "").isalpha()
                key = _key(sign)
                (self.folded if symbolic else self.exact).setdefault(key.casefold() if symbolic else key, cur)
                signs[symbolic].append(sign)
                if symbolic or re.fullmatch(r"[A-Z]{3}", sign):
                    before[symbolic].append(sign)
        self.after = self._either(forms, signs)
        self.before = rf"(?<![^\W\d_]){self._either([], before)}"
        self.before_signs = tuple(before[True] + before[False])

    @staticmethod
    def _either(forms: list[str], signs: dict[bool, list[str]]) -> str:
        """Words (case-insensitive), then symbolic signs (case-insensitive), then letter codes (exact),
        behind a check of the first character that fails fast where no currency starts."""
        parts = [rf"(?i:{_alternation(forms)})"] if forms else []
        parts.append(rf"(?i:{_alternation(signs[True], loose=True)})")
        parts.append(_alternation(signs[False], loose=True))
        return guard(initials([*forms, *signs[True], *signs[False]])) + "(?:" + "|".join(parts) + ")"

    def currency(self, surface: str) -> Currency:
        """The currency of a matched form or sign."""
        key = _key(surface)
        return self.exact.get(key) or self.folded[key.casefold()]


@lru_cache(maxsize=None)
def lexicon() -> _Lexicon:
    """The currency lexicon (``models/money/currencies.jsonl``), built once."""
    return _Lexicon()


def _money_pattern() -> str:
    """An amount with its currency before (``cur_b``, ``amount_b``) or after it (``amount_a``,
    ``cur_a``, optional hundredths ``c1``/``c2``)."""
    lex, t, lists = lexicon(), tables(), load_json("money/lists.json")
    number = rf"(?:{digits_pattern()}(?:\s*{scale_pattern()})?|{words_pattern()})"
    collective = rf"(?i:une?\s+(?:{'|'.join(t['collectives'])})\s+(?:de\s+|d{APOS}\s*)(?:{'|'.join(t['scales'])})){WORD_END}"
    amount = rf"(?:{collective}|{number})"
    subunits = "|".join(sorted(lists["subunits"], key=len, reverse=True))
    cents = (rf"\s+(?:(?i:et)\s+)?(?:(?P<c1>\d{{1,2}}|{words_pattern()})\s*(?i:{subunits}){WORD_END}"
             rf"|(?P<c2>\d{{1,2}}|{words_pattern()})(?![\d,.]?\d)(?=\s*(?:[.;!?]|$)))")
    gap = rf"\s*(?:(?i:de)\s+|(?i:d){APOS}\s*)?"
    return (rf"(?P<cur_b>{lex.before})\s*(?P<amount_b>{amount})"
            rf"|(?P<amount_a>{amount}){gap}(?P<cur_a>{lex.after})(?P<cents>{cents})?")


def _number_guard() -> str:
    """A lookahead for the first character of a number in digits or words (:func:`.numbers.guard`)."""
    return guard(tables()["decimal_separator"][0] + initials(first_words()), classes=r"\d")


@lru_cache(maxsize=None)
def patterns() -> dict[str, re.Pattern[str]]:
    """Compiled patterns: ``money`` (amount + currency), ``carry`` (a bare amount), ``left`` (a number
    and joiner ending where an amount starts; ``joined``: the joiner alone, at the end of a stripped
    text), ``lead``, ``label``, ``between``, ``scale``, ``counted``,
    ``change`` and ``year`` (see ``models/money/lists.json``)."""
    lists = load_json("money/lists.json")
    bare = rf"(?:{digits_pattern()}(?:\s*{scale_pattern(abbreviations=False)})?|{words_pattern()})"
    counted = "|".join(phrase(w) + (r"\s" if w[-1].isalpha() else "") for w in lists["counted_noun_lead"])
    joiners = "|".join(re.escape(j) for j in {*lists["range_joiners"], *lists["list_joiners"]})
    between = "|".join(phrase(w) for w in lists["between"])
    lead = rf"(?<![^\W\d_])(?i:(?P<between>{between})|{'|'.join(phrase(w) for w in lists['from'])})\s*$"
    return {
        "money": re.compile(_money_pattern()),
        "carry": re.compile(rf"(?P<amount>{bare})"),
        "left": re.compile(rf"{_number_guard()}(?P<num>{bare})\s*(?P<j>(?i:{joiners}))\s*$"),
        "joined": re.compile(rf"(?i:{joiners})$"),
        "lead": re.compile(lead),
        "label": re.compile(rf"(?<![^\W\d_])(?i:{'|'.join(re.escape(w) for w in lists['label_words'])})\s*$"),
        "between": re.compile(rf"^\s*(?P<j>(?i:{'|'.join(re.escape(j) for j in lists['range_joiners'])}))\s*$"),
        "scale": re.compile(scale_pattern()),
        "counted": re.compile(rf"\s*(?i:{counted})\s*[^\W\d_]"),
        "change": re.compile(rf"(?i:\b(?:{'|'.join(lists['change_verbs'])})\w*)\s+$"),
        "year": re.compile(lists["years"]),
    }


def _last_word(text: str) -> str:
    """Regex of the last word of a qualifier phrase as :func:`phrase` writes it (« de » also « d' »)."""
    words = text.replace("’", "'").split()
    if len(words) > 1 and words[-1] == "de":
        return rf"(?:de|d{APOS})"
    return phrase(words[-1])


@lru_cache(maxsize=None)
def context_patterns() -> dict[str, re.Pattern[str]]:
    """Compiled patterns around an amount: qualifier phrases ``before``/``after`` it (named groups
    ``b_<qualifier>``/``a_<qualifier>``; ``before_end``: the last word of a ``before`` phrase), ``period`` (group ``p<i>``: i-th entry of periods.json) and
    ``sentence`` ends (group ``next``: what a full stop needs after it)."""
    quals = load_json("money/qualifiers.json")
    periods = {k: v for k, v in load_json("money/periods.json").items() if not k.startswith("_")}
    between = "|".join(phrase(w) for w in load_json("money/periods.json")["_between"])

    def alt(phrases: list[str]) -> str:
        return "|".join(phrase(p) for p in sorted(phrases, key=len, reverse=True))

    before = "|".join(rf"(?P<b_{q}>{alt(p)})" for q, p in quals["before"].items())
    all_before = [p for phrases in quals["before"].values() for p in phrases]
    chained = alt(all_before)  # « pouvant atteindre jusqu'à »
    after = "|".join(rf"(?P<a_{q}>{alt(p)})" for q, p in quals["after"].items())
    period = "|".join(rf"(?P<p{i}>{phrase(k) if k[0].isalpha() else re.escape(k)})" for i, k in enumerate(periods))
    return {
        "before_end": re.compile(rf"(?i:{'|'.join(sorted(set(map(_last_word, all_before)), key=len, reverse=True))})\s*$"),
        "before": re.compile(rf"(?<![^\W\d_]){guard(initials(all_before))}(?i:(?:{chained})\s+)*(?i:{before})\s*$"),
        "after": re.compile(rf"\s*,?\s*(?i:{after}){WORD_END}"),
        "period": re.compile(rf"(?:\s+(?i:{between}){WORD_END})?\s*{guard(initials(periods))}(?i:{period}){WORD_END}"),
        "sentence": re.compile(r"[.!?…\n](?:(?<=\n)|(?=(?P<next>\s+[«\"“(A-ZÀ-Ý])))"),
    }


def _heads(surface: str) -> set[str]:
    """Lower-cased letter runs that a text matching ``surface`` (spaces optional) can start with."""
    heads, run = set(), ""
    for part in surface.lower().split():
        letters = re.match(r"[^\W\d_]*", part).group()
        if not letters:
            break
        run += letters
        heads.add(run)
        if len(letters) < len(part):
            break
    return heads


# What the regex engine's case folding matches with an ASCII letter besides its two cases
# (checked against every code point by tests/parsers/test_money.py).
ASCII_FOLDS = {"i": "İı", "k": "\u212a", "s": "ſ"}


def _word_starts(words: set[str]) -> str:
    """Regex of a non-letter followed by one of ``words`` (lower case, matched case-insensitively),
    as a trie of character classes, so that the engine discards a wrong first letter at once."""
    def char(ch: str) -> str:
        if not ch.isascii():
            return f"(?i:{re.escape(ch)})"
        return "[" + re.escape(ch + ch.upper() + ASCII_FOLDS.get(ch, "")) + "]"

    return rf"[\W\d_]{trie_alternation(words, char)}(?![^\W\d_])"


@lru_cache(maxsize=None)
def _start_patterns() -> tuple[tuple[re.Pattern[str], int], ...]:
    """(pattern, offset): a match's start plus the offset is where an amount or a currency sign
    before it can start: a run of digits, dots and commas that starts with a digit or a decimal
    comma, a symbol, « un(e) » before a collective (even
    inside a word, as in ``money``), a word that starts a number or a sign, after a non-letter
    (the text's start is always a candidate). Signs are matched case-insensitively (a superset).
    Each pattern starts with a character class, which the regex engine scans for in one step."""
    lex, t = lexicon(), tables()
    signs = lex.before_signs
    symbols = sorted({s[0] for s in signs if not s[0].isalpha()})
    heads = set(first_words()).union(*(_heads(s) for s in signs))
    collectives = "|".join(map(re.escape, t["collectives"]))
    return (
        (re.compile(rf"[\d{re.escape(t['decimal_separator'])}](?:(?<=\d)|(?=\d))[\d.,]*"), 0),
        (re.compile(f"[{''.join(map(re.escape, symbols))}]"), 0),
        (re.compile(rf"[uU](?=(?i:ne?\s+(?:{collectives})))"), 0),
        (re.compile(_word_starts(heads)), 1),
    )


def starts(text: str) -> list[int]:
    """Every position where a ``money`` or ``carry`` match can start (a superset), in order."""
    return sorted({0}.union(*({m.start() + offset for m in pattern.finditer(text)} for pattern, offset in _start_patterns())))


def find_from(pattern: re.Pattern[str], text: str, positions: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when no match can start outside ``positions`` (sorted): it is tried only there."""
    end = 0
    for position in positions:
        if position >= end:
            m = pattern.match(text, position)
            if m:
                end = m.end()
                yield m


@lru_cache(maxsize=None)
def false_positives() -> tuple[tuple[re.Pattern[str], Optional[re.Pattern[str]]], ...]:
    """(mention, after) patterns of the known false-positive shapes (``false_positives.jsonl``)."""
    return tuple(
        (re.compile(fp["mention"], re.I), re.compile(fp["after"], re.I) if fp.get("after") else None)
        for fp in load_jsonl("money/false_positives.jsonl")
    )
