"""Who speaks: a phrase of the parse turned into an actor id or a describing mention.

Evidence comes from ``doc._.actor_mentions`` (offsets, the actor stage's resolutions
included), then from the phrase itself: a person named in it (not as a complement « de X »),
a body of an organisation, a definite description of the last organisation named, the
author of a document; pronouns go to the last compatible speaker or named subject.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc

from ..doctext import doc_text
from ..doctokens import doc_tokens
from .layout import layout
from .lexicon import anaphor_types, cue_at, lines, role_words, words
from .syntax import SUBJECT_DEPS, text_sentence_start

PRONOUNS = {"il": ("Masc", False), "elle": ("Fem", False), "ils": ("Masc", True), "elles": ("Fem", True),
            "lui": ("Masc", False), "eux": ("Masc", True), "-il": ("Masc", False), "-elle": ("Fem", False),
            "-ils": ("Masc", True), "-elles": ("Fem", True), "-t-il": ("Masc", False), "-t-elle": ("Fem", False)}
COMPLEMENT_WORDS = {"de", "d'", "d’", "du", "des", "chez", "à", "au", "aux", "pour", "sur", "par"}
PLURAL_DETS = {"les", "des", "ces", "leurs", "plusieurs"}
LOOKBACK_CHARS = 900


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: actor id or None, the mention as written, its offsets and agreement."""

    actor: str | None
    mention: str
    start: int
    end: int
    plural: bool = False
    gender: str | None = None
    indefinite: bool = False
    described: bool = False
    """The actor comes from a description (« le maire », « la section de … »), not from a name."""


