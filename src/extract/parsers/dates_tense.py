"""The tense of the sentence around a date: news speak of the past unless a future is nearer.

Used to resolve a date written without its year (« le 3 février »), a bare weekday or a month
in the right direction. The markers (future and past endings and words, and the words that
only look like them) are data in ``models/dates/tense.json``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..resources import load_json

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_END = ".!?\n"
WINDOW = 300  # characters looked at on each side, within the sentence


@lru_cache(maxsize=8192)
def _tense_of(word: str) -> Optional[str]:
    """``future`` (« annoncera », « va », « prévu »), ``past`` (« a », « lançait ») or None."""
    t, w = load_json("dates/tense.json"), word.lower().replace("’", "'")
    w = w.split("'")[-1]  # « s'appuiera » → « appuiera »
    if w in t["future_words"] or (len(w) > 4 and w.endswith(tuple(t["future_suffixes"])) and w not in t["not_future"]):
        return "future"
    if w in t["past_words"] or (len(w) > 4 and w.endswith(tuple(t["past_suffixes"])) and w not in t["not_past"]):
        return "past"
    return None


def is_future(text: str, position: int) -> bool:
    """Whether the tense marker nearest ``position`` in its sentence is a future (futur simple,
    conditional, « va », « prochain », « prévu »…) rather than a past (« a signé », imparfait);
    used to resolve a bare weekday, day-month or month forwards. No marker: past."""
    low, high = max(0, position - WINDOW), min(len(text), position + WINDOW)
    left = max(text.rfind(c, low, position) for c in _SENTENCE_END) + 1 or low
    rights = [i for i in (text.find(c, position, high) for c in _SENTENCE_END) if i >= 0]
    nearest: tuple[int, Optional[str]] = (len(text) + 1, None)
    for m in _WORD.finditer(text, max(left, low), min(rights) if rights else high):
        tense = _tense_of(m.group())
        if tense and abs(m.start() - position) < nearest[0]:
            nearest = (abs(m.start() - position), tense)
    return nearest[1] == "future"
