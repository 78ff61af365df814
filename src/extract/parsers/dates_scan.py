"""Find the candidate date atoms of a text and choose among overlapping ones.

Each rule of :func:`extract.parsers.dates_patterns.rules` is tried only where a token it can
start with begins; its handler (calendar or relative) turns a match that overlaps no longer one
into an :class:`Atom`, or rejects it.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate, compress, repeat
from operator import is_not, not_, or_
from typing import Iterable

from .dates_atoms import CALENDAR_HANDLERS, Atom
from .dates_patterns import RULE_STARTS, TOKEN, first_words, rules
from .dates_relative import RELATIVE_HANDLERS

HANDLERS = {**CALENDAR_HANDLERS, **RELATIVE_HANDLERS}
_RUNS = re.compile(r"(\w+)")  # the runs of word characters: TOKEN's tokens and underscores
_DIGIT = ("digit",)


def _starts(text: str) -> dict[str, list[int]]:
    """Where each kind of token begins (``digit``, ``month``, ``weekday``…).

    The tokens are those of ``TOKEN``. They are read from the runs of word characters, split once
    by the regex engine, with their offsets summed in C: a run of letters is one token, a run of
    digits another; only a run that mixes them (« 1er », « T1 ») is split with ``TOKEN``. Python
    then sees the tokens that start something, not every word.
    """
    get = first_words().get
    parts = _RUNS.split(text)  # gap, run, gap, run, …, gap
    runs = parts[1::2]
    offsets = list(accumulate(map(len, parts), initial=0))[1::2]
    kinds = list(map(get, map(str.lower, runs)))
    wanted = map(or_, map(is_not, kinds, repeat(None)), map(not_, map(str.isalpha, runs)))
    starts: dict[str, list[int]] = {}
    for position, run, found in compress(zip(offsets, runs, kinds), wanted):
        if found:
            for kind in found:
                if kind in starts:
                    starts[kind].append(position)
                else:
                    starts[kind] = [position]
        elif run.isdecimal():
            _add(starts, _DIGIT, position)
        else:
            for m in TOKEN.finditer(text, position, position + len(run)):
                token = m.group()
                found = _DIGIT if token.isdigit() else get(token.lower())
                if found:
                    _add(starts, found, m.start())
    return starts


def _add(starts: dict[str, list[int]], kinds: Iterable[str], position: int) -> None:
    for kind in kinds:
        if kind in starts:
            starts[kind].append(position)
        else:
            starts[kind] = [position]


def find_atoms(text: str) -> list[Atom]:
    """The atoms of ``text``, in text order: every rule's matches, longest first (ties: the more
    specific rule), each kept if it overlaps none kept before it and its handler accepts it. A rule
    is tried only where a token it can start with begins."""
    starts = _starts(text)
    matches: list[tuple[int, int, int, re.Match[str]]] = []  # (-length, rank, start, match)
    by_kinds: dict[tuple[str, ...], list[int]] = {}  # rules share their start kinds
    for rank, (name, pattern) in enumerate(rules()):
        kinds = RULE_STARTS[name]
        if kinds not in by_kinds:
            by_kinds[kinds] = sorted({p for kind in kinds for p in starts.get(kind, ())})
        for m in filter(None, map(pattern.match, repeat(text), by_kinds[kinds])):
            matches.append((m.start() - m.end(), rank, m.start(), m))
    return _select(text, matches)


def _select(text: str, matches: list[tuple[int, int, int, re.Match[str]]]) -> list[Atom]:
    """Longest first (ties: the more specific rule; the three keys never tie), no overlaps; in text
    order. A handler never moves its atom, so it runs only on a match that would be kept: the
    matches a longer atom hides cost nothing more."""
    names = [name for name, _ in rules()]
    chosen: list[Atom] = []  # sorted by start; no two overlap, so their ends are sorted too
    starts: list[int] = []
    for _, rank, start, m in sorted(matches):
        end = m.end()
        i = bisect.bisect_right(starts, start)
        if (i == 0 or chosen[i - 1].end <= start) and (i == len(chosen) or chosen[i].start >= end):
            name = names[rank]
            atom = HANDLERS[name](text, m, Atom(name, start, end, {}, rank=rank))
            if atom is not None:
                chosen.insert(i, atom)
                starts.insert(i, start)
    return chosen
