"""French numbers written in digits or in words: tables, regex pieces and a parser.

Pure functions, no spaCy. The word tables live in ``models/numbers/words.json``; the money
and date parsers build their patterns from :func:`digits_pattern`, :func:`words_pattern` and
:func:`scale_pattern` and read values with :func:`parse_number`.

Conventions (French usage): the comma is the decimal mark; a space (also U+00A0, U+202F,
U+2009), a dot or an apostrophe groups thousands when followed by exactly three digits;
``billion`` is 10^12 (long scale); « un milliard et demi » is 1.5e9.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..resources import load_json

TABLES = "numbers/words.json"
_ENGLISH_THOUSANDS = r"\d{1,3}(?:,\d{3}(?!\d)){2,}(?:\.\d+)?"
_VULGAR = "\u00bc-\u00be\u2150-\u215e"  # ¼ ½ ¾ ⅐ … ⅞
# written fractions and powers: « 3/4 », « 2 1/4 », « ½ », « 1e10 », « 2,5^-1 »
_SLASH = r"(?<![\d/])(?:\d+\s+)?\d+/\d+(?![\d/])"
_POWER = r"(?:[eE][+-]?\d+|\^[+-]{0,2}\d+)(?!\d)"


@dataclass(frozen=True)
class NumberMention:
    """A number found in a text: its value and where it stands (``text[start:end]``)."""

    value: float
    text: str
    start: int
    end: int


def tables() -> dict[str, Any]:
    """The French number-word tables (``models/numbers/words.json``), loaded once."""
    return load_json(TABLES)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def guard(chars: str, classes: str = "") -> str:
    """A lookahead for one of ``chars`` (or of the regex ``classes``, like ``\\d``), case-insensitive:
    put before an alternation whose every branch starts with one of them, it rejects a position in
    one step without changing any match."""
    return rf"(?=(?i:[{classes}{re.escape(''.join(sorted(set(chars))))}]))"


def initials(entries) -> str:
    """First characters of ``entries`` (leading spaces skipped; both apostrophes when one starts an
    entry): what :func:`guard` must accept before an alternation of them."""
    firsts = {e.lstrip()[0] for e in entries if e.strip()}
    if firsts & set("'’"):
        firsts |= set("'’")
    return "".join(sorted(firsts))


@lru_cache(maxsize=None)
def digits_pattern() -> str:
    """Regex source of a number in digits (no groups): ``600.000``, ``228'000``, ``1 234,5``, ``,08``."""
    t = tables()
    grouped = "|".join(f"(?:{re.escape(sep)}\\d{{3}}(?!\\d))+" for sep in t["thousands_separators"])
    dec = re.escape(t["decimal_separator"])
    return (
        rf"(?<![\d.,])(?:{_ENGLISH_THOUSANDS}"
        rf"|\d{{1,3}}(?:{grouped})(?:{dec}\d+)?"
        rf"|\d+(?:[.,]\d+)?(?![.,]?\d)"
        rf"|{dec}\d+)"
    )


@lru_cache(maxsize=None)
def ordinal_stems() -> dict[str, float]:
    """Stem → value of the ordinals used as denominators (« cinquième » → 5)."""
    t = tables()
    stems = {(w[:-1] if w.endswith("e") else w): v for w, v in t["cardinals"].items() if v > 2}
    stems.update(t["ordinal_stems"])
    return stems


@lru_cache(maxsize=None)
def _ordinal_pattern() -> str:
    suffixes = _alternation(tables()["ordinal_suffixes"])
    return rf"(?:{_alternation(list(ordinal_stems()))})(?:{suffixes})"


@lru_cache(maxsize=None)
def _vocabulary() -> dict[str, str]:
    """Every number word (lower case) → its kind."""
    t = tables()
    vocab: dict[str, str] = {}
    for kind in ("cardinals", "fractions", "collectives", "scales"):
        vocab.update(dict.fromkeys(t[kind], kind))
    vocab.update(dict.fromkeys(t["hundred"], "hundred"))
    vocab.update(dict.fromkeys(t["thousand"], "thousand"))
    return vocab


