"""The candidate mention shared by the actor modules, and the word segmentation they work on."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any, Callable, NamedTuple, Optional

from spacy.tokens import Doc

from ..doctokens import doc_tokens

WORD_RE = re.compile(r"\w+(?:[.\-&]\w+)*")
SENTENCE_OPENERS = set(".!?\n«»“”\"•—–:;")
CONTINUES_RE = re.compile(r"[ \u00a0]+[a-zà-ÿ]")
NUMBER_GLUED_RE = re.compile(r"([^\W\d_]{2,})\d+$")  # « Cloud3 »: a name, then the next cell's digits
NUMBER_GOES_ON_RE = re.compile(r"[ \u00a0]\d")  # « 3 120 000 »: the number has more groups
ROMAN_RE = re.compile(r"^[IVX]+$")
ACRONYM_SEAM = re.compile(r"(?<=[A-Z])(?=[A-Z][a-zà-ÿ]{3,})")  # « DHS|Montant »
WORD_SEAM = re.compile(r"(?<=[a-zà-ÿ])(?=[A-Z][a-zà-ÿ]+$)")  # « Wintics|Analyse »
CAPITALISED_WORD = re.compile(r"[A-Z][a-zà-ÿ]+")
IOB_BEGIN = 3  # ENT_IOB code of « B »
_new_tuple = tuple.__new__
NAME_PARTICLES = {"le", "la", "de", "du", "des", "van", "von", "der", "den", "da", "di", "del", "della", "al", "el", "ben", "bin"}


@dataclass
class Mention:
    """One candidate name in the text: offsets, decided kind and the evidence behind it."""

    start: int
    end: int
    text: str
    source: str  # gazetteer | head | run
    kind: Optional[str] = None  # person | organization
    strength: int = 0
    org_type: Optional[str] = None
    gaz: Optional[str] = None  # gazetteer key
    surface: Optional[str] = None  # the name form (article restored: « Jours » → « Les Jours »)
    label: Optional[str] = None  # spaCy label of an entity with the same span
    platform: bool = False
    org_use: bool = False  # used as an organisation (title « de X », context noun)
    common: bool = False  # one capitalised French common word (« Commission », « Numérique »)
    alias_of: Optional["Mention"] = None  # the name this one abbreviates or translates (« (DHS) »)
    evidence: list[str] = field(default_factory=list)

    @property
    def full_name(self) -> bool:
        """Given name and surname (« Marine Le Pen »), not a bare surname with its particle (« Le Pen »)."""
        words = self.text.split()
        return len(words) >= 2 and words[0].casefold() not in NAME_PARTICLES

    @property
    def form(self) -> str:
        """The surface name this mention contributes."""
        return self.surface or self.text

    def decide(self, kind: str, strength: int, org_type: Optional[str] = None, why: str = "") -> None:
        """Record a decision when it is stronger than the one already taken."""
        if strength > self.strength:
            self.kind, self.strength = kind, strength
            if org_type:
                self.org_type = org_type
        elif org_type and kind == self.kind and not self.org_type:
            self.org_type = org_type
        if why:
            self.evidence.append(why)


class Word(NamedTuple):
    """A word of the text with its offsets (glued words already split); a tuple, as there are many."""

    start: int
    end: int
    text: str
    glued: bool = False  # starts at a seam inside a written word (flattened table cells)

    @property
    def capitalised(self) -> bool:
        """Starts with a capital, or is a camel-case name (``xAI``, ``iPhone``)."""
        t = self.text
        if t[0].isupper():
            return True
        if t[1:].islower() or not (t[0].islower() or t[0].isdigit()):  # no capital after the first letter
            return False
        return any(c.isupper() for c in t[1:])


def sentence_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, line, quotation or list item."""
    i = start - 1
    while i >= 0 and text[i] in " \u00a0\t":
        i -= 1
    return i < 0 or text[i] in SENTENCE_OPENERS


def glue_points(word: str, has_word, min_right: int, continues: bool) -> list[int]:
    """Offsets inside ``word`` where two words were glued by a flattened table (« DHSMontant »,
    « WinticsAnalyse vidéo »): an acronym before a word, or a common word that ends the written word
    and goes on in lower case (``continues``), so that « ChapsVision » stays whole."""
    points = []
    for m in ACRONYM_SEAM.finditer(word):  # acronym glued to a word
        right = CAPITALISED_WORD.match(word, m.start()).group()
        if m.start() >= 2 and word[: m.start()].isupper() and has_word(right.lower()):
            points.append(m.start())
    seams = list(WORD_SEAM.finditer(word))
    if seams and continues:  # word glued to the common word that starts a cell
        right = word[seams[-1].start():]
        if seams[-1].start() >= 3 and len(right) >= min_right and has_word(right.lower()):
            points.append(seams[-1].start())
    return sorted(points)


