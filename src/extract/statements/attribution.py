"""Who said a quotation, with which cue: incises, colons, governing verbs, sources, captions, context.

Evidence is tried from the most to the least reliable (RECORDS §5, GUIDELINES P1-P4, B6):
an incise after the quotation (« …, a-t-il déclaré » / « …, déclare X »), a cue before a
colon, a reporting verb governing the quoted words, « selon / d'après / Pour X » in the
same sentence, a caption line under a pull quote, then the sentence around a quotation that
has no cue of its own (a lead quote takes the next sentence's speaker, a continuation the
previous one's). A person named inside the quotation is never its speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..doctext import doc_text
from .layout import layout
from .lexicon import Cue, cue_at, cue_covering, lines, may_cue, source_at, words
from .quotes import CLOSERS, PAIRS
from .speakers import Speaker, Speakers
from .subjects import apposed_name, inverted_subject, subject_of
from .syntax import (INVERTED, SUBJECT_DEPS, chunk_after, chunk_before, is_negated, is_stop, root_tokens,
                     sentence, sentence_bounds, stop_at, text_sentence_start, verb_group)

MAX_WALK = 4
RELATIVES = {"lequel", "laquelle", "lesquels", "lesquelles"}
WALK_DEPS = {"obj", "obl", "obl:arg", "obl:mod", "xcomp", "ccomp", "nmod", "amod", "nsubj", "acl", "advmod",
             "appos", "flat:name", "conj", "dep", "iobj", "advcl", "nsubj:pass", "root", "ROOT"}
QUOTE_MARKS = frozenset(PAIRS) | frozenset(CLOSERS)
PRED_RE = re.compile(r"\bd(?:e\s*|\s*['’]\s*)[«“\"‹]\s*$", re.I)


@dataclass(frozen=True)
class Attribution:
    """A speaker with the cue that reports the words, and the token anchoring channel and date."""

    speaker: Speaker
    cue: str | None
    anchor: int
    rule: str
    cue_token: int | None = None


def cue_text(doc: Doc, token: Token, cue: Cue) -> str | None:
    """The cue as written (verb group), or None for a topic verb (GUIDELINES P2)."""
    if not cue.names_speech:
        return None
    start, end = verb_group(token, cue)
    lower = layout(doc).lower
    group = [i for i in range(start, end) if lower[i] not in INVERTED or i > token.i]
    return doc[group[0]: group[-1] + 1].text if group else token.text


def incise_after(doc: Doc, span: Span, speakers: Speakers, close_i: int) -> Attribution | None:
    """« …», a-t-il déclaré / déclare X / comme le qualifie X: an incise right after the marks."""
    where = layout(doc)
    lower, n = where.lower, len(where.lower)  # marks, spaces and line breaks are their own lower-case forms
    i = close_i
    comma = i < n and lower[i] == ","
    if comma:
        i += 1
    elif i >= n or not doc[i].text[:1].islower() or not any(w in INVERTED for w in lower[i:min(i + 4, n)]):
        return None  # without a comma only an inverted verb is an incise (« » dit-il)
    if i < n and lower[i] == "comme":
        i += 1
    for j in range(i, min(i + 4, n)):
        if stop_at(where, j):
            return None
        tok = doc[j]
        cue = cue_at(tok)
        if cue is None or is_negated(tok) or _passive(tok):
            if (where.pos[j] not in ("AUX", "PRON") and tok.lemma_ not in ("avoir", "être")) or lower[j] in (
                    "qui", "que", "dont", "qu’", "qu'"):
                return None
            continue
        speaker = inverted_subject(doc, tok, cue, speakers)
        if speaker is not None:
            return Attribution(speaker, cue_text(doc, tok, cue), j, "incise", j)
        return None
    return None


def colon_before(doc: Doc, open_i: int, speakers: Speakers) -> Attribution | None:
    """« X a déclaré : « … » », « Elle poursuit :¶« … » », « Name (Org) : « … » »."""
    j = open_i - 1
    while j >= 0 and (doc[j].is_space or "\n" in doc[j].text):
        j -= 1
    if j < 0 or doc[j].text != ":":
        return None
    found = _cue_before_colon(doc, j, speakers)
    if found is not None:
        return found
    sent = sentence(doc[j])
    verbs = [t for t in doc[sent.start:j] if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "aux:tense", "aux:pass")]
    if verbs:
        speaker = subject_of(doc, verbs[-1], speakers)
        named = speaker is not None and speaker.actor and speakers.kind(speaker.actor) == "person"
        return Attribution(speaker, None, verbs[-1].i, "colon") if named else None
    head_end = next((t.i for t in doc[sent.start:j] if t.text == "("), j)
    speaker = speakers.from_tokens(sent.start, head_end)
    if speaker is not None and speaker.actor and speakers.kind(speaker.actor) == "person":
        return Attribution(speaker, None, sent.start, "headline")
    return None


def colon_clause(doc: Doc, span: Span, speakers: Speakers) -> Attribution | None:
    """« X insiste sur l'hébergement : les modèles tournent « … » »: quoted words in the clause after a
    colon that follows a speech cue (GUIDELINES S11, H22); the noun phrase before the colon is a topic."""
    lower = layout(doc).lower  # marks and spaces are their own lower-case forms
    floor, j = text_sentence_start(doc, span.start), span.start - 1
    while j >= floor and (lower[j].isspace() or lower[j] in QUOTE_MARKS):
        j -= 1  # the quotation's own opening mark
    for j in range(j, floor - 1, -1):
        if lower[j] in QUOTE_MARKS:
            return None
        if lower[j] == ":":
            return _cue_before_colon(doc, j, speakers) if j - 1 > floor else None
    return None


def _cue_before_colon(doc: Doc, colon: int, speakers: Speakers) -> Attribution | None:
    """The nearest cue before token ``colon`` in its sentence, with its subject."""
    for k in range(colon - 1, sentence_bounds(layout(doc), colon)[0] - 1, -1):
        cue = cue_at(doc[k])
        if cue is not None and not is_negated(doc[k]):
            speaker = subject_of(doc, doc[k], speakers)
            if speaker is not None:
                return Attribution(speaker, cue_text(doc, doc[k], cue), k, "colon", k)
    return None


def governing_cue(doc: Doc, span: Span, speakers: Speakers, bounds: tuple[int, int]) -> Attribution | None:
    """A reporting verb that governs the quoted words within a few dependency steps.

    The verb must stand in the quotation's paragraph (``bounds``, characters) with no
    punctuation between it and the quotation: a cue across a comma governs something else.
    """
    for root in root_tokens(span):
        tok = root
        for _ in range(MAX_WALK):
            if tok.dep_ not in WALK_DEPS or tok.head.i == tok.i:
                break
            prev, tok = tok, tok.head
            if span.start <= tok.i < span.end:
                continue
            cue, tok = cue_covering(tok)
            if cue is None or not bounds[0] <= tok.idx < bounds[1] or _punct_between(doc, tok, span) or _passive(tok):
                continue
            if _clause_only(prev, cue):
                continue  # « relève d'un traitement « … » »: a clause cue with a noun complement is no report
            if is_negated(tok) or _object_not_content(prev, cue) or ("pred" in cue.frames and len(cue.frames) == 1
                                   and not PRED_RE.search(doc_text(doc)[max(0, span.start_char - 6):span.start_char])):
                return None
            speaker = subject_of(doc, tok, speakers)
            return Attribution(speaker, cue_text(doc, tok, cue), tok.i, "governed", tok.i) if speaker else None
    return None


def cue_before(doc: Doc, span: Span, speakers: Speakers) -> Attribution | None:
    """The nearest cue left of the quotation in its clause (« juge que « … » », « a salué « … » »),
    past one verbless apposition between commas (« relève que l'offre, inférieure de 10 %, comportait « … » »)
    but never into an earlier quotation."""
    where = layout(doc)
    lower, clause_words = where.lower, words("clause_words")  # marks and spaces are their own lower-case forms
    floor = sentence_bounds(where, span.start)[0]
    i, skipped = span.start - 1, 0
    while i >= floor and lower[i].isspace():
        i -= 1
    if i >= floor and lower[i] in QUOTE_MARKS:
        i -= 1  # the quotation's own opening mark
    while i >= floor and span.start - i - skipped <= 14:
        word = lower[i]
        if word == "," and not skipped and (width := _apposition_before(doc, i, floor)):
            skipped, i = width, i - width
            continue
        if word in (",", ";", ":", "(", ")", ".") or word in QUOTE_MARKS or (
                word in clause_words and word not in ("que", "qu'", "qu’")):
            return None
        cue = cue_at(doc[i]) if may_cue(where, i) else None
        if cue is not None and cue.cls != "source":
            tok = doc[i]
            between = set(lower[i + 1: span.start])
            if not {"np", "pred"} & set(cue.frames) and not between & _introducers(cue):
                return None
            if is_negated(tok) or _passive(tok) or ("pred" in cue.frames and len(cue.frames) == 1 and not PRED_RE.search(
                    doc_text(doc)[max(0, span.start_char - 6):span.start_char])):
                return None
            speaker = subject_of(doc, tok, speakers)
            return Attribution(speaker, cue_text(doc, tok, cue), tok.i, "before", tok.i) if speaker else None
        i -= 1
    return None


def _introducers(cue: Cue) -> set[str]:
    """Words that open the quoted complement of a cue: « que », and « de » unless the cue reports only
    clauses (« relève d'un traitement « … » » is no report, « parle d'une « … » » is)."""
    return {"que", "qu'", "qu’"} | (set() if _clause_cue(cue) else {"de", "d'", "d’", "d"})


def _clause_cue(cue: Cue) -> bool:
    """A cue that reports only « que » clauses (« relever que »), no noun phrase or infinitive."""
    return "que" in cue.frames and not {"np", "pred", "inf"} & set(cue.frames) and not cue.preps


def _apposition_before(doc: Doc, comma: int, floor: int) -> int:
    """Tokens of « , X , » ending at token ``comma`` when X is a verbless apposition after a « que »
    clause's subject (« que l'offre d'Y, inférieure de 10 % à celle de Z, comportait »), else 0."""
    for j in range(comma - 1, max(floor, comma - 15) - 1, -1):
        tok = doc[j]
        if tok.text == ",":
            inside = doc[j + 1:comma]
            head = doc[j - 1] if j > floor else None
            verbless = len(inside) > 0 and not any(t.pos_ in ("VERB", "AUX") or t.text in QUOTE_MARKS for t in inside)
            return comma - j + 1 if verbless and head is not None and head.pos_ in ("NOUN", "PROPN") \
                and _opens_with_que(doc, j, floor) else 0
        if tok.text in (";", ":", "(", ")", ".") or tok.text in QUOTE_MARKS:
            return 0
    return 0


def _opens_with_que(doc: Doc, i: int, floor: int) -> bool:
    """Whether the words before token ``i`` follow a « que » with no punctuation (a clause's subject
    phrase; its verb is not checked, the tagger reads « l'offre » as one)."""
    for tok in reversed(doc[max(floor, i - 10):i]):
        if tok.lower_ in ("que", "qu'", "qu’"):
            return True
        if tok.is_punct:
            return False
    return False


def pred_cue(doc: Doc, span: Span, speakers: Speakers) -> Attribution | None:
    """« qualifier X, …, de « … » »: a predicative cue further back in the sentence when « de » opens the quote."""
    if not PRED_RE.search(doc_text(doc)[max(0, span.start_char - 6):span.start_char]):
        return None
    floor = text_sentence_start(doc, span.start)
    for tok in reversed(doc[max(floor, span.start - 30): span.start]):
        cue = cue_at(tok)
        if cue is not None and "pred" in cue.frames and not is_negated(tok):
            speaker = subject_of(doc, tok, speakers)
            return Attribution(speaker, cue_text(doc, tok, cue), tok.i, "before", tok.i) if speaker else None
    return None


def _passive(token: Token) -> bool:
    """A passive cue with no agent (« seront lancés ») reports nobody's words."""
    return any(c.dep_ == "aux:pass" for c in token.children) and not any(c.dep_ == "obl:agent" for c in token.children)


def _clause_only(child: Token, cue: Cue) -> bool:
    """A clause-only cue reached from a prepositional noun complement (« relève d'un traitement « … » »)."""
    return child.dep_ in ("obl", "obl:arg", "obl:mod", "iobj") and _clause_cue(cue)


def _object_not_content(child: Token, cue: Cue) -> bool:
    """A plain object noun of a verb that reports no content NP (« assurer un soutien »)."""
    return (child.dep_ == "obj" and child.pos_ in ("NOUN", "PROPN") and "np" not in cue.frames
            and "pred" not in cue.frames and cue.names_speech)


def _punct_between(doc: Doc, cue: Token, span: Span) -> bool:
    """Whether a comma, semicolon, colon or bracket separates the cue's group from the quotation
    (an adjunct between two commas before « que » does not: « reconnaît, sous couvert d'anonymat, que »)."""
    start, end = verb_group(cue)
    between = doc[end: span.start - 1] if end <= span.start else doc[span.end + 1: start]
    return any(t.text in (",", ";", ":", "(", ")", "—", ".", "!", "?") for t in between) and not _incidental(between)


def _incidental(tokens: Span) -> bool:
    """« , sous couvert d'anonymat, que »: one adjunct without a verb between commas, then « que »."""
    words = [t for t in tokens if not t.is_space and t.text not in QUOTE_MARKS]
    return (len(words) >= 4 and words[0].text == "," and words[-2].text == ","
            and words[-1].lower_ in ("que", "qu'", "qu’")
            and not any(t.is_punct or t.pos_ in ("VERB", "AUX") for t in words[1:-2]))


def source_phrase(doc: Doc, span: Span, speakers: Speakers) -> Attribution | None:
    """« selon X », « d'après X » or a sentence-initial « Pour X, » in the quotation's sentence."""
    sent, lower = sentence(span[0]), layout(doc).lower
    for i in range(sent.start, sent.end):
        if span.start <= i < span.end:
            continue
        word, size = lower[i], source_at(lower, i)
        if not size or (word == "pour" and i != sent.start):
            continue
        tok = doc[i]
        start = tok.i + size
        if start < len(doc) and doc[start].lower_ in RELATIVES:
            author = _relative_source(doc, tok, speakers)
            if author is not None:
                return Attribution(author, doc[tok.i:start].text, tok.i, "source", tok.i)
            continue
        c_start, c_end = chunk_after(doc, start, sent.end)
        if c_end > c_start and _heads_document(doc, c_start, c_end):
            author = _document_author(doc, c_end, sent.end, speakers)
            if author is not None:
                return Attribution(author, doc[tok.i:start].text, tok.i, "source", tok.i)
            continue
        if c_end <= c_start or doc[c_start].lower_ in words("documents"):
            continue
        speaker = speakers.from_tokens(c_start, c_end)
        named = apposed_name(doc, c_end, sent.end, speakers)
        speaker = named if named is not None and (speaker is None or speaker.actor is None or speaker.described) \
            else speaker
        if speaker is not None and (word != "pour" or speaker.actor or speaker.mention[:1].islower()):
            return Attribution(speaker, doc[tok.i:start].text, tok.i, "source", tok.i)
    return None


def _relative_source(doc: Doc, source: Token, speakers: Speakers) -> Speaker | None:
    """« a publié un communiqué selon lequel … »: who issued the document the relative refers to."""
    noun = doc[source.i - 1] if source.i else None
    if noun is None or noun.lower_ not in words("documents"):
        return None
    verb = noun.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i > noun.i:
        return None
    return subject_of(doc, verb, speakers)


def _document_author(doc: Doc, i: int, ceiling: int, speakers: Speakers) -> Speaker | None:
    """« selon un recensement réalisé par l'association X » : the named author after « par »."""
    while i < ceiling and not is_stop(doc[i]) and doc[i].lower_ != "par":
        i += 1
    if i >= ceiling or doc[i].lower_ != "par":
        return None
    a_start, a_end = chunk_after(doc, i + 1, ceiling)
    found = speakers.from_tokens(a_start, a_end) if a_end > a_start else None
    return found if found is not None and found.actor else None


def _heads_document(doc: Doc, start: int, end: int) -> bool:
    head = next((t for t in doc[start:end] if t.pos_ == "NOUN"), None)
    return head is not None and head.lower_ in words("documents") and not any(
        t.pos_ == "PROPN" for t in doc[start:end])


def caption(doc: Doc, close_char: int, speakers: Speakers) -> Attribution | None:
    """A short line right under a pull quote naming its source (GUIDELINES B6)."""
    text = doc_text(doc)
    line_start = text.find("\n", close_char)
    if line_start < 0 or text[close_char:line_start].strip():
        return None
    while line_start < len(text) and text[line_start].isspace():
        line_start += 1
    line_end = text.find("\n", line_start)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].strip()
    if not line or len(line.split()) > 10 or line.endswith((".", "?", "!", ":")) or line.startswith("«"):
        return None
    cue = next((c for c in lines("captions") if line.startswith(c + " ")), None)
    name_start = line_start + (len(cue) + 1 if cue else 0)
    span = doc.char_span(name_start, line_start + len(line), alignment_mode="expand")
    if span is None:
        return None
    end = next((t.i for t in span if t.text == ","), span.end)
    speaker = speakers.from_tokens(span.start, end)
    if speaker is None or (speaker.actor is None and cue is None):
        return None
    return Attribution(speaker, cue, span.start, "caption")


