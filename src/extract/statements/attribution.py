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

from .lexicon import Cue, cue_at, cue_covering, lines, source_at, words
from .speakers import PRONOUNS, Speaker, Speakers
from .syntax import (INVERTED, SUBJECT_DEPS, chunk_after, chunk_before, has_nominal, is_negated, is_stop, sentence,
                     text_sentence_start, verb_group)

MAX_WALK = 4
WALK_DEPS = {"obj", "obl", "obl:arg", "obl:mod", "xcomp", "ccomp", "nmod", "amod", "nsubj", "acl", "advmod",
             "appos", "flat:name", "conj", "dep", "iobj", "advcl", "nsubj:pass", "root", "ROOT"}
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
    group = [t for t in doc[start:end] if t.lower_ not in INVERTED or t.i > token.i]
    text = doc[group[0].i: group[-1].i + 1].text if group else token.text
    return text


def subject_of(doc: Doc, token: Token, speakers: Speakers, depth: int = 0) -> Speaker | None:
    """The speaker of verb ``token``: its subject phrase, a controller, a relative's antecedent."""
    start, _ = verb_group(token)
    left = doc[start - 1] if start > sentence(token).start else None
    if left is not None and left.lower_ == "qui":
        return _antecedent(doc, left.i, speakers)
    if left is not None and left.lower_ in words("clitics") and start - 2 >= 0 and doc[start - 2].text == ",":
        return _antecedent(doc, start - 1, speakers)
    if left is not None and left.lower_ in PRONOUNS:
        return speakers.pronoun(left.i)
    if _finite(token):
        floor = text_sentence_start(doc, start)
        c_start, c_end = chunk_before(doc, start, floor)
        if not (c_end > c_start and has_nominal(doc, c_start, c_end)) and left is not None and left.text == ",":
            return _antecedent(doc, start, speakers)
        if not (c_end > c_start and has_nominal(doc, c_start, c_end)):
            c_start, c_end = _subject_chunk(doc, token, floor)
        if c_end > c_start and has_nominal(doc, c_start, c_end):
            found = speakers.from_tokens(c_start, c_end)
            if found is not None:
                return found
    elif left is not None and left.text == "," and ("Part" in token.morph.get("VerbForm") or token.pos_ != "VERB"):
        return _antecedent(doc, left.i, speakers)
    elif left is not None and left.lower_ in ("de", "d'", "d’") and doc[sentence(token).start].lower_ == "et":
        return _previous_speaker(doc, token, speakers)
    head = token.head
    if token.dep_ == "conj" or (left is not None and left.lower_ in ("et", "puis", "mais")):
        shared = _previous_cue(doc, token)
        if shared is not None and depth < 3:
            return subject_of(doc, shared, speakers, depth + 1)
    if depth < 3 and token.dep_ in ("xcomp", "advcl", "conj", "ccomp") and head.i < token.i and _same_line(doc, head, token):
        return subject_of(doc, head, speakers, depth + 1)
    if token.dep_ == "acl" and head.pos_ in ("PROPN", "NOUN") and head.i < token.i:
        return _antecedent(doc, token.i, speakers)
    return _previous_speaker(doc, token, speakers)


def _previous_cue(doc: Doc, token: Token) -> Token | None:
    """The reporting verb coordinated before ``token`` in its sentence (« Il juge … et estime … »)."""
    for prev in reversed(doc[text_sentence_start(doc, token.i): token.i]):
        if prev.text in (";", ":") or prev.dep_ == "ROOT" and cue_at(prev) is None and prev.pos_ == "VERB":
            break
        if prev.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "ADV") and cue_at(prev) is not None and _finite(prev):
            return prev
    return None


def _subject_chunk(doc: Doc, token: Token, floor: int) -> tuple[int, int]:
    """The phrase of the parse's subject when a relative or apposition separates it from the verb."""
    subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS and c.i < token.i), None)
    if subject is None:
        return 0, 0
    end = subject.i + 1
    while end < token.i and not is_stop(doc[end]) and doc[end].lower_ not in words("clause_words"):
        end += 1
    return chunk_before(doc, end, floor)


