"""The statement stage's word lists (``models/statements/``), loaded once, and cue lookup on tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..resources import load_jsonl, load_lines, load_words
from .layout import Layout, layout
from .quotes import PAIRS

AUXILIARIES = {"a", "ont", "avait", "avaient", "aura", "est", "sont", "était", "étaient"}
REFLEXIVE = {"se", "s’", "s'", "me", "m’", "m'", "te", "t’", "t'", "nous", "vous"}
OBJECT_CLITICS = {"le", "la", "les", "l’", "l'"}
CUE_CLITICS = {"y"}


@dataclass(frozen=True)
class Cue:
    """A reporting verb or phrase: its words, class and the complements it takes."""

    words: tuple[str, ...]
    cls: str
    frames: tuple[str, ...]
    preps: tuple[str, ...] = ()
    reflexive: bool = False
    clitic: str | None = None
    """A clitic the verb must have before it (« y voir »: « X y voit la preuve que … »)."""

    @property
    def reports(self) -> bool:
        """Whether unquoted complements of this cue are statements (speech and opinion)."""
        return self.cls in ("speech", "opinion")

    @property
    def names_speech(self) -> bool:
        """Whether the cue names a speech act (topic verbs and thoughts give no ``cue``)."""
        return self.cls not in ("topic",)


def _entry(row: dict) -> Cue:
    words = row["cue"].replace("’", "'").split()
    reflexive = words[0] == "se" or words[0].startswith("s'")
    clitic = words[0] if words[0] in CUE_CLITICS else None
    if words[0] == "se" or clitic:
        words = words[1:]
    elif words[0].startswith("s'"):
        words = [words[0][2:]] + words[1:]
    return Cue(tuple(words), row["class"], tuple(row["frames"]), tuple(row.get("preps", ())), reflexive, clitic)


@lru_cache(maxsize=None)
def cue_table() -> dict[str, tuple[Cue, ...]]:
    """Cues by their first word (a verb lemma or a preposition), longest phrases first."""
    table: dict[str, list[Cue]] = {}
    for row in load_jsonl("statements/cues.jsonl"):
        cue = _entry(row)
        table.setdefault(cue.words[0], []).append(cue)
    return {k: tuple(sorted(v, key=lambda c: -len(c.words))) for k, v in table.items()}


def may_cue(where: Layout, i: int) -> bool:
    """Whether token ``i`` can start a cue at all (its lemma or form is a cue's first word, or a regular
    form of an -er cue): a cheap test on the layout that lets whole-document scans skip most tokens."""
    return where.lemma[i] in cue_table() or where.lower[i] in cue_forms()


def cue_candidates(where: Layout) -> list[int]:
    """Indices of the tokens that pass :func:`may_cue`, in text order (one pass over the layout)."""
    table, forms = cue_table(), cue_forms()
    return [i for i, (lemma, lower) in enumerate(zip(where.lemma, where.lower)) if lemma in table or lower in forms]


def cue_at(token: Token) -> Cue | None:
    """The verbal cue whose lexical verb is ``token``, if any (phrases and reflexives checked)."""
    where, i, table = layout(token.doc), token.i, cue_table()
    lemma, lower = where.lemma[i], where.lower[i]
    if lemma not in table and lower not in cue_forms():  # (:func:`may_cue`)
        return None
    pos = where.pos[i]
    if pos not in ("VERB", "AUX", "NOUN", "ADJ", "ADV", "X") or not token.is_alpha:
        return None
    if pos in ("ADV", "X") and not _verb_slot(token):
        return None
    candidates = table.get(lemma) or table.get(lower)
    if not candidates and (pos in ("VERB", "AUX") or _verb_slot(token)):
        candidates = table.get(verb_forms().get(lower, ""))
    if not candidates:
        return None
    reflexive = any(c.reflexive for c in candidates) and _is_reflexive(token, where)  # matters for those only
    for cue in candidates:
        if cue.cls == "source" or not _phrase_follows(where, i, cue.words[1:]):
            continue
        if cue.reflexive and not reflexive:
            continue
        if not cue.reflexive and reflexive and any(c.reflexive for c in candidates):
            continue
        if cue.clitic and not _has_clitic(where, i, cue.clitic):
            continue
        return cue
    return None


def cue_covering(token: Token) -> tuple[Cue | None, Token]:
    """The cue whose words include ``token`` (« fait valoir » reached from « valoir »), with its verb."""
    for back in range(0, 3):
        if token.i - back < 0:
            break
        verb = token.doc[token.i - back]
        cue = cue_at(verb)
        if cue is not None and len(cue.words) > back:
            return cue, verb
    return None, token


def _verb_slot(token: Token) -> bool:
    """A word tagged as a noun that stands where a verb would: after a name or comma, no article,
    not followed by « de » (« Février, …, juge « … » » but not « analyse de documents »)."""
    doc = token.doc
    if token.i == 0:
        return False
    if any(c.dep_ == "det" for c in token.children):
        return _clitic_slot(token)
    prev, nxt = doc[token.i - 1], doc[token.i + 1] if token.i + 1 < len(doc) else None
    if prev.pos_ == "DET" or (nxt is not None and nxt.lower_ in ("de", "d'", "d’")):
        return False
    return prev.pos_ in ("PROPN", "PRON", "NOUN") or prev.text == "," or prev.lower_ in AUXILIARIES


def _clitic_slot(token: Token) -> bool:
    """« Paul Meyrieux, …, le juge « anormalement bas » »: an object clitic the tagger read as an
    article, after a comma or the subject's noun, and the word right before a quotation (a noun
    would be followed by its complement, not by quoted words)."""
    doc = token.doc
    if token.i < 2 or token.i + 1 >= len(doc) or doc[token.i - 1].lower_ not in OBJECT_CLITICS:
        return False
    before, after = doc[token.i - 2], doc[token.i + 1]
    return (before.text == "," or before.pos_ in ("PROPN", "NOUN")) and after.text in PAIRS


@lru_cache(maxsize=None)
def verb_forms() -> dict[str, str]:
    """Regular inflected forms of the -er cues → lemma, for verbs the tagger mislemmatised or took
    for nouns or adjectives (« estime », « juge »); an « e » or « é » before the last consonant
    takes « è » before a mute ending (« relève », « considère », « répètent »)."""
    forms = {}
    for lemma in cue_table():
        if lemma.endswith("er") and len(lemma) > 3:
            stem = lemma[:-2]
            for ending in ("e", "ent", "é", "ée", "és", "ées", "ait", "aient", "ant"):
                forms.setdefault(stem + ending, lemma)
            grave = re.sub(r"[eé]([^aeéèêiouy])$", r"è\1", stem)
            if grave != stem:
                for ending in ("e", "ent"):
                    forms.setdefault(grave + ending, lemma)
    return forms


@lru_cache(maxsize=None)
def cue_forms() -> frozenset[str]:
    """Lower-case forms that may start a cue: a cue's first word or a regular form of an -er cue."""
    return frozenset(cue_table()) | frozenset(verb_forms())


