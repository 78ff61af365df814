"""Where things are in one document, read once: its text, token offsets and words, sentences and lines.

spaCy joins every token again on each ``doc.text`` and walks the tokens to find a token's
sentence; the statement stage asks both thousands of times per document. :func:`layout`
computes them in one pass and keeps them (plain lists) in ``doc.user_data`` until the stage
calls :func:`release`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.errors import Errors
from spacy.tokens import Doc

from ..doctext import doc_text
from ..doctokens import doc_tokens, per_distinct

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
    children: list[list[int]]
    """Indices of each token's children, ascending (as ``Token.children``)."""
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
    n, tokens = len(doc), doc_tokens(doc)
    starts, head = tokens.idx, tokens.head
    children: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(head):
        if h != i:
            children[h].append(i)
    breaks = _line_breaks(doc_text(doc), starts)
    cuts = sorted({i + 1 for i, orth in enumerate(tokens.orth) if orth in SENTENCE_END}.union(i + 1 for i in breaks))
    written = _last_mark(n + 1, [0] + cuts)
    written_end = _next_mark(n, [c for c in cuts if c < n])
    line_start = _last_mark(n, [0] + [i + 1 for i in breaks if i + 1 < n])
    line_end = _next_mark(n, breaks)
    sent_start, sent_end = _sentences(doc, tokens.sent_start)
    dates = [(span.start, span.end) for span in doc.spans.get("dates", ())]
    return Layout(starts, tokens.lower, per_distinct(tokens.lemma, str.lower), tokens.pos, tokens.dep, head,
                  children, written, written_end, line_start, line_end, sent_start, sent_end, dates)


def _line_breaks(text: str, starts: list[int]) -> list[int]:
    """Indices of the tokens holding a line break (a token's trailing whitespace is one space at most,
    so every « \n » of the text lies in a token)."""
    found, at = set(), text.find("\n")
    while at >= 0:
        found.add(bisect_right(starts, at) - 1)
        at = text.find("\n", at + 1)
    return sorted(found)


def _last_mark(size: int, marks: list[int]) -> list[int]:
    """For each index below ``size``, the last of the ascending ``marks`` at or before it (``marks[0]`` is 0)."""
    out = [0] * size
    for a, b in zip(marks, marks[1:] + [size]):
        out[a:b] = [a] * (b - a)
    return out


def _next_mark(size: int, marks: list[int]) -> list[int]:
    """For each index below ``size``, the first of the ascending ``marks`` after it (``size`` when none)."""
    out, previous = [size] * size, 0
    for mark in marks:
        out[previous:mark] = [mark] * (mark - previous)
        previous = mark
    return out


def _sentences(doc: Doc, flags: list[int]) -> tuple[list[int], list[int]]:
    """First token and end of the spaCy sentence of each token (as ``doc.sents``: a sentence opens at
    every token after the first whose ``sent_start`` flag is 1)."""
    if not doc.has_annotation("SENT_START"):
        raise ValueError(Errors.E030)
    opens = [i for i, flag in enumerate(flags) if i and flag == 1]
    return _last_mark(len(doc), [0] + opens), _next_mark(len(doc), opens)