def _finite(token: Token) -> bool:
    """A verb that can have its own subject before it (finite, or a participle with its auxiliary)."""
    if "Fin" in token.morph.get("VerbForm") or token.pos_ not in ("VERB", "AUX"):
        return True
    return any(c.dep_ in ("aux:tense", "aux:pass", "aux") and "Fin" in c.morph.get("VerbForm") for c in token.children)


def _same_line(doc: Doc, a: Token, b: Token) -> bool:
    """No line break between two tokens."""
    lo, hi = sorted((a.i, b.i))
    return not any("\n" in t.text for t in doc[lo:hi])


def _antecedent(doc: Doc, end: int, speakers: Speakers) -> Speaker | None:
    """The phrase before token ``end`` (a relative pronoun, a comma before a participle or verb).

    Comma-separated pieces are read back from the nearest, skipping relative clauses and
    clauses with a finite verb (« L'entreprise de Roubaix, dont le chiffre … a atteint …, a
    précisé »): the first piece naming an actor wins (« Le directeur de l'Amiad, Bertrand
    Ollivier, le répète »; « Reid Hoffman, cofondateur de LinkedIn, qui »), else the nearest.
    """
    nearest = None
    floor = text_sentence_start(doc, end)
    for start, stop in _pieces_before(doc, end, floor):
        if doc[start].lower_ in words("clause_words"):
            continue
        c_start, c_end = chunk_before(doc, stop, start)
        if c_end <= c_start or not has_nominal(doc, c_start, c_end):
            continue
        found = speakers.from_tokens(c_start, c_end)
        if found is not None and found.actor:
            return found
        nearest = nearest or found
        if doc[c_start].pos_ == "DET":
            break
    return nearest


def _pieces_before(doc: Doc, end: int, floor: int, limit: int = 4) -> list[tuple[int, int]]:
    """Up to ``limit`` comma-separated pieces before token ``end``, nearest first."""
    pieces, stop = [], end
    while stop > floor and doc[stop - 1].text == ",":
        stop -= 1
    i = stop
    while i > floor and len(pieces) < limit:
        i -= 1
        if doc[i].text in (",", ";", ":") or i == floor:
            start = i + 1 if doc[i].text in (",", ";", ":") else i
            if stop > start:
                pieces.append((start, stop))
            if doc[i].text != ",":
                break
            stop = i
    return pieces


def _previous_speaker(doc: Doc, token: Token, speakers: Speakers) -> Speaker | None:
    """For a verb with no subject of its own (« Et d'affirmer ») the last speaker before it."""
    before = [s for s in speakers.history if s.start < token.idx and token.idx - s.start < 600]
    return before[-1] if before else None


def incise_after(doc: Doc, span: Span, speakers: Speakers, close_i: int) -> Attribution | None:
    """« …», a-t-il déclaré / déclare X / comme le qualifie X: an incise right after the marks."""
    i = close_i
    if i < len(doc) and doc[i].text == ",":
        i += 1
    elif i >= len(doc) or doc[i].pos_ not in ("VERB", "AUX") or not doc[i].text[:1].islower():
        return None
    if i < len(doc) and doc[i].lower_ == "comme":
        i += 1
    for j in range(i, min(i + 4, len(doc))):
        if is_stop(doc[j]):
            return None
        cue = cue_at(doc[j])
        if cue is None or is_negated(doc[j]):
            if doc[j].pos_ not in ("AUX", "PRON") or doc[j].lower_ in ("qui", "que", "dont", "qu’", "qu'"):
                return None
            continue
        speaker = _inverted_subject(doc, doc[j], cue, speakers)
        if speaker is not None:
            return Attribution(speaker, cue_text(doc, doc[j], cue), doc[j].i, "incise", doc[j].i)
        return None
    return None


