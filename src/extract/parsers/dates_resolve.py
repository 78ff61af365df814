"""Calendar arithmetic for French dates: the reference date, past/future choice, TIMEX3 values.

A :class:`Reference` is the date relative expressions are resolved against: the article's
``published`` date, or the text's own statement of the present (« Nous sommes en janvier
2026 »), which may lack a day or a month. Resolution needing more precision than the
reference has is not attempted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from ..resources import load_json

_TIMEX = re.compile(r"(?P<y>\d{4}|XXXX)(?:-(?P<m>\d{2}|XX)(?:-(?P<d>\d{2}))?|-W(?P<w>\d{2})(?P<we>-WE)?|-Q(?P<q>[1-4])"
                    r"|-H(?P<h>[12])|-(?P<s>SP|SU|FA|WI))?$")
_DUMMY_LEAP_YEAR = 2000  # month/day arithmetic of a date whose year is unknown


@dataclass(frozen=True)
class Reference:
    """The present of a text: year, and month and day when known."""

    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    @property
    def date(self) -> Optional[dt.date]:
        """The full date, when the reference has a day."""
        return dt.date(self.year, self.month, self.day) if self.month and self.day else None

    @classmethod
    def parse(cls, published: object) -> Optional["Reference"]:
        """A reference from ``YYYY-MM-DD`` (``YYYY-MM``, ``YYYY`` and longer ISO datetimes are
        accepted), a ``date``, or None; ValueError for anything else."""
        if published is None or not str(published).strip():
            return None
        if isinstance(published, (dt.date, dt.datetime)):
            published = published.isoformat()
        m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", str(published).strip())
        if not m:
            raise ValueError(f"published date {published!r} is not YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in m.groups())
        if month and not valid_day(year, month, day or 1):
            raise ValueError(f"published date {published!r} does not exist")
        low, high = load_json("dates/calendar.json")["year_range"]
        if not low <= year <= high:
            raise ValueError(f"published date {published!r} is outside {low}–{high}")
        return cls(year, month, day)


def valid_day(year: Optional[int], month: int, day: int) -> bool:
    """Whether ``day`` exists in that month (an unknown year allows 29 February)."""
    try:
        dt.date(year or _DUMMY_LEAP_YEAR, month, day)
    except ValueError:
        return False
    return True


def full_year(two_digits: int) -> int:
    """« 98 » → 1998, « 27 » → 2027 (pivot from ``dates/calendar.json``)."""
    pivot = load_json("dates/calendar.json")["two_digit_year_pivot"]
    return 2000 + two_digits if two_digits < pivot else 1900 + two_digits


def year_of_day(ref: Optional[Reference], month: int, day: int, future: bool) -> Optional[int]:
    """Year of a day-month without year: the latest one on or before the reference (news
    convention), or the next one on or after it when the sentence speaks of the future
    (« le 29 février »: the nearest leap year on that side)."""
    if ref is None or ref.month is None:
        return None
    today = (ref.month, ref.day or (1 if future else 31))
    if future:
        year, step = (ref.year if (month, day) >= today else ref.year + 1), 1
    else:
        year, step = (ref.year if (month, day) <= today else ref.year - 1), -1
    for _ in range(8):  # a 29 February is at most 8 years from another (1896 → 1904)
        if valid_day(year, month, day):
            return year
        year += step
    return None


def year_of_month(ref: Optional[Reference], month: int, direction: Optional[int], future: bool) -> Optional[int]:
    """Year of a month named without year (« en avril », « en octobre dernier »)."""
    if ref is None or ref.month is None:
        return None
    if direction == -1:
        return ref.year if month < ref.month else ref.year - 1
    if direction == 1:
        return ref.year if month > ref.month else ref.year + 1
    if future:
        return ref.year if month >= ref.month else ref.year + 1
    return ref.year if month <= ref.month else ref.year - 1


def month_of_day(ref: Optional[Reference], day: int, future: bool) -> Optional[tuple[int, int]]:
    """(year, month) of a day named without its month (« du 13 au 18 »): the reference's month
    when that day is on the tense's side of the reference day, else the month before (past) or
    after (future)."""
    if ref is None or ref.date is None:
        return None
    step = 1 if future and day < ref.day else -1 if not future and day > ref.day else 0
    index = ref.year * 12 + ref.month - 1 + step
    year, month = divmod(index, 12)
    return year, month + 1


def weekday_date(ref: Optional[Reference], weekday: int, direction: Optional[int], future: bool,
                 this: bool = False, week_shift: Optional[int] = None, weeks_later: int = 0) -> Optional[dt.date]:
    """The date of a weekday named alone: « lundi dernier » (strictly before), « lundi
    prochain » (strictly after), « lundi » (on or before — news speak of the day itself — or,
    in a future sentence, strictly after), « ce lundi » (on or before, or on or after);
    « lundi de la semaine dernière » is in the reference week shifted (« de cette semaine »: 0);
    « lundi en huit » is a week after the coming Monday."""
    today = ref.date if ref else None
    if today is None:
        return None
    if week_shift is not None:
        monday = today - dt.timedelta(days=today.isoweekday() - 1) + dt.timedelta(weeks=week_shift)
        return monday + dt.timedelta(days=weekday - 1)
    delta = (today.isoweekday() - weekday) % 7
    ahead = (weekday - today.isoweekday()) % 7
    if weeks_later:
        return today + dt.timedelta(days=ahead, weeks=weeks_later)
    if direction == -1:
        return today - dt.timedelta(days=delta or 7)
    if direction == 1 or (future and not this):
        return today + dt.timedelta(days=ahead or 7)
    return today + dt.timedelta(days=ahead) if future else today - dt.timedelta(days=delta)


def weekend(ref: Optional[Reference], direction: Optional[int], future: bool) -> Optional[str]:
    """TIMEX3 of « ce week-end » (the latest one begun, or the coming one in a future
    sentence), « le week-end dernier », « le week-end prochain »: ``2026-W04-WE``."""
    saturday = weekday_date(ref, 6, direction, future, this=not direction)
    return f"{iso_week(saturday)}-WE" if saturday else None


def weekday_day_date(ref: Optional[Reference], weekday: int, day: int, future: bool) -> Optional[dt.date]:
    """« mercredi 13 »: the nearest month (backwards, or forwards in a future sentence) in
    which the 13th is a Wednesday."""
    today = ref.date if ref else None
    if today is None:
        return None
    year, month, step = today.year, today.month, 1 if future else -1
    for _ in range(24):
        if valid_day(year, month, day):
            candidate = dt.date(year, month, day)
            on_side = candidate >= today if future else candidate <= today
            if on_side and candidate.isoweekday() == weekday:
                return candidate
        month += step
        if month == 0 or month == 13:
            year, month = year + step, 12 if month == 0 else 1
    return None


def shift(ref: Optional[Reference], unit: str, n: int) -> Optional[str]:
    """TIMEX3 of the reference's ``unit`` (Y, M, W, D, Q, H) moved by ``n`` units."""
    if ref is None:
        return None
    if unit == "Y":
        return f"{ref.year + n:04d}"
    if ref.month is None:
        return None
    if unit in ("M", "Q", "H"):
        size = {"M": 1, "Q": 3, "H": 6}[unit]
        index = (ref.year * 12 + ref.month - 1) // size + n
        year, part = divmod(index, 12 // size)
        return f"{year:04d}-{part + 1:02d}" if unit == "M" else f"{year:04d}-{unit}{part + 1}"
    if ref.date is None:
        return None
    if unit in ("W", "WE"):
        return iso_week(ref.date + dt.timedelta(weeks=n)) + ("-WE" if unit == "WE" else "")
    if unit == "D":
        return (ref.date + dt.timedelta(days=n)).isoformat()
    return None


def iso_week(day: dt.date) -> str:
    """TIMEX3 week of a date: ``2026-W05``."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def season_year(ref: Optional[Reference], season: str, direction: Optional[int], future: bool) -> Optional[int]:
    """Year of « cet été », « l'hiver dernier »: a winter belongs to the year it starts in."""
    if ref is None or ref.month is None:
        return None
    start = load_json("dates/calendar.json")["season_start_month"][season]
    started = ref.year if ref.month >= start else ref.year - 1  # latest start on or before now
    inside = (ref.year * 12 + ref.month) - (started * 12 + start) < 3
    if direction == -1:
        return started - 1 if inside else started
    if direction == 1 or future:
        return started + 1 if (direction == 1 or not inside) else started
    return started


def period_year(ref: Optional[Reference], code: str, n: int, future: bool) -> Optional[int]:
    """Year of « au second semestre » named without year (latest such period begun, or next)."""
    if ref is None or ref.month is None:
        return None
    per_year = load_json("dates/calendar.json")["periods_per_year"][code]
    first_month = (n - 1) * 12 // per_year + 1
    if future:
        return ref.year if first_month + 12 // per_year - 1 >= ref.month else ref.year + 1
    return ref.year if first_month <= ref.month else ref.year - 1


def _parse(value: str) -> Optional[re.Match[str]]:
    return _TIMEX.match(value)


def next_timex(value: str) -> Optional[str]:
    """The TIMEX3 value just after ``value`` at the same precision (the exclusive end of an
    interval that ends with ``value``): ``2018`` → ``2019``, ``XXXX-03-07`` → ``XXXX-03-08``."""
    m = _parse(value)
    if m is None:
        return None
    y = m["y"]
    year = _DUMMY_LEAP_YEAR if y == "XXXX" else int(y)
    fmt_year = (lambda v: "XXXX") if y == "XXXX" else (lambda v: f"{v:04d}")
    if m["d"] and m["m"] != "XX":
        day = dt.date(year, int(m["m"]), int(m["d"])) + dt.timedelta(days=1)
        return f"{fmt_year(day.year)}-{day.month:02d}-{day.day:02d}"
    if m["m"] and m["m"] != "XX" and not m["d"]:
        month = int(m["m"]) % 12 + 1
        return f"{fmt_year(year + (month == 1))}-{month:02d}"
    if m["w"]:
        monday = dt.date.fromisocalendar(year, int(m["w"]), 1) + dt.timedelta(weeks=1)
        return iso_week(monday) + (m["we"] or "")
    for key, count, letter in (("q", 4, "Q"), ("h", 2, "H")):
        if m[key]:
            n = int(m[key]) % count + 1
            return f"{fmt_year(year + (n == 1))}-{letter}{n}"
    if m["s"]:
        order = ["SP", "SU", "FA", "WI"]
        nxt = order[(order.index(m["s"]) + 1) % 4]
        return f"{fmt_year(year + (nxt == 'SP'))}-{nxt}"
    if m["m"] is None and y != "XXXX":
        return f"{year + 1:04d}"
    return None


def shift_day(value: str, days: int) -> Optional[str]:
    """A day TIMEX3 moved by ``days`` (``XXXX-12-25`` - 1 → ``XXXX-12-24``); None for another precision."""
    m = _parse(value)
    if m is None or not m["d"] or m["m"] in (None, "XX"):
        return None
    year = _DUMMY_LEAP_YEAR if m["y"] == "XXXX" else int(m["y"])
    day = dt.date(year, int(m["m"]), int(m["d"])) + dt.timedelta(days=days)
    return ("XXXX" if m["y"] == "XXXX" else f"{day.year:04d}") + f"-{day.month:02d}-{day.day:02d}"


def shift_value(value: str, unit: str, n: int) -> Optional[str]:
    """A day, month or year TIMEX3 moved by ``n`` units (D, W, M, Y) no finer than its precision,
    at its precision (« un mois avant le 31 mars » → the last day of February); else None."""
    m = _parse(value)
    if m is None or m["w"] or m["q"] or m["h"] or m["s"] or m["m"] == "XX" or unit not in "DWMY":
        return None
    if unit in "DW":
        return shift_day(value, n * (7 if unit == "W" else 1))
    if m["y"] == "XXXX":
        return None
    months = int(m["y"]) * 12 + (int(m["m"]) - 1 if m["m"] else 0) + n * (12 if unit == "Y" else 1)
    year, month = divmod(months, 12)
    if not m["m"]:
        return f"{year:04d}" if unit == "Y" else None
    if not m["d"]:
        return f"{year:04d}-{month + 1:02d}"
    day = min(int(m["d"]), 31)
    while not valid_day(year, month + 1, day):
        day -= 1
    return f"{year:04d}-{month + 1:02d}-{day:02d}"


def first_day(value: str) -> Optional[dt.date]:
    """The first day a known TIMEX3 value covers (``2026-Q2`` → 2026-04-01), or None."""
    m = _parse(value)
    if m is None or m["y"] == "XXXX":
        return None
    year = int(m["y"])
    if m["m"] and m["m"] != "XX":
        return dt.date(year, int(m["m"]), int(m["d"] or 1))
    if m["w"]:
        return dt.date.fromisocalendar(year, int(m["w"]), 6 if m["we"] else 1)
    if m["q"] or m["h"]:
        months = 3 if m["q"] else 6
        return dt.date(year, (int(m["q"] or m["h"]) - 1) * months + 1, 1)
    if m["s"]:
        start = load_json("dates/calendar.json")["season_start_month"][m["s"]]
        return dt.date(year, start, 21)
    return dt.date(year, 1, 1)


def month_part(year: Optional[int], month: int, part: str, n: int,
               weekday: Optional[int] = None) -> Optional[tuple[str, str]]:
    """First and last TIMEX3 of the ``n``-th (``-1``: last) day (``D``), full Monday–Sunday week
    (``W``), fortnight (``F``: 1–14, 15–end) or ``weekday`` (``WD``) of a month; weeks and
    weekdays need the year."""
    y = year or _DUMMY_LEAP_YEAR
    fmt = (lambda d: f"XXXX-{d.month:02d}-{d.day:02d}") if year is None else (lambda d: d.isoformat())
    first = dt.date(y, month, 1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    if part == "D":
        day = last if n == -1 else first.replace(day=n) if valid_day(y, month, n) else None
        return (fmt(day), fmt(day)) if day else None
    if part == "F":
        halves = [(first, first.replace(day=14)), (first.replace(day=15), last)]
        begin, end = halves[-1 if n == -1 else n - 1]
        return fmt(begin), fmt(end)
    days = [first + dt.timedelta(days=i) for i in range(last.day)]
    if part == "WD":
        found = [d for d in days if d.isoweekday() == weekday]
    else:
        found = [d for d in days if d.isoweekday() == 1 and (d + dt.timedelta(days=6)).month == month]
    if year is None or n > len(found):
        return None
    pick = found[-1 if n == -1 else n - 1]
    value = pick.isoformat() if part == "WD" else iso_week(pick)
    return value, value


def year_week(year: int, n: int) -> Optional[tuple[str, str]]:
    """The ``n``-th (``-1``: last) ISO week of a year, as a (first, last) pair of TIMEX3."""
    weeks = dt.date(year, 12, 28).isocalendar()[1]
    if n > weeks:
        return None
    week = f"{year:04d}-W{(weeks if n == -1 else n):02d}"
    return week, week


def easter(year: int) -> dt.date:
    """Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_fix = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_fix) // 451
    month, day = divmod(h + weekday_fix - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def movable_feast(ref: Optional[Reference], year: Optional[int], offset: int, direction: Optional[int],
                  future: bool) -> Optional[str]:
    """Date of a feast ``offset`` days after Easter (« Pâques », « Pentecôte » = 49): of the
    year written, else the latest one on or before the reference (or the next one)."""
    if year is None:
        if ref is None or ref.month is None:
            return None
        near = easter(ref.year) + dt.timedelta(days=offset)
        year = year_of_day(ref, near.month, near.day, future if not direction else direction == 1)
    return (easter(year) + dt.timedelta(days=offset)).isoformat()
