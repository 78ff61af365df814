"""The parties named in sentences: actor mentions, definite descriptions, interview pronouns.

A *party* is a stretch of text that stands for an organisation actor: a mention the actor
stage resolved, « l'entreprise » / « l'agence fédérale » resolved to the nearest preceding
organisation of that type, or « nous » / « vous » in an em-dash interview (the interviewee's
organisation), or a third-person dative clitic (« la Dinum lui avait commandé … ») standing for the
last organisation that was a subject before it. Each party gets the *marker* that ties it to its clause: the preposition
before it (« à », « avec », « auprès de », « par », « de »…) or none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Token

from ..doctext import doc_text
from .lexicon import Words, fold, folded, indices_of, lexicon, token_words
from .sentences import Sentence, sentence_indices, sentence_of

DASH_LINE = re.compile(r"^[ \t]*[—–][ \t]*", re.M)
CHAIN_POS = {"DET", "ADJ", "NUM"}
COORDINATORS = {"et", "mais", ";", "tandis", "alors", "puis"}
APPOSITION = re.compile(r"\s*\([^()]*")


@dataclass(frozen=True)
class Party:
    """A text span standing for an organisation actor."""

    actor: str
    start: int
    end: int
    tok: int
    tok_end: int
    antecedent: Optional[int] = None  # sentence index of the named antecedent, for descriptions


def coordinated_clauses(doc: Doc, sent: Sentence, parties: list[Party], cues: list[int]) -> list[Sentence]:
    """A sentence cut before « et / mais / ; » + a party + a deal verb, when a deal verb also comes before
    (« Capgemini a signé un contrat avec Airbus et Thales a remporté un marché … »); ``cues`` are the
    sentence's deal verbs (token indices, in order)."""
    starts, words = {p.tok for p in parties}, token_words(doc)
    cuts = []
    for k in range(cues[0] + 1, sent.tok_end) if cues else []:
        if words.text[k] not in COORDINATORS:
            continue
        if any(i in starts for i in range(k + 1, k + 4)) and any(k < c <= k + 12 for c in cues):
            cuts.append(k)
    out, first = [], sent.tok_start
    for cut in cuts + [sent.tok_end]:
        if cut > first:
            out.append(Sentence(sent.index, words.idx[first], words.end[cut - 1], first, cut))
        first = cut + 1
    return out


def parties_by_sentence(sents: list[Sentence], parties: list[Party]) -> dict[int, list[Party]]:
    """Sentence index → the parties starting in that sentence, in the order of ``parties``."""
    out: dict[int, list[Party]] = {}
    for party, index in zip(parties, sentence_indices(sents, [p.start for p in parties])):
        if index is not None:
            out.setdefault(index, []).append(party)
    return out


def actor_index(doc: Doc) -> dict[str, dict]:
    """Actors by id."""
    return {a["id"]: a for a in doc._.actors or []}


def named_parties(doc: Doc, actors: dict[str, dict]) -> list[Party]:
    """Mentions of organisations resolved by the actor stage, parenthetical appositions left out."""
    out: list[Party] = []
    last_end, words = -1, token_words(doc)
    for start, end, actor_id in sorted(doc._.actor_mentions or []):
        actor = actors.get(actor_id)
        if actor is None or actor.get("kind") != "organization" or actor.get("org_type") == "media":
            last_end = max(last_end, end) if actor else last_end
            continue
        if last_end >= 0 and _in_apposition(doc_text(doc), last_end, start):
            continue
        span = words.tokens.char_tokens(start, end)
        if span is not None:
            out.append(Party(actor_id, start, end, *span))
        last_end = max(last_end, end)
    return out


def _in_apposition(text: str, previous_end: int, start: int) -> bool:
    """Whether a mention sits in a parenthesis opened right after the previous mention."""
    between = text[previous_end:start]
    return "(" in between and bool(APPOSITION.fullmatch(between)) and "\n" not in between


def described_parties(doc: Doc, sents: list[Sentence], named: list[Party], actors: dict[str, dict]) -> list[Party]:
    """Definite descriptions (« l'entreprise », « l'agence fédérale ») resolved to a recent organisation."""
    disc = lexicon().discourse
    nouns, dets = disc["anaphors"], folded("discourse", "definite_determiners")
    modifiers = folded("discourse", "description_modifiers")
    taken = [(p.start, p.end) for p in named]
    words = token_words(doc)
    out, fitting = [], {}  # kind → the named parties of that kind
    for i in sorted({*indices_of(words.lemma, nouns), *indices_of(words.text, nouns)}):
        kind = nouns.get(words.lemma[i]) or nouns.get(words.text[i])
        if kind is None:
            continue
        det_i = i - 1 - (i > 1 and words.text[i - 1] in modifiers)
        if det_i < 0 or words.text[det_i] not in dets:
            continue
        if any(s <= words.idx[i] < e for s, e in taken) or _names_follow(doc, i, taken):
            continue
        tok, det, sent = doc[i], doc[det_i], sentence_of(sents, words.idx[i])
        if kind not in fitting:
            fitting[kind] = [p for p in named if _fits(actors[p.actor], kind)]
        antecedent = _antecedent(doc, fitting[kind], sents, sent, det.idx, kind)
        if antecedent is not None:
            index = getattr(sentence_of(sents, antecedent.start), "index", None)
            near = index is not None and index >= sent.index - disc["window_sentences"]
            out.append(Party(antecedent.actor, det.idx, tok.idx + len(tok.text), det.i, tok.i + 1,
                             index if near else None))
    return out


