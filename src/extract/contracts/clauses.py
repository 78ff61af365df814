"""Sentences and the parties named in them: actor mentions, definite descriptions, interview pronouns.

A *party* is a stretch of text that stands for an organisation actor: a mention the actor
stage resolved, « l'entreprise » / « l'agence fédérale » resolved to the nearest preceding
organisation of that type, or « nous » / « vous » in an em-dash interview (the interviewee's
organisation). Each party gets the *marker* that ties it to its clause: the preposition
before it (« à », « avec », « auprès de », « par », « de »…) or none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Token

from .lexicon import fold, lexicon

DASH_LINE = re.compile(r"^[ \t]*[—–][ \t]*", re.M)
LEAD = re.compile(r"^[\s—–•·\-*]+")
CHAIN_POS = {"DET", "ADJ", "NUM"}


@dataclass(frozen=True)
class Sentence:
    """A sentence (or a line) of the document, by characters and tokens."""

    index: int
    start: int
    end: int
    tok_start: int
    tok_end: int


@dataclass(frozen=True)
class Party:
    """A text span standing for an organisation actor."""

    actor: str
    start: int
    end: int
    tok: int
    tok_end: int
    antecedent: Optional[int] = None  # sentence index of the named antecedent, for descriptions


def sentences(doc: Doc) -> list[Sentence]:
    """spaCy's sentences, cut again at line breaks, without leading dashes, bullets or spaces."""
    out: list[Sentence] = []
    for sent in doc.sents:
        pos = sent.start_char
        for piece in re.split(r"(\n+)", sent.text):
            start, end = pos, pos + len(piece)
            pos = end
            lead = LEAD.match(piece)
            start += lead.end() if lead else 0
            while end > start and doc.text[end - 1].isspace():
                end -= 1
            if end <= start:
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            out.append(Sentence(len(out), start, end, span.start, span.end))
    return out


def sentence_of(sents: list[Sentence], char: int) -> Optional[Sentence]:
    """The sentence containing a character offset."""
    for sent in sents:
        if sent.start <= char < sent.end:
            return sent
    return None


def actor_index(doc: Doc) -> dict[str, dict]:
    """Actors by id."""
    return {a["id"]: a for a in doc._.actors or []}


def named_parties(doc: Doc, actors: dict[str, dict]) -> list[Party]:
    """Mentions of organisations resolved by the actor stage, parenthetical appositions left out."""
    out: list[Party] = []
    last_end = -1
    for start, end, actor_id in sorted(doc._.actor_mentions or []):
        actor = actors.get(actor_id)
        if actor is None or actor.get("kind") != "organization":
            last_end = max(last_end, end) if actor else last_end
            continue
        if last_end >= 0 and _in_apposition(doc.text, last_end, start):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.append(Party(actor_id, start, end, span.start, span.end))
        last_end = max(last_end, end)
    return out


def _in_apposition(text: str, previous_end: int, start: int) -> bool:
    """Whether a mention sits in a parenthesis opened right after the previous mention."""
    between = text[previous_end:start]
    return bool(re.fullmatch(r"\s*\([^()]*", between)) and "\n" not in between


def described_parties(doc: Doc, sents: list[Sentence], named: list[Party], actors: dict[str, dict]) -> list[Party]:
    """Definite descriptions (« l'entreprise », « l'agence fédérale ») resolved to a recent organisation."""
    disc = lexicon().discourse
    nouns, dets = disc["anaphors"], {fold(d) for d in disc["definite_determiners"]}
    taken = [(p.start, p.end) for p in named]
    out = []
    for tok in doc:
        kind = nouns.get(fold(tok.lemma_)) or nouns.get(fold(tok.text))
        if kind is None or tok.i == 0 or fold(doc[tok.i - 1].text) not in dets:
            continue
        if any(s <= tok.idx < e for s, e in taken):
            continue
        det = doc[tok.i - 1]
        sent = sentence_of(sents, tok.idx)
        antecedent = _antecedent(named, sents, actors, sent, det.idx, kind, disc["window_sentences"])
        if antecedent is not None:
            out.append(Party(antecedent.actor, det.idx, tok.idx + len(tok.text), det.i, tok.i + 1,
                             sentence_of(sents, antecedent.start).index))
    return out


def _antecedent(named: list[Party], sents: list[Sentence], actors: dict[str, dict], sent: Optional[Sentence],
                before: int, kind: str, window: int) -> Optional[Party]:
    if sent is None:
        return None
    first = sents[max(0, sent.index - window)].start
    for party in sorted(named, key=lambda p: -p.start):
        if party.end > before or party.start < first:
            continue
        org_type = actors[party.actor].get("org_type")
        if kind == "any" or org_type is None or org_type == kind:
            return party
    return None


def interview_parties(doc: Doc, actors: dict[str, dict], named: list[Party]) -> list[Party]:
    """« nous » / « vous » in an em-dash interview, standing for the interviewee's organisation."""
    if len(DASH_LINE.findall(doc.text)) < 2:
        return []
    org = _interviewee_org(doc, actors, named)
    if org is None:
        return []
    pronouns = {fold(p) for p in lexicon().discourse["interview_pronouns"]}
    return [Party(org, t.idx, t.idx + len(t.text), t.i, t.i + 1) for t in doc if fold(t.text) in pronouns]


def _interviewee_org(doc: Doc, actors: dict[str, dict], named: list[Party]) -> Optional[str]:
    """The organisation of the first person with a role in one, else the first organisation of the first line."""
    for actor in actors.values():
        for role in actor.get("roles") or []:
            if actor.get("kind") == "person" and role.get("org") in actors:
                return role["org"]
    first_line_end = doc.text.find("\n")
    for start, end, actor_id in sorted(doc._.actor_mentions or []):
        if 0 <= first_line_end < start:
            break
        if actors.get(actor_id, {}).get("kind") == "organization":
            return actor_id
    return None


def marker(doc: Doc, party: Party, sent: Sentence) -> str:
    """The word tying a party to its clause: a normalised preposition, ``"pour"`` after a
    service verb (« pour aider le ministère »), ``"dative"`` for a clitic « nous a confié »,
    ``"verb:<i>"`` when the party is the bare argument of another verb, or ``""`` (none)."""
    lex = lexicon()
    if _is_dative_clitic(doc, party):
        return "à"
    i, inner_de = party.tok - 1, False
    while i >= sent.tok_start:
        tok = doc[i]
        low = fold(tok.text)
        if low in ("de", "du", "des", "d'"):
            if i - 1 >= sent.tok_start and fold(doc[i - 1].text) == "auprès":
                return "auprès de"
            inner_de = True
        elif low in lex.markers and low not in ("de", "du", "des", "d'"):
            return lex.markers[low]
        elif tok.pos_ in CHAIN_POS or (tok.pos_ == "NOUN" and tok.text.islower()) or low in ("«", "»", "-", "'"):
            pass
        elif tok.pos_ in ("VERB", "AUX") and not inner_de:
            return "pour" if fold(tok.lemma_) in lex.service_verbs else f"verb:{i}"
        else:
            break
        i -= 1
    return "de" if inner_de else ""


def _is_dative_clitic(doc: Doc, party: Party) -> bool:
    """« nous a confié », « vous a attribué »: a 1st/2nd person pronoun before a 3rd person verb."""
    tok: Token = doc[party.tok]
    if tok.pos_ != "PRON" or party.tok_end != tok.i + 1 or tok.i + 1 >= len(doc):
        return False
    nxt = doc[tok.i + 1]
    person = nxt.morph.get("Person")
    return nxt.pos_ in ("AUX", "VERB") and (not person or person[0] == "3")
