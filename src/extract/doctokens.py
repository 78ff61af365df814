"""Every token attribute the stages read, taken from spaCy once per document.

The actor, statement and contract stages each index per-token lists (offsets, words, tags, heads…).
Reading them from spaCy means one ``doc.to_array`` call and one string-store lookup per distinct hash:
:func:`doc_tokens` does it once and keeps the result for the last document (the stages run one after
the other on a document; holding the doc keeps its identity valid). Stages derive their own forms
(folded words, lower-cased lemmas…) with :func:`per_distinct`. The lists are shared by the stages: never
change them. Each project stage calls :func:`refresh` first, so a component placed between two of them
that sets entities or merges or splits tokens (an entity ruler, a retokenizer) is seen; one that
rewrites tags, lemmas or the parse of an already parsed doc there is not.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable, Optional, TypeVar

import numpy
from spacy.attrs import (DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, IS_STOP, LEMMA, LENGTH, LOWER, ORTH, POS, SENT_START,
                         SPACY)
from spacy.tokens import Doc

T = TypeVar("T")
COLUMNS = (IDX, LENGTH, ORTH, LOWER, LEMMA, POS, DEP, ENT_TYPE, IS_STOP, ENT_IOB, HEAD, SENT_START, SPACY)


@dataclass(frozen=True)
class DocTokens:
    """Per-token columns of one document (index = token index), as spaCy's token attributes."""

    text: str
    """``doc.text``."""
    idx: list[int]
    """``idx``: character offset."""
    length: list[int]
    """``len(token)``."""
    orth: list[str]
    """``orth_`` (= ``text``)."""
    lower: list[str]
    """``lower_``."""
    lemma: list[str]
    """``lemma_``."""
    pos: list[str]
    """``pos_``."""
    dep: list[str]
    """``dep_``."""
    ent_type: list[str]
    """``ent_type_``."""
    is_stop: list[bool]
    """``is_stop``."""
    ent_iob: list[int]
    """``ent_iob`` (0 unset, 1 « I », 2 « O », 3 « B »)."""
    head: list[int]
    """``head.i`` (its own index for a root)."""
    sent_start: list[int]
    """``sent_start`` flag (1 opens a sentence, -1 does not, 0 unset)."""

    def char_tokens(self, start: int, end: int) -> Optional[tuple[int, int]]:
        """``(span.start, span.end)`` of ``doc.char_span(start, end, alignment_mode="expand")`` for ``end > start``,
        without building the span: tokens and their trailing space tile the text, so the token holding a
        character is found by bisection."""
        if not 0 <= start < len(self.text) or not 0 <= end - 1 < len(self.text):
            return None
        first, last = bisect_right(self.idx, start) - 1, bisect_right(self.idx, end - 1) - 1
        if start == self.idx[first] + self.length[first]:
            first += 1  # the trailing space of a token is not part of it
        return first, last + 1


def doc_tokens(doc: Doc) -> DocTokens:
    """The :class:`DocTokens` of ``doc``, read once while the stages work on it."""
    global _last
    if _last is None or _last[0] is not doc:
        _last = (doc, _read(doc), _entities(doc))
    return _last[1]


def refresh(doc: Doc) -> None:
    """Forget the table kept for ``doc`` if its tokens or entities changed since it was read."""
    global _last
    if _last is not None and _last[0] is doc and _entities(doc) != _last[2]:
        _last = None


def _entities(doc: Doc) -> bytes:
    """What changes when a component sets entities or retokenises: the entity codes of every token."""
    return doc.to_array([ENT_IOB, ENT_TYPE]).tobytes()


_last: Optional[tuple[Doc, DocTokens, bytes]] = None


def _read(doc: Doc) -> DocTokens:
    n, strings = len(doc), doc.vocab.strings
    array = doc.to_array(list(COLUMNS)).reshape(n, len(COLUMNS)).T
    idx, length, is_stop, ent_iob, spaces = array[[0, 1, 8, 9, 12]].tolist()
    hashes, at = numpy.unique(array[2:8], return_inverse=True)  # each distinct hash looked up once
    names = numpy.array([strings[h] for h in hashes.tolist()], dtype=object)
    orth, lower, lemma, pos, dep, ent_type = names[at.reshape(6, n)].tolist()
    head = (array[10].astype(numpy.int64) + numpy.arange(n)).tolist()  # offsets to the head → indices
    sent_start = array[11].astype(numpy.int64).tolist()
    text = "".join([word + " " if space else word for word, space in zip(orth, spaces)])
    return DocTokens(text, idx, length, orth, lower, lemma, pos, dep, ent_type, list(map(bool, is_stop)), ent_iob,
                     head, sent_start)


def per_distinct(values: list[str], convert: Callable[[str], T]) -> list[T]:
    """``[convert(v) for v in values]``, calling ``convert`` once per distinct value."""
    converted = {v: convert(v) for v in set(values)}
    return list(map(converted.__getitem__, values))
