"""Where things are in one document, read once: its text, token offsets and words, sentences and lines.

spaCy joins every token again on each ``doc.text`` and walks the tokens to find a token's
sentence; the statement stage asks both thousands of times per document. :func:`layout`
computes them in one pass and keeps them (plain lists) in ``doc.user_data`` until the stage
calls :func:`release`.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Callable

import numpy
from spacy.attrs import DEP, HEAD, IDX, LEMMA, LENGTH, LOWER, POS, SENT_START
from spacy.errors import Errors
from spacy.tokens import Doc

from ..doctext import doc_text

KEY = "extract.statements.layout"
SENTENCE_END = (".", "!", "?")


@dataclass(frozen=True)
class Layout:
    """Per-token tables of one document (index = token index)."""

    starts: list[int]
    """Character offset of each token."""
    lower: list[str]
    """Each token's ``lower_``."""
    lemma: list[str]
    """Each token's ``lemma_``, lower-cased."""
    pos: list[str]
    """Each token's ``pos_``."""
    dep: list[str]
    """Each token's ``dep_``."""
    head: list[int]
    """Index of each token's head (its own index for a root)."""
    written: list[int]
    """First token of the written sentence: after the last « . ! ? » or line break before the token
    (one entry more, for the end of the document)."""
    written_end: list[int]
    """First token of the next written sentence (``len(doc)`` for the last one)."""
    line_start: list[int]
    """First token after the last token holding a line break before the token."""
    line_end: list[int]
    """First token after the token that holds a line break (``len(doc)`` when none)."""
    sent_start: list[int]
    sent_end: list[int]
    """Bounds of spaCy's sentence of the token."""
    dates: list[tuple[int, int]]
    """Token bounds of the spans of ``doc.spans["dates"]``, in its order (none without that group)."""

    def token_from(self, char: int) -> int:
        """Index of the first token starting at or after a character offset (``len(doc)`` when none)."""
        return bisect_left(self.starts, char)


def layout(doc: Doc) -> Layout:
    """The layout of ``doc``, computed on first use."""
    found = doc.user_data.get(KEY)
    if found is None:
        found = doc.user_data[KEY] = _compute(doc)
    return found


def release(doc: Doc) -> None:
    """Drop the layout kept for ``doc`` (the document may change or be serialised later)."""
    doc.user_data.pop(KEY, None)


def _compute(doc: Doc) -> Layout:
    n, text = len(doc), doc_text(doc)
    starts, lengths = doc.to_array(IDX).tolist(), doc.to_array(LENGTH).tolist()
    texts = [text[a:a + size] for a, size in zip(starts, lengths)]
    lower, pos, dep = (_strings(doc, attr) for attr in (LOWER, POS, DEP))
    lemma = _strings(doc, LEMMA, str.lower)
    head = (doc.to_array(HEAD).astype(numpy.int64) + numpy.arange(n)).tolist()  # offsets to the head → indices
    breaks = ["\n" in t for t in texts]
    written, line_start = [0] * (n + 1), [0] * n
    for i in range(1, n + 1):
        written[i] = i if texts[i - 1] in SENTENCE_END or breaks[i - 1] else written[i - 1]
    written_end, following = [n] * n, n
    for i in range(n - 1, -1, -1):
        written_end[i] = following
        if written[i] == i:
            following = i
    for i in range(1, n):
        line_start[i] = i if breaks[i - 1] else line_start[i - 1]
    line_end = [n] * n
    for i in range(n - 2, -1, -1):
        line_end[i] = i + 1 if breaks[i + 1] else line_end[i + 1]
    sent_start, sent_end = _sentences(doc)
    dates = [(span.start, span.end) for span in doc.spans.get("dates", ())]
    return Layout(starts, lower, lemma, pos, dep, head, written, written_end, line_start, line_end, sent_start, sent_end,
                  dates)


def _strings(doc: Doc, attr: int, change: Callable[[str], str] = str) -> list[str]:
    """One string attribute of every token, through ``change`` (each distinct hash looked up once)."""
    hashes = doc.to_array(attr).tolist()
    strings = doc.vocab.strings
    names = {h: change(strings[h]) for h in set(hashes)}
    return [names[h] for h in hashes]


def _sentences(doc: Doc) -> tuple[list[int], list[int]]:
    """First token and end of the spaCy sentence of each token (as ``doc.sents``: a sentence opens at
    every token after the first whose ``sent_start`` is 1)."""
    if not doc.has_annotation("SENT_START"):
        raise ValueError(Errors.E030)
    n = len(doc)
    opens = [i for i, flag in enumerate(doc.to_array(SENT_START).tolist()) if i and flag == 1]
    sent_start, sent_end = [0] * n, [n] * n
    for start, end in zip([0] + opens, opens + [n]):
        sent_start[start:end] = [start] * (end - start)
        sent_end[start:end] = [end] * (end - start)
    return sent_start, sent_end
