"""French amounts of money: « 139,3 millions de dollars », « 30 M$ », « entre 10 et 20 M€ ».

:func:`parse_money` is pure (no spaCy). Its patterns are assembled from small named pieces —
amount (:mod:`.numbers`), scale, currency, qualifier, period — whose words are data in
``models/money/`` (see its README), and ``models/money/false_positives.jsonl`` lists the
shapes that look like money and are not.

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

import math
import re
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from typing import Any, Optional

from ..resources import load_json, load_jsonl
from .numbers import digits_pattern, parse_number, scale_pattern, tables, words_pattern

_APOS = "['’]"
_WORD_END = r"(?![^\W\d_])"


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
        out = asdict(self)
        out["bounds"] = list(self.bounds) if self.bounds else None
        return out


@dataclass(frozen=True)
class _Currency:
    code: str
    locales: tuple[tuple[str, str], ...] = ()
    home_words: tuple[str, ...] = ()

    def resolve(self, locale: Optional[str], context: str) -> str:
        """ISO code in a text of this locale, given the words around the amount."""
        local = dict(self.locales).get(locale or "")
        if local is None or any(w.casefold() in context.casefold() for w in self.home_words):
            return self.code
        return local


@dataclass(frozen=True)
class _Raw:
    """A candidate before qualifiers, periods and filtering."""

    value: float
    currency: _Currency
    start: int
    end: int
    scale: float = 1.0
    qualifier: str = "exact"
    bounds: Optional[tuple[float, float]] = None


def _key(surface: str) -> str:
    return re.sub(r"\s+", "", surface).replace("’", "'")


def _piece(surface: str, loose: bool) -> str:
    """Regex of one surface form: flexible spaces and apostrophes, closed on the right."""
    src = (r"\s*" if loose else r"\s+").join(re.escape(p) for p in surface.split()).replace("'", _APOS)
    return src + (r"(?![^\W\d_]|['’\-])" if surface[-1].isalnum() else "")


def _alternation(surfaces: list[str], loose: bool = False) -> str:
    return "|".join(_piece(s, loose) for s in sorted(set(surfaces), key=len, reverse=True))


def _phrase(phrase: str) -> str:
    """Regex of a qualifier/period phrase; a final « de » also matches « d' »."""
    words = [re.escape(w).replace("'", _APOS) for w in phrase.replace("’", "'").split()]
    if len(words) > 1 and words[-1] == "de":
        return r"\s+".join(words[:-1]) + rf"(?:\s+de|\s+d{_APOS})"
    return r"\s+".join(words)


class _Lexicon:
    """Currency forms and the compiled patterns, built once from ``models/money/``."""

    def __init__(self) -> None:
        self.exact: dict[str, _Currency] = {}
        self.folded: dict[str, _Currency] = {}
        forms: list[str] = []
        signs: dict[bool, list[str]] = {True: [], False: []}  # symbolic (case-insensitive) or not
        before: dict[bool, list[str]] = {True: [], False: []}
        for entry in load_jsonl("money/currencies.jsonl"):
            cur = _Currency(entry["code"], tuple(entry.get("locales", {}).items()), tuple(entry.get("home_words", ())))
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

    @staticmethod
    def _either(forms: list[str], signs: dict[bool, list[str]]) -> str:
        """Words (case-insensitive), then symbolic signs (case-insensitive), then letter codes (exact)."""
        parts = [rf"(?i:{_alternation(forms)})"] if forms else []
        parts.append(rf"(?i:{_alternation(signs[True], loose=True)})")
        parts.append(_alternation(signs[False], loose=True))
        return "(?:" + "|".join(parts) + ")"

    def currency(self, surface: str) -> _Currency:
        key = _key(surface)
        return self.exact.get(key) or self.folded[key.casefold()]


@lru_cache(maxsize=None)
def _lexicon() -> _Lexicon:
    return _Lexicon()


