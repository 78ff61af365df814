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
import json
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


def predict(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One prediction line per suite line."""
    out = []
    for row in rows:
        published = (row.get("ref_date") or "")[:10] or None
        items = [i for i in (as_item(m) for m in parse_dates(row["text"], published)) if i]
        out.append({"id": row["id"], "text": row["text"], "predicted": items or None})
    return out


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
    return 0


if __name__ == "__main__":
    sys.exit(main())