def _has_clitic(where: Layout, i: int, clitic: str) -> bool:
    """Whether ``clitic`` stands in the verb group before token ``i`` (« y voit », « n'y a vu »)."""
    return clitic in where.lower[max(i - 3, where.sent_start[i]): i]


def _phrase_follows(where: Layout, i: int, rest: tuple[str, ...]) -> bool:
    if i + len(rest) >= len(where.lower) + 1:
        return False
    return tuple(w.replace("’", "'") for w in where.lower[i + 1: i + 1 + len(rest)]) == rest


def _is_reflexive(token: Token, where: Layout) -> bool:
    """Whether a reflexive clitic goes with the verb (« se demandent », « s'est exprimé »)."""
    doc, i = token.doc, token.i
    return any(where.lower[j] in REFLEXIVE and doc[j].dep_.startswith("expl")
               for j in range(max(i - 3, where.sent_start[i]), i)) or any(
        c.lower_ in REFLEXIVE and c.dep_.startswith("expl") for c in token.children)


@lru_cache(maxsize=None)
def source_words() -> frozenset[str]:
    """One-word source prepositions (« selon », « d'après », « pour »), apostrophes as ``'``."""
    return frozenset(w for w, cues in cue_table().items() if any(c.cls == "source" and len(c.words) == 1 for c in cues))


@lru_cache(maxsize=None)
def source_starts() -> frozenset[str]:
    """Lower-case forms a source preposition's first token can take (« selon », « d' », « d’ »)."""
    starts = set()
    for word in source_words():
        for form in (word, word[:word.index("'") + 1] if "'" in word else word):
            starts.update((form, form.replace("'", "’")))
    return frozenset(starts)


def source_at(lower: list[str], i: int) -> int:
    """Number of tokens of a source preposition starting at token ``i`` (« selon » 1, « d'après » 2), else 0;
    ``lower`` is the document's lower-case words (:attr:`.layout.Layout.lower`)."""
    if lower[i] not in source_starts():
        return 0
    word = lower[i].replace("’", "'")
    if word in source_words():
        return 1
    if i + 1 < len(lower) and word + lower[i + 1] in source_words():
        return 2
    return 0


def words(name: str) -> frozenset[str]:
    """A word list of ``models/statements/<name>.txt``."""
    return load_words(f"statements/{name}.txt")


def lines(name: str) -> tuple[str, ...]:
    """A phrase list of ``models/statements/<name>.txt``."""
    return load_lines(f"statements/{name}.txt")


@lru_cache(maxsize=None)
def role_words(noun: str) -> frozenset[str]:
    """First words of the titles a role noun may stand for: itself and its synonyms (« édile » → maire)."""
    table = {line.split()[0]: line.split()[1:] for line in lines("role_synonyms")}
    return frozenset([noun, *table.get(noun, ())])


@lru_cache(maxsize=None)
def anaphor_types() -> dict[str, str]:
    """Head nouns of definite descriptions of organisations → the org_type they refer to."""
    return dict(line.split()[:2] for line in lines("anaphors"))