def first_words() -> list[str]:
    """The words a number in words can start with (cardinals, « cent », « mille »), lower case."""
    return [w for w, kind in _vocabulary().items() if kind in ("cardinals", "hundred", "thousand")]


@lru_cache(maxsize=None)
def words_pattern() -> str:
    """Regex source of a number in words (no groups): « deux cent mille », « un milliard et demi ».

    It starts with a cardinal, « cent » or « mille », so « millions » or « centaines » alone are not numbers.
    """
    vocab = _vocabulary()
    first = guard(initials(first_words())) + f"(?:{_alternation(first_words())})"
    word = rf"{guard(initials([*vocab, *ordinal_stems()]))}(?:{_alternation(list(vocab))}|{_ordinal_pattern()})"
    joint = rf"(?:[\s\-]+{tables()['connector']}[\s\-]+|[\s\-]+)"
    return rf"(?<![^\W\d_])(?i:(?:{first})(?![^\W\d_])(?:{joint}{word}(?![^\W\d_]))*)"


@lru_cache(maxsize=None)
def scale_pattern(abbreviations: bool = True) -> str:
    """Regex source of a scale after digits: « millions », « milliards et demi », and (optionally) ``k``, ``M``, ``Md``."""
    t = tables()
    fraction = rf"\s+{t['connector']}\s+(?:{_alternation(list(t['fractions']))})"
    names = list(t["scales"]) + t["thousand"]
    words = rf"(?i:(?:{_alternation(names)})(?:{fraction})?)(?![^\W\d_])"
    if not abbreviations:
        return guard(initials(names)) + words
    abbreviations = list(t["abbreviations"])
    return rf"{guard(initials(names + abbreviations))}(?:{words}|(?:{_alternation(abbreviations)})(?![^\W\d_]))"


def parse_digits(text: str) -> float | None:
    """Value of a number in digits with French (or English) separators, or None."""
    s = re.sub(r"[\s'’]", "", text.strip())
    if s.startswith(","):
        s = "0" + s
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", s):
        return None
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif s.count(",") > 1:
        s = s.replace(",", "")
    elif "," in s:
        s = s.replace(",", ".")
    elif s.count(".") > 1 or re.fullmatch(r"\d{1,3}\.\d{3}", s):
        s = s.replace(".", "")
    try:
        return float(s)
    except ValueError:
        return None


def _tokens(text: str) -> list[str]:
    """Words split on spaces and hyphens, except a compound ordinal (« vingt-cinquième »), kept whole."""
    out: list[str] = []
    for chunk in text.strip().lower().split():
        out.extend([chunk] if _compound_ordinal(chunk) else [t for t in chunk.split("-") if t])
    return out


def _compound_ordinal(chunk: str) -> float | None:
    """Value of a hyphenated ordinal whose head is a tens word or « et » (« vingt-et-unième » → 21)."""
    head, _, last = chunk.rpartition("-")
    unit = _ordinal_value(last) if head else None
    heads = {w for w, v in tables()["cardinals"].items() if v >= 10 and v % 10 == 0} | {tables()["connector"]}
    if unit is None or head.rpartition("-")[2] not in heads:
        return None
    return parse_words(f"{head.replace('-', ' ')} {int(unit)}")


def _ordinal_value(token: str) -> float | None:
    if "-" in token:
        return _compound_ordinal(token)
    for suffix in sorted(tables()["ordinal_suffixes"], key=len, reverse=True):
        if token.endswith(suffix):
            stem = token[: -len(suffix)]
            return ordinal_stems().get(stem)
    return None


