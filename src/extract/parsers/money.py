"""French amounts of money: « 139,3 millions de dollars », « 30 M$ », « entre 10 et 20 M€ ».

:func:`parse_money` is pure (no spaCy). Its patterns (:mod:`.money_lexicon`) are assembled
from small named pieces — amount (:mod:`.numbers`), scale, currency, qualifier, period — whose
words are data in ``models/money/`` (see its README), and ``models/money/false_positives.jsonl``
lists the shapes that look like money and are not. This module turns matches into mentions:
explicit amounts, the numbers listed before them, ranges, amounts that take their currency
from the sentence, then qualifiers, periods and the locale's currency.

Decisions where ``RECORDS.md`` is silent:

- a range (« entre 10 et 20 millions d'euros », « 10 - 20 € », « de 10 à 20 M€ ») is one
  mention whose ``value`` is the upper bound, ``qualifier`` ``"max"`` and ``bounds`` (low, high);
  « passer de 10 à 20 millions » (a change verb before « de ») gives two amounts instead;
- a scale without a number (« plusieurs millions », « des centaines de millions de dollars »)
  is not an amount; « une dizaine de millions d'euros » is 10 M€, ``approx``;
- a bare scaled amount (« 365 millions ») takes the currency of the nearest amount before it in
  the same sentence, unless « de »/« d' » and a noun follow (« 3,6 milliards de personnes »);
- bare numbers listed just before an amount (« 10, 20 ou 30 millions d'euros ») take its
  currency, and its scale when they are below 1 000; a year (1800–2100) is never taken;
- « $ »/« dollars » alone are USD, CAD in a ``fr-CA`` text unless US words stand near them in
  their sentence (other amounts blanked: « 40 M$ US, soit 55 M$ » keeps 55 M$ in CAD);
  « francs » alone are FRF, CHF in ``fr-CH``;
- ``text`` is the amount with its currency and its qualifier words (« susceptible de grimper à
  365 millions de dollars », « entre 10 et 20 M€ »; gold rule C7); periods are not part of it.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Optional

from ..resources import load_json
from .money_lexicon import APOS, Currency, context_patterns, false_positives, find_from, lexicon, patterns, starts
from .numbers import parse_number, tables



@dataclass(frozen=True)
class MoneyMention:
    """An amount of money found in a text.

    ``value`` is in currency units, ``currency`` an ISO 4217 code, ``qualifier`` one of
    exact/approx/max/min; ``text == source[start:end]``. Optional: ``period`` (ISO 8601
    duration of a recurring amount, « par an » → ``P1Y``) and ``bounds`` ((low, high) of a range,
    whose ``value`` is the high bound).
    """

    value: float
    currency: str
    qualifier: str
    text: str
    start: int
    end: int
    period: Optional[str] = None
    bounds: Optional[tuple[float, float]] = None

    def as_dict(self) -> dict[str, Any]:
        """Plain-data form (for ``span._.money``)."""
        out = dict(vars(self))  # the fields, in order (``asdict`` would deep-copy immutable values)
        out["bounds"] = list(self.bounds) if self.bounds else None
        return out


@dataclass(frozen=True)
class _Raw:
    """A candidate before qualifiers, periods and filtering."""

    value: float
    currency: Currency
    start: int
    end: int
    scale: float = 1.0
    qualifier: str = "exact"
    bounds: Optional[tuple[float, float]] = None


def _is_false_positive(text: str, raw: _Raw) -> bool:
    after = text[raw.end: raw.end + 40]
    return any(m.fullmatch(text[raw.start: raw.end]) and (a is None or a.match(after)) for m, a in false_positives())


@lru_cache(maxsize=None)
def _scales() -> dict[str, float]:
    """Scale words (lower case) → value, « mille » included."""
    t = tables()
    return {**t["scales"], **dict.fromkeys(t["thousand"], 1e3)}


def _amount_value(amount: str) -> tuple[Optional[float], float, str]:
    """(value, scale, qualifier) of an amount's text; the scale is its largest scale word (1 if none)."""
    t = tables()
    words = re.split(r"[\s\-]+", amount)
    scales = _scales()
    scale = max([scales.get(w.lower(), 1.0) for w in words] + [t["abbreviations"].get(w, 1.0) for w in words])
    collective = re.match(rf"(?i)une?\s+(\w+)\s+(?:de\s+|d{APOS}\s*)\w+", amount)
    if collective and collective.group(1).lower() in t["collectives"]:
        return t["collectives"][collective.group(1).lower()] * scale, scale, "approx"
    approx = any(w.lower() in t["collectives"] for w in words)
    return parse_number(amount), scale, "approx" if approx else "exact"