def _inverted_subject(doc: Doc, verb: Token, cue: Cue, speakers: Speakers) -> Speaker | None:
    """The subject after an incise verb: an inverted pronoun, or the phrase after the verb group."""
    start, end = verb_group(verb, cue)
    for tok in doc[start: end]:
        if tok.lower_ in PRONOUNS:
            return speakers.pronoun(tok.i)
    i = _skip_adjuncts(doc, end, sentence(verb).end)
    c_start, c_end = chunk_after(doc, i, sentence(verb).end)
    if c_end <= c_start or not has_nominal(doc, c_start, c_end) or doc[c_start].pos_ == "ADP":
        return None
    speaker = speakers.from_tokens(c_start, c_end)
    named = _apposed_name(doc, c_end, sentence(verb).end, speakers)
    if named is not None and (speaker is None or speaker.actor is None):
        return named
    return speaker


def _skip_adjuncts(doc: Doc, i: int, ceiling: int) -> int:
    """Skip dates, adverbs and channel phrases between an incise verb and its subject."""
    while i < ceiling:
        tok = doc[i]
        if tok.pos_ == "ADV" or any(s.start <= i < s.end for s in doc.spans.get("dates", [])):
            i += 1
        elif tok.lower_ in words("channel_preps") and tok.pos_ == "ADP":
            i += 1
            if i < ceiling and doc[i].pos_ == "DET":
                i += 1
            while i < ceiling and doc[i].pos_ not in ("DET",) and not is_stop(doc[i]):
                i += 1
        else:
            return i
    return i


def _apposed_name(doc: Doc, i: int, ceiling: int, speakers: Speakers) -> Speaker | None:
    """« son porte-parole, Mathieu Ferrand, » : a person named in apposition right after."""
    if i >= ceiling or doc[i].text != ",":
        return None
    a_start, a_end = chunk_after(doc, i + 1, ceiling)
    found = speakers.from_tokens(a_start, a_end) if a_end > a_start else None
    if found and found.actor and speakers.kind(found.actor) == "person":
        return found
    return None


def colon_before(doc: Doc, open_i: int, speakers: Speakers) -> Attribution | None:
    """« X a déclaré : « … » », « Elle poursuit :¶« … » », « Name (Org) : « … » »."""
    j = open_i - 1
    while j >= 0 and (doc[j].is_space or "\n" in doc[j].text):
        j -= 1
    if j < 0 or doc[j].text != ":":
        return None
    sent = sentence(doc[j])
    for k in range(j - 1, sent.start - 1, -1):
        cue = cue_at(doc[k])
        if cue is not None and not is_negated(doc[k]):
            speaker = subject_of(doc, doc[k], speakers)
            if speaker is not None:
                return Attribution(speaker, cue_text(doc, doc[k], cue), k, "colon", k)
    if any(t.pos_ in ("VERB", "AUX") for t in doc[sent.start:j]):
        return None
    head_end = next((t.i for t in doc[sent.start:j] if t.text == "("), j)
    speaker = speakers.from_tokens(sent.start, head_end)
    if speaker is not None and speaker.actor and speakers.kind(speaker.actor) == "person":
        return Attribution(speaker, None, sent.start, "headline")
    return None


def governing_cue(doc: Doc, span: Span, speakers: Speakers, bounds: tuple[int, int]) -> Attribution | None:
    """A reporting verb that governs the quoted words within a few dependency steps.

    The verb must stand in the quotation's paragraph (``bounds``, characters) with no
    punctuation between it and the quotation: a cue across a comma governs something else.
    """
    roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head == t]
    for root in roots:
        tok = root
        for _ in range(MAX_WALK):
            if tok.dep_ not in WALK_DEPS or tok.head == tok:
                break
            prev, tok = tok, tok.head
            if span.start <= tok.i < span.end:
                continue
            cue, tok = cue_covering(tok)
            if cue is None or not bounds[0] <= tok.idx < bounds[1] or _punct_between(doc, tok, span) or _passive(tok):
                continue
            if is_negated(tok) or _object_not_content(prev, cue) or ("pred" in cue.frames and len(cue.frames) == 1
                                   and not PRED_RE.search(doc.text[max(0, span.start_char - 6):span.start_char])):
                return None
            speaker = subject_of(doc, tok, speakers)
            return Attribution(speaker, cue_text(doc, tok, cue), tok.i, "governed", tok.i) if speaker else None
    return None