def from_sentence(doc: Doc, sent: Span, speakers: Speakers, skip: tuple[int, int]) -> Attribution | None:
    """The speaker a neighbouring sentence names: the subject of a cue, else of a person verb."""
    for tok in sent:
        if skip[0] <= tok.i < skip[1]:
            continue
        cue = cue_at(tok)
        if cue is not None and not is_negated(tok):
            speaker = subject_of(doc, tok, speakers)
            if speaker is not None and speaker.actor:
                return Attribution(speaker, cue_text(doc, tok, cue), tok.i, "context", tok.i)
    for tok in sent:
        if tok.dep_ in SUBJECT_DEPS and not skip[0] <= tok.i < skip[1]:
            start, end = chunk_before(doc, tok.i + 1, sent.start)
            end = next((t.i for t in doc[tok.i:sent.end] if t.text == "," or t.pos_ in ("VERB", "AUX")), end)
            speaker = speakers.from_tokens(start, end) if end > start else None
            if speaker is not None and speaker.actor and speakers.kind(speaker.actor) == "person":
                return Attribution(speaker, None, tok.i, "context")
    return None


def continued(attribution: Attribution) -> Attribution:
    """The same speaker for a quotation that continues a statement (no cue of its own)."""
    return replace(attribution, cue=None, rule="continued")
