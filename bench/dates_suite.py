"""Score ``parse_dates`` on the external French date suite (``../shared/external/dates_fr.jsonl``).

Each suite line is parsed with its ``ref_date`` (date part) as ``published``; predictions are
written in the format of ``score_suite.py`` and scored with and without the lines tagged
``rt_unverified``. Durations are left out of the predictions (the suite scores dates only).
Intervals are given as full dates, ``end`` exclusive (the parser's convention; the suite's
Duckling half uses it too, its Recognizers-Text half does not, see the report).

Usage: ``python bench/dates_suite.py [--errors N] [--out FILE]``
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Optional

from extract.parsers.dates import DateMention, parse_dates
from extract.parsers.dates_resolve import first_day

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = ROOT.parent / "shared" / "external"
SUITE = EXTERNAL / "dates_fr.jsonl"
SCORER = EXTERNAL / "score_suite.py"


def _bound(value: Optional[str]) -> Optional[str]:
    """A TIMEX3 interval end as the suite writes it: a full date when known, else as is."""
    if value is None:
        return None
    day = first_day(value)
    return day.isoformat() if day else value


def as_item(m: DateMention) -> Optional[dict[str, Any]]:
    """One prediction item of the suite's format (None for a duration)."""
    if m.kind == "duration":
        return None
    if m.kind == "interval":
        return {"start": _bound(m.begin), "end": _bound(m.until)}
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
        items = [i for i in (as_item(m) for m in mentions) if i]
        out.append({"id": row["id"], "text": row["text"], "predicted": items or None})
    return out


# Lines the parser leaves out of scope, by category, tried in this order (first match wins).
# Each is decided mechanically from the line, the parser's answer and the suite's own matcher.
ANAPHORIC = re.compile(r"lendemain|veille|suivant|d'après|plus tard|qui suit|précédent|jour d'avant|jours? après", re.I)
SPACED = re.compile(r"^(?:le\s+)?\d{1,2} \d{1,2}(?: \d{2,4})?$")
BARE_DAY = re.compile(r"^(?:le\s+|en\s+)?\d{1,2}$")
MONTH = r"(?:janv|févr|fevr|mars|avr|mai|juin|juil|ao[uû]t|sept?|oct|nov|d[ée]c)[a-zéû]*"
ENGLISH = re.compile(rf"^{MONTH}\.?[\s,/-]*(?:\d|[a-z]+\s*$|vingt|seconde|deux)|\d[/-]{MONTH}|{MONTH}[/-]\d", re.I)
OFFSET = re.compile(r"^(?:il\s+y\s*a|dans)\s|^\w+\s+(?:prochaine?s|derni[eè]re?s|pass[ée]e?s)\s", re.I)
CATEGORIES = {
    "next_occurrence": "right only under the conversational next-occurrence convention (tense='future'); "
                       "the parser follows the news convention (past by default)",
    "unresolved_with_reference": "the suite keeps XXXX although the line gives a reference date; the parser "
                                 "resolves it (lenient match)",
    "interval_end": "the suite closes ranges inclusively (or at the last year's 1 January); the parser's "
                    "until is exclusive",
    "offset_granularity": "« il y a deux ans », « dans 3 semaines », « les 3 prochaines semaines »: the parser "
                          "keeps the unit's precision (2014, 2020-W30, weeks), the suite counts days",
    "period_as_interval": "the suite renders a season or a START/MID/END part (« début avril », « en fin "
                          "d'année », « cet été ») as fixed day ranges; the parser gives the TIMEX3 value and mod",
    "spaced_or_bare_numbers": "« 17 02 », « 20 2 14 », « le 16 »: digits alone are not read as dates (phone "
                              "numbers, scores, counts)",
    "anaphoric": "relative to an event of the story, not to publication (« le lendemain », « la veille », "
                 "« mardi suivant »): skipped by design",
    "english_order": "month-first or machine-translated forms (« Oct. 2 », « Sep-23-2020 », « Novembre 19-20 »)",
}


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_suite", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def category(row: dict[str, Any], past: list[dict], future: list[dict], scorer: Any) -> Optional[str]:
    """Why a positive line the parser misses (strictly) is out of scope, or None."""
    exp = row["expected"]
    ok = lambda items, mode: any(scorer.dates_match(exp, i, mode) for i in items)  # noqa: E731
    span = (row.get("span") or row["text"]).strip()
    if ok(past, "strict"):
        return None
    if ok(future, "strict"):
        return "next_occurrence"
    range_end = "start" in exp and any(i.get("start") == exp["start"] and i.get("end", "")[:4].isdigit()
                                       and exp["end"].endswith("-01-01") and i["end"] > exp["end"] for i in past)
    if ok(past, "lenient") and "X" in json.dumps(exp) and row.get("ref_date"):
        return "unresolved_with_reference"
    if "start" in exp and (ok(past, "lenient") or range_end or _end_inclusive(exp, past, scorer)):
        return "interval_end"
    if "start" in exp and any(i.get("mod") in ("START", "MID", "END") or i.get("value", "")[-2:] in SEASONS
                              for i in past + future):
        return "period_as_interval"
    if OFFSET.match(span) and past:
        return "offset_granularity"
    if SPACED.match(span) or BARE_DAY.match(span):
        return "spaced_or_bare_numbers"
    if ANAPHORIC.search(span):
        return "anaphoric"
    if ENGLISH.search(span):
        return "english_order"
    return None


SEASONS = ("SP", "SU", "FA", "WI")


def _end_inclusive(exp: dict[str, Any], items: list[dict], scorer: Any) -> bool:
    """A range equal to the parser's once its exclusive end is moved back one day (X wildcards allowed)."""
    for i in items:
        end = scorer.shift_day(i.get("end"), -1)
        if "start" in i and end and scorer.wild_eq(exp["start"], i["start"]) and scorer.wild_eq(exp["end"], end):
            return True
    return False


def _strict_ok(row: dict[str, Any], items: list[dict], scorer: Any) -> bool:
    if row["expected"] is None:
        return not items
    return any(scorer.dates_match(row["expected"], i, "strict") for i in items)


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
    lines = [f"for information, strict (without {skip_tag}) with tense='future': "
             f"{conversational}/{len(kept)} = {conversational / max(len(kept), 1):.1%}",
             f"in scope (without {skip_tag}): strict {right}/{total} = {right / max(total, 1):.1%}"]
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
