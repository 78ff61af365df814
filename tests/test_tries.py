"""Regex tries match exactly their words (or, with ``prefixes``, the shortest word starting a text)."""

from __future__ import annotations

import re

import pytest

from extract.tries import trie_alternation

CASES = [  # words, texts matched in full, texts not matched
    (["ministre", "ministère", "mairie", "maire"], ["ministre", "maire", "mairie"], ["minist", "mai", "maires", ""]),
    (["a", "ab", "abc"], ["a", "ab", "abc"], ["b", "abcd", ""]),
    (["l'État", "€"], ["l'État", "€"], ["l'Etat", "e"]),
    ([], [], ["", "a"]),
]


@pytest.mark.parametrize("words, matched, unmatched", CASES)
def test_full_words(words, matched, unmatched):
    pattern = re.compile(trie_alternation(words))
    assert all(pattern.fullmatch(text) for text in matched)
    assert not any(pattern.fullmatch(text) for text in unmatched)


def test_prefixes_stop_at_the_shortest_word():
    pattern = re.compile(trie_alternation(["a", "ab", "mai", "maire"], prefixes=True))
    assert [pattern.match(text).group() for text in ("abc", "maire", "mais")] == ["a", "mai", "mai"]
    assert pattern.match("b") is None


def test_characters_written_by_the_caller():
    pattern = re.compile(trie_alternation(["ok"], char=lambda ch: f"[{ch}{ch.upper()}]"))
    assert pattern.fullmatch("OK") and pattern.fullmatch("oK") and not pattern.fullmatch("ko")
