"""Regex pieces of French dates, assembled from the word lists in ``models/dates/``.

Small named pieces (``day``, ``month``, ``year``, ``weekday``, ``unit``, ``direction``…) are
combined into one pattern per rule; :func:`rules` returns them compiled, in a fixed order.
Every rule captures named groups that :mod:`extract.parsers.dates_atoms` turns into fields.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

from ..resources import load_json
from .numbers import guard, initials

APOSTROPHE = "['’]"
WORD_END = r"(?![^\W_])"
WORD_START = r"(?<![^\W_])"
# A day number is not a time (« 14h », « 14:30 »), a percentage or a decimal.
NOT_TIME = r"(?!\s*(?:h\b|h\d|:\d|%|[.,]\d))"


def calendar() -> dict[str, Any]:
    """Month, weekday, ordinal, season and day-word tables (``dates/calendar.json``)."""
    return load_json("dates/calendar.json")


def holidays() -> dict[str, Any]:
    """Fixed-date holidays (``dates/holidays.json``)."""
    return load_json("dates/holidays.json")


def relative() -> dict[str, Any]:
    """Deictic days, units, directions (``dates/relative.json``)."""
    return load_json("dates/relative.json")


def phrase(text: str) -> str:
    """Regex of one word-list entry: apostrophes match ' and ’, spaces match any whitespace."""
    out = []
    for ch in text:
        if ch in "'’":
            out.append(APOSTROPHE)
        elif ch == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def alternation(words: Iterable[str]) -> str:
    """Non-capturing alternation of entries, longest first (so « janvier » beats « jan »), behind a
    lookahead for their first characters (:func:`.numbers.guard`): the engine rejects most positions
    in one step, and the lookahead, case-insensitive, never rejects one of them."""
    entries = sorted(set(words), key=len, reverse=True)
    body = "(?:" + "|".join(phrase(w) for w in entries) + ")"
    if not entries or not all(entries):
        return body
    return guard(initials(entries), r"\s" if any(w[0] == " " for w in entries) else "") + body


