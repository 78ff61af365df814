"""Date atoms: the calendar rules' matches turned into fields, with whether they may stand alone.

An atom's ``status`` is ``alone`` (a date by itself), ``partial`` (only usable as one end of
an interval: « du 3 » in « du 3 au 7 mars », a bare « 2014 » in « entre 2014 et 2018 ») or
``needs_mod`` (a date only with a modifier: « l'année » in « à la fin de l'année »).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Optional

from ..resources import load_json
from .dates_patterns import APOSTROPHE, WORD_END, WORD_START, alternation, calendar, ends_with, holidays, relative
from .numbers import parse_number

CONTEXT = 40  # characters of left context the cue checks look at
# Cues around a year; each search pattern starts with a digit, which the regex engine scans for.
_YEAR_DASH = re.compile(r"\d(?<!\d\d)\d{3}\s?[-–]\s?$")  # « 2019- »: four digits, no digit before them
_NUMBER_BEFORE = re.compile(r"\d(?:[\s\u00a0\u202f]?|[-/.]\s?)$")  # a year inside a bigger number
_NUMBER_AFTER = re.compile(r"[-/.]\d(?!\d{3})")
_SPACES = re.compile(r"\s+")


@dataclass
class Atom:
    """One rule match: where it is, what it says, and whether it can stand alone."""

    rule: str
    start: int
    end: int
    fields: dict[str, Any]
    status: str = "alone"
    rank: int = 0
    mod: Optional[str] = None
    kind: str = "date"
    extra: dict[str, Any] = field(default_factory=dict)


Handler = Callable[[str, "re.Match[str]", Atom], Optional[Atom]]


def norm(group: Optional[str]) -> Optional[str]:
    """Lower-cased, straight apostrophes, single spaces, no final dot."""
    return None if group is None else _SPACES.sub(" ", group.lower().replace("’", "'")).rstrip(".")


def lookup(table: dict[str, Any], word: Optional[str]) -> Any:
    """``table[norm(word)]``, or None."""
    return None if word is None else table.get(norm(word))


def month_number(word: str) -> Optional[int]:
    """1–12 from a month name, abbreviation or digits."""
    if word.isdigit():
        return int(word) if 1 <= int(word) <= 12 else None
    cal = calendar()
    return lookup(cal["months"], word) or lookup(cal["month_abbreviations"], word)


def day_number(word: str) -> Optional[int]:
    """1–31 from « 1er », « 13e », « premier », « vingt-cinq »."""
    w = norm(word)
    digits = re.match(r"\d+", w)
    if digits:
        n = int(digits.group())
    else:
        n = calendar()["day_words"].get(w.replace("-et-", " et "))
    return n if n and 1 <= n <= 31 else None


def count_value(word: str) -> Optional[int]:
    """A small count in digits or words (« 18 », « quatre », « quarante-huit »)."""
    value = parse_number(word)
    return int(value) if value is not None and value == int(value) and value > 0 else None


@lru_cache(maxsize=None)
def contexts() -> dict[str, re.Pattern[str]]:
    """The cue patterns the handlers test on an atom's left or right context."""
    cal, years = calendar(), load_json("dates/years.json")
    dur = load_json("dates/durations.json")
    agreement = alternation(dur["agreement_nouns"])
    return {
        "month_cue": ends_with(cal["month_cues"]),
        "season_cue": ends_with(cal["season_cues"]),
        "weekday_set": ends_with(cal["weekday_not_after"]),
        "numeric_cue": ends_with(cal["numeric_day_month_cues"]),
        "strong": re.compile(rf"(?:{WORD_START}{alternation(c for c in years['strong_cues'] if c != '(')}|\()\s*$", re.I),
        "weak": ends_with(years["weak_cues"]),
        "quantity": ends_with(years["quantity_before"]),
        "interval_only": ends_with(years["interval_only_before"]),
        "not_year_after": re.compile(rf"\s*{alternation(years['not_year_after'])}(?![^\W_])", re.I),
        "ok_after": re.compile(rf"\s*(?:$|[^\w\s]|[A-ZÀ-Ý]|{alternation(years['function_words_after'])}(?![^\W_]))"),
        "of": re.compile(rf"{WORD_START}(?:de|d{APOSTROPHE})\s*$", re.I),
        "from": re.compile(rf"{WORD_START}(?:partir|compter)\s+d{APOSTROPHE}?\s*$", re.I),
        "anaphoric_after": re.compile(rf"\s+{alternation(relative()['anaphoric_after_weekday'])}{WORD_END}", re.I),
        "duration_cue": re.compile(rf"(?:{WORD_START}{alternation(dur['cues'])}|{agreement}\s+(?:de|d{APOSTROPHE}))\s*$", re.I),
    }


