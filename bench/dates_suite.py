"""Score ``parse_dates`` on the external French date suite (``../shared/external/dates_fr.jsonl``).

Each suite line is parsed with its ``ref_date`` (date part) as ``published``; predictions are
written in the format of ``score_suite.py`` and scored with and without the lines tagged
``rt_unverified``. Durations are left out of the predictions (the suite scores dates only).

Representation conversions (the value is the parser's; only its rendering changes):
- Intervals are given as full dates. On Duckling lines the end is exclusive (the parser's and
  Duckling's convention). On Recognizers-Text lines a two-ended range (« du 4 au 22 »,
  « de 2010 à 2018 ») ends at the first day of its last end as written, which is RT's rendering
  as the suite README documents it (« entre 2014 et 2018 » → ``2018-01-01``, « du 19 au 20
  novembre » → ``XXXX-11-20``); RT also writes a quarter or a half-year as its day range
  (« le troisième trimestre de 2016 » → ``2016-07-01``..``2016-10-01``), so ``2016-Q3`` is
  rendered that way on RT lines. A range end of unknown year is written as RT writes it
  (``XXXX-03`` → ``XXXX-03-01``).
- A TIMEX3 value with a START/MID/END mod (« fin mars » → ``2013-03`` END) or a season
  (``2012-WI``) against a suite day range (Duckling's rendering of the same words): counted
  right only when the range describes the same period — it lies inside the value's period and
  begins with it (START), ends with it (END) or touches neither end (MID); a season's range
  must start and end within 3 days of the parser's bounds (the 21st of the months in
  ``models/dates/calendar.json``; astronomical seasons turn between the 20th and the 23rd).
  This is done by :func:`same_period` in the bench's own figures, not in the suite's scorer.

Usage: ``python bench/dates_suite.py [--errors N] [--out FILE]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Optional

from extract.parsers.dates import DateMention, parse_dates
from extract.parsers.dates_resolve import first_day, next_timex

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = ROOT.parent / "shared" / "external"
SUITE = EXTERNAL / "dates_fr.jsonl"
SCORER = EXTERNAL / "score_suite.py"


def _bound(value: Optional[str]) -> Optional[str]:
    """A TIMEX3 interval end as the suite writes it: a full date when known, else as is."""
    if value is None:
        return None
    day = first_day(value)
    if day:
        return day.isoformat()
    return f"{value}-01" if re.fullmatch(r"XXXX-\d\d", value) else value  # a month of unknown year


# A range written with its two ends (« du 4 au 22 », « 19-20 novembre », « juin-août », « entre 2014 et
# 2018 »), not a counted one (« les dix derniers mois », which RT ends exclusively like the parser).
TWO_ENDS = re.compile(r"(?<![^\W_])(?:au|à|a|et|jusqu\S*)(?![^\W_])|\d\s*[-–~]\s*\d|\s[-–]\s"
                      r"|(?:vier|mars|avril|mai|juin|llet|août|bre)\s*[-–]\s*[^\W\d_]", re.I)

QUARTER_OR_HALF = re.compile(r"^(?:\d{4}|XXXX)-[QH]\d$")


def _period_range(value: str) -> dict[str, str]:
    """A quarter or half-year as RT's day range, year unknown included (``XXXX-Q3`` →
    ``XXXX-07-01``..``XXXX-10-01``)."""
    if not value.startswith("XXXX"):
        return {"start": _bound(value), "end": _bound(next_timex(value))}
    size = 3 if value[5] == "Q" else 6
    first = (int(value[6]) - 1) * size + 1
    return {"start": f"XXXX-{first:02d}-01", "end": f"XXXX-{(first + size - 1) % 12 + 1:02d}-01"}


def as_item(m: DateMention, source: str = "duckling") -> Optional[dict[str, Any]]:
    """One prediction item of the suite's format (None for a duration); ``source`` picks the
    rendering of a range's end (see the module docstring)."""
    if m.kind == "duration":
        return None
    if m.kind == "interval":
        last = m.value.split("/")[-1]
        two_ends = source == "recognizers-text" and TWO_ENDS.search(m.text)
        end = _bound(last) if two_ends else _bound(m.until)
        return {"start": _bound(m.begin), "end": end}
    if source == "recognizers-text" and QUARTER_OR_HALF.search(m.value) and not m.mod:
        return _period_range(m.value)
    if m.value.isdigit() and len(m.value) == 3:  # a decade, « les années 70 »
        first = int(m.value) * 10
        return {"start": f"{first:04d}-01-01", "end": f"{first + 10:04d}-01-01"}
    item = {"value": m.value}
    if m.mod:
        item["mod"] = m.mod
    return item


def predict(rows: list[dict[str, Any]], tense: str = "past") -> list[dict[str, Any]]:
    """One prediction line per suite line."""
    out = []
    for row in rows:
        published = (row.get("ref_date") or "")[:10] or None
        mentions = parse_dates(row["text"], published, tense=tense)
        items = [i for i in (as_item(m, row.get("source", "")) for m in mentions) if i]
        out.append({"id": row["id"], "text": row["text"], "predicted": items or None})
    return out