class Speakers:
    """Speaker resolution over one document, remembering who spoke for pronouns."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.actors = {a["id"]: a for a in doc._.actors or []}
        self.mentions = sorted(doc._.actor_mentions or [])
        self.starts = [m[0] for m in self.mentions]
        self.history: list[Speaker] = []
        self.quoted: list[tuple[int, int]] = []
        """Character ranges of quotations: names inside them are never antecedents of a speaker."""

    def note(self, speaker: Speaker | None) -> None:
        """Remember a statement's speaker for later pronouns."""
        if speaker is not None and speaker.mention:
            self.history.append(speaker)

    def kind(self, actor_id: str | None) -> str | None:
        """``person`` or ``organization`` for an actor id."""
        return self.actors.get(actor_id, {}).get("kind") if actor_id else None

    def mentions_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Actor mentions overlapping the character range."""
        i = max(bisect_left(self.starts, start) - 1, 0)
        return [m for m in self.mentions[i:bisect_left(self.starts, end, i)] if m[1] > start]  # sorted: m[0] < end

    def from_tokens(self, start: int, end: int) -> Speaker | None:
        """The speaker named or described by tokens ``[start, end)``."""
        doc, lower = self.doc, layout(self.doc).lower  # marks are their own lower-case forms
        while start < end and lower[start] in (",", "-", "—"):
            start += 1
        if end - start > 2 and lower[end - 1] == ")":  # « L'Observatoire … (OLN) »: the acronym is no part of it
            end = next((j for j in range(end - 2, start, -1) if lower[j] == "("), end)
        if start >= end:
            return None
        span = doc[start:end]
        if len(span) == 1 and lower[start] in PRONOUNS:
            return self.pronoun(start)
        for part_start, part_end in _comma_parts(lower, start, end):
            found = self._named(part_start, part_end)
            if found:
                return found
        first = lower[start]
        indefinite = first in words("indefinite") or (first in ("un", "une", "des") and len(span) > 1
                                                       and lower[start + 1] in words("indefinite"))
        head = _head_noun(span)
        actor = self._described(span)
        return Speaker(actor, span.text.strip(), span.start_char, span.end_char,
                       _is_plural(span, head), _gender(span), indefinite, actor is not None)

    def host(self, index: int) -> Speaker | None:
        """The organisation X of « Chez X, …, on » opening the sentence of the « on » at token ``index``."""
        doc = self.doc
        first = text_sentence_start(doc, index)
        for host in lines("hosts"):
            size = len(host.split())
            at = first + size
            if at >= index or [t.lower_ for t in doc[first:at]] != host.split():
                continue
            at += doc[at].pos_ == "DET"
            for m_start, m_end, actor in self.mentions_in(doc[at].idx, doc[at].idx + 1):
                if m_start == doc[at].idx and self.kind(actor) == "organization" and any(
                        t.text == "," for t in doc[at:index]):
                    return Speaker(actor, doc_text(doc)[m_start:m_end], m_start, m_end)
        return None

    def _named(self, start: int, end: int) -> Speaker | None:
        """A person (or an organisation heading the phrase) named inside tokens ``[start, end)``."""
        span, where = self.doc[start:end], layout(self.doc)
        candidates = []
        for m_start, m_end, actor in self.mentions_in(span.start_char, span.end_char):
            before = [where.lower[i] for i in range(start, end) if where.starts[i] < m_start and where.pos[i] != "DET"]
            last = before[-1] if before else ""
            if last in COMPLEMENT_WORDS or last == "(":
                continue
            if self.kind(actor) != "person" and any(word in COMPLEMENT_WORDS for word in before):
                continue  # « l'avocat de l'association X »: the organisation of a complement
            candidates.append((self.kind(actor) != "person", m_start, actor, m_end))
        if not candidates:
            return self._named_by_text(span)
        _, m_start, actor, m_end = min(candidates)
        return Speaker(actor, span.text.strip(), span.start_char, span.end_char, False, _gender(span))

    def _named_by_text(self, span) -> Speaker | None:
        """A person actor whose name or alias ends a phrase where the actor stage marked no mention
        (« la conseillère Ecolo Yasmina El Khattabi » when only « Mme El Khattabi » was resolved)."""
        if "PROPN" not in layout(span.doc).pos[span.start:span.end]:
            return None
        text = span.text
        for actor in self.actors.values():
            if actor.get("kind") != "person":
                continue
            for name in (actor["name"], *actor.get("aliases", [])):
                if len(name) > 3 and text.endswith(" " + name):
                    return Speaker(actor["id"], text.strip(), span.start_char, span.end_char, False, _gender(span))
        return None

    def _described(self, span) -> str | None:
        """An organisation behind a body (« la direction de … », « la section … de la Ligue … ») or a
        definite description; the person behind a role description (« la présidente de la start-up »)."""
        head = _head_noun(span)
        if head is None:
            return None
        types = anaphor_types()
        if head.lower_ in words("bodies"):
            org = self._organization_after(span, head)
            return org or (self._last_organization(span.start_char, "any") if len(span) <= 2 else None)
        if head.lower_ in types and span[0].lower_ in ("la", "le", "l'", "l’", "cette", "ce"):
            return self._last_organization(span.start_char, types[head.lower_])
        if head.lower_ in words("documents"):
            return self._author_of(head)
        if span[0].lower_ in ("le", "la", "l'", "l’") and len(span) <= 3:
            return self._holder_of(head, span.start_char)
        if span[0].lower_ in ("le", "la", "l'", "l’") and head.lower_ in words("person_nouns"):
            org = self._organization_after(span, head)
            return self._member_of(org, head, span) if org else None
        return None

    def _organization_after(self, span, head) -> str | None:
        """The organisation of the complement after a head noun: named (« de la Ligue … »), else a
        definite description of the last one of its type (« de la start-up »)."""
        start = head.idx + len(head.text)
        for _, _, actor in self.mentions_in(start, span.end_char):
            if self.kind(actor) == "organization":
                return actor
        types = anaphor_types()
        noun = next((w for w in doc_text(self.doc)[start:span.end_char].lower().split() if w in types), None)
        return self._last_organization(span.start_char, types[noun]) if noun else None

    def _member_of(self, org: str, head, span) -> str | None:
        """The person a description « la présidente … de <org> » stands for (GUIDELINES H20): one
        whose stated role at ``org`` has that title, else the only person named (not as a complement
        « de X ») in an earlier sentence with ``org``, with no stated function and agreeing in gender."""
        heads, gender, tied = role_words(head.lower_), _gender(span), set()
        where = layout(self.doc)
        own = where.starts[where.written[span.start]]
        for m_start, m_end, actor in self.mentions:
            if m_start >= span.start_char or span.start_char - m_start > LOOKBACK_CHARS or self.kind(actor) != "person":
                continue
            roles = [((r.get("title") or "").split()[:1], r.get("org")) for r in self.actors[actor].get("roles", [])]
            if any(o == org and t and t[0] in heads for t, o in roles):
                return actor
            if any(o is not None for _, o in roles):
                continue
            i = where.token_from(m_start)
            sentence_start, sentence_end = where.starts[where.written[i]], where.starts[where.written_end[i] - 1]
            if sentence_end >= own or (i and where.lower[i - 1] in COMPLEMENT_WORDS):
                continue
            named = self.doc[slice(*doc_tokens(self.doc).char_tokens(m_start, m_end))]
            if any(o == org for _, _, o in self.mentions_in(sentence_start, sentence_end)) \
                    and _gender(named) in (None, gender):
                tied.add(actor)
        return tied.pop() if len(tied) == 1 else None

    def _holder_of(self, head, before: int) -> str | None:
        """The person a definite role description stands for (« la ministre », « le parlementaire »):
        the last person whose stated role has that noun or a synonym (« l'édile » → maire), else the
        last person who spoke."""
        heads = role_words(head.lower_)
        for m_start, _, actor in reversed(self.mentions):
            if m_start >= before or before - m_start > LOOKBACK_CHARS or self.kind(actor) != "person":
                continue
            titles = [(r.get("title") or "").split() for r in self.actors[actor].get("roles", [])]
            preceding = doc_text(self.doc)[max(0, m_start - 40):m_start].lower().split()
            if any(t and t[0] in heads for t in titles) or heads.intersection(preceding[-3:]):
                return actor
        if head.lower_ not in words("person_nouns"):
            return None
        people = [s for s in self.history if s.start < before and before - s.start <= LOOKBACK_CHARS
                  and s.actor and self.kind(s.actor) == "person"]
        return people[-1].actor if people else None

    def _last_organization(self, before: int, org_type: str) -> str | None:
        """The last organisation (of ``org_type`` when known) mentioned before a character offset."""
        for m_start, _, actor in reversed(self.mentions):
            if m_start >= before or self.kind(actor) != "organization":
                continue
            if before - m_start > LOOKBACK_CHARS:
                break
            if org_type == "any" or self.actors[actor].get("org_type") in (None, org_type):
                return actor
        return None

    def _author_of(self, head) -> str | None:
        """The organisation named right after an earlier mention of the same document noun."""
        doc, lemma = self.doc, layout(self.doc).lemma
        for i in range(head.i + 1):
            if lemma[i] != lemma[head.i] or doc[i].lemma_ != head.lemma_:  # the lower-cased lemmas first: cheap
                continue
            window = doc[i + 1: i + 4]
            if len(window):
                for _, _, actor in self.mentions_in(window.start_char, window.end_char):
                    if self.kind(actor) == "organization":
                        return actor
        return None

    def pronoun(self, index: int) -> Speaker | None:
        """The antecedent of the pronoun at token ``index``.

        The last speaker when it spoke in this or the previous sentence and agrees in gender and
        number (« La section … dénonce … Elle annonce »); else the latest earlier speaker or named
        subject that agrees in number (people and documents before organisations). When that is
        older than the previous sentence, a person named in the previous sentence wins
        (« …Thomas Gerber… « … », a-t-il déclaré »).
        """
        gender, plural = PRONOUNS.get(self.doc[index].lower_, (None, False))
        at = self.doc[index].idx
        best = self._last_speaker(index, gender, plural)
        if best is None:
            candidates = [s for s in self.history + self._subjects_before(at)
                          if s.start < at and at - s.start <= LOOKBACK_CHARS and s.plural == plural
                          and (s.gender in (None, gender) or plural or s.actor)]
            people = [s for s in candidates if self._speaks_as_person(s)] or candidates
            best = max(people, key=lambda s: s.start, default=None)
        recent = self._person_in_previous_sentence(index, gender) if not plural else None
        if recent is not None and (best is None or best.start < recent[1]):
            return recent[0]
        return best

    def _last_speaker(self, index: int, gender: str | None, plural: bool) -> Speaker | None:
        """The last statement's speaker if it stands in the pronoun's sentence or the one before
        and agrees with it in gender and number."""
        if not self.history:
            return None
        last, doc = self.history[-1], self.doc
        own = text_sentence_start(doc, index)
        previous = text_sentence_start(doc, own - 1) if own else 0
        if doc[previous].idx <= last.start < doc[index].idx and last.plural == plural and last.gender == gender:
            return last
        return None

    def _in_quote(self, char: int) -> bool:
        return any(a <= char < b for a, b in self.quoted)

    def _speaks_as_person(self, speaker: Speaker) -> bool:
        if speaker.actor is None or self.kind(speaker.actor) == "person":
            return True
        return any(w in words("documents") for w in speaker.mention.lower().split())

    def _person_in_previous_sentence(self, index: int, gender: str | None) -> tuple[Speaker, int] | None:
        """The last person actor of agreeing gender named in the written sentence before the
        pronoun's own, with that sentence's start offset."""
        doc = self.doc
        own = text_sentence_start(doc, index)
        if own == 0:
            return None
        previous = text_sentence_start(doc, own - 1)
        for m_start, m_end, actor in reversed(self.mentions_in(doc[previous].idx, doc[own].idx)):
            span = doc[slice(*doc_tokens(doc).char_tokens(m_start, m_end))]
            if self.kind(actor) == "person" and _gender(span) in (None, gender) and not self._in_quote(m_start):
                return Speaker(actor, doc_text(doc)[m_start:m_end], m_start, m_end), doc[previous].idx
        return None

    def _subjects_before(self, at: int) -> list[Speaker]:
        """Named actors and documents that are grammatical subjects before a character offset."""
        out, doc = [], self.doc
        where = layout(doc)
        unnamed_roles, documents = words("unnamed_roles"), words("documents")
        pos, dep, written = where.pos, where.dep, where.written
        for i in range(where.token_from(at - LOOKBACK_CHARS), where.token_from(at)):
            noun = pos[i] == "NOUN"
            if (dep[i] not in SUBJECT_DEPS and not (noun and i - written[i] <= 1)) or self._in_quote(where.starts[i]):
                continue
            tok = doc[i]
            right = min(tok.right_edge.i + 1, i + 8)
            if noun and where.lower[i] in unnamed_roles and cue_at(tok) is None:
                out.extend(filter(None, [self._role_subject(tok)]))
                continue
            last = doc[right - 1]
            hits = self.mentions_in(where.starts[i], last.idx + len(last.text))
            hits = sorted(hits, key=lambda m: self.kind(m[2]) != "person")
            if hits:
                out.append(Speaker(hits[0][2], doc_text(doc)[hits[0][0]:hits[0][1]], hits[0][0], hits[0][1],
                                   False, _gender(doc[max(i - 2, 0):i + 1])))
            elif noun and where.lower[i] in documents:
                left = min([t.i for t in tok.subtree if t.i <= i] or [i])
                span = doc[left: i + 1 + sum(1 for t in tok.rights if t.pos_ == "ADJ")]
                out.append(Speaker(self._author_of(tok), span.text, span.start_char, span.end_char,
                                   _is_plural(span, tok), _gender(span)))
        return out

    def _role_subject(self, tok) -> Speaker | None:
        """« Le juge des référés du tribunal de X » as a subject: the unnamed person, not the court."""
        doc = self.doc
        start = tok.left_edge.i
        end = next((t.i for t in doc[tok.i:tok.right_edge.i + 1] if t.is_punct or t.lower_ in words("clause_words")),
                   tok.right_edge.i + 1)
        return self.from_tokens(start, end)


def _comma_parts(lower: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Token ranges of the pieces of tokens ``[start, end)`` between commas (a detached apposition is its own
    piece); ``lower`` is the document's lower-case words."""
    parts = []
    for i in range(start, end):
        if lower[i] == ",":
            if i > start:
                parts.append((start, i))
            start = i + 1
    if start < end:
        parts.append((start, end))
    return parts


def _head_noun(span):
    """The first common noun of a phrase (its head in French word order)."""
    pos = layout(span.doc).pos
    return next((span.doc[i] for i in range(span.start, span.end) if pos[i] == "NOUN"), None)


def _is_plural(span, head) -> bool:
    if span[0].lower_ in PLURAL_DETS:
        return True
    return head is not None and "Plur" in head.morph.get("Number") and span[0].pos_ in ("DET", "NUM")


def _gender(span) -> str | None:
    """Grammatical gender shown by a phrase's first gendered word (« la députée », « Sam »)."""
    doc, pos = span.doc, layout(span.doc).pos
    for i in range(span.start, span.end):
        if pos[i] in ("DET", "NOUN", "PROPN", "PRON") and (gender := doc[i].morph.get("Gender")):
            return gender[0]
    return None
