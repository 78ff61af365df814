"""Verbless list items under a line about deals: « • Thales : 120 M€ avec la DGA pour des radios (2024) ».

An item is a bulleted line that starts with an organisation followed by a colon or a dash; the
line introducing the list must name deals (« Parmi les contrats récents : »). The organisation
supplies; parties after it take their role from their preposition, as after a deal noun.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .clauses import Party, marker
from .sentences import Sentence
from .fields import usable_money
from .cues import cue_tokens
from .frames import Context, Frame, fill_frame, roles
from ..doctext import doc_text
from .lexicon import fold, lexicon

BULLET = re.compile(r"^[ \t]*[•·▪◦*\-–—][ \t]*$")
SEPARATORS = {":", "—", "–", "-"}


def list_frames(ctx: Context, sents: list[Sentence], parties: list[Party]) -> list[Frame]:
    """One frame per verbless list item with a supplier and an amount or a client."""
    doc, text = ctx.doc, doc_text(ctx.doc)
    frames = []
    for sent in sents:
        line_start = text.rfind("\n", 0, sent.start) + 1
        if not BULLET.match(text[line_start:sent.start]) or cue_tokens(doc, sent)[0]:
            continue
        if not _introduced_by_deals(text, line_start):
            continue
        frame = _item_frame(ctx, sent, [p for p in parties if sent.start <= p.start < sent.end])
        if frame is not None:
            frames.append(frame)
    return frames


def _introduced_by_deals(text: str, line_start: int) -> bool:
    """Whether the nearest non-item line above names deals (« Parmi les contrats récents : »)."""
    for line in reversed(text[:line_start].split("\n")):
        if line.strip() and not re.match(r"^[ \t]*[•·▪◦*\-–—]", line):
            words = {fold(w).rstrip("s") for w in re.findall(r"[\w'’-]+", line)}
            return bool(words & {n.rstrip("s") for n in lexicon().nouns})
    return False


def _item_frame(ctx: Context, sent: Sentence, parties: list[Party]):
    doc: Doc = ctx.doc
    if not parties or parties[0].tok > sent.tok_start + 1:
        return None
    sep = next((t for t in doc[parties[0].tok_end:min(parties[0].tok_end + 3, sent.tok_end)]
                if t.text in SEPARATORS), None)
    if sep is None:
        return None
    markers = {p: marker(doc, p, sent) for p in parties}
    contractor, client = roles(doc, sep, "noun", False, parties, markers)
    moneys = [m for m in ctx.moneys if sent.start <= m["start"] < sent.end and usable_money(doc, m)]
    if contractor is None or not (moneys or client):
        return None
    frame = Frame(contractor.actor, client.actor if client else None, sent.index, sent.start, sent.end)
    return fill_frame(ctx, sent, frame, sep, "noun", moneys, [], parties, markers)