class _Accumulator:
    """Left-to-right reading of French number words (hundreds, thousands, scales, fractions)."""

    def __init__(self) -> None:
        self.big = 0.0  # parts at a scale of a million or more
        self.group = 0.0  # thousands below a million
        self.current = 0.0  # below a thousand
        self.since_et = 0.0  # value added since the last « et » (a fraction's numerator)
        self.last_scale = 1.0
        self.et_after_scale = False
        self.prev = ""

    def add(self, token: str) -> bool:
        """Read one token; False when it is not a number word."""
        t = tables()
        kind = _vocabulary().get(token)
        if token == t["connector"]:
            self.since_et = 0.0
            self.et_after_scale = self.current == 0 and self.last_scale > 1  # « cinq milliards et trois quarts »
        elif kind == "cardinals":
            after_quatre = token.startswith("vingt") and self.prev == "quatre"
            self._plus(80 - 4 if after_quatre else t["cardinals"][token])  # « quatre-vingt(s) »
        elif kind == "hundred":
            self._times(100)
        elif kind == "thousand":
            self.group += (self.current or 1) * 1000
            self.current = self.since_et = 0.0
            self.last_scale = 1000
        elif kind == "scales":
            scale = t["scales"][token]
            self.big += ((self.group + self.current) or 1) * scale
            self.group = self.current = self.since_et = 0.0
            self.last_scale = scale
        elif kind == "fractions":
            self._fraction(t["fractions"][token])
        elif kind == "collectives":
            self._times(t["collectives"][token])
        elif (denominator := _ordinal_value(token)) is not None:
            self._fraction(denominator)
        elif (digits := parse_digits(token)) is not None:
            self._plus(digits)
        else:
            return False
        self.prev = token
        return True

    def _plus(self, value: float) -> None:
        self.current += value
        self.since_et += value

    def _times(self, factor: float) -> None:
        before = self.current
        self.current = (self.current or 1) * factor
        self.since_et += self.current - before

    def _fraction(self, denominator: float) -> None:
        if self.prev == tables()["connector"] or not self.since_et:
            self.current += self.last_scale / denominator  # « un milliard et demi »
        else:  # « trois quarts », « six millions et deux tiers »
            scale = self.last_scale if self.et_after_scale else 1.0
            self.current += self.since_et / denominator * scale - self.since_et
        self.since_et = 0.0

    @property
    def value(self) -> float:
        return self.big + self.group + self.current


def parse_words(text: str) -> float | None:
    """Value of a number in French words (digits and abbreviations may mix in: « 3 millions et demi »)."""
    tokens = _tokens(text)
    if not tokens or (_vocabulary().get(tokens[0]) not in ("cardinals", "hundred", "thousand") and parse_digits(tokens[0]) is None):
        return None  # « millions », « demi », « et » alone are not numbers
    acc = _Accumulator()
    for token in tokens:
        if not acc.add(token) and not _abbreviation(acc, token):
            return None
    return acc.value


def _abbreviation(acc: _Accumulator, token: str) -> bool:
    for abbr, scale in tables()["abbreviations"].items():
        if token == abbr.lower() and acc.current:
            acc.big += (acc.group + acc.current) * scale
            acc.group = acc.current = 0.0
            acc.prev = token
            return True
    return False


@lru_cache(maxsize=None)
def _parse_patterns() -> dict[str, re.Pattern[str]]:
    """The patterns :func:`parse_number` reads a number with, compiled once."""
    t = tables()
    return {
        "negative": re.compile(rf"(?:-|−|(?i:{_alternation(t['negative_words'])})\s)\s*"),
        "decimal": re.compile(rf"(.+?)\s+{t['decimal_word']}\s+(.+)", re.I),
        "digits": re.compile(digits_pattern()),
    }


def parse_number(text: str) -> float | None:
    """Value of a text that is exactly one French number (« 139,3 millions », « deux cent mille », « 30 M »), or None.

    A leading minus sign or « moins »/« négatif » makes it negative.
    """
    s = text.strip()
    sign = 1.0
    pats = _parse_patterns()
    neg = pats["negative"].match(s)
    if neg:
        sign, s = -1.0, s[neg.end():]
    decimal = pats["decimal"].fullmatch(s)
    if decimal:
        whole, frac = parse_number(decimal.group(1)), _decimal_digits(decimal.group(2))
        return None if whole is None or frac is None else sign * (whole + frac)
    head = pats["digits"].match(s)
    written = _written_fraction_or_power(s, head)
    if written is not None:
        value = written
    elif head and head.end() == len(s):
        value = parse_digits(s)
    elif head:
        value = _digits_then_scale(s, head.end())
    else:
        value = parse_words(s)
    return None if value is None else sign * float(f"{value:.15g}")  # « trois cinquièmes » → 0.6, not 0.6000000000000001


