"""Assemble statements of one parsed document: quotations and reported speech, in text order.

Quotations come from :mod:`.quotes`, their speakers from :mod:`.attribution`, unquoted
reports from :mod:`.reported`; :class:`.speakers.Speakers` remembers who spoke so that later
pronouns (« selon elle », « il espère ») resolve to the last compatible speaker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span

from ..doctext import doc_text
from ..doctokens import doc_tokens
from . import attribution as attr
from .context import find_channel, find_date
from .layout import layout
from .lexicon import AUXILIARIES, words
from .quotes import Quote, find_quotes, paragraphs
from .reported import Reported, find_reported
from .speakers import Speaker, Speakers
from .subjects import inverted_subject, subject_of
from .syntax import INVERTED, is_clause, sentence, text_sentence_start


@dataclass
class Said:
    """A statement under construction: where its words are and who said them, how."""

    start: int
    end: int
    kind: str
    attribution: attr.Attribution
    paragraph: int
    channel: Optional[str] = None
    date: Optional[str] = None

    def record(self, doc: Doc) -> dict:
        """The statement dict of ``records.Statement``."""
        speaker = self.attribution.speaker
        return {"speaker": speaker.actor, "speaker_mention": speaker.mention,
                "quote": doc_text(doc)[self.start:self.end],
                "kind": self.kind, "cue": self.attribution.cue, "date": self.date, "channel": self.channel,
                "start": self.start, "end": self.end}


class Collector:
    """Walk one document's quotations and reports in text order and attribute each."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc_text(doc)
        self.speakers = Speakers(doc)
        self.paras = paragraphs(self.text)
        self.said: list[Said] = []
        self.media = [(a, b) for a, b, actor in self.speakers.mentions
                      if self.speakers.actors.get(actor, {}).get("org_type") == "media"]

    def run(self) -> list[dict]:
        """Statement dicts of the document, in text order."""
        quotes = [q for q in find_quotes(self.text) if q.end > q.start and not self._is_name(q)]
        quoted = [(q.open, q.close) for q in quotes]
        self.speakers.quoted = quoted
        events = [(q.open, "q", q) for q in quotes]
        events += [(self.doc[r.start].idx, "r", r) for r in find_reported(self.doc, quoted)]
        interviewee = self._interviewee(quotes)
        for _, what, item in sorted(events, key=lambda e: e[0]):
            if what == "q":
                self._quote(item, interviewee)
            else:
                self._reported(item)
        return [s.record(self.doc) for s in sorted(self.said, key=lambda s: s.start)]

    def _paragraph(self, char: int) -> int:
        return next((i for i, (a, b) in enumerate(self.paras) if a <= char <= b), -1)

    def _add(self, start: int, end: int, kind: str, found: attr.Attribution, channel=None, date=None) -> None:
        self.said.append(Said(start, end, kind, found, self._paragraph(start), channel, date))
        self.speakers.note(found.speaker)

    def _interviewee(self, quotes: list[Quote]) -> Optional[Speaker]:
        """The person most often named before the first dialogue turn (the interview's guest)."""
        turns = [q for q in quotes if q.dialogue]
        if not turns:
            return None
        counts: dict[str, list[tuple[int, int]]] = {}
        for start, end, actor in self.speakers.mentions:
            if end <= turns[0].open and self.speakers.kind(actor) == "person":
                counts.setdefault(actor, []).append((start, end))
        if not counts:
            return None
        actor, spans = max(counts.items(), key=lambda kv: (len(kv[1]), -kv[1][0][0]))
        start, end = spans[-1]
        return Speaker(actor, self.text[start:end], start, end)

    def _quote(self, q: Quote, interviewee: Optional[Speaker]) -> None:
        """Record a quotation (two when an incise cuts it) with its speaker, or nothing when unattributed."""
        bounds = doc_tokens(self.doc).char_tokens(q.start, q.end)
        if bounds is None or q.question:
            return
        span = self.doc[bounds[0]:bounds[1]]
        if q.dialogue:
            self._turn(q, span, interviewee)
            return
        kind = "direct" if is_clause(span) else "partial"
        pieces = self._split(span) if kind == "direct" else None
        if pieces:
            (first, second), found = pieces
            channel = find_channel(self.doc, sentence(span[0]), found.anchor, [(span.start, span.end)], self.media)
            self._add(q.start, first, "direct", found, channel)
            self._add(second, q.end, "direct", found, channel)  # same speaker and cue (GUIDELINES B2)
            return
        found = self._attribute(q, span, kind)
        if found is None or not found.speaker.mention or not _names_someone(self.doc, found.speaker):
            return
        inherited = self._inherited(found)
        channel, date = inherited if inherited else self._where_when(found, q)
        self._add(q.start, q.end, kind, found, channel, date)

    def _turn(self, q: Quote, span: Span, interviewee: Optional[Speaker]) -> None:
        """A dialogue turn: split at an incise naming its speaker (« — Je pars, dit-il. »), else the interviewee's."""
        pieces = self._split(span)
        if pieces:
            (first, second), found = pieces
            self._add(q.start, first, "direct", found)
            self._add(second, q.end, "direct", found)
            return
        for tok in span[1:]:
            found = attr.incise_after(self.doc, span, self.speakers, tok.i) if tok.text == "," else None
            if found is not None:
                self._add(q.start, tok.idx, "direct", found)
                return
        if interviewee is not None:
            self._add(q.start, q.end, "direct", attr.Attribution(interviewee, None, span.start, "interview"))

    def _attribute(self, q: Quote, span: Span, kind: str) -> Optional[attr.Attribution]:
        """The best evidence for a quotation's speaker, strongest first."""
        doc, speakers = self.doc, self.speakers
        close_i = _token_after(doc, q.close)
        open_i = _token_at(doc, q.open)
        found = self._after_incise(q) \
            or (attr.incise_after(doc, span, speakers, close_i) if close_i is not None else None) \
            or (attr.colon_before(doc, open_i, speakers) if open_i is not None else None) \
            or attr.governing_cue(doc, span, speakers, self.paras[self._paragraph(q.open)]) \
            or attr.cue_before(doc, span, speakers) \
            or attr.colon_clause(doc, span, speakers) \
            or attr.pred_cue(doc, span, speakers) \
            or attr.source_phrase(doc, span, speakers) \
            or attr.caption(doc, q.close, speakers)
        if found is None and kind == "direct":
            found = self._from_context(q, span)
        if found is None and self.said and self.said[-1].attribution.cue:
            found = self._same_report(span)
        return found

    def _after_incise(self, q: Quote) -> Optional[attr.Attribution]:
        """« « A », a répliqué le maire, Antoine Vernier, « B » »: a quotation reopened right after the
        incise of the previous one continues it: same speaker and cue (GUIDELINES B2)."""
        last = self.said[-1] if self.said else None
        if last is None or last.attribution.rule != "incise":
            return None
        cue_at = self.doc[last.attribution.anchor].idx
        between = self.text[cue_at:q.open].rstrip()
        if not last.end < cue_at < q.open or not between.endswith(",") or any(c in between for c in ".;:!?«»“”"):
            return None
        return last.attribution

    def _same_report(self, span: Span) -> Optional[attr.Attribution]:
        """A further quoted fragment of the report just made in the same sentence (GUIDELINES X3)."""
        last = self.said[-1]
        first = text_sentence_start(self.doc, span.start)
        if last.end <= self.doc[first].idx or last.start > span.start_char:
            return None
        between = self.text[last.end:span.start_char].lower()
        if any(mark in between for mark in (";", ":", ". ")):
            return None
        return last.attribution

    def _from_context(self, q: Quote, span: Span) -> Optional[attr.Attribution]:
        """A quotation with no cue: lead quote → next sentence; otherwise the statement it continues."""
        doc = self.doc
        para = self._paragraph(q.open)
        at_start = not self.text[self.paras[para][0]:q.open].strip() if para >= 0 else False
        last = self.said[-1] if self.said else None
        following = _next_sentence(doc, span, self.paras[para][1] if para >= 0 else len(self.text))
        previous = _previous_sentence(doc, span, self.paras[para][0] if para >= 0 else 0)
        options = []
        if at_start:
            options.append(lambda: attr.from_sentence(doc, following, self.speakers, (span.start, span.end)) if following else None)
            options.append(lambda: attr.continued(last.attribution) if last and last.paragraph == para - 1 else None)
        else:
            options.append(lambda: attr.continued(last.attribution) if last and last.paragraph == para else None)
            options.append(lambda: attr.from_sentence(doc, previous, self.speakers, (span.start, span.end)) if previous else None)
            options.append(lambda: attr.from_sentence(doc, following, self.speakers, (span.start, span.end)) if following else None)
        for option in options:
            found = option()
            if found is not None:
                return found
        return None

    def _inherited(self, found: attr.Attribution) -> Optional[tuple]:
        """Channel and date of the statement a continuation quote continues."""
        if found.rule != "continued" or not self.said:
            return None
        last = self.said[-1]
        return last.channel, None

    def _where_when(self, found: attr.Attribution, q: Quote) -> tuple:
        """Channel of the attributing sentence; date only when it is the quotation's own (GUIDELINES X16)."""
        sent = sentence(self.doc[found.anchor])
        skip = [bounds] if (bounds := doc_tokens(self.doc).char_tokens(q.open, q.close)) else []
        cue = self.doc[found.cue_token] if found.cue_token is not None and found.rule != "context" else None
        return find_channel(self.doc, sent, found.anchor, skip, self.media), find_date(self.doc, sent, cue, skip)

    def _split(self, span: Span):
        """A quotation cut by an incise inside its marks (« A, a-t-il dit, B ») → two ranges."""
        where = layout(self.doc)
        for i in range(span.start + 2, span.end - 2):  # span[2:-2]
            if where.lower[i] != "," or i + 1 >= span.end:
                continue
            window = range(i + 1, min(i + 8, span.end))
            comma = next((j for j in window if where.lower[j] == ","), None)
            if comma is None or not any(where.lower[j] in INVERTED for j in window if j < comma):
                continue
            found = attr.incise_after(self.doc, span, self.speakers, i)
            if found is not None:
                return (where.starts[i], where.starts[comma + 1]), found
        return None

    def _is_name(self, q: Quote) -> bool:
        """A quotation right after a naming word (« baptisée », « la doctrine dite », « le logiciel »)."""
        before = self.text[max(0, q.open - 40):q.open].lower().split()
        if not before or before[-1].strip(",") not in words("naming"):
            return False
        verb_use = len(before) > 1 and before[-2] in words("reflexives") | AUXILIARIES  # « se dit », « a dit »
        return not verb_use

    def _reported(self, r: Reported) -> None:
        doc = self.doc
        tok = doc[r.cue_token]
        if r.form == "source":
            found = attr.source_phrase(doc, doc[r.start:r.end], self.speakers)
        elif r.form == "incise":
            speaker = inverted_subject(doc, tok, r.cue, self.speakers)
            found = attr.Attribution(speaker, attr.cue_text(doc, tok, r.cue), tok.i, "incise", tok.i) if speaker else None
        else:
            speaker = subject_of(doc, tok, self.speakers)
            found = attr.Attribution(speaker, attr.cue_text(doc, tok, r.cue), tok.i, "reported", tok.i) if speaker else None
        if found is None or found.speaker.indefinite or not _names_someone(doc, found.speaker):
            return
        start, end = doc[r.start].idx, doc[r.end - 1].idx + len(doc[r.end - 1])
        sent = sentence(tok)
        skip = [(r.start, r.end)]
        cue = tok if r.cue is not None else None
        date = find_date(doc, sent, cue, skip)
        if date is None and cue is not None and tok.dep_ in ("advcl", "xcomp", "conj") and tok.head.i < tok.i:
            date = find_date(doc, sent, tok.head, skip)  # « a lancé lundi …, avant de réclamer … » (GUIDELINES H6)
        self._add(start, end, "indirect", found, find_channel(doc, sent, tok.i, skip, self.media), date)


