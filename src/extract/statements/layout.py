"""Where things are in one document, read once: its text, token offsets and words, sentences and lines.

spaCy joins every token again on each ``doc.text`` and walks the tokens to find a token's
sentence; the statement stage asks both thousands of times per document. :func:`layout`
computes them in one pass and keeps them (plain lists) in ``doc.user_data`` until the stage
calls :func:`release`.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.attrs import IDX, LEMMA, LENGTH, LOWER
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
    strings = doc.vocab.strings
    lower = [strings[h] for h in doc.to_array(LOWER).tolist()]
    lemma = [strings[h].lower() for h in doc.to_array(LEMMA).tolist()]
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
    sent_start, sent_end = [0] * n, [n] * n
    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            sent_start[i], sent_end[i] = sent.start, sent.end
    return Layout(starts, lower, lemma, written, written_end, line_start, line_end, sent_start, sent_end)