def cue_before(doc: Doc, span: Span, speakers: Speakers) -> Attribution | None:
    """The nearest cue left of the quotation in its clause (« juge que « … » », « a salué « … » »)."""
    floor = sentence(span[0]).start
    i = span.start - 1
    while i >= floor and span.start - i <= 12:
        tok = doc[i]
        if tok.text in (",", ";", ":", "(", ")", ".") or (tok.lower_ in words("clause_words") and tok.lower_ not in
                                                          ("que", "qu'", "qu’")):
            return None
        cue = cue_at(tok)
        if cue is not None and cue.cls != "source":
            between = {t.lower_ for t in doc[tok.i + 1: span.start]}
            if not {"np", "pred"} & set(cue.frames) and not between & {"que", "qu'", "qu’", "de", "d'", "d’", "d"}:
                return None
            if is_negated(tok) or _passive(tok) or ("pred" in cue.frames and len(cue.frames) == 1 and not PRED_RE.search(
                    doc.text[max(0, span.start_char - 6):span.start_char])):
                return None
            speaker = subject_of(doc, tok, speakers)
            return Attribution(speaker, cue_text(doc, tok, cue), tok.i, "before", tok.i) if speaker else None
        i -= 1
    return None


def pred_cue(doc: Doc, span: Span, speakers: Speakers) -> Attribution | None:
    """« qualifier X, …, de « … » »: a predicative cue further back in the sentence when « de » opens the quote."""
    if not PRED_RE.search(doc.text[max(0, span.start_char - 6):span.start_char]):
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


def _object_not_content(child: Token, cue: Cue) -> bool:
    """A plain object noun of a verb that reports no content NP (« assurer un soutien »)."""
    return (child.dep_ == "obj" and child.pos_ in ("NOUN", "PROPN") and "np" not in cue.frames
            and "pred" not in cue.frames and cue.names_speech)


def _punct_between(doc: Doc, cue: Token, span: Span) -> bool:
    """Whether a comma, semicolon, colon or bracket separates the cue's group from the quotation."""
    start, end = verb_group(cue)
    between = doc[end: span.start - 1] if end <= span.start else doc[span.end + 1: start]
    return any(t.text in (",", ";", ":", "(", ")", "—") for t in between)


def source_phrase(doc: Doc, span: Span, speakers: Speakers) -> Attribution | None:
    """« selon X », « d'après X » or a sentence-initial « Pour X, » in the quotation's sentence."""
    sent = sentence(span[0])
    for tok in sent:
        if span.start <= tok.i < span.end:
            continue
        word, size = tok.lower_, source_at(tok)
        if not size or (word == "pour" and tok.i != sent.start):
            continue
        start = tok.i + size
        c_start, c_end = chunk_after(doc, start, sent.end)
        if c_end > c_start and _heads_document(doc, c_start, c_end):
            author = _document_author(doc, c_end, sent.end, speakers)
            if author is not None:
                return Attribution(author, doc[tok.i:start].text, tok.i, "source", tok.i)
            continue
        if c_end <= c_start or doc[c_start].lower_ in words("documents"):
            continue
        speaker = speakers.from_tokens(c_start, c_end)
        named = _apposed_name(doc, c_end, sent.end, speakers)
        speaker = named if named is not None and (speaker is None or speaker.actor is None) else speaker
        if speaker is not None and (word != "pour" or speaker.actor or speaker.mention[:1].islower()):
            return Attribution(speaker, doc[tok.i:start].text, tok.i, "source", tok.i)
    return None


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
    text = doc.text
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