SEASONS = ("SP", "SU", "FA", "WI")
SEASON_SLACK = dt.timedelta(days=3)


def same_period(exp: dict[str, Any], item: dict[str, Any]) -> bool:
    """A suite day range and a TIMEX3 value+mod (or a season) that describe the same period."""
    value = item.get("value")
    if exp.get("value") is not None or "start" not in exp or not value or "start" in item:
        return False
    mod, season = item.get("mod"), value[-2:] in SEASONS
    if mod not in ("START", "MID", "END") and not (season and not mod):
        return False
    first, after = first_day(value), first_day(next_timex(value) or "")
    try:
        start, end = dt.date.fromisoformat(exp["start"]), dt.date.fromisoformat(exp["end"])
    except ValueError:
        return False
    if first is None or after is None:
        return False
    if season and not mod:
        return abs(start - first) <= SEASON_SLACK and abs(end - after) <= SEASON_SLACK
    if not first <= start < end <= after:
        return False
    return {"START": start == first and end < after, "END": end == after and start > first,
            "MID": first < start and end < after}[mod]


def matches(exp: dict[str, Any], item: Any, scorer: Any) -> bool:
    """The bench's strict match: the suite's own, or the same period in another rendering."""
    return scorer.dates_match(exp, item, "strict") or (isinstance(item, dict) and same_period(exp, item))


# Lines the parser leaves out of scope, by category, tried in this order (first match wins).
# Each is decided mechanically from the line, the parser's answer and the suite's own matcher.
ANAPHORIC = re.compile(r"lendemain|veille|suivant|d'après|plus tard|qui suit|précédent|jour d'avant|jours? après", re.I)
SPACED = re.compile(r"^(?:le\s+)?\d{1,2} \d{1,2}(?: \d{2,4})?$|^\d{1,2}/\d{1,2}(?:-\d{1,2}/\d{1,2})?$")
BARE_DAY = re.compile(r"^(?:le\s+|en\s+)?\d{1,2}$")
MONTH = r"(?:jan|févr|fevr|mars|avr|mai|juin|juil|ao[uû]t|sept?|oct|nov|d[ée]c)[a-zéû]*"
ENGLISH = re.compile(rf"^{MONTH}\.?[\s,/-]*(?:\d|vingt|seconde|deux|entre\s+\d)|\d[/-]{MONTH}|{MONTH}[/-]\d"
                     rf"|^seconde\s+de\s+{MONTH}", re.I)
HABIT = re.compile(r"^(?:le\s+week-?end|en\s+semaine)$", re.I)
NTH_WEEKDAY = re.compile(r"XXXX-(\d\d)-WXX-(\d)-#(\d)$")
OFFSET = re.compile(r"^(?:il\s+y\s*a|dans)\s|^\w+\s+(?:prochaine?s|derni[eè]re?s|pass[ée]e?s)\s", re.I)
CATEGORIES = {
    "next_occurrence": "right only under the conversational next-occurrence convention (tense='future'); "
                       "the parser follows the news convention (past by default)",
    "unresolved": "the suite keeps X digits (XXXX-04-22, XX70, a season without year, RT's XXXX-07-WXX-5-#1) "
                  "that the parser resolves from the reference date (RECORDS.md: published resolves the year) "
                  "or, for « les années 70 », reads as the 1970s (TIMEX3 197); right under the suite's lenient "
                  "match",
    "offset_granularity": "« il y a deux ans », « dans 3 semaines », « les 3 prochaines semaines »: the parser "
                          "keeps the unit's precision (2014, 2020-W30, weeks), the suite counts days",
    "next_period_part": "the suite's day range is another period than the parser's value and mod: « au début "
                        "du mois » on 12 February is the next month's start for Duckling (a next-occurrence "
                        "reading tense='future' does not make either), the current month, START, for the parser",
    "spaced_or_bare_numbers": "« 17 02 », « 20 2 14 », « le 16 », « 17/2 »: digits alone are not read as dates "
                              "(phone numbers, scores, counts; « 17/2 » unpadded and without a cue word such as "
                              "« le » is read like the fraction « 3/4 »)",
    "habit": "« le week-end », « en semaine »: a habit (at weekends, on weekdays), like « le lundi » "
             "(models/dates/README.md); not a date",
    "anaphoric": "relative to an event of the story, not to publication (« le lendemain », « la veille », "
                 "« mardi suivant »): skipped by design",
    "english_order": "month-first or machine-translated forms (« Oct. 2 », « Sep-23-2020 », « Novembre 19-20 », "
                     "« Aout seconde »)",
}


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_suite", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def category(row: dict[str, Any], past: list[dict], future: list[dict], scorer: Any) -> Optional[str]:
    """Why a positive line the parser misses (strictly) is out of scope, or None."""
    exp = row["expected"]
    strict = lambda items: any(matches(exp, i, scorer) for i in items)  # noqa: E731
    lenient = lambda items: any(scorer.dates_match(exp, i, "lenient") for i in items)  # noqa: E731
    span = (row.get("span") or row["text"]).strip()
    if strict(past):
        return None
    if strict(future):
        return "next_occurrence"
    if ("X" in json.dumps(exp) and lenient(past)) or _season_without_year(exp, past) or _nth_weekday(exp, past):
        return "unresolved"
    if "start" in exp and any(i.get("mod") in ("START", "MID", "END") or i.get("value", "")[-2:] in SEASONS
                              for i in past + future):
        return "next_period_part"
    if OFFSET.match(span) and past:
        return "offset_granularity"
    if SPACED.match(span) or BARE_DAY.match(span):
        return "spaced_or_bare_numbers"
    if HABIT.match(span):
        return "habit"
    if ANAPHORIC.search(span):
        return "anaphoric"
    if ENGLISH.search(span):
        return "english_order"
    return None