def left_context(text: str, start: int) -> str:
    """The characters before an atom that its cue checks look at."""
    return text[max(0, start - CONTEXT):start]


def _year_status(text: str, start: int, end: int, year: int) -> Optional[str]:
    """``alone``, ``partial`` or None (not a year: « 2000 salariés », « près de 2000 »)."""
    ctx, before, after = contexts(), left_context(text, start), text[end:end + CONTEXT]
    if ctx["not_year_after"].match(after) or ctx["quantity"].search(before):
        return None
    if _YEAR_DASH.search(before):
        return "partial"  # the end of « 2019-2020 »: only the interval may take it
    if _NUMBER_BEFORE.search(before) or _NUMBER_AFTER.match(after):
        return None  # part of a bigger number (« 12 2025 », « 138-2010-2015 ») or a numeric date (« 2015-1-32 »)
    if ctx["interval_only"].search(before):
        return "partial"  # « entre 2014 » only opens an interval
    if ctx["strong"].search(before):
        return "alone"
    low, high = calendar()["weak_year_range"]
    if low <= year <= high and ctx["ok_after"].match(after):
        return "alone"
    return "partial"


def _numeric(text: str, m: re.Match[str]) -> Optional[dict[str, Any]]:
    day, month = int(m["day"]), int(m["month"])
    if month > 12 and day <= 12:  # US order « 02/22/2016 »
        day, month = month, day
    fields: dict[str, Any] = {"day": day, "month": month}
    year = m.groupdict().get("year")
    if year:
        if len(year) == 2 and m.groupdict().get("sep") == "." and len(m["day"]) < 2:
            return None  # « 3.5.10 » is a version number
        fields["year" if len(year) == 4 else "yy"] = int(year)
    if m.groupdict().get("wd"):
        fields["wd"] = m["wd"]
    return fields if 1 <= month <= 12 and 1 <= day <= 31 else None


