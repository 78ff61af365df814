"""Time the pure parsers against spaCy on the corpus texts.

One run: the spaCy pass (``fr_core_news_md`` with all its components) over every
``corpus/*.txt`` versus ``parse_money`` + ``parse_dates`` over the same texts, each repeated
and the best repetition kept (the least disturbed by other processes). Prints both times and
their ratio; the target is a ratio of at most 5 %.

Usage: ``python bench/parsers_speed.py [--repeat N] [--corpus DIR]``
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable, Optional

import spacy

from extract.parsers.dates import parse_dates
from extract.parsers.money import parse_money

ROOT = Path(__file__).resolve().parents[1]
TARGET = 0.05


def best_time(run: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` timed runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: Optional[list[str]] = None) -> int:
    """Print the spaCy time, the parsers' time and their ratio."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = ap.parse_args(argv)
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))]
    nlp = spacy.load("fr_core_news_md")
    list(nlp.pipe(texts[:1]))  # warm-up

    spacy_s = best_time(lambda: list(nlp.pipe(texts)), args.repeat)
    parsers_s = best_time(lambda: [(parse_money(t), parse_dates(t)) for t in texts], args.repeat * 4)
    ratio = parsers_s / spacy_s
    chars = sum(map(len, texts))
    print(f"texts: {len(texts)} ({chars} characters), best of {args.repeat} (spaCy) / {args.repeat * 4} (parsers)")
    print(f"spaCy fr_core_news_md, all components: {spacy_s * 1000:8.1f} ms")
    print(f"parse_money + parse_dates:             {parsers_s * 1000:8.1f} ms")
    print(f"ratio: {ratio:.1%} (target <= {TARGET:.0%}) {'OK' if ratio <= TARGET else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