def _descriptor(words: Words, i: int) -> bool:
    """A lower-case noun or adjective inside a noun phrase (« firme lavalloise », « sous-traitant »)."""
    return words.raw[i].islower() and words.pos[i] in ("NOUN", "ADJ", "PROPN", "X")


def _names_follow(doc: Doc, noun: int, taken: list[tuple[int, int]]) -> bool:
    """« la firme lavalloise Géomatix » (``noun``: the token index of « firme »): a description followed by its
    own name is no anaphor."""
    i, words = noun + 1, token_words(doc)
    while i < len(doc) and _descriptor(words, i) and i <= noun + 3:
        i += 1
    return i < len(doc) and any(s == words.idx[i] for s, _ in taken)


def _antecedent(doc: Doc, fits: list[Party], sents: list[Sentence], sent: Optional[Sentence], before: int,
                kind: str) -> Optional[Party]:
    """The nearest organisation of the right type (``fits``: the named parties of type ``kind``) in the window,
    not named later in the same sentence, not in a heading; else the document's topic organisation."""
    if sent is None:
        return None
    disc = lexicon().discourse
    # a description by name (« la Ville ») is specific enough to reach past the window
    first = 0 if kind.startswith("name:") else sents[max(0, sent.index - disc["window_sentences"])].start
    later_here = {p.actor for p in fits if before < p.start < sent.end}
    for party in sorted(fits, key=lambda p: -p.start):
        if first <= party.start and party.end <= before and party.actor not in later_here \
                and not in_heading(doc_text(doc), party.start):
            return party
    return _topic(fits, disc["topic_min_mentions"], later_here)


def _fits(actor: dict, kind: str) -> bool:
    if kind.startswith("name:"):
        return fold(actor.get("name") or "").startswith(kind[5:] + " ")
    org_type = actor.get("org_type")
    return kind == "any" or org_type is None or org_type == kind


def in_heading(text: str, char: int) -> bool:
    """Whether a character sits on a line with no sentence punctuation at its end (a title)."""
    line_end = text.find("\n", char)
    line = text[text.rfind("\n", 0, char) + 1:line_end if line_end >= 0 else len(text)].rstrip()
    return bool(line) and line[-1] not in ".!?…»\"”:"