def _names_someone(doc: Doc, speaker: Speaker) -> bool:
    """An actor, or a describing phrase headed by a noun that is no authorless document or figure
    (« les chiffres confirment que … » reports nobody's words)."""
    if speaker.actor:
        return True
    bounds = doc_tokens(doc).char_tokens(speaker.start, speaker.end)
    if bounds is None:
        return False
    where = layout(doc)
    nouns = [i for i in range(*bounds) if where.pos[i] in ("NOUN", "PROPN")]
    return bool(nouns) and where.lower[nouns[0]] not in words("documents")


def _token_at(doc: Doc, char: int) -> Optional[int]:
    bounds = doc_tokens(doc).char_tokens(char, char + 1)
    return bounds[0] if bounds is not None else None


def _token_after(doc: Doc, char: int) -> Optional[int]:
    i = layout(doc).token_from(char)
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i if i < len(doc) else None


def _next_sentence(doc: Doc, span: Span, para_end: int) -> Optional[Span]:
    """The sentence after a quotation in its paragraph (the rest of its own sentence if spaCy merged them)."""
    end = span.end
    while end < len(doc) and doc[end].idx < para_end and (doc[end].is_punct or doc[end].is_space):
        end += 1
    if end >= len(doc) or doc[end].idx >= para_end:
        return None
    sent = sentence(doc[end])
    stop = min(sent.end, next((t.i for t in doc[end:sent.end] if t.idx >= para_end), sent.end))
    return doc[max(sent.start, end):stop]


def _previous_sentence(doc: Doc, span: Span, para_start: int) -> Optional[Span]:
    start = sentence(span[0]).start
    if start == 0 or doc[start - 1].idx < para_start:
        return None
    return sentence(doc[start - 1])
