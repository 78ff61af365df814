"""The contract stage's sentences: cut by punctuation and line breaks, and found by character offset."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from operator import attrgetter
from typing import Optional

from spacy.tokens import Doc

from ..doctext import doc_text
from .lexicon import Words, token_words

LEAD = re.compile(r"[\s—–•·\-*]+")
SENT_END = re.compile(r"[.!?…]+(?:[\s\u00a0]*[»”])?(?=\s+[«“\"—–(]?\s*[A-ZÀ-Ý0-9])")
START = attrgetter("start")
ABBREVIATIONS = {"M", "MM", "Mme", "Mmes", "Mlle", "Dr", "Pr", "Me", "St", "Ste", "cf", "av", "etc", "p", "n°", "vol"}


@dataclass(frozen=True)
class Sentence:
    """A sentence (or a line) of the document, by characters and tokens."""

    index: int
    start: int
    end: int
    tok_start: int
    tok_end: int


def sentences(doc: Doc) -> list[Sentence]:
    """Sentences by punctuation and line breaks (spaCy's parser cuts « accord-cadre » or titles badly),
    without leading dashes, bullets or spaces."""
    out: list[Sentence] = []
    words, text = token_words(doc), doc_text(doc)
    for line in re.finditer(r"[^\n]+", text):
        pos, found = line.start(), line.group()
        for cut in [m.end() for m in SENT_END.finditer(found) if not _abbreviation(found, m.start())] + [len(found)]:
            _add_sentence(text, words, out, pos, line.start() + cut)
            pos = line.start() + cut
    return out


def _abbreviation(line: str, dot: int) -> bool:
    """Whether the word characters (``\\w``) right before ``dot`` are an abbreviation or an initial."""
    start = dot
    while start > 0 and (line[start - 1].isalnum() or line[start - 1] == "_"):
        start -= 1
    word = line[start:dot]
    return bool(word) and (word in ABBREVIATIONS or len(word) == 1 and word.isupper())


def _add_sentence(text: str, words: Words, out: list, start: int, end: int) -> None:
    lead = LEAD.match(text, start, end)
    start = lead.end() if lead else start
    while end > start and text[end - 1].isspace():
        end -= 1
    span = words.tokens.char_tokens(start, end) if end > start else None
    if span is not None and span[1] > span[0]:
        out.append(Sentence(len(out), start, end, *span))


def sentence_of(sents: list[Sentence], char: int) -> Optional[Sentence]:
    """The sentence containing a character offset (sentences are in order and apart: found by bisection)."""
    k = bisect_right(sents, char, key=START) - 1
    return sents[k] if k >= 0 and char < sents[k].end else None


def sentences_holding(sents: list[Sentence], chars: list[int]) -> set[int]:
    """Indices of the sentences holding one of the character offsets."""
    return {index for index in sentence_indices(sents, chars) if index is not None}


def sentence_indices(sents: list[Sentence], chars: list[int]) -> list[Optional[int]]:
    """The index of the sentence holding each character offset (sentences are in order and apart), or None."""
    starts, out = [s.start for s in sents], []
    for char in chars:
        k = bisect_right(starts, char) - 1
        out.append(sents[k].index if k >= 0 and char < sents[k].end else None)
    return out