def _cents(match: re.Match[str]) -> Optional[float]:
    """Hundredths written after the main unit (« 15 euros 50 », « trois dollars cinquante »), if below 100."""
    cents = parse_number(match.group("c1") or match.group("c2") or "")
    return cents / 100 if cents is not None and cents < 100 else None


def _explicit(text: str, positions: list[int]) -> list[_Raw]:
    """Amounts written with a currency before or after them (``positions``: where they can start)."""
    lex, out = lexicon(), []
    for m in find_from(patterns()["money"], text, positions):
        side = "b" if m.group("cur_b") else "a"
        value, scale, qualifier = _amount_value(m.group(f"amount_{side}"))
        if value is None:
            continue
        cents = _cents(m) if side == "a" and m.group("cents") and scale == 1.0 else None
        if cents is not None:
            value, end = value + cents, m.end()
        else:
            end = m.end("cur_a") if side == "a" else m.end()
        out.append(_Raw(value, lex.currency(m.group(f"cur_{side}")), m.start(), end, scale, qualifier))
    return out


def _bare_value(num: str, anchor: _Raw) -> Optional[float]:
    value = parse_number(num)
    if value is None or patterns()["year"].fullmatch(num.strip()):
        return None
    if anchor.scale > 1 and value < 1000 and not patterns()["scale"].search(num):
        value *= anchor.scale
    return value


def _range_start(text: str, first: int, joiner: str) -> Optional[int]:
    """Start of a range whose first bound starts at ``first`` and is followed by ``joiner``, or None.

    « entre X et Y », « X - Y », « (de) X à Y » are ranges — but not « passé de X à Y » (a change).
    """
    pats = patterns()
    lead = pats["lead"].search(text, max(0, first - 12), first)
    is_between = bool(lead and lead.group("between"))
    head = lead.start() if lead else first
    is_change = joiner == "à" and bool(pats["change"].search(text, max(0, head - 40), head))
    if joiner in "-–—" or (joiner == "et" and is_between) or (joiner == "à" and not is_change):
        return head if is_between else first
    return None


def _comparable(bare: float, amount: float) -> bool:
    """A listed number and the amount it joins are of one order of magnitude (``plausible_ratio``)."""
    ratio = load_json("money/lists.json")["plausible_ratio"]
    return 0 < bare and amount / ratio <= bare <= amount * ratio


def _extend_left(text: str, anchor: _Raw, floor: int) -> list[_Raw]:
    """Bare numbers joined to ``anchor`` on its left: a range (merged into it) or list items."""
    list_joiners = load_json("money/lists.json")["list_joiners"]
    out, cut = [anchor], anchor.start
    while True:
        lo = max(floor, cut - 100)
        joined = patterns()["joined"].search(text[lo:cut].rstrip())  # what ``left`` ends with, checked first
        m = patterns()["left"].search(text, lo, cut) if joined else None
        value = _bare_value(m.group("num"), anchor) if m else None
        label = patterns()["label"].search(text, max(0, m.start("num") - 20), m.start("num")) if m else None
        if value is None or label:
            return out
        joiner = m.group("j").lower()
        start = _range_start(text, m.start("num"), joiner) if len(out) == 1 else None
        after_between = start is not None and start < m.start("num")  # « entre » says it is a range
        if not (after_between and value < anchor.value) and not _comparable(value, anchor.value):
            return out
        if start is not None:
            return [replace(anchor, start=start, qualifier="max", bounds=(value, anchor.value))]
        if joiner not in list_joiners and joiner != "à":
            return out
        out.insert(0, _Raw(value, anchor.currency, m.start("num"), m.end("num"), anchor.scale))
        cut = m.start("num")


def _with_lists(text: str, anchors: list[_Raw], found: list[_Raw]) -> list[_Raw]:
    """``found`` plus ``anchors`` with the bare numbers listed on their left, sorted by position."""
    out = list(found)
    for anchor in anchors:
        floor = max([r.end for r in out if r.end <= anchor.start], default=0)
        out.extend(_extend_left(text, anchor, floor))
    return sorted(out, key=lambda r: r.start)


def _merge_ranges(text: str, raws: list[_Raw]) -> list[_Raw]:
    """« entre 10 euros et 20 euros », « 10 € - 20 € »: two amounts of one range."""
    out: list[_Raw] = []
    for raw in raws:
        prev = out[-1] if out else None
        between = patterns()["between"].match(text[prev.end: raw.start]) if prev else None
        if prev and between and prev.currency == raw.currency and prev.bounds is None:
            start = _range_start(text, prev.start, between.group("j").lower())
            if start is not None:
                out[-1] = replace(raw, start=start, qualifier="max", bounds=(prev.value, raw.value))
                continue
        out.append(raw)
    return out