def ends_with(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds one of ``words`` at the end of a (lower-cased) context."""
    return re.compile(WORD_START + alternation(words) + r"\s*$", re.IGNORECASE)


@lru_cache(maxsize=None)
def pieces() -> dict[str, str]:
    """The named regex pieces every rule is built from (no groups inside)."""
    cal, rel = calendar(), relative()
    suffixes = alternation(cal["ordinal_suffixes"])
    day_words = alternation(list(cal["day_words"]) + ["vingt-et-un", "trente-et-un"])
    return {
        "day_num": rf"(?<![\d,.])(?:3[01]|[12]\d|0?[1-9])(?:{suffixes}|ᵉʳ)?(?!\d){NOT_TIME}",
        "day_word": rf"{WORD_START}{day_words}{WORD_END}",
        "month_full": rf"{WORD_START}{alternation(cal['months'])}{WORD_END}",
        "month_abbr": rf"{WORD_START}{alternation(cal['month_abbreviations'])}(?:\.|{WORD_END})",
        "year4": r"(?<![\d.,/])(?:1\d{3}|2[01]\d{2})(?!\d|[.,]\d)",
        "yy": r"(?<![\d.,])\d{2}(?=\s*(?:[,.;:)!?]|$))",
        "weekday_full": rf"{WORD_START}{alternation(cal['weekdays'])}{WORD_END}",
        "weekday_abbr": rf"{WORD_START}{alternation(cal['weekday_abbreviations'])}\.",
        "ordinal": rf"{WORD_START}{alternation(cal['ordinals'])}{WORD_END}",
        "period": rf"{WORD_START}{alternation(cal['periods'])}{WORD_END}",
        "month_part": rf"{WORD_START}{alternation(cal['month_parts'])}{WORD_END}",
        "season": rf"{WORD_START}{alternation(cal['seasons'])}{WORD_END}",
        "rel_day": rf"{WORD_START}{alternation(rel['days'])}{WORD_END}",
        "unit": rf"{WORD_START}{alternation(rel['units'])}{WORD_END}",
        "direction": rf"{WORD_START}{alternation(d for d in rel['directions'] if d != '-ci')}{WORD_END}",
        "plural_direction": rf"{WORD_START}{alternation(d for d in rel['directions'] if d.endswith('s'))}{WORD_END}",
        "this": rf"{WORD_START}{alternation(rel['this'])}{WORD_END}",
        "the": rf"{WORD_START}{alternation(rel['the'])}",
        "approx": alternation(rel["approx"]),
        "ago": rf"{WORD_START}{alternation(rel['ago'])}{WORD_END}",
        "ahead": rf"{WORD_START}{alternation(rel['ahead'])}{WORD_END}",
        "duration_unit": rf"{WORD_START}{alternation(load_json('dates/durations.json')['units'])}{WORD_END}",
        "count": rf"(?:\d{{1,3}}(?!\d)|{WORD_START}{_count_words()}{WORD_END})",
    }


def _count_words() -> str:
    """Number words usable as a count of units (« trois », « dix-huit », « quarante-huit »)."""
    from .numbers import tables

    words = [w for w in tables()["cardinals"] if w not in ("zéro", "zero")]
    word = alternation(words)
    return rf"{word}(?:(?:[\s-]+et[\s-]+|[\s-]+){word}){{0,5}}"  # « quatre-vingt-dix-neuf »: a few words


def _day(p: dict[str, str]) -> str:
    return rf"(?P<day>{p['day_num']}|{p['day_word']})"


def _month(p: dict[str, str], abbreviations: bool = True) -> str:
    alts = f"{p['month_full']}|{p['month_abbr']}" if abbreviations else p["month_full"]
    return rf"(?P<month>{alts})"


def _weekday_prefix(p: dict[str, str]) -> str:
    return rf"(?:(?P<wd>{p['weekday_full']}|{p['weekday_abbr']})[,.]?\s+)?"


# The kinds of token each rule can start with (see :func:`first_words`): a rule is only tried
# where such a token begins, which keeps the scan fast on long texts.
RULE_STARTS = {
    "numeric_dmy": ("weekday", "digit"), "numeric_ymd": ("digit",), "numeric_dmy_space": ("digit",),
    "numeric_dm": ("weekday", "digit"), "numeric_my": ("digit",), "numeric_ym": ("digit",),
    "day_month": ("weekday", "digit", "day_word"), "day_rel_month": ("digit", "day_word"),
    "week_of": ("the", "unit"), "weekday_day": ("weekday",), "month_year": ("month",),
    "month_yy": ("month",), "sub_month": ("ordinal", "digit"), "month": ("this", "month"), "period": ("ordinal",), "period_code": ("code",),
    "season": ("this", "the", "season"), "weekday": ("this", "weekday"), "holiday": ("holiday", "digit"),
    "rel_day": ("rel_day",), "rel_unit": ("the", "this", "unit"), "offset": ("ago", "ahead"),
    "last_n": ("digit", "count"), "decade": ("decade",), "duration": ("digit", "count"), "year_span": ("digit",),
    "year": ("digit",),
    "bare_day": ("digit", "day_word"),
}
TOKEN = re.compile(r"\d+|[^\W\d_]+")


@lru_cache(maxsize=None)
def first_words() -> dict[str, frozenset[str]]:
    """Lower-cased first token of every word-list entry → the kinds of token it can start."""
    from .numbers import tables

    cal, rel, hol = calendar(), relative(), holidays()
    lists = {
        "month": [*cal["months"], *cal["month_abbreviations"]],
        "weekday": [*cal["weekdays"], *cal["weekday_abbreviations"]],
        "day_word": cal["day_words"], "ordinal": cal["ordinals"], "season": cal["seasons"],
        "code": [c.lower() for c in cal["period_codes"]], "rel_day": rel["days"], "this": rel["this"],
        "the": rel["the"], "unit": rel["units"], "ago": rel["ago"], "ahead": rel["ahead"],
        "holiday": [*hol["fixed"], *hol["movable"], *hol["intro"]], "count": tables()["cardinals"], "decade": ["années"],
    }
    table: dict[str, set[str]] = {}
    for kind, words in lists.items():
        for word in words:
            tokens = TOKEN.findall(word.lower())
            if tokens and not tokens[0].isdigit():
                table.setdefault(tokens[0], set()).add(kind)
    return {word: frozenset(kinds) for word, kinds in table.items()}


@lru_cache(maxsize=None)
def rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``(name, compiled pattern)`` of every date rule, most specific first."""
    p = pieces()
    year = rf"(?P<year>{p['year4']})"
    wd = _weekday_prefix(p)
    sources = {
        "numeric_dmy": rf"{wd}(?<![\d/.-])(?P<day>\d{{1,2}})(?P<sep>[/.-])(?P<month>\d{{1,2}})(?P=sep)"
                       rf"(?P<year>\d{{4}}|\d{{2}})(?!\d|[/.-]\d)",
        "numeric_ymd": r"(?<![\d/.-])(?P<year>\d{4})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d|[/.-]\d)",
        "numeric_dmy_space": r"(?<!\d)(?<!\d\s)(?P<day>\d{2}) (?P<month>\d{2}) (?P<year>\d{4})(?!\s?\d)",
        "numeric_dm": rf"{wd}(?<![\d/.,-])(?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})(?!\d|/\d|[.,]\d)",
        "numeric_my": r"(?<![\d/.,-])(?P<month>\d{1,2}) {0,2}[/-] {0,2}(?P<year>\d{4})(?!\d|[/.-]\d)",
        "numeric_ym": r"(?<![\d/.,-])(?P<year>\d{4}) {0,2}[/.-] {0,2}(?P<month>\d{1,2})(?!\d|[/.-]\d)",
        "day_month": rf"{wd}{_day(p)}\s+(?:de\s+|d{APOSTROPHE}\s*)?{_month(p)}"
                     rf"(?:,?\s+(?:de\s+)?{year}|\s+(?P<yy>{p['yy']})|\s+(?P<dir>{p['direction']}))?",
        "day_rel_month": rf"{_day(p)}\s+(?:de\s+)?(?:(?P<this>{p['this']})\s+mois(?:-ci)?|(?:du\s+)?mois\s+(?P<dir>{p['direction']}))",
        "week_of": rf"(?:la\s+)?semaine\s+du\s+{wd}{_day(p)}\s+(?:de\s+|d{APOSTROPHE}\s*)?{_month(p)}(?:,?\s+(?:de\s+)?{year})?",
        # « mardi 13, … » but not « mardi trois marchés » / « mardi 3 contrats » (a count after the weekday)
        "weekday_day": rf"(?P<wd>{p['weekday_full']})\s+(?P<day>{p['day_num']})"
                       rf"(?!\s+(?:de\s+|d{APOSTROPHE}\s*)?(?:{p['month_full']}|{p['month_abbr']}))"
                       rf"(?!\s+(?!(?:au|à|et|ou|dès|dans|en|matin|soir|après-midi){WORD_END})[a-zà-ÿ])",
        "month_year": rf"{_month(p)}\s+(?:de\s+(?:l{APOSTROPHE}ann[ée]e\s+)?)?(?:{year}|(?P<yy>{p['yy']}))",
        "month_yy": rf"{_month(p, False)}\s*{APOSTROPHE}(?P<yy>\d{{2}})(?!\d)",
        "month": rf"(?:(?P<this>{p['this']})\s+)?{_month(p, False)}(?:\s+(?P<dir>{p['direction']}))?",
        "sub_month": rf"(?P<ord>{p['ordinal']}|(?<![\d,.])\d{{1,2}}(?:e|ème|eme){WORD_END})\s+"
                     rf"(?:(?P<part>{p['month_part']})|(?P<wd>{p['weekday_full']}))\s+"
                     rf"(?:d[eu]\s+(?:(?P<this>{p['this']})\s+)?mois(?:\s+(?P<dir>{p['direction']}))?(?![^\W_])"
                     rf"|(?:du\s+mois\s+)?(?:de\s+|d{APOSTROPHE}\s*){_month(p, False)}(?:\s+(?:de\s+)?{year})?"
                     rf"|de\s+(?:l{APOSTROPHE}ann[ée]e\s+)?(?P<year_only>{p['year4']}))",
        "period": rf"(?P<ord>{p['ordinal']})\s+(?P<period>{p['period']})(?:\s+(?:de\s+|d{APOSTROPHE}\s*)?{year})?",
        "period_code": rf"(?<![^\W_])(?P<code>[TQSH])(?P<n>[1-4])\s+(?:de\s+)?{year}",
        "season": rf"(?:(?P<this>{p['this']}|l{APOSTROPHE})\s*)?(?P<season>{p['season']})(?:\s+(?:de\s+)?{year}|\s+(?P<dir>{p['direction']}))?",
        "weekday": rf"(?:(?P<this>{p['this']})\s+)?(?P<wd>{p['weekday_full']})"
                   rf"(?:\s+(?P<dir>{p['direction']})|\s+(?:de\s+)?la\s+semaine\s+(?P<wdir>{p['direction']})"
                   rf"|\s+(?:de\s+)?(?P<wthis>cette)\s+semaine{WORD_END}"
                   rf"|\s+en\s+(?P<later>{alternation(calendar()['weeks_later'])}){WORD_END})?",
        "holiday": rf"(?:{alternation(holidays()['intro'])}\s*)?(?:(?P<holiday>{alternation(holidays()['fixed'])})|(?P<movable>{alternation(holidays()['movable'])})){WORD_END}"
                   rf"(?:\s+{year}|\s+(?P<dir>{p['direction']}))?",
        "rel_day": rf"(?P<rel>{p['rel_day']})",
        "rel_unit": rf"(?:(?P<the>{p['the']}|{p['this']})\s*)?(?P<unit>{p['unit']})"
                    rf"(?:(?P<ci>-ci|-là)|\s+(?P<dir>{p['direction']}))?"
                    rf"(?!\s+(?:de\s+|d{APOSTROPHE}\s*)?(?:{p['month_full']}|{p['year4']}))",
        "offset": rf"(?:(?P<ago>{p['ago']})|(?P<ahead>{p['ahead']}))\s+(?:(?P<approx>{p['approx']})\s+)?(?P<num>{p['count']})\s+(?P<unit>{p['unit']})",
        "last_n": rf"(?P<num>{p['count']})\s+(?:(?P<dir>{p['plural_direction']})\s+(?P<unit>{p['unit']})"
                  rf"|(?P<unit2>{p['unit']})\s+(?P<dir2>{p['plural_direction']}))",
        "decade": rf"{WORD_START}années\s+(?P<dec>(?:19|20)?[1-9]0|2000|{p['count']})(?:{APOSTROPHE}?s)?{WORD_END}",
        "duration": rf"(?P<num>{p['count']})\s+(?P<unit>{p['duration_unit']})",
        "year_span": rf"{year}\s?[-–/]\s?(?P<yy>\d{{2}})(?![\d/–-]|[.,]\d)",  # « l'exercice 2024-25 »
        "year": year,
        "bare_day": rf"(?P<day>{p['day_num']}|{p['day_word']})",
    }
    return tuple((name, re.compile(src, re.IGNORECASE)) for name, src in sources.items())
