"""Score the money and number parsers on the external French conformance suites.

Reads ``../shared/external/money_fr.jsonl`` and ``numbers_fr.jsonl`` (relative to the repository;
the suites stay outside it), runs :func:`extract.parse_money` and
:func:`extract.parsers.numbers.find_numbers` on every distinct input, writes the predictions in
the format ``score_suite.py`` reads (``out/bench/*.pred.jsonl``) and prints its scores.

A range is written in the suite's vocabulary: ``{"min", "max", "qualifier": "range"}`` (our
mention keeps ``value`` = high bound, ``qualifier`` = "max", ``bounds`` = (low, high)).

Usage: ``.venv/bin/python bench/money_suite.py [--errors N] [--skip-tag rt_unverified]``
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = ROOT.parent / "shared" / "external"
OUT = ROOT / "out" / "bench"


def money_items(text: str) -> list[dict]:
    """Predicted money items of one suite input."""
    from extract import parse_money

    items = []
    for m in parse_money(text):
        item = {"value": m.value, "currency": m.currency, "qualifier": m.qualifier, "text": m.text}
        if m.bounds:
            item.update(min=m.bounds[0], max=m.bounds[1], qualifier="range")
        items.append(item)
    return items


def number_items(text: str) -> list[float]:
    """Predicted numbers of one suite input."""
    from extract.parsers.numbers import find_numbers

    return [n.value for n in find_numbers(text)]


def write_predictions(suite: Path, predict, out: Path) -> Path:
    """One prediction line per distinct input text of ``suite``."""
    texts = dict.fromkeys(json.loads(line)["text"] for line in suite.read_text(encoding="utf-8").splitlines() if line.strip())
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for text in texts:
            f.write(json.dumps({"text": text, "predicted": predict(text)}, ensure_ascii=False) + "\n")
    return out


def score(suite: Path, predictions: Path, extra: list[str]) -> None:
    """Print ``score_suite.py``'s table for one suite."""
    subprocess.run([sys.executable, str(EXTERNAL / "score_suite.py"), str(suite), str(predictions), *extra], check=True)


def main(argv: list[str] | None = None) -> int:
    """Run both suites and print their scores."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", type=int, default=0, help="print up to N failing lines per suite")
    ap.add_argument("--skip-tag", action="append", default=[], help="passed to score_suite.py")
    ap.add_argument("--only", choices=["money", "numbers"], help="run one suite only")
    args = ap.parse_args(argv)
    extra = [f"--errors={args.errors}"] + [f"--skip-tag={t}" for t in args.skip_tag]
    runs = {"money": money_items, "numbers": number_items}
    for name, predict in runs.items():
        if args.only and args.only != name:
            continue
        suite = EXTERNAL / f"{name}_fr.jsonl"
        score(suite, write_predictions(suite, predict, OUT / f"{name}.pred.jsonl"), extra)
    return 0


if __name__ == "__main__":
    sys.exit(main())
