"""Candidate date atoms: every rule match turned into fields, with whether it may stand alone.

An atom's ``status`` is ``alone`` (a date by itself), ``partial`` (only usable as one end of
an interval: « du 3 » in « du 3 au 7 mars », a bare « 2014 » in « entre 2014 et 2018 ») or
``needs_mod`` (a date only with a modifier: « l'année » in « à la fin de l'année »).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Optional

from ..resources import load_json
from .dates_patterns import (APOSTROPHE, RULE_STARTS, TOKEN, WORD_START, alternation, calendar, ends_with, first_words,
                             holidays, relative, rules)
from .numbers import parse_number

CONTEXT = 40  # characters of left context the cue checks look at


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


def _lower(group: Optional[str]) -> Optional[str]:
    return None if group is None else re.sub(r"\s+", " ", group.lower().replace("’", "'")).rstrip(".")


def _lookup(table: dict[str, Any], word: Optional[str]) -> Any:
    return None if word is None else table.get(_lower(word))


def month_number(word: str) -> Optional[int]:
    """1–12 from a month name, abbreviation or digits."""
    if word.isdigit():
        return int(word) if 1 <= int(word) <= 12 else None
    cal = calendar()
    return _lookup(cal["months"], word) or _lookup(cal["month_abbreviations"], word)


def day_number(word: str) -> Optional[int]:
    """1–31 from « 1er », « 13e », « premier », « vingt-cinq »."""
    w = _lower(word)
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
def _contexts() -> dict[str, re.Pattern[str]]:
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
        "duration_cue": re.compile(rf"(?:{WORD_START}{alternation(dur['cues'])}|{agreement}\s+(?:de|d{APOSTROPHE}))\s*$", re.I),
    }


def _before(text: str, start: int) -> str:
    return text[max(0, start - CONTEXT):start]


def _year_status(text: str, start: int, end: int, year: int) -> Optional[str]:
    """``alone``, ``partial`` or None (not a year: « 2000 salariés », « près de 2000 »)."""
    ctx, before, after = _contexts(), _before(text, start), text[end:end + CONTEXT]
    if ctx["not_year_after"].match(after) or ctx["quantity"].search(before):
        return None
    if re.search(r"(?<!\d)\d{4}\s?[-–]\s?$", before):
        return "partial"  # the end of « 2019-2020 »: only the interval may take it
    if re.search(r"\d[\s\u00a0\u202f]?$|\d[-/.]\s?$", before) or re.match(r"[-/.]\d(?!\d{3})", after):
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
    cued = m["wd"] or _contexts()["numeric_cue"].search(_before(text, m.start()))
    atom.fields = fields
    return atom if (padded or cued) else None


def _month_year(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    fields: dict[str, Any] = {"month": month_number(m["month"])}
    if re.search(r"\d\s+$", _before(text, m.start())):
        return None  # « 32 janvier 2015 »: a day that does not exist
    if m.groupdict().get("year"):
        if _contexts()["not_year_after"].match(text[m.end():m.end() + CONTEXT]):
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
                   "dir": _lookup(relative()["directions"], m.groupdict().get("dir"))}
    if m.groupdict().get("year"):
        atom.fields["year"] = int(m["year"])
    elif m.groupdict().get("yy"):
        atom.fields["yy"] = int(m["yy"])
    return atom


def _day_rel_month(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    day, direction = day_number(m["day"]), _lookup(relative()["directions"], m["dir"])
    atom.fields = {"day": day, "rel_month": 0 if m["this"] else direction}
    return atom if day and atom.fields["rel_month"] is not None else None


def _weekday_day(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    day = day_number(m["day"])
    atom.fields = {"day": day, "wd": m["wd"]}
    return atom if day else None


def _month(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    if m["month"][0].isupper() and not m["this"] and re.search(r"[^\W\d_,;:]\s*$", _before(text, m.start())):
        return None  # « une mission vers Mars »: a capital inside a sentence is a name, not a month
    direction = _lookup(relative()["directions"], m["dir"])
    atom.fields = {"month": month_number(m["month"]), "dir": direction}
    cued = m["this"] or _contexts()["month_cue"].search(_before(text, m.start()))
    atom.status = "alone" if (direction is not None or cued) else "partial"
    return atom


def _sub_month(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    """« le 3e jour d'octobre », « la dernière semaine de septembre 2014 », « la première quinzaine
    d'avril », « le premier mercredi du mois prochain »."""
    cal = calendar()
    digits = re.match(r"\d+", m["ord"])
    n = int(digits.group()) if digits else _lookup(cal["ordinals"], m["ord"])
    part = cal["month_parts"][_lower(m["part"])] if m["part"] else "WD"
    if not n or n > {"D": 31, "W": 5, "F": 2, "WD": 5}[part]:
        return None
    atom.fields = {"part": part, "n": n, "wd": cal["weekdays"].get(_lower(m["wd"] or "")),
                   "month": month_number(m["month"]) if m["month"] else None,
                   "year": int(m["year"] or m["year_only"]) if m["year"] or m["year_only"] else None}
    if m["year_only"]:  # « la troisième semaine de 2027 »: only weeks count in a year
        if part != "W":
            return None
    elif not m["month"]:  # « du mois prochain », « de ce mois »
        atom.fields["rel_month"] = 0 if m["this"] else _lookup(relative()["directions"], m["dir"])
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
        code, n = cal["periods"][_lower(m["period"])], _lookup(cal["ordinals"], m["ord"])
        n = cal["periods_per_year"][code] if n == -1 else n
        if n > cal["periods_per_year"][code]:
            return None
    atom.fields = {"period": code, "n": n, "year": int(m["year"]) if m["year"] else None}
    return atom


