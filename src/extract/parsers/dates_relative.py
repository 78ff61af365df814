"""Date atoms of the relative rules: weekdays, « hier », « le mois dernier », « il y a deux ans »,
« les 12 derniers mois », seasons, and durations (« pendant 18 mois »).
"""

from __future__ import annotations

import re
from typing import Optional

from ..resources import load_json
from .dates_atoms import Atom, Handler, contexts, count_value, left_context, lookup, norm
from .dates_patterns import calendar, relative


def _season(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    direction = lookup(relative()["directions"], m["dir"])
    cued = m["this"] or contexts()["season_cue"].search(left_context(text, m.start()))
    atom.fields = {"season": lookup(calendar()["seasons"], m["season"]), "dir": direction,
                   "year": int(m["year"]) if m["year"] else None}
    atom.status = "alone" if (m["year"] or direction is not None or cued) else "partial"
    return atom


def _weekday(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    if not m["this"] and contexts()["weekday_set"].search(left_context(text, m.start())):
        return None  # « le lundi », « tous les lundis »: a habit, not a date
    if contexts()["anaphoric_after"].match(text, m.end()):
        return None  # « mardi suivant »: the Tuesday after an event of the story, not of publication
    directions = relative()["directions"]
    week = 0 if m["wthis"] else lookup(directions, m["wdir"])
    atom.fields = {"wd": m["wd"], "dir": lookup(directions, m["dir"]), "week": week,
                   "this": bool(m["this"]), "later": lookup(calendar()["weeks_later"], m["later"])}
    return atom


def _rel_day(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    before = left_context(text, m.start())
    if contexts()["of"].search(before) and not contexts()["from"].search(before):
        return None  # « la France d'aujourd'hui », « le monde de demain »
    atom.fields = {"rel": lookup(relative()["days"], m["rel"])}
    return atom


def _rel_unit(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    unit_word = norm(m["unit"])
    unit, direction = relative()["units"][unit_word], lookup(relative()["directions"], m["dir"])
    if m["ci"] == "-là" or unit == "D" or (unit_word.endswith("s") and unit_word != "mois"):
        return None
    this = m["the"] is not None and norm(m["the"]) in relative()["this"]
    if unit == "WE" and direction is None and not this:
        return None  # « le week-end »: a habit
    if direction is None and (m["ci"] or this):
        direction = 0
    atom.fields = {"unit": unit, "dir": direction}
    atom.status = "alone" if direction is not None else "needs_mod"
    return atom


def _offset(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    n = count_value(m["num"])
    unit = relative()["units"][norm(m["unit"])]
    atom.fields = {"unit": unit, "n": -n if m["ago"] else n} if n else {}
    atom.mod = lookup(relative()["approx_mods"], m["approx"])
    return atom if n else None


def _last_n(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    n = count_value(m["num"])
    direction = lookup(relative()["directions"], m["dir"] or m["dir2"])
    if not n or direction not in (-1, 1):
        return None
    atom.fields = {"unit": relative()["units"][norm(m["unit"] or m["unit2"])], "n": n, "dir": direction}
    atom.kind = "interval"
    return atom


def _duration(text: str, m: re.Match[str], atom: Atom) -> Optional[Atom]:
    if not contexts()["duration_cue"].search(left_context(text, m.start())):
        return None  # the cue first: most counts before a unit are not durations
    n = count_value(m["num"])
    if not n:
        return None
    dur = load_json("dates/durations.json")
    letter, factor = dur["iso_units"][dur["units"][norm(m["unit"])]]
    atom.fields, atom.kind = {"duration": f"P{n * factor}{letter}"}, "duration"
    return atom


RELATIVE_HANDLERS: dict[str, Handler] = {
    "season": _season, "weekday": _weekday, "rel_day": _rel_day, "rel_unit": _rel_unit, "offset": _offset,
    "last_n": _last_n, "duration": _duration,
}