def split_words(text: str, has_word, min_right: int) -> list[Word]:
    """Words of the text, glued words split at their seams."""
    words: list[Word] = []
    append = words.append
    for m in WORD_RE.finditer(text):
        word = m.group()
        if word[-1].isdigit() and (number := _glued_number(text, m)) is not None:
            words += _split_glued(text, m.start(), number, has_word, min_right)
            append(Word(number, m.end(), text[number:m.end()], True))
        elif len(word) < 3 or word[1:].islower():  # no capital inside: nothing glued (the common case)
            append(_new_tuple(Word, (*m.span(), word, False)))  # Word(…) without its Python-level __new__
        else:
            words += _split_glued(text, m.start(), m.end(), has_word, min_right)
    return words


def _glued_number(text: str, match: re.Match) -> Optional[int]:
    """Offset of the number of the next cell glued to a name by a flattened table (« Steria3 980 000 »),
    or None; an acronym keeps its digit (« TF1 ») unless the number goes on (« IDEMIA3 120 »)."""
    glued = NUMBER_GLUED_RE.match(match.group())
    if glued is None or (glued.group(1).isupper() and not NUMBER_GOES_ON_RE.match(text, match.end())):
        return None
    return match.start() + glued.end(1)


def _split_glued(text: str, start: int, end: int, has_word, min_right: int) -> list[Word]:
    """The written word ``text[start:end]``, split at its glue points."""
    word = text[start:end]
    if len(word) < 3 or word[1:].islower():  # no capital inside: nothing glued
        return [Word(start, end, word)]
    continues = bool(CONTINUES_RE.match(text, end, end + 3))
    cuts = [0, *glue_points(word, has_word, min_right, continues), len(word)]
    return [Word(start + a, start + b, word[a:b], a > 0) for a, b in zip(cuts, cuts[1:])]


def overlap_test(spans: list[tuple[int, int]]) -> Callable[[Any], bool]:
    """A test of whether a word or mention (``start``, ``end``) overlaps any of ``spans``, by bisection."""
    spans = sorted(spans)
    starts = [a for a, _ in spans]
    reach, furthest = [], -1  # furthest end among the spans up to each one
    for _, b in spans:
        furthest = max(furthest, b)
        reach.append(furthest)

    def overlaps(item) -> bool:
        k = bisect_left(starts, item.end)  # spans[:k] start before the item ends
        return k > 0 and reach[k - 1] > item.start
    return overlaps


class TokenTags:
    """Part of speech, stop-word flag and entity label of the spaCy token at a character offset, and
    the doc's entities as ``(start_char, end_char, label)`` (``doc.ents`` without its Span objects),
    read once per doc."""

    def __init__(self, doc: Doc):
        tokens = doc_tokens(doc)
        self.starts = tokens.idx
        self.pos = tokens.pos
        self.stop = tokens.is_stop
        self.entity_begins = {start for start, code in zip(tokens.idx, tokens.ent_iob) if code == IOB_BEGIN}
        self.entity_types = tokens.ent_type
        self.ents = _entities(tokens.idx, tokens.length, tokens.ent_iob, tokens.ent_type)

    def _index(self, char: int) -> int:
        return max(0, bisect_right(self.starts, char) - 1)

    def pos_at(self, char: int) -> str:
        """Part of speech of the token covering ``char`` (« » for an empty doc)."""
        return self.pos[self._index(char)] if self.pos else ""

    def entity_begins_at(self, char: int) -> bool:
        """Whether spaCy starts a named entity at this character."""
        return char in self.entity_begins

    def entity_at(self, char: int) -> str:
        """Label of the named entity (« LOC », « ORG »…) covering ``char``, « » outside entities."""
        return self.entity_types[self._index(char)] if self.entity_types else ""

    def stop_at(self, char: int) -> bool:
        """Whether the token covering ``char`` is a stop word."""
        return bool(self.stop) and self.stop[self._index(char)]


def _entities(starts: list[int], lengths: list[int], iob: list[int], types: list[str]) -> list[tuple[int, int, str]]:
    """``(start_char, end_char, label)`` of each entity, as ``doc.ents`` reads them from the IOB codes
    (« I » continues, « O », none or a « B » without a label close, « B » opens)."""
    out, first, label = [], -1, ""
    for i, code in enumerate(iob):
        if code == 1:
            if first == -1:
                raise ValueError("an entity token « I » follows no « B » (doc.ents raises E093)")
            continue
        if first != -1:
            out.append((first, i - 1, label))
        first, label = (i, types[i]) if code == IOB_BEGIN and types[i] else (-1, "")
    if first != -1:
        out.append((first, len(iob) - 1, label))
    return [(starts[a], starts[b] + lengths[b], label) for a, b, label in out]