def _season(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    direction = _lookup(relative()["directions"], m["dir"])
    cued = m["this"] or _contexts()["season_cue"].search(_before(text, m.start()))
    atom.fields = {"season": _lookup(calendar()["seasons"], m["season"]), "dir": direction,
                   "year": int(m["year"]) if m["year"] else None}
    atom.status = "alone" if (m["year"] or direction is not None or cued) else "partial"
    return atom


def _weekday(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    if not m["this"] and _contexts()["weekday_set"].search(_before(text, m.start())):
        return None  # « le lundi », « tous les lundis »: a habit, not a date
    directions = relative()["directions"]
    atom.fields = {"wd": m["wd"], "dir": _lookup(directions, m["dir"]), "week": _lookup(directions, m["wdir"]),
                   "this": bool(m["this"]), "later": _lookup(calendar()["weeks_later"], m["later"])}
    return atom


def _holiday(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    if re.match(r"\s+[A-ZÀ-Ý]", text[m.end():]) and not m["year"]:
        return None  # « Noël Mamère »: a first name
    atom.fields = {"year": int(m["year"]) if m["year"] else None, "dir": _lookup(relative()["directions"], m["dir"])}
    if m["movable"]:
        name = m["movable"].split()[-1].split("'")[-1].split("’")[-1]
        if not name[0].isupper():
            return None  # « l'ascension de l'Everest »: the feasts are written with a capital
        atom.rule, atom.fields["easter"] = "easter", _lookup(holidays()["movable"], m["movable"])
        return atom
    atom.fields["month"], atom.fields["day"] = (int(x) for x in _lookup(holidays()["fixed"], m["holiday"]).split("-"))
    return atom


def _rel_day(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    before = _before(text, m.start())
    if _contexts()["of"].search(before) and not _contexts()["from"].search(before):
        return None  # « la France d'aujourd'hui », « le monde de demain »
    atom.fields = {"rel": _lookup(relative()["days"], m["rel"])}
    return atom


def _rel_unit(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    unit_word = _lower(m["unit"])
    unit, direction = relative()["units"][unit_word], _lookup(relative()["directions"], m["dir"])
    if m["ci"] == "-là" or unit == "D" or (unit_word.endswith("s") and unit_word != "mois"):
        return None
    this = m["the"] is not None and _lower(m["the"]) in relative()["this"]
    if unit == "WE" and direction is None and not this:
        return None  # « le week-end »: a habit
    if direction is None and (m["ci"] or this):
        direction = 0
    atom.fields = {"unit": unit, "dir": direction}
    atom.status = "alone" if direction is not None else "needs_mod"
    return atom


def _offset(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    n = count_value(m["num"])
    unit = relative()["units"][_lower(m["unit"])]
    atom.fields = {"unit": unit, "n": -n if m["ago"] else n} if n else {}
    atom.mod = _lookup(relative()["approx_mods"], m["approx"])
    return atom if n else None


def _last_n(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    n = count_value(m["num"])
    direction = _lookup(relative()["directions"], m["dir"] or m["dir2"])
    if not n or direction not in (-1, 1):
        return None
    atom.fields = {"unit": relative()["units"][_lower(m["unit"] or m["unit2"])], "n": n, "dir": direction}
    atom.kind = "interval"
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


def _bare_day(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    day = day_number(m["day"])
    atom.fields, atom.status = {"day": day}, "partial"
    return atom if day else None


def _duration(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    n = count_value(m["num"])
    if not n or not _contexts()["duration_cue"].search(_before(text, m.start())):
        return None
    dur = load_json("dates/durations.json")
    letter, factor = dur["iso_units"][dur["units"][_lower(m["unit"])]]
    atom.fields, atom.kind = {"duration": f"P{n * factor}{letter}"}, "duration"
    return atom


def _simple(builder: Callable[[str, re.Match[str]], Optional[dict[str, Any]]]) -> Callable[..., Optional[Atom]]:
    def handler(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
        fields = builder(text, m)
        if fields is None:
            return None
        atom.fields = fields
        return atom
    return handler


HANDLERS: dict[str, Callable[[str, re.Match[str], Atom], Optional[Atom]]] = {
    "numeric_dmy": _simple(_numeric), "numeric_ymd": _simple(_numeric), "numeric_dmy_space": _simple(_numeric),
    "numeric_dm": _numeric_dm, "numeric_my": _numeric_my, "numeric_ym": _numeric_my,
    "day_month": _day_month, "day_rel_month": _day_rel_month, "week_of": _day_month, "weekday_day": _weekday_day, "month_year": _month_year, "month_yy": _month_year, "sub_month": _sub_month,
    "month": _month, "period": _period, "period_code": _period, "season": _season, "weekday": _weekday,
    "holiday": _holiday, "rel_day": _rel_day, "rel_unit": _rel_unit, "offset": _offset, "last_n": _last_n, "decade": _decade,
    "duration": _duration, "year": _year, "bare_day": _bare_day,
}


def _starts(text: str) -> dict[str, list[int]]:
    """Where each kind of token begins (``digit``, ``month``, ``weekday``…)."""
    words = first_words()
    starts: dict[str, list[int]] = {}
    for m in TOKEN.finditer(text):
        token = m.group()
        kinds = ("digit",) if token.isdigit() else words.get(token.lower(), ())
        for kind in kinds:
            starts.setdefault(kind, []).append(m.start())
    return starts


def find_atoms(text: str) -> list[Atom]:
    """Every candidate atom of every rule (overlapping; the caller chooses). A rule is tried only
    where a token it can start with begins."""
    atoms = []
    starts = _starts(text)
    for rank, (name, pattern) in enumerate(rules()):
        handler = HANDLERS[name]
        positions = sorted({p for kind in RULE_STARTS[name] for p in starts.get(kind, ())})
        for position in positions:
            m = pattern.match(text, position)
            if m:
                atom = handler(text, m, Atom(name, m.start(), m.end(), {}, rank=rank))
                if atom is not None:
                    atoms.append(atom)
    return atoms


def select(atoms: list[Atom]) -> list[Atom]:
    """Longest atoms first (ties: the more specific rule), no overlaps; in text order."""
    chosen: list[Atom] = []  # sorted by start; no two overlap, so their ends are sorted too
    starts: list[int] = []
    for atom in sorted(atoms, key=lambda a: (-(a.end - a.start), a.rank, a.start)):
        i = bisect.bisect_right(starts, atom.start)
        if (i == 0 or chosen[i - 1].end <= atom.start) and (i == len(chosen) or chosen[i].start >= atom.end):
            chosen.insert(i, atom)
            starts.insert(i, atom.start)
    return chosen