@lru_cache(maxsize=None)
def _patterns() -> dict[str, re.Pattern[str]]:
    lex, t = _lexicon(), tables()
    number = rf"(?:{digits_pattern()}(?:\s*{scale_pattern()})?|{words_pattern()})"
    collective = rf"(?i:une?\s+(?:{'|'.join(t['collectives'])})\s+(?:de\s+|d{_APOS}\s*)(?:{'|'.join(t['scales'])})){_WORD_END}"
    amount = rf"(?:{collective}|{number})"
    lists = load_json("money/lists.json")
    subunits = "|".join(sorted(lists["subunits"], key=len, reverse=True))
    cents = (rf"\s+(?:(?i:et)\s+)?(?:(?P<c1>\d{{1,2}}|{words_pattern()})\s*(?i:{subunits}){_WORD_END}"
             rf"|(?P<c2>\d{{1,2}}|{words_pattern()})(?![\d,.]?\d)(?=\s*(?:[.;!?]|$)))")
    gap = rf"\s*(?:(?i:de)\s+|(?i:d){_APOS}\s*)?"
    money = (rf"(?P<cur_b>{lex.before})\s*(?P<amount_b>{amount})"
             rf"|(?P<amount_a>{amount}){gap}(?P<cur_a>{lex.after})(?P<cents>{cents})?")
    bare = rf"(?:{digits_pattern()}(?:\s*{scale_pattern(abbreviations=False)})?|{words_pattern()})"
    counted = "|".join(_phrase(w) + (r"\s" if w[-1].isalpha() else "") for w in lists["counted_noun_lead"])
    joiners = "|".join(re.escape(j) for j in {*lists["range_joiners"], *lists["list_joiners"]})
    between = "|".join(_phrase(w) for w in lists["between"])
    lead = rf"(?<![^\W\d_])(?i:(?P<between>{between})|{'|'.join(_phrase(w) for w in lists['from'])})\s*$"
    return {
        "money": re.compile(money),
        "carry": re.compile(rf"(?P<amount>{bare})"),
        "left": re.compile(rf"(?P<num>{bare})\s*(?P<j>(?i:{joiners}))\s*$"),
        "lead": re.compile(lead),
        "label": re.compile(rf"(?<![^\W\d_])(?i:{'|'.join(re.escape(w) for w in lists['label_words'])})\s*$"),
        "between": re.compile(rf"^\s*(?P<j>(?i:{'|'.join(re.escape(j) for j in lists['range_joiners'])}))\s*$"),
        "scale": re.compile(scale_pattern()),
        "counted": re.compile(rf"\s*(?i:{counted})\s*[^\W\d_]"),
        "change": re.compile(rf"(?i:\b(?:{'|'.join(lists['change_verbs'])})\w*)\s+$"),
        "year": re.compile(lists["years"]),
    }


@lru_cache(maxsize=None)
def _context_patterns() -> dict[str, re.Pattern[str]]:
    quals = load_json("money/qualifiers.json")
    periods = {k: v for k, v in load_json("money/periods.json").items() if not k.startswith("_")}
    between = "|".join(_phrase(w) for w in load_json("money/periods.json")["_between"])

    def alt(phrases: list[str]) -> str:
        return "|".join(_phrase(p) for p in sorted(phrases, key=len, reverse=True))

    before = "|".join(rf"(?P<b_{q}>{alt(p)})" for q, p in quals["before"].items())
    chained = alt([p for phrases in quals["before"].values() for p in phrases])  # « pouvant atteindre jusqu'à »
    after = "|".join(rf"(?P<a_{q}>{alt(p)})" for q, p in quals["after"].items())
    period = "|".join(rf"(?P<p{i}>{_phrase(k) if k[0].isalpha() else re.escape(k)})" for i, k in enumerate(periods))
    return {
        "before": re.compile(rf"(?<![^\W\d_])(?i:(?:{chained})\s+)*(?i:{before})\s*$"),
        "after": re.compile(rf"\s*,?\s*(?i:{after}){_WORD_END}"),
        "period": re.compile(rf"(?:\s+(?i:{between}){_WORD_END})?\s*(?i:{period}){_WORD_END}"),
        "sentence": re.compile(r"[.!?…](?=\s+[«\"“(A-ZÀ-Ý])|\n"),
    }


@lru_cache(maxsize=None)
def _false_positives() -> tuple[tuple[re.Pattern[str], Optional[re.Pattern[str]]], ...]:
    return tuple(
        (re.compile(fp["mention"], re.I), re.compile(fp["after"], re.I) if fp.get("after") else None)
        for fp in load_jsonl("money/false_positives.jsonl")
    )


def _is_false_positive(text: str, raw: _Raw) -> bool:
    after = text[raw.end: raw.end + 40]
    return any(m.fullmatch(text[raw.start: raw.end]) and (a is None or a.match(after)) for m, a in _false_positives())


def _amount_value(amount: str) -> tuple[Optional[float], float, str]:
    """(value, scale, qualifier) of an amount's text; the scale is its largest scale word (1 if none)."""
    t = tables()
    words = re.split(r"[\s\-]+", amount)
    scales = {**t["scales"], **dict.fromkeys(t["thousand"], 1e3)}
    scale = max([scales.get(w.lower(), 1.0) for w in words] + [t["abbreviations"].get(w, 1.0) for w in words])
    collective = re.match(rf"(?i)une?\s+(\w+)\s+(?:de\s+|d{_APOS}\s*)\w+", amount)
    if collective and collective.group(1).lower() in t["collectives"]:
        return t["collectives"][collective.group(1).lower()] * scale, scale, "approx"
    approx = any(w.lower() in t["collectives"] for w in words)
    return parse_number(amount), scale, "approx" if approx else "exact"


def _cents(match: re.Match[str]) -> Optional[float]:
    """Hundredths written after the main unit (« 15 euros 50 », « trois dollars cinquante »), if below 100."""
    cents = parse_number(match.group("c1") or match.group("c2") or "")
    return cents / 100 if cents is not None and cents < 100 else None


