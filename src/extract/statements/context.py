"""Where and when a statement was made: channel phrases and dates around its cue."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..records import TIMEX3_RE
from .layout import layout
from .lexicon import words
from .syntax import stop_at, text_sentence_start

DETERMINERS = {"le", "la", "l'", "l’", "les", "un", "une", "des", "son", "sa", "ses", "leur", "leurs", "chaque",
               "ce", "cet", "cette", "notre", "nos", "votre", "vos", "du", "au", "aux", "d'", "d’", "de"}


def channel_phrase(doc: Doc, start: int, media: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The channel phrase opened by the preposition at token ``start``, or None.

    A phrase is a channel when one of its words is a channel word (``channel_words.txt``),
    when it names a media actor (``media``: character ranges), or after « auprès de » a proper
    noun (the interviewer).
    """
    where = layout(doc)
    lower, pos = where.lower, where.pos
    prep = lower[start]
    if prep not in words("channel_preps"):
        return None
    before = doc[start - 1] if start > 0 else None
    if prep == "par" and before is not None and "Part" in before.morph.get("VerbForm") and not any(
            c.dep_.startswith("aux") for c in before.children) and _determined(doc, start + 1):
        return None  # the agent of a participle (« obtenue par le New-York Times »), not « joint par téléphone »
    end = start + 1
    if prep in ("lors", "auprès") and end < len(doc) and lower[end] in ("de", "d'", "d’", "des", "du"):
        end += 1
    head_start = end
    while end < len(doc) and not stop_at(where, end) and pos[end] not in ("VERB", "AUX", "SCONJ", "PRON") \
            and not (end > head_start and pos[end] == "DET" and pos[end - 1] in ("NOUN", "PROPN")):
        if end > head_start and pos[end] == "ADP" and lower[end] not in ("de", "d'", "d’", "du", "des", "à"):
            break
        end += 1
    body = doc[head_start:end]
    if not len(body):
        return None
    for a, b in media:
        if body.start_char <= a < body.end_char and b < body.end_char:
            cut = doc.char_span(body.start_char, b, alignment_mode="expand")
            end, body = cut.end, cut
            break
    if not words("channel_words").isdisjoint(lower[body.start:body.end]):
        return start, end
    if prep == "auprès" and any(t.pos_ == "PROPN" or t.is_title for t in body):
        return start, end
    if any(a < body.end_char and body.start_char < b for a, b in media):
        return start, end
    return None


def _determined(doc: Doc, i: int) -> bool:
    """Whether the phrase at token ``i`` opens with a determiner or a name (an agent), not a bare noun."""
    return i < len(doc) and (doc[i].lower_ in DETERMINERS or doc[i].pos_ == "PROPN")


def find_channel(doc: Doc, sent: Span, anchor: int, skip: list[tuple[int, int]],
                 media: list[tuple[int, int]] = ()) -> str | None:
    """The channel phrase of a sentence nearest to token ``anchor``, outside the ``skip`` ranges."""
    best = None
    lower, preps = layout(doc).lower, words("channel_preps")
    for i in range(sent.start, sent.end):
        if lower[i] not in preps or any(a <= i < b for a, b in skip):
            continue
        found = channel_phrase(doc, i, list(media))
        if found and not any(a < found[1] and found[0] < b for a, b in skip):
            distance = abs(i - anchor)
            if best is None or distance < best[0]:
                best = (distance, found)
    if best is None:
        return None
    return doc[best[1][0]:best[1][1]].text


def find_date(doc: Doc, sent: Span, cue: Token | None, skip: list[tuple[int, int]]) -> str | None:
    """TIMEX3 value of a date that dates the speech act (GUIDELINES P6): attached to the cue
    verb, right next to its group, or fronted at the start of its written sentence."""
    if cue is None or "dates" not in doc.spans:
        return None
    first, group = text_sentence_start(doc, cue.i), doc.spans["dates"]
    for k, (start, end) in enumerate(layout(doc).dates):
        if start < first or start > sent.end or any(a < end and start < b for a, b in skip):
            continue
        span = group[k]
        info = span._.date or {}
        value = info.get("value")
        if info.get("kind") != "date" or not value or not TIMEX3_RE.match(value):
            continue
        if _dates_cue(span, cue, first):
            return value
    return None


def _dates_cue(span: Span, cue: Token, first: int) -> bool:
    """A date attached to the cue verb, right next to its group, or fronted before the subject."""
    head = layout(span.doc).head  # (indices: comparing spaCy tokens is slow)
    if any(head[i] == cue.i for i in range(span.start, span.end)) or 0 < span.start - cue.i <= 2 or cue.i == span.end:
        return True
    return span.start - first <= 1 and span.end < cue.i