def _nth_weekday(exp: dict[str, Any], items: list[dict]) -> bool:
    """RT's ``XXXX-07-WXX-5-#1`` (first Friday of July, year unknown) against the parser's date."""
    m = NTH_WEEKDAY.match(exp.get("value") or "")
    for item in items if m else ():
        try:
            day = dt.date.fromisoformat(item.get("value", ""))
        except ValueError:
            continue
        if (day.month, day.isoweekday(), (day.day - 1) // 7 + 1) == tuple(int(g) for g in m.groups()):
            return True
    return False


def _season_without_year(exp: dict[str, Any], items: list[dict]) -> bool:
    """The suite's bare ``SU`` against the parser's ``2016-SU``."""
    want = exp.get("value") or ""
    return want in SEASONS and any(i.get("value", "").endswith("-" + want) for i in items)


def _strict_ok(row: dict[str, Any], items: list[dict], scorer: Any) -> bool:
    if row["expected"] is None:
        return not items
    return any(matches(row["expected"], i, scorer) for i in items)


def scope_report(rows: list[dict[str, Any]], skip_tag: str = "rt_unverified") -> str:
    """Strict score on the lines in scope, and the out-of-scope lines by category."""
    scorer = _scorer()
    past, future = predict(rows), predict(rows, tense="future")
    kept = [(r, p["predicted"] or [], f["predicted"] or []) for r, p, f in zip(rows, past, future)
            if skip_tag not in (r.get("tags") or [])]
    out_of_scope: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    right = total = 0
    for row, p, f in kept:
        cat = category(row, p, f, scorer) if row["expected"] else None
        if cat:
            out_of_scope[cat].append(row["id"])
            continue
        total += 1
        right += _strict_ok(row, p, scorer)
    conversational = sum(_strict_ok(row, f, scorer) for row, _, f in kept)
    raw = sum(_strict_ok(row, p, scorer) for row, p, _ in kept)
    n_next = len(out_of_scope["next_occurrence"])
    lines = [f"bench strict (without {skip_tag}; the conversions of the module docstring): "
             f"{raw}/{len(kept)} = {raw / max(len(kept), 1):.1%}",
             f"  excluding the next_occurrence lines: {raw}/{len(kept) - n_next} = "
             f"{raw / max(len(kept) - n_next, 1):.1%}",
             f"  in scope (excluding every category below): {right}/{total} = {right / max(total, 1):.1%}",
             f"for information, strict (without {skip_tag}) with tense='future': "
             f"{conversational}/{len(kept)} = {conversational / max(len(kept), 1):.1%}"]
    for cat, ids in out_of_scope.items():
        lines.append(f"  out of scope {cat}: {len(ids)} — {CATEGORIES[cat]}")
        lines.append("    " + " ".join(ids))
    return "\n".join(lines)


def score(pred_path: Path, extra: list[str]) -> str:
    """Run the suite's own scorer and return its report."""
    cmd = [sys.executable, str(SCORER), str(SUITE), str(pred_path), "--kind", "dates", *extra]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def main(argv: Optional[list[str]] = None) -> int:
    """Write predictions, print the scores with and without ``rt_unverified`` lines."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", type=int, default=0, help="print up to N failing lines")
    ap.add_argument("--out", type=Path, help="keep the predictions in this JSONL file")
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in SUITE.read_text(encoding="utf-8").splitlines() if line.strip()]
    preds = predict(rows)
    out = args.out or Path(tempfile.mkstemp(suffix=".jsonl")[1])
    out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    errors = ["--errors", str(args.errors)] if args.errors else []
    print("== all lines")
    print(score(out, []))
    print("== without rt_unverified")
    print(score(out, ["--skip-tag", "rt_unverified", *errors]))
    print("== scope")
    print(scope_report(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
