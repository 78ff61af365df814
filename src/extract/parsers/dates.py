"""French dates in news text: ``parse_dates(text, published)`` → :class:`DateMention` list.

Pure function, no spaCy. Values are TIMEX3: ``2022``, ``2025-04``, ``2022-09-26``,
``2026-Q1``, ``2026-H1``, ``2025-SU``, ``2026-W04``, ``197`` (the 1970s), ``XXXX-01-24``
(year unknown), ``XXXX-WXX-7`` (a Sunday, date unknown); durations ``P5Y``, ``P18M``.

Kinds: ``date`` (a point, possibly with a ``mod``), ``interval`` (``begin``/``until``; the
``value`` is the ISO 8601 interval of the two ends *as written*, ``2014/2018``, inclusive at
its precision, while ``until`` is **exclusive**: « entre 2014 et 2018 » → begin ``2014``,
until ``2019``), ``duration`` (« pendant 18 mois » → ``P18M``) and ``end`` (« jusqu'en
2027 », « d'ici 2030 » → ``2027``, mod ``ON_OR_BEFORE``).

Reference and conventions (see ``models/dates/README.md``):
- Relative expressions (« hier », « ce dimanche », « le mois dernier », « le 24 janvier »)
  are resolved against ``published``; without it, against the text's own statement of the
  present (« Nous sommes en janvier 2026 »), to the precision that statement has; otherwise
  an unknown year stays ``XXXX`` and deictic words (« hier ») yield nothing.
- News is about the past: a bare weekday, day-month or month is the latest one on or before
  the reference, unless its sentence is in the future tense (then the next one).
- Vague expressions (« récemment », « dans les prochains jours ») are never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from ..resources import load_json
from .dates_atoms import Atom, contexts, count_value, left_context, norm
from .dates_scan import find_atoms
from .dates_patterns import APOSTROPHE, WORD_END, WORD_START, alternation, calendar, pieces
from .dates_tense import is_future
from .dates_resolve import (Reference, first_day, full_year, iso_week, month_of_day, month_part, movable_feast,
                            next_timex, period_year, season_year, shift, shift_day, shift_value, valid_day, weekday_date,
                            weekday_day_date, weekend, year_of_day, year_of_month, year_week)

INTERVAL_RULES = {"numeric_dmy", "numeric_ymd", "numeric_dmy_space", "numeric_dm", "numeric_my", "numeric_ym",
                  "day_month", "day_rel_month", "weekday_day", "month_year", "month_yy", "month", "year", "bare_day"}
CALENDAR_RULES = INTERVAL_RULES | {"holiday"}
SPAN_MODS = {"START", "MID", "END"}


@dataclass(frozen=True)
class DateMention:
    """A date, interval, duration or end point found in a text (``text[start:end] == self.text``)."""

    value: str
    kind: str
    text: str
    start: int
    end: int
    begin: Optional[str] = None
    until: Optional[str] = None
    mod: Optional[str] = None

    def as_dict(self) -> dict[str, Any]:
        """Plain-data form (for ``span._.date`` and JSON)."""
        return dict(vars(self))  # the fields, in order (``asdict`` would deep-copy immutable values)


@lru_cache(maxsize=None)
def _patterns() -> dict[str, re.Pattern[str]]:
    mods = load_json("dates/modifiers.json")
    forms = alternation(e["form"] for e in mods["prefixes"])
    links = alternation(mods["links"])
    return {
        "mod": re.compile(rf"{WORD_START}(?<!['’])(?P<form>{forms})\s*(?:(?P<link>{links})\s*)?$", re.I),
        "opener": re.compile(rf"{WORD_START}{alternation(mods['interval_openers'])}\s*(?:{alternation(mods['article'])}\s*)?$", re.I),
        "joiner": re.compile(rf"\s*(?P<j>{alternation(mods['interval_joiners'])})\s*(?:{alternation(mods['article'])}\s*)?", re.I),
        "day_shift": re.compile(rf"{WORD_START}(?P<shift>{alternation(mods['day_shifts'])})\s+"
                                rf"{alternation(mods['day_shift_links'])}\s*$", re.I),
        "coordinator": re.compile(rf"\s*{alternation(mods['coordinators'])}\s*(?:{alternation(mods['article'])}\s*)?", re.I),
        "day_pair_after": re.compile(rf"\s+(?!{alternation(mods['day_pair_words_after'])}{WORD_END})[^\W\d_]"),
        "anchored_offset": re.compile(rf"{WORD_START}(?P<num>{pieces()['count']})\s+(?P<unit>{pieces()['unit']})\s+$",
                                      re.I),
        "weekday_pair_opener": re.compile(rf"{WORD_START}(?P<nuit>nuit\s+)?(?P<open>de|du|entre)\s*$", re.I),
        "day_article": re.compile(rf"(?:{WORD_START}(?:le|du)|jusqu{APOSTROPHE}au)\s*$", re.I),
        "present": re.compile(rf"{WORD_START}(?:nous\s+sommes|on\s+est)\s+(?:en|le|au)\s*$", re.I),
    }


def _mod_entry(form: str) -> dict[str, Any]:
    norm = re.sub(r"\s+", " ", form.lower().replace("’", "'"))
    return next(e for e in load_json("dates/modifiers.json")["prefixes"] if e["form"] == norm)


def _weekday(word: str) -> int:
    cal, w = calendar(), word.lower().rstrip(".")
    return cal["weekdays"].get(w) or cal["weekday_abbreviations"][w]


def _calendar_value(f: dict[str, Any], ref: Optional[Reference], future: bool) -> Optional[str]:
    year = f.get("year") or (full_year(f["yy"]) if f.get("yy") is not None else None)
    day, month = f.get("day"), f.get("month")
    if f.get("rel_month") is not None:  # « le 4 de ce mois », « le 3 du mois prochain »
        year_month = shift(ref, "M", f["rel_month"])
        if year_month is None:
            return None
        year, month = (int(x) for x in year_month.split("-"))
    if day and month:
        year = year or year_of_day(ref, month, day, future if not f.get("dir") else f["dir"] == 1)
        if not valid_day(year, month, day):
            return None
        return f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"
    if day:
        found = weekday_day_date(ref, _weekday(f["wd"]), day, future) if f.get("wd") else None
        return found.isoformat() if found else f"XXXX-XX-{day:02d}"
    if month:
        year = year or year_of_month(ref, month, f.get("dir"), future)
        return f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}"
    return f"{year:04d}" if year else None


def _value(atom: Atom, ref: Optional[Reference], text: str, tense: str) -> Optional[str]:
    """TIMEX3 value of one atom (None when it cannot be resolved)."""
    f, rule = atom.fields, atom.rule
    future = lambda: tense == "future" or is_future(text, atom.start)  # noqa: E731  (computed only when needed)
    if rule in CALENDAR_RULES:
        return _calendar_value(f, ref, future() if not f.get("year") else False)
    if rule == "mod_day":  # « à partir du 8 »
        found = month_of_day(ref, f["day"], future())
        if found is None or not valid_day(found[0], found[1], f["day"]):
            return None
        return f"{found[0]:04d}-{found[1]:02d}-{f['day']:02d}"
    if rule == "easter":
        return movable_feast(ref, f["year"], f["easter"], f["dir"], future() if not f["year"] else False)
    if rule == "sub_month":
        bounds = _month_part(atom, ref, text, tense)
        return bounds[0] if bounds else None
    if rule == "week_of":  # « la semaine du 12 janvier »: the ISO week of that day
        value = _calendar_value(f, ref, future() if not f.get("year") else False)
        day = first_day(value) if value else None
        return iso_week(day) if day else value
    if rule in ("period", "period_code"):
        year = f["year"] or period_year(ref, f["period"], f["n"], future())
        return f"{year:04d}-{f['period']}{f['n']}" if year else f"XXXX-{f['period']}{f['n']}"
    if rule == "season":
        year = f["year"] or season_year(ref, f["season"], f["dir"], future())
        return f"{year:04d}-{f['season']}" if year else f"XXXX-{f['season']}"
    if rule == "weekday":
        found = weekday_date(ref, _weekday(f["wd"]), f["dir"], future(), f["this"], f["week"], f["later"] or 0)
        return found.isoformat() if found else f"XXXX-WXX-{_weekday(f['wd'])}"
    if rule == "rel_day":
        return shift(ref, "D", f["rel"])
    if rule == "rel_unit":
        return weekend(ref, f["dir"], future()) if f["unit"] == "WE" else shift(ref, f["unit"], f["dir"] or 0)
    if rule == "offset":
        return shift(ref, f["unit"], f["n"])
    if rule == "decade":
        return f"{f['decade']:03d}"
    if rule == "duration":
        return f["duration"]
    return None


def _month_part(atom: Atom, ref: Optional[Reference], text: str, tense: str) -> Optional[tuple[str, str]]:
    f, year, month = atom.fields, atom.fields["year"], atom.fields["month"]
    if f.get("rel_month") is not None:
        year_month = shift(ref, "M", f["rel_month"])
        if year_month is None:
            return None
        year, month = (int(x) for x in year_month.split("-"))
    if month is None:  # « la troisième semaine de 2027 »
        return year_week(year, f["n"])
    year = year or year_of_month(ref, month, None, tense == "future" or is_future(text, atom.start))
    return month_part(year, month, f["part"], f["n"], f["wd"])


def _merge(left: Atom, right: Atom) -> Optional[dict[str, Any]]:
    """Fields of the left end of an interval, completed from the right end, or None if the two
    ends do not fit (« du 3 au 7 mars », « de janvier à mars 2025 », « de 2014 à mai 2018 »,
    « de 2019 à aujourd'hui »)."""
    if left.rule not in INTERVAL_RULES or right.rule not in INTERVAL_RULES | {"rel_day"} or right.rule == "bare_day":
        return None
    lf, rf = dict(left.fields), right.fields
    if right.rule == "rel_day":
        return lf if _has_year(lf) else None
    if lf.get("day") is not None and not _has_month(lf):  # a bare day takes the right end's month
        keys = ("month", "rel_month", "year", "yy") if rf.get("day") is not None and _has_month(rf) else ()
    elif not _has_year(lf):  # « de janvier à mars 2025 »
        keys = ("year", "yy") if _has_month(lf) and _has_month(rf) else ()
    else:  # both ends carry their year: any precision (« de 2014 à mai 2018 »)
        keys = ("year",) if _has_year(rf) and (_has_month(lf) or _has_month(rf) or rf["year"] > lf["year"]) else ()
    if not keys:
        return None
    for key in keys:
        if lf.get(key) is None and rf.get(key) is not None:
            lf[key] = rf[key]
            lf["inherited"] = True
    return lf


def _has_month(fields: dict[str, Any]) -> bool:
    return fields.get("month") is not None or fields.get("rel_month") is not None


def _has_year(fields: dict[str, Any]) -> bool:
    return fields.get("year") is not None or fields.get("yy") is not None


def _intervals(text: str, atoms: list[Atom], ref: Optional[Reference]) -> list[Atom]:
    """Join ``du A au B``, ``entre A et B``, ``de A à B``, ``A-B`` into interval atoms."""
    out: list[Atom] = []
    i = 0
    while i < len(atoms):
        left = atoms[i]
        right = atoms[i + 1] if i + 1 < len(atoms) else None
        joined = _join(text, left, right, ref) if right else None
        if joined:
            out.append(joined)
            i += 2
        else:
            out.append(left)
            i += 1
    return out


def _coordinate(text: str, items: list[Atom]) -> None:
    """« les 12 et 13 novembre », « les 2, 3 et 4 mars »: a bare day before a coordinator takes
    the month and year of the day after it (right to left, so lists complete)."""
    for i in range(len(items) - 2, -1, -1):
        left, right = items[i], items[i + 1]
        if left.rule != "bare_day" or right.rule not in INTERVAL_RULES or not right.fields.get("day"):
            continue
        if _patterns()["coordinator"].fullmatch(text, left.end, right.start) and right.fields.get("month"):
            left.fields = {**right.fields, "day": left.fields["day"], "wd": None}
            left.rule, left.status = right.rule, "alone"


def _join(text: str, left: Atom, right: Atom, ref: Optional[Reference]) -> Optional[Atom]:
    pats = _patterns()
    gap = pats["joiner"].fullmatch(text, left.end, right.start)
    if gap and left.rule == right.rule == "bare_day":
        return _day_pair(text, left, right, gap["j"])
    if gap and left.rule == right.rule == "weekday" and ref and ref.date:  # else two weekdays, as written
        return _weekday_pair(text, left, right, gap["j"])
    merged = _merge(left, right) if gap else None
    if merged is None:
        return None
    opener = pats["opener"].search(text, max(0, left.start - 20), left.start)
    joiner, mods = gap["j"].lower().replace("’", "'"), load_json("dates/modifiers.json")
    if joiner == "et" and not (opener and opener.group().lower().startswith("entre")):
        return None
    if not opener and (joiner not in mods["joiners_without_opener"]
                       or joiner in mods["joiners_needing_days"] and not merged.get("day")):
        return None
    start = opener.start() if opener else left.start
    return Atom("interval", start, right.end, {"left": merged, "right": right}, kind="interval",
                rank=left.rank, extra={"left_rule": left.rule})


def _day_pair(text: str, left: Atom, right: Atom, joiner: str) -> Optional[Atom]:
    """« du 13 au 18 », « entre le 13 et le 18 »: two bare days of a month the text does not name
    (resolved from the reference); only after « du » / « entre » and not before a noun (« du 13e
    au 18e siècle », « du 13 au 18 rue … »)."""
    opener = _patterns()["opener"].search(text, max(0, left.start - 20), left.start)
    pairs = load_json("dates/modifiers.json")["day_pairs"]
    first = opener.group().split()[0].lower() if opener else ""
    if joiner.lower().replace("’", "'") not in pairs.get(first, ()):
        return None
    if _patterns()["day_pair_after"].match(text, right.end):
        return None
    if right.fields["day"] <= left.fields["day"]:
        return None
    return Atom("interval", opener.start(), right.end, {"left": left.fields, "right": right}, kind="interval",
                rank=left.rank, extra={"left_rule": "day_pair"})


def _weekday_pair(text: str, left: Atom, right: Atom, joiner: str) -> Optional[Atom]:
    """« (dans la nuit) de samedi à dimanche », « entre lundi et mercredi »: two bare weekdays,
    the second the first one after the first. « de lundi à vendredi » alone is a habit (opening
    hours), so « de » needs « nuit » before it."""
    m = _patterns()["weekday_pair_opener"].search(text, max(0, left.start - 30), left.start)
    if m is None or any(atom.fields[k] for atom in (left, right) for k in ("dir", "week", "this", "later")):
        return None
    opener = re.sub(r"\s+", " ", f"{'nuit ' if m['nuit'] else ''}{m['open']}".lower())
    if joiner.lower() not in load_json("dates/modifiers.json")["weekday_pairs"].get(opener, ()):
        return None
    return Atom("interval", m.start("open"), right.end, {"left": left.fields, "right": right}, kind="interval",
                rank=left.rank, extra={"left_rule": "weekday_pair"})


def _attach_modifiers(text: str, items: list[Atom]) -> None:
    """« dès 2022 », « fin 2024 », « jusqu'en 2027 »: widen the atom, set its mod and kind; an
    end prefix before a START/MID/END one only sets the kind (« jusqu'à fin 2027 »); « la veille
    de », « le lendemain du » shift a day."""
    for atom in items:
        if atom.rule == "bare_day":
            _attach_day_modifier(text, atom)
            continue
        if atom.kind in ("interval", "duration"):
            continue
        entry, start = _modifier_before(text, atom.start)
        if entry is None or (atom.status == "needs_mod" and entry["mod"] not in SPAN_MODS):
            _attach_day_shift(text, atom)
            continue
        atom.mod, atom.kind, atom.start, atom.status = entry["mod"], entry.get("kind", "date"), start, "alone"
        _attach_anchored_offset(text, atom)
        outer, outer_start = _modifier_before(text, atom.start) if atom.mod in SPAN_MODS else (None, 0)
        if outer and outer.get("kind") == "end":
            atom.kind, atom.start = "end", outer_start


def _attach_day_modifier(text: str, atom: Atom) -> None:
    """« à partir du 8 », « depuis le 1er », « jusqu'au 15 »: a bare day after a bounding prefix
    and its article is a day of the month the reference gives; not before a noun (« dès le 1er
    tour », « avant le 15 heures ») nor after « jusqu'à » (« jusqu'à 8 »)."""
    entry, start = _modifier_before(text, atom.start)
    if entry is None or entry["mod"] in SPAN_MODS or not _patterns()["day_article"].search(text, start, atom.start):
        return
    if _patterns()["day_pair_after"].match(text, atom.end):
        return
    atom.rule, atom.status = "mod_day", "alone"
    atom.mod, atom.kind, atom.start = entry["mod"], entry.get("kind", "date"), start


def _attach_anchored_offset(text: str, atom: Atom) -> None:
    """« deux semaines avant le 13 mai 1999 », « trois mois après le 7 octobre »: a count of units
    before « avant » / « après » moves the date instead of bounding it."""
    sign = {"BEFORE": -1, "AFTER": 1}.get(atom.mod or "")
    m = _patterns()["anchored_offset"].search(text, max(0, atom.start - 40), atom.start) if sign else None
    n = count_value(m["num"]) if m else None
    before = left_context(text, m.start()) if n else ""
    if n and not contexts()["quantity"].search(before) and not contexts()["duration_cue"].search(before):
        # not « plus de 20 jours avant », « pendant deux ans après »
        unit = load_json("dates/relative.json")["units"][norm(m["unit"])]
        atom.extra["offset"] = (unit, sign * n, atom.mod, atom.start)  # the last two: if the move fails
        atom.mod, atom.start = None, m.start()


def _modifier_before(text: str, position: int) -> tuple[Optional[dict[str, Any]], int]:
    m = _patterns()["mod"].search(text, max(0, position - 40), position)
    if not m:
        return None, position
    entry = _mod_entry(m["form"])
    return (None, position) if entry.get("needs_link") and not m["link"] else (entry, m.start())


def _attach_day_shift(text: str, atom: Atom) -> None:
    m = _patterns()["day_shift"].search(text, max(0, atom.start - 30), atom.start)
    if m and atom.rule in CALENDAR_RULES and atom.fields.get("day"):
        shifts = load_json("dates/modifiers.json")["day_shifts"]
        atom.extra["shift"] = shifts[re.sub(r"\s+", " ", m["shift"].lower().replace("’", "'"))]
        atom.start = m.start()


def _present(text: str, atoms: list[Atom]) -> Optional[Reference]:
    """The text's own statement of the present: « Nous sommes en janvier 2026 »."""
    for atom in atoms:
        f = atom.fields
        if atom.rule in INTERVAL_RULES and f.get("year") and _patterns()["present"].search(text, max(0, atom.start - 30), atom.start):
            return Reference(f["year"], f.get("month"), f.get("day") if f.get("month") else None)
    return None


def _interval_mention(text: str, atom: Atom, ref: Optional[Reference], tense: str) -> Optional[DateMention]:
    f = atom.fields
    if atom.rule == "last_n":
        first, last = (-f["n"], -1) if f["dir"] == -1 else (1, f["n"])
        begin, end_value = shift(ref, f["unit"], first), shift(ref, f["unit"], last)
    elif atom.rule == "sub_month":
        begin, end_value = _month_part(atom, ref, text, tense) or (None, None)
    elif atom.extra["left_rule"] == "weekday_pair":
        first = first_day(_value(Atom("weekday", atom.start, atom.end, f["left"]), ref, text, tense) or "")
        if first is None:
            return None
        gap = (_weekday(f["right"].fields["wd"]) - _weekday(f["left"]["wd"])) % 7 or 7
        begin, end_value = first.isoformat(), (first + dt.timedelta(days=gap)).isoformat()
    elif atom.extra["left_rule"] == "day_pair":
        found = month_of_day(ref, f["left"]["day"], tense == "future" or is_future(text, atom.start))
        if found is None:
            return None
        year, month = found
        days = (f["left"]["day"], f["right"].fields["day"])
        if not all(valid_day(year, month, d) for d in days):
            return None
        begin, end_value = (f"{year:04d}-{month:02d}-{d:02d}" for d in days)
    else:
        left = Atom(atom.extra["left_rule"], atom.start, atom.end, atom.fields["left"])
        begin, end_value = _value(left, ref, text, tense), _value(atom.fields["right"], ref, text, tense)
        if begin and end_value and _after(begin, end_value):
            if not (left.fields.get("inherited") and left.fields.get("year")):
                return None  # « de 2018 à 2014 »
            left.fields["year"] -= 1  # « du 28 décembre au 3 janvier 2025 »
            begin = _value(left, ref, text, tense)
    if begin and not end_value and atom.fields["right"].rule == "rel_day":  # « de 2019 à aujourd'hui », no reference
        return DateMention(begin, "date", text[atom.start:atom.end], atom.start, atom.end, mod="ON_OR_AFTER")
    if not begin or not end_value:
        return None
    return DateMention(f"{begin}/{end_value}", "interval", text[atom.start:atom.end], atom.start, atom.end,
                       begin=begin, until=next_timex(end_value))


def _after(a: str, b: str) -> bool:
    da, db = first_day(a), first_day(b)
    return bool(da and db and da > db)


def parse_dates(text: str, published: Optional[str] = None, *, tense: str = "past") -> list[DateMention]:
    """Every date, interval, duration and end point of a French text, in text order.

    ``published`` (``YYYY-MM-DD``) resolves relative expressions; see the module docstring
    for the conventions (``until`` exclusive, ``XXXX`` when unknown). ``tense`` is the default
    direction of a bare weekday, day-month or month: ``past`` (news, the default; a future
    sentence still looks forward) or ``future`` (conversational « next occurrence »).
    """
    if tense not in ("past", "future"):
        raise ValueError(f"tense must be 'past' or 'future', not {tense!r}")
    if not text:
        return []
    atoms = find_atoms(text)
    ref = Reference.parse(published) or _present(text, atoms)
    items = _intervals(text, atoms, ref)
    _coordinate(text, items)
    _attach_modifiers(text, items)
    mentions = []
    for atom in items:
        if atom.kind == "interval":
            mention = _interval_mention(text, atom, ref, tense)
        elif atom.status == "alone":
            value = _value(atom, ref, text, tense)
            if value and atom.extra.get("shift"):
                value = shift_day(value, atom.extra["shift"])
            if value and atom.extra.get("offset"):
                unit, n, mod, start = atom.extra["offset"]
                moved = shift_value(value, unit, n)
                if moved:
                    value = moved
                else:  # a unit finer than the date (« trois semaines avant mars 2020 »): the bound as written
                    atom.mod, atom.start = mod, start
            mention = DateMention(value, atom.kind, text[atom.start:atom.end], atom.start, atom.end,
                                  mod=atom.mod) if value else None
        else:
            mention = None
        if mention:
            mentions.append(mention)
    return mentions