class _Sentences:
    """The sentence ends of one text, found once; :meth:`bounds` is what searching the text
    up to and from a position finds."""

    def __init__(self, text: str):
        matches = list(context_patterns()["sentence"].finditer(text))
        self.length = len(text)
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.seen = [m.end("next") if m.group("next") else m.end() for m in matches]  # the text a match reads

    def bounds(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence around ``pos``: after the last end found in ``text[:pos]``,
        through the first end at or after ``pos``."""
        i = bisect.bisect_left(self.starts, pos)
        start = next((self.ends[j] for j in range(i - 1, -1, -1) if self.seen[j] <= pos), 0)
        return start, self.ends[i] if i < len(self.ends) else self.length


def _carried(text: str, found: list[_Raw], positions: list[int]) -> list[_Raw]:
    """Bare scaled amounts (« 365 millions ») taking the currency given earlier in the sentence."""
    carry_scales = set(load_json("money/lists.json")["carry_scales"])
    out, sentences = [], None
    for m in find_from(patterns()["carry"], text, positions):
        if not any(map(str.isalpha, m.group(0))):  # digits alone: no scale word
            continue
        words = {w.lower() for w in re.split(r"[\s\-]+", m.group(0))}
        if not words & carry_scales or any(r.start < m.end() and m.start() < r.end for r in found):
            continue
        if patterns()["counted"].match(text, m.end()):
            continue
        sentences = sentences or _Sentences(text)
        sentence_start = sentences.bounds(m.start())[0]
        earlier = [r for r in found if sentence_start <= r.start and r.end <= m.start()]
        value, scale, qualifier = _amount_value(m.group(0))
        if earlier and value is not None:
            out.append(_Raw(value, earlier[-1].currency, m.start(), m.end(), scale, qualifier))
    return out


def _qualify(text: str, raw: _Raw) -> tuple[str, int, int]:
    """Qualifier of an amount and its span widened to the qualifier words (gold rule C7)."""
    ctx, lo = context_patterns(), max(0, raw.start - 80)
    window = text[lo:raw.start].rstrip()
    last = window.split()[-1] if window else ""  # the last word of a phrase before the amount is in it
    may_end = bool(last) and ctx["before_end"].search(text, lo + len(window) - len(last), raw.start)
    before = ctx["before"].search(text, lo, raw.start) if may_end else None
    after = ctx["after"].match(text, raw.end)
    if raw.qualifier != "exact" or not (before or after):
        return raw.qualifier, raw.start, raw.end
    hit = before or after
    qualifier = next(name[2:] for name, v in hit.groupdict().items() if v)
    return qualifier, before.start() if before else raw.start, after.end() if after and not before else raw.end


def _period(text: str, end: int) -> Optional[str]:
    """ISO 8601 period of a recurring amount (« par an » → P1Y) written just after it."""
    period = context_patterns()["period"].match(text, end)
    if not period:
        return None
    periods = [v for k, v in load_json("money/periods.json").items() if not k.startswith("_")]
    return periods[int(next(k[1:] for k, v in period.groupdict().items() if v))]


def _home_context(masked: str, sentences: _Sentences, raw: _Raw) -> str:
    """Words near an amount, in its sentence, with every amount blanked out (« dollars américains »
    next to « 55 millions $ » is a conversion, not a tie to the US)."""
    window = load_json("money/lists.json")["home_window"]
    sentence_start, sentence_end = sentences.bounds(raw.start)
    return masked[max(sentence_start, raw.start - window): min(sentence_end, raw.end + window)]


def _finish(text: str, raw: _Raw, locale: Optional[str], masked: str, sentences: _Sentences) -> MoneyMention:
    qualifier, start, end = _qualify(text, raw)
    return MoneyMention(
        value=round(raw.value, 6),
        currency=raw.currency.resolve(locale, _home_context(masked, sentences, raw)),
        qualifier=qualifier,
        text=text[start:end],
        start=start,
        end=end,
        period=_period(text, raw.end) or (_period(text, end) if end != raw.end else None),
        bounds=raw.bounds,
    )


def parse_money(text: str, locale: Optional[str] = None) -> list[MoneyMention]:
    """Every amount of money in a French text, left to right.

    ``locale`` (``fr-FR``, ``fr-CA``, ``fr-CH``…) is where the text was published; it decides
    what a bare « $ » or « francs » means. Never raises on any string.
    """
    positions = starts(text)
    raws = _merge_ranges(text, _with_lists(text, _explicit(text, positions), []))
    raws = _with_lists(text, _carried(text, raws, positions), raws)
    raws = [r for r in raws if math.isfinite(r.value) and not _is_false_positive(text, r)]
    masked = text
    for r in raws:
        masked = masked[: r.start] + " " * (r.end - r.start) + masked[r.end:]
    sentences = _Sentences(masked) if raws else None
    return [_finish(text, r, locale, masked, sentences) for r in raws]
