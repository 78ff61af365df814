"""Find the candidate date atoms of a text and choose among overlapping ones.

Each rule of :func:`extract.parsers.dates_patterns.rules` is tried only where a token it can
start with begins; its handler (calendar or relative) turns the match into an :class:`Atom`.
"""

from __future__ import annotations

import bisect

from .dates_atoms import CALENDAR_HANDLERS, Atom
from .dates_patterns import RULE_STARTS, TOKEN, first_words, rules
from .dates_relative import RELATIVE_HANDLERS

HANDLERS = {**CALENDAR_HANDLERS, **RELATIVE_HANDLERS}


def _starts(text: str) -> dict[str, list[int]]:
    """Where each kind of token begins (``digit``, ``month``, ``weekday``…)."""
    get, digit = first_words().get, ("digit",)
    starts: dict[str, list[int]] = {}
    for m in TOKEN.finditer(text):
        token = m.group()
        kinds = digit if token.isdigit() else get(token.lower())
        if kinds:
            for kind in kinds:
                if kind in starts:
                    starts[kind].append(m.start())
                else:
                    starts[kind] = [m.start()]
    return starts


def find_atoms(text: str) -> list[Atom]:
    """Every candidate atom of every rule (overlapping; the caller chooses). A rule is tried only
    where a token it can start with begins."""
    atoms = []
    starts = _starts(text)
    by_kinds: dict[tuple[str, ...], list[int]] = {}  # rules share their start kinds
    for rank, (name, pattern) in enumerate(rules()):
        handler = HANDLERS[name]
        kinds = RULE_STARTS[name]
        if kinds not in by_kinds:
            by_kinds[kinds] = sorted({p for kind in kinds for p in starts.get(kind, ())})
        match = pattern.match
        for position in by_kinds[kinds]:
            m = match(text, position)
            if m:
                atom = handler(text, m, Atom(name, m.start(), m.end(), {}, rank=rank))
                if atom is not None:
                    atoms.append(atom)
    return atoms


def select(atoms: list[Atom]) -> list[Atom]:
    """Longest atoms first (ties: the more specific rule), no overlaps; in text order."""
    chosen: list[Atom] = []  # sorted by start; no two overlap, so their ends are sorted too
    starts: list[int] = []
    for atom in sorted(atoms, key=lambda a: (-(a.end - a.start), a.rank, a.start)):
        i = bisect.bisect_right(starts, atom.start)
        if (i == 0 or chosen[i - 1].end <= atom.start) and (i == len(chosen) or chosen[i].start >= atom.end):
            chosen.insert(i, atom)
            starts.insert(i, atom.start)
    return chosen