def _explicit(text: str) -> list[_Raw]:
    """Amounts written with a currency before or after them."""
    lex, out = _lexicon(), []
    for m in _patterns()["money"].finditer(text):
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
    if value is None or _patterns()["year"].fullmatch(num.strip()):
        return None
    if anchor.scale > 1 and value < 1000 and not _patterns()["scale"].search(num):
        value *= anchor.scale
    return value


def _range_start(text: str, first: int, joiner: str) -> Optional[int]:
    """Start of a range whose first bound starts at ``first`` and is followed by ``joiner``, or None.

    « entre X et Y », « X - Y », « (de) X à Y » are ranges — but not « passé de X à Y » (a change).
    """
    pats = _patterns()
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
        m = _patterns()["left"].search(text, max(floor, cut - 100), cut)
        value = _bare_value(m.group("num"), anchor) if m else None
        label = _patterns()["label"].search(text, max(0, m.start("num") - 20), m.start("num")) if m else None
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
        between = _patterns()["between"].match(text[prev.end: raw.start]) if prev else None
        if prev and between and prev.currency == raw.currency and prev.bounds is None:
            start = _range_start(text, prev.start, between.group("j").lower())
            if start is not None:
                out[-1] = replace(raw, start=start, qualifier="max", bounds=(prev.value, raw.value))
                continue
        out.append(raw)
    return out


def _sentence_of(text: str, pos: int) -> tuple[int, int]:
    starts = [m.end() for m in _context_patterns()["sentence"].finditer(text, 0, pos)]
    start = starts[-1] if starts else 0
    nxt = _context_patterns()["sentence"].search(text, pos)
    return start, nxt.end() if nxt else len(text)


def _carried(text: str, found: list[_Raw]) -> list[_Raw]:
    """Bare scaled amounts (« 365 millions ») taking the currency given earlier in the sentence."""
    carry_scales = set(load_json("money/lists.json")["carry_scales"])
    out = []
    for m in _patterns()["carry"].finditer(text):
        words = {w.lower() for w in re.split(r"[\s\-]+", m.group(0))}
        if not words & carry_scales or any(r.start < m.end() and m.start() < r.end for r in found):
            continue
        if _patterns()["counted"].match(text, m.end()):
            continue
        sentence_start = _sentence_of(text, m.start())[0]
        earlier = [r for r in found if sentence_start <= r.start and r.end <= m.start()]
        value, scale, qualifier = _amount_value(m.group(0))
        if earlier and value is not None:
            out.append(_Raw(value, earlier[-1].currency, m.start(), m.end(), scale, qualifier))
    return out


def _qualify(text: str, raw: _Raw) -> tuple[str, int, int]:
    """Qualifier of an amount and its span widened to the qualifier words (gold rule C7)."""
    ctx = _context_patterns()
    before = ctx["before"].search(text, max(0, raw.start - 80), raw.start)
    after = ctx["after"].match(text, raw.end)
    if raw.qualifier != "exact" or not (before or after):
        return raw.qualifier, raw.start, raw.end
    hit = before or after
    qualifier = next(name[2:] for name, v in hit.groupdict().items() if v)
    return qualifier, before.start() if before else raw.start, after.end() if after and not before else raw.end


def _period(text: str, end: int) -> Optional[str]:
    """ISO 8601 period of a recurring amount (« par an » → P1Y) written just after it."""
    period = _context_patterns()["period"].match(text, end)
    if not period:
        return None
    periods = [v for k, v in load_json("money/periods.json").items() if not k.startswith("_")]
    return periods[int(next(k[1:] for k, v in period.groupdict().items() if v))]


def _home_context(masked: str, raw: _Raw) -> str:
    """Words near an amount, in its sentence, with every amount blanked out (« dollars américains »
    next to « 55 millions $ » is a conversion, not a tie to the US)."""
    window = load_json("money/lists.json")["home_window"]
    sentence_start, sentence_end = _sentence_of(masked, raw.start)
    return masked[max(sentence_start, raw.start - window): min(sentence_end, raw.end + window)]


def _finish(text: str, raw: _Raw, locale: Optional[str], masked: str) -> MoneyMention:
    qualifier, start, end = _qualify(text, raw)
    return MoneyMention(
        value=round(raw.value, 6),
        currency=raw.currency.resolve(locale, _home_context(masked, raw)),
        qualifier=qualifier,
        text=text[start:end],
        start=start,
        end=end,
        period=_period(text, raw.end) or _period(text, end),
        bounds=raw.bounds,
    )


def parse_money(text: str, locale: Optional[str] = None) -> list[MoneyMention]:
    """Every amount of money in a French text, left to right.

    ``locale`` (``fr-FR``, ``fr-CA``, ``fr-CH``…) is where the text was published; it decides
    what a bare « $ » or « francs » means. Never raises on any string.
    """
    raws = _merge_ranges(text, _with_lists(text, _explicit(text), []))
    raws = _with_lists(text, _carried(text, raws), raws)
    raws = [r for r in raws if math.isfinite(r.value) and not _is_false_positive(text, r)]
    masked = text
    for r in raws:
        masked = masked[: r.start] + " " * (r.end - r.start) + masked[r.end:]
    return [_finish(text, r, locale, masked) for r in raws]
