"""Finding the speaker phrase of a reporting verb in spaCy's parse and in word order.

The subject before the verb (stopping at punctuation and clause words), the phrase behind a
relative pronoun or a detached participle (comma-separated pieces read back, the first naming an
actor winning), the controller of an infinitive or gerund, the shared subject of coordinated
cues, and the inverted subject after an incise verb (« …, a déclaré X », « ajoute-t-il »).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .layout import layout
from .lexicon import Cue, cue_at, words
from .speakers import PRONOUNS, Speaker, Speakers
from .syntax import (SUBJECT_DEPS, chunk_after, chunk_before, follows_quote, has_nominal, is_stop, sentence_bounds,
                     text_sentence_start, verb_group)

INDEFINITE_ARTICLES = ("un", "une")


def subject_of(doc: Doc, token: Token, speakers: Speakers, depth: int = 0) -> Speaker | None:
    """The speaker of verb ``token``: its subject phrase, a controller, a relative's antecedent."""
    where, (start, _) = layout(doc), verb_group(token)
    left = doc[start - 1] if start > sentence_bounds(where, token.i)[0] else None
    if follows_quote(token):
        found = inverted_subject(doc, token, cue_at(token), speakers)  # « « … », a défendu X, en rappelant … »
        if found is not None:
            return found
    if left is not None and left.lower_ == "qui":
        return _antecedent(doc, left.i, speakers)
    if left is not None and left.lower_ in words("clitics") and start - 2 >= 0 and doc[start - 2].text == "," \
            and not _gerund(token, left):
        return _antecedent(doc, start - 1, speakers)
    if left is not None and left.lower_ in PRONOUNS:
        return speakers.pronoun(left.i)
    if left is not None and left.lower_ == "on" and (host := speakers.host(left.i)) is not None:
        return host  # « Chez X, on salue « … » » (GUIDELINES B2)
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
    elif left is not None and left.lower_ in ("de", "d'", "d’") and where.lower[sentence_bounds(where, token.i)[0]] == "et":
        return _previous_speaker(doc, token, speakers)
    if left is not None and left.pos_ == "CCONJ" and left.i - 1 > text_sentence_start(doc, left.i):
        first_verb = doc[left.i - 1]
        c_start, c_end = chunk_before(doc, verb_group(first_verb)[0], text_sentence_start(doc, left.i))
        if c_end > c_start and has_nominal(doc, c_start, c_end):
            return speakers.from_tokens(c_start, c_end)
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


def _gerund(token: Token, left: Token) -> bool:
    """« en rappelant »: the « en » of a gerund, whose subject is the main verb's, not a clitic."""
    return left.lower_ == "en" and "Part" in token.morph.get("VerbForm") and "Pres" in token.morph.get("Tense")


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
    A determiner stops the walk, except one indefinite apposition describing the name before it
    (« L'Observatoire …, une association dakaroise, a dénoncé »), past which only a noun phrase
    (not « Chez X, ») may name the speaker, and a definite one describing a person named right
    before it (« Me Claire Dufresne, l'avocate de Y, y voit »).
    """
    nearest, apposition, definite = None, False, False
    floor = text_sentence_start(doc, end)
    for start, stop in _pieces_before(doc, end, floor):
        if doc[start].lower_ in words("clause_words"):
            continue
        c_start, c_end = chunk_before(doc, stop, start)
        if c_end <= c_start or not has_nominal(doc, c_start, c_end):
            continue
        if (apposition and doc[start].pos_ not in ("DET", "PROPN", "NOUN")) or (
                definite and doc[c_start].pos_ not in ("PROPN", "NOUN")):
            break
        found = speakers.from_tokens(c_start, c_end)
        if definite:
            named = found is not None and found.actor and speakers.kind(found.actor) == "person"
            return found if named else nearest
        if found is not None and found.actor:
            return found
        nearest = nearest or found
        if doc[c_start].pos_ == "DET":
            if apposition:
                break
            definite = doc[c_start].lower_ not in INDEFINITE_ARTICLES
            apposition = not definite
    return nearest


def _pieces_before(doc: Doc, end: int, floor: int, limit: int = 4) -> list[tuple[int, int]]:
    """Up to ``limit`` comma-separated pieces before token ``end``, nearest first."""
    lower = layout(doc).lower  # marks are their own lower-case forms
    pieces, stop = [], end
    while stop > floor and lower[stop - 1] == ",":
        stop -= 1
    i = stop
    while i > floor and len(pieces) < limit:
        i -= 1
        mark = lower[i] in (",", ";", ":")
        if mark or i == floor:
            start = i + 1 if mark else i
            if stop > start:
                pieces.append((start, stop))
            if lower[i] != ",":
                break
            stop = i
    return pieces


def _previous_speaker(doc: Doc, token: Token, speakers: Speakers) -> Speaker | None:
    """For a verb with no subject of its own (« Et d'affirmer ») the last speaker before it."""
    before = [s for s in speakers.history if s.start < token.idx and token.idx - s.start < 600]
    return before[-1] if before else None


def inverted_subject(doc: Doc, verb: Token, cue: Cue, speakers: Speakers) -> Speaker | None:
    """The subject after an incise verb: an inverted pronoun, or the phrase after the verb group."""
    start, end = verb_group(verb, cue)
    where = layout(doc)
    for i in range(start, end):
        if where.lower[i] in PRONOUNS:
            return speakers.pronoun(i)
    sentence_end = sentence_bounds(where, verb.i)[1]
    i = _skip_adjuncts(doc, end, sentence_end, speakers)
    c_start, c_end = chunk_after(doc, i, sentence_end)
    if c_end <= c_start or not has_nominal(doc, c_start, c_end) or doc[c_start].pos_ == "ADP":
        return None
    speaker = speakers.from_tokens(c_start, c_end)
    named = apposed_name(doc, c_end, sentence_end, speakers)
    if named is not None and (speaker is None or speaker.actor is None or speaker.described):
        return named  # « a répliqué le maire, Antoine Vernier »: the name, not the holder guessed for « le maire »
    return speaker


def _skip_adjuncts(doc: Doc, i: int, ceiling: int, speakers: Speakers) -> int:
    """Skip dates, time words, adverbs and channel phrases between an incise verb and its subject
    (« assure à l'AFP Jean Dupont », « a indiqué par courriel sa porte-parole », « a lancé lundi soir X »)."""
    dates = layout(doc).dates
    while i < ceiling:
        tok = doc[i]
        if tok.pos_ == "ADV" or tok.lower_ in words("time_words") or any(start <= i < end for start, end in dates):
            i += 1
        elif tok.lower_ in words("channel_preps") and tok.pos_ == "ADP":
            i += 1
            if i < ceiling and doc[i].pos_ == "DET":
                i += 1
            named = speakers.mentions_in(doc[i].idx, doc[i].idx + 1) if i < ceiling else []
            if named:
                while i < ceiling and doc[i].idx < named[0][1]:
                    i += 1
            else:
                i += 1
                while i < ceiling and doc[i].pos_ == "ADJ":
                    i += 1
        else:
            return i
    return i


def apposed_name(doc: Doc, i: int, ceiling: int, speakers: Speakers) -> Speaker | None:
    """« son porte-parole, Mathieu Ferrand, » : a person named in apposition right after."""
    if i >= ceiling or doc[i].text != ",":
        return None
    a_start, a_end = chunk_after(doc, i + 1, ceiling)
    found = speakers.from_tokens(a_start, a_end) if a_end > a_start else None
    if found and found.actor and speakers.kind(found.actor) == "person":
        return found
    return None
