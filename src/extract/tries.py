"""Word lists as regex tries: shared prefixes written once, so the engine drops a wrong branch at its
first differing character instead of trying every word."""

from __future__ import annotations

import re
from typing import Callable, Iterable


def trie_alternation(words: Iterable[str], char: Callable[[str], str] = re.escape, prefixes: bool = False) -> str:
    """A regex matching any of ``words``, each character written by ``char``; with ``prefixes`` a word
    that begins another ends its branch (enough for a look-ahead). No word: a pattern that never matches."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict) -> str:
        if prefixes and "" in node:
            return ""
        alts = [char(ch) + branch(sub) for ch, sub in sorted(node.items()) if ch] + ([""] if "" in node else [])
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return branch(root) if root else "(?!)"