def _numeric_dm(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    fields = _numeric(text, m)
    if fields is None:
        return None
    padded = len(m["day"]) == 2 and len(m["month"]) == 2
    cued = m["wd"] or contexts()["numeric_cue"].search(left_context(text, m.start()))
    atom.fields = fields
    return atom if (padded or cued) else None


def _month_year(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    fields: dict[str, Any] = {"month": month_number(m["month"])}
    if re.search(r"\d\s+$", left_context(text, m.start())):
        return None  # « 32 janvier 2015 »: a day that does not exist
    if m.groupdict().get("year"):
        if contexts()["not_year_after"].match(text[m.end():m.end() + CONTEXT]):
            return None
        fields["year"] = int(m["year"])
    else:
        fields["yy"] = int(m["yy"])
    atom.fields = fields
    return atom if fields["month"] else None


def _numeric_my(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    month = int(m["month"])
    atom.fields = {"month": month, "year": int(m["year"])}
    return atom if 1 <= month <= 12 else None


def _day_month(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    day, month = day_number(m["day"]), month_number(m["month"])
    if not day or not month:
        return None
    atom.fields = {"day": day, "month": month, "wd": m["wd"],
                   "dir": lookup(relative()["directions"], m.groupdict().get("dir"))}
    if m.groupdict().get("year"):
        atom.fields["year"] = int(m["year"])
    elif m.groupdict().get("yy"):
        atom.fields["yy"] = int(m["yy"])
    return atom


def _day_rel_month(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    day, direction = day_number(m["day"]), lookup(relative()["directions"], m["dir"])
    atom.fields = {"day": day, "rel_month": 0 if m["this"] else direction}
    return atom if day and atom.fields["rel_month"] is not None else None


def _weekday_day(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    day = day_number(m["day"])
    atom.fields = {"day": day, "wd": m["wd"]}
    return atom if day else None


def _month(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    if m["month"].istitle() and not m["this"] and re.search(r"[^\W\d_,;:]\s*$", left_context(text, m.start())):
        return None  # « une mission vers Mars »: a capital inside a sentence is a name, not a month
    direction = lookup(relative()["directions"], m["dir"])
    atom.fields = {"month": month_number(m["month"]), "dir": direction}
    cued = m["this"] or contexts()["month_cue"].search(left_context(text, m.start()))
    atom.status = "alone" if (direction is not None or cued) else "partial"
    return atom


def _sub_month(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    """« le 3e jour d'octobre », « la dernière semaine de septembre 2014 », « la première quinzaine
    d'avril », « le premier mercredi du mois prochain »."""
    cal = calendar()
    digits = re.match(r"\d+", m["ord"])
    n = int(digits.group()) if digits else lookup(cal["ordinals"], m["ord"])
    part = cal["month_parts"][norm(m["part"])] if m["part"] else "WD"
    if not n or n > {"D": 31, "W": 5, "F": 2, "WD": 5}[part]:
        return None
    atom.fields = {"part": part, "n": n, "wd": cal["weekdays"].get(norm(m["wd"] or "")),
                   "month": month_number(m["month"]) if m["month"] else None,
                   "year": int(m["year"] or m["year_only"]) if m["year"] or m["year_only"] else None}
    if m["year_only"]:  # « la troisième semaine de 2027 »: only weeks count in a year
        if part != "W":
            return None
    elif not m["month"]:  # « du mois prochain », « de ce mois »
        atom.fields["rel_month"] = 0 if m["this"] else lookup(relative()["directions"], m["dir"])
        if atom.fields["rel_month"] is None:
            return None
    atom.kind = "interval" if part == "F" else "date"
    return atom


def _period(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    cal = calendar()
    if m.groupdict().get("code"):
        if not m["code"].isupper():
            return None
        code, n = cal["period_codes"][m["code"]], int(m["n"])
    else:
        code, n = cal["periods"][norm(m["period"])], lookup(cal["ordinals"], m["ord"])
        n = cal["periods_per_year"][code] if n == -1 else n
        if n > cal["periods_per_year"][code]:
            return None
    atom.fields = {"period": code, "n": n, "year": int(m["year"]) if m["year"] else None}
    return atom


def _holiday(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    if re.match(r"\s+[A-ZÀ-Ý]", text[m.end():]) and not m["year"]:
        return None  # « Noël Mamère »: a first name
    atom.fields = {"year": int(m["year"]) if m["year"] else None, "dir": lookup(relative()["directions"], m["dir"])}
    if m["movable"]:
        name = m["movable"].split()[-1].split("'")[-1].split("’")[-1]
        if not name[0].isupper():
            return None  # « l'ascension de l'Everest »: the feasts are written with a capital
        atom.rule, atom.fields["easter"] = "easter", lookup(holidays()["movable"], m["movable"])
        return atom
    atom.fields["month"], atom.fields["day"] = (int(x) for x in lookup(holidays()["fixed"], m["holiday"]).split("-"))
    return atom


def _decade(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    raw = m["dec"]
    value = int(raw) if raw.isdigit() else count_value(raw)
    if value is None or value % 10 or not (20 <= value <= 90 or 1000 <= value <= 2090):
        return None
    atom.fields = {"decade": value // 10 if value >= 1000 else 190 + value // 10}
    return atom


def _year(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    year = int(m["year"])
    status = _year_status(text, m.start(), m.end(), year)
    if status is None:
        return None
    atom.fields, atom.status = {"year": year}, status
    return atom


def _year_span(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    """« la saison 2024-25 », « l'exercice 2024/25 »: two consecutive years, the second in two digits."""
    year = int(m["year"])
    if int(m["yy"]) != (year + 1) % 100 or contexts()["not_year_after"].match(text[m.end():m.end() + CONTEXT]):
        return None
    if contexts()["quantity"].search(left_context(text, m.start())):
        return None
    atom.kind, atom.extra = "interval", {"left_rule": "year"}
    atom.fields = {"left": {"year": year}, "right": Atom("year", m.end() - 2, m.end(), {"year": year + 1})}
    return atom


def _bare_day(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    day = day_number(m["day"])
    atom.fields, atom.status = {"day": day}, "partial"
    return atom if day else None


def _simple(builder: Callable[[str, re.Match[str]], Optional[dict[str, Any]]]) -> Callable[..., Optional[Atom]]:
    def handler(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
        fields = builder(text, m)
        if fields is None:
            return None
        atom.fields = fields
        return atom
    return handler


CALENDAR_HANDLERS: dict[str, Handler] = {
    "numeric_dmy": _simple(_numeric), "numeric_ymd": _simple(_numeric), "numeric_dmy_space": _simple(_numeric),
    "numeric_dm": _numeric_dm, "numeric_my": _numeric_my, "numeric_ym": _numeric_my, "day_month": _day_month,
    "day_rel_month": _day_rel_month, "week_of": _day_month, "weekday_day": _weekday_day, "month_year": _month_year,
    "month_yy": _month_year, "sub_month": _sub_month, "month": _month, "period": _period, "period_code": _period,
    "holiday": _holiday, "decade": _decade, "year_span": _year_span, "year": _year, "bare_day": _bare_day,
}