def _topic(fits: list[Party], minimum: int, excluded: set[str]) -> Optional[Party]:
    counts: dict[str, int] = {}
    for party in fits:
        counts[party.actor] = counts.get(party.actor, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < minimum or ranked[0][0] in excluded:
        return None
    if len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
        return None
    return next(p for p in fits if p.actor == ranked[0][0])


def interview_parties(doc: Doc, actors: dict[str, dict], named: list[Party]) -> list[Party]:
    """« nous » / « vous » in an em-dash interview, standing for the interviewee's organisation."""
    if len(DASH_LINE.findall(doc_text(doc))) < 2:
        return []
    org = _interviewee_org(doc, actors, named)
    if org is None:
        return []
    pronouns = folded("discourse", "interview_pronouns")
    found = [doc[i] for i in indices_of(token_words(doc).text, pronouns)]
    return [Party(org, t.idx, t.idx + len(t.text), t.i, t.i + 1) for t in found]


def clitic_parties(doc: Doc, sents: list[Sentence], parties: list[Party]) -> list[Party]:
    """« lui » / « leur » before a verb (« la Dinum lui avait commandé … »): the last organisation party that
    was the subject of its clause, within the window of sentences, other than the clitic verb's own subject.
    None found → no party (never guessed)."""
    clitics, words = folded("discourse", "dative_clitics"), token_words(doc)
    window = lexicon().discourse["window_sentences"]
    out, latest_first = [], sorted(parties, key=lambda p: -p.start)
    for i in indices_of(words.text, clitics):
        if i + 1 >= len(doc) or words.pos[i + 1] not in ("AUX", "VERB") or i > 0 and words.pos[i - 1] == "ADP":
            continue  # « quant à lui », « à lui seul »: a stressed pronoun, no dative
        sent = sentence_of(sents, doc[i].idx)
        if sent is None:
            continue
        verb = doc[i].head
        first = sents[max(0, sent.index - window)].start
        for party in latest_first:
            if not first <= party.start < doc[i].idx:
                continue
            if _is_subject(doc, party) and not (doc[party.tok:party.tok_end].root.head == verb
                                                and sent.start <= party.start):
                named_in = sentence_of(sents, party.start)
                out.append(Party(party.actor, doc[i].idx, doc[i].idx + len(doc[i].text), i, i + 1,
                                 named_in.index if named_in else None))
                break
    return out


def _is_subject(doc: Doc, party: Party) -> bool:
    """A subject by the parse, or a bare name right before a verb (« Côté technologie, Hexalune utilise … »,
    which the parser may attach elsewhere)."""
    if doc[party.tok:party.tok_end].root.dep_ in ("nsubj", "nsubj:pass"):
        return True
    pos = token_words(doc).pos
    after_preposition = party.tok > 0 and pos[party.tok - 1] == "ADP"
    return not after_preposition and party.tok_end < len(doc) and pos[party.tok_end] in ("AUX", "VERB")


def speaker_parties(doc: Doc, actors: dict[str, dict]) -> list[Party]:
    """« nous » inside a quotation, standing for its speaker's organisation (the speaker itself, or the
    organisation of the speaker's role): « « Nous avons remporté … », a déclaré le PDG de Thales »."""
    out, words = [], token_words(doc).text
    if "nous" not in words:
        return out
    for statement in doc._.statements or []:
        org = _organisation_of(actors.get(statement.get("speaker") or ""), actors)
        if org is None or statement.get("kind") == "indirect":
            continue
        span = token_words(doc).tokens.char_tokens(statement["start"], statement["end"])
        if span is None:
            continue
        for i in range(*span):
            if words[i] == "nous":
                tok = doc[i]
                out.append(Party(org, tok.idx, tok.idx + len(tok.text), i, i + 1))
    return out


def _organisation_of(actor: Optional[dict], actors: dict[str, dict]) -> Optional[str]:
    if actor is None:
        return None
    if actor.get("kind") == "organization":
        return actor["id"]
    orgs = [r.get("org") for r in actor.get("roles") or [] if r.get("org") in actors]
    return orgs[0] if orgs else None


def _interviewee_org(doc: Doc, actors: dict[str, dict], named: list[Party]) -> Optional[str]:
    """The organisation of the first person with a role in one, else the first organisation of the first line."""
    for actor in actors.values():
        for role in actor.get("roles") or []:
            if actor.get("kind") == "person" and role.get("org") in actors:
                return role["org"]
    first_line_end = doc_text(doc).find("\n")
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
    group = consortium_noun(doc, party, sent)
    i, inner_de, words = (party.tok if group is None else group) - 1, False, token_words(doc)
    while i >= sent.tok_start:
        low, pos = words.text[i], words.pos[i]
        if low in ("de", "du", "des", "d'"):
            if i - 1 >= sent.tok_start and words.text[i - 1] == "auprès":
                return "auprès de"
            inner_de = True
        elif low in lex.markers and low not in ("de", "du", "des", "d'"):
            found = lex.markers[low]
            if found == "par" and i - 1 >= sent.tok_start and words.text[i - 1] in lex.issuer_participles:
                return "de"  # « un appel d'offres lancé par la Cnam »: the deal's owner
            return "de" if inner_de and found == "other" else found
        elif pos in CHAIN_POS or _descriptor(words, i) or low in ("«", "»", "-", "'"):
            pass
        elif pos in ("VERB", "AUX") and not inner_de:
            if words.lemma[i] in ("être", "avoir") and doc[i].lemma_ in ("être", "avoir"):  # the folded lemma first
                return ""  # « C'est Capgemini qui a remporté … »: a copula or auxiliary ties nothing
            return "pour" if words.lemma[i] in lex.service_verbs else f"verb:{i}"
        else:
            break
        i -= 1
    return "de" if inner_de else ""


def consortium_noun(doc: Doc, party: Party, sent: Sentence) -> Optional[int]:
    """« à un groupement formé par le français IDEMIA et la société Nour Systèmes »: the token of the unnamed
    group noun whose named members include the party (it takes the group's place in the clause, GUIDELINES B4),
    or None. A named group (« le consortium Horizon, formé par … ») is no match: it is the party itself (H11)."""
    lex, words = lexicon(), token_words(doc)
    for i in range(party.tok - 1, max(sent.tok_start, party.tok - 16), -1):
        if words.lemma[i] in lex.consortium_links and words.pos[i] in ("VERB", "ADJ"):
            j = i - 1
            while j > sent.tok_start and words.pos[j] == "ADJ":
                j -= 1
            if words.lemma[j] in lex.consortium_nouns:
                return j
            continue  # a second participle (« emmené par X et associant Y »)
        if words.pos[i] not in ("DET", "ADJ", "NUM", "PROPN", "NOUN", "ADP", "CCONJ", "PUNCT") \
                or words.pos[i] == "PUNCT" and words.text[i] != ",":
            return None
    return None


def _is_dative_clitic(doc: Doc, party: Party) -> bool:
    """« nous a confié », « vous a attribué »: a 1st/2nd person pronoun before a 3rd person verb; a third-person
    clitic party (« lui a commandé »)."""
    word = token_words(doc).text[party.tok]
    if party.tok_end == party.tok + 1 and word in folded("discourse", "dative_clitics"):
        return True
    if word not in folded("discourse", "interview_pronouns"):
        return False
    tok: Token = doc[party.tok]
    if party.tok_end != tok.i + 1 or tok.i + 1 >= len(doc):
        return False
    nxt = doc[tok.i + 1]
    person = nxt.morph.get("Person")
    return nxt.pos_ in ("AUX", "VERB") and (not person or person[0] == "3")