def _written_fraction_or_power(s: str, head: re.Match[str] | None) -> float | None:
    """« 3/4 » → 0.75, « 2 1/4 » → 2.25, « ½ » → 0.5, « 1,1^23 », « 12,32e+14 »; None for anything else."""
    slash = re.fullmatch(r"(?:(\d+)\s+)?(\d+)/(\d+)", s)
    if slash:
        whole, num, den = (int(g) if g else 0 for g in slash.groups())
        return whole + num / den if den else None
    if re.fullmatch(rf"[{_VULGAR}]", s):
        return unicodedata.numeric(s)
    power = re.fullmatch(_POWER, s[head.end():]) if head else None
    base = parse_digits(head.group(0)) if power else None
    if base is None:
        return None
    exponent = s[head.end() + 1:]
    sign = -1 if exponent.count("-") % 2 else 1
    exponent_value = sign * int(exponent.lstrip("+-"))
    return base * 10.0 ** exponent_value if s[head.end()] in "eE" else base ** exponent_value


def _digits_then_scale(s: str, cut: int) -> float | None:
    base = parse_digits(s[:cut])
    rest = s[cut:].strip()
    abbreviation = tables()["abbreviations"].get(rest)
    if base is None:
        return None
    if abbreviation:
        return base * abbreviation
    acc = _Accumulator()
    acc.current = acc.since_et = base
    for token in _tokens(rest):
        if not acc.add(token):
            return None
    return acc.value


def _decimal_digits(text: str) -> float | None:
    """« trois » → 0.3, « zéro trois » → 0.03, « cinquante deux » → 0.52 (digits read after « virgule »)."""
    tokens = _tokens(text)
    zeros = 0
    while tokens and tables()["cardinals"].get(tokens[0]) == 0:
        zeros, tokens = zeros + 1, tokens[1:]
    value = parse_words(" ".join(tokens)) if tokens else 0.0
    if value is None:
        return None
    digits = len(str(int(value))) if value else 0
    return value / 10 ** (digits + zeros)


@lru_cache(maxsize=None)
def _finder() -> re.Pattern[str]:
    t = tables()
    neg = rf"(?:(?:-|−)\s*|(?i:{_alternation(t['negative_words'])})\s+)?"
    collectives = _alternation(list(t["collectives"]))
    digits = rf"{digits_pattern()}(?:{_POWER}|\s*{scale_pattern()}|\s+(?i:{collectives}))?"
    single = rf"(?:{_SLASH}|[{_VULGAR}]|{digits}|{words_pattern()})"
    decimal = rf"(?:\s+(?i:{t['decimal_word']})\s+{words_pattern()})?"
    ratio = rf"(?:\s+sur\s+{single}(?!\s+(?!et\b|ou\b)[^\W\d_]))?"  # not « sur 3 ans »
    return re.compile(rf"(?<![^\W_])(?P<n>{neg}{single}{decimal})(?P<ratio>{ratio})(?![^\W\d_])")


def find_numbers(text: str) -> list[NumberMention]:
    """Every number in a text, digits or words, left to right; « un sur trois » is the ratio 1/3."""
    out = []
    for m in _finder().finditer(text):
        value = parse_number(m.group("n"))
        if value is None:
            continue
        if m.group("ratio"):
            denominator = parse_number(re.sub(r"^\s+sur\s+", "", m.group("ratio")))
            value = value / denominator if denominator else value
        out.append(NumberMention(value, m.group(0), m.start(), m.end()))
    return out
