"""Find candidate names: gazetteer matches, institutional head phrases, capitalised runs.

Runs are cut where spaCy glues names together (« Block Mike Brock », « Open AI James Dyett »):
at a given name that follows a non-given name, at glued words, and around gazetteer names.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from .groups import group_mentions
from .heads import head_mentions
from .lexicon import Lexicon, norm
from .mention import ROMAN_RE, Mention, TokenTags, Word, overlap_test, sentence_initial, split_words

NAME_JOINERS = {"du", "des"}  # inside organisation names: « Médecins du Monde », « Caisse des Dépôts »
ENGLISH_JOINERS = {"of", "the", "and", "&", "for"}
PERSON_PARTICLES = {"de", "du", "van", "von", "der", "den", "da", "di", "del", "della", "le", "la", "bin", "ben", "al", "el"}
FORM_ARTICLE = re.compile(r"(?:Les|Le|La) |L['’]")
WORD_BEFORE = re.compile(r"(\S+)\s+$")
INITIAL_AFTER = re.compile(r"\. [A-ZÀ-Ý]")


def gazetteer_mentions(text: str, lex: Lexicon) -> list[Mention]:
    """Every gazetteer name in the text (longest first at a position)."""
    out = []
    for m in lex.gaz_regex.finditer(text):
        entry = lex.gaz_lookup(m.group())
        if entry is None or (lex.is_title_word(m.group()) and _title_use(text, m.start(), m.end())):
            continue  # « le DGA de Thales »: a job title (directeur général adjoint), not the agency
        start, surface = m.start(), None
        article = _article_of(entry, m.group())
        inside = article and re.search(r"\b[A-ZÀ-Ý][\w\-]+ (?:du|des|au|aux) $", text[max(0, start - 40):start])
        if inside and not sentence_initial(text, max(0, start - 40) + inside.start()):
            continue  # « Médecins du Monde », « Coupe du Monde »: inside a longer name, not « Le Monde »
        if article:
            written = re.search(r"\b(?:Les|Le|La) $|\bL['’]$", text[max(0, start - 4):start])
            start -= len(written.group()) if written else 0
            surface = None if written else f"{article}{m.group()}"
        mention = Mention(start, m.end(), text[start:m.end()], "gazetteer", gaz=entry.key, surface=surface,
                          platform=entry.platform)
        mention.decide("organization", 5, entry.org_type, "gazetteer")
        out.append(mention)
    return out


def _title_use(text: str, start: int, end: int) -> bool:
    """Whether a word that is also a job title is used as one: after a masculine article, or before
    « de / chez » and a name."""
    return bool(re.search(r"\b(?:[Ll]e|[Dd]u|[Aa]u)\s+$", text[max(0, start - 4):start])
                or re.match(r"\s+(?:de|d['’]|du|des|chez)\s*[A-ZÀ-Ý]", text[end:end + 10]))


def _article_of(entry, matched: str) -> Optional[str]:
    """The article a name's body was matched without (« Les » of « Jours »), with its separator."""
    for form in entry.forms:
        article = FORM_ARTICLE.match(form)
        if article and norm(form[article.end():]) == norm(matched):
            return article.group()
    return None


def run_mentions(text: str, words: list[Word], barriers: list[tuple[int, int]], lex: Lexicon,
                 tags: TokenTags) -> list[Mention]:
    """Runs of capitalised words outside the gazetteer and head spans, cut into names."""
    blocked = overlap_test(barriers)
    out, run = [], []
    for k, word in enumerate(words):
        if not run and word.text.islower():  # no capital: neither starts nor joins a run
            continue
        free = not blocked(word)
        joined = bool(run) and free and _joins(text, words, k, run, lex)
        if run and not joined:
            out += _cut(text, run, lex)
            run = []
        if joined or (free and _in_run(text, word, lex, tags, _glued_next(words, k))):
            run.append(word)
    out += _cut(text, run, lex)
    return out


def _glued_next(words: list[Word], k: int) -> bool:
    """Whether the next word is glued to word ``k`` (the next cell of a flattened table row)."""
    return k + 1 < len(words) and words[k + 1].glued and words[k + 1].start == words[k].end


def _in_run(text: str, word: Word, lex: Lexicon, tags: TokenTags, glued_next: bool = False) -> bool:
    """A capitalised word that may be part of a name (sentence-initial common words are not, the
    first cell of a flattened table row is)."""
    if len(word.text) == 1 and word.text.isupper() and word.text + "." not in lex.civil_titles and _initial(text, word):
        return True
    if not word.capitalised or word.text in lex.civil_titles or (len(word.text) == 1 and not word.text.isdigit() and word.text != "X"):
        return False
    if not (word.glued or sentence_initial(text, word.start)) or lex.is_first_name(word.text) or glued_next:
        return True
    civil = WORD_BEFORE.search(text, max(0, word.start - 6), word.start)
    if civil and civil.group(1) in lex.civil_titles:  # « M. Le Maire »
        return True
    return ((tags.pos_at(word.start) in {"PROPN", "X"} or tags.entity_begins_at(word.start))
            and not tags.stop_at(word.start) and word.text.casefold() not in lex.titles)


def _initial(text: str, word: Word) -> bool:
    """An initial of a given name: « J. » in « J. D. Vance »."""
    return bool(INITIAL_AFTER.match(text, word.end, word.end + 3))


def _joins(text: str, words: list[Word], k: int, run: list[Word], lex: Lexicon) -> bool:
    """Whether word ``k`` continues the run: single space apart, and a name word or a joining particle."""
    prev = words[k - 1]
    if prev is not run[-1] and prev.text.casefold() not in ENGLISH_JOINERS | PERSON_PARTICLES:
        return False
    gap = text[prev.end:words[k].start]
    if (gap == " & " or (gap == ". " and len(prev.text) == 1 and prev.text.isupper())) and words[k].capitalised:
        return True
    if gap not in {" ", "\u00a0"}:
        return False
    low = words[k].text.casefold()
    if words[k].capitalised:
        return True
    j = k + 1  # the next word after the particles (« von der Leyen »)
    while j < len(words) and words[j].text.casefold() in PERSON_PARTICLES and text[words[j - 1].end:words[j].start] == " ":
        j += 1
    nxt = words[j] if j < len(words) else None
    if nxt is None or not nxt.capitalised or text[words[j - 1].end:nxt.start] not in {" ", "\u00a0"}:
        return False
    if low in ENGLISH_JOINERS:
        return words[k].text.islower()
    if low in NAME_JOINERS and words[k].text.islower() and not lex.is_first_name(run[0].text):
        return not lex.is_first_name(nxt.text) and nxt.text not in lex.places  # « La Quadrature du Net »
    names = [w for w in run if w.text.casefold() not in PERSON_PARTICLES]
    return low in PERSON_PARTICLES and len(names) == 1 and lex.is_first_name(names[0].text)


def _cut(text: str, run: list[Word], lex: Lexicon) -> list[Mention]:
    """Split a run at given names that follow a non-given name; drop joiners at the edges."""
    pieces, current = [], []
    for k, word in enumerate(run):
        follows = k + 1 < len(run) and run[k + 1].capitalised
        if current and lex.is_first_name(word.text) and follows and not lex.is_first_name(current[-1].text) \
                and current[-1].text.casefold() not in PERSON_PARTICLES:
            pieces.append(current)
            current = []
        current.append(word)
    pieces.append(current)
    out = []
    for piece in pieces:
        while piece and (not piece[-1].capitalised or ROMAN_RE.match(piece[-1].text)):
            piece = piece[:-1]
        while piece and (not piece[0].capitalised or (piece[0].text in lex.non_actors and piece[0].text.isupper())):
            piece = piece[1:]  # « l’ONG Médecins du Monde », « le PDG Tim Cook »
        if piece:
            out.append(Mention(piece[0].start, piece[-1].end, text[piece[0].start:piece[-1].end], "run"))
    return out


def candidates(doc: Doc, text: str, lex: Lexicon, common: frozenset[str] = frozenset(),
               tags: Optional[TokenTags] = None) -> list[Mention]:
    """All candidate names of the document (``text`` is ``doc.text``), non-overlapping, in text order;
    ``tags`` are the doc's token tags when already read."""
    is_word = lambda w: w in common or w.rstrip("sx") in common  # noqa: E731
    words = split_words(text, is_word, lex.config["glue_min_right_letters"])
    fixed: list[Mention] = []
    tags = tags or TokenTags(doc)
    gazetteer = [_extend_unit(text, tags.ents, m, lex, is_word) for m in gazetteer_mentions(text, lex)]
    heads = [h for h in head_mentions(text, words, lex, common, tags) + group_mentions(text, words, lex, tags)
             if all(g.end <= h.start or h.end <= g.start or (h.start <= g.start and g.end <= h.end) for g in gazetteer)]
    for m in sorted(gazetteer + heads, key=lambda m: (-(m.end - m.start), m.source != "gazetteer")):
        if not any(m.start < f.end and f.start < m.end for f in fixed):
            fixed.append(m)
    runs = run_mentions(text, words, [(m.start, m.end) for m in fixed], lex, tags)
    return sorted(fixed + runs, key=lambda m: m.start)


def _extend_unit(text: str, ents: list[tuple[int, int, str]], mention: Mention, lex: Lexicon, is_word) -> Mention:
    """« Orange Cyberdefense », « SNCF Voyageurs »: a company name followed by capitalised words that
    spaCy's entity takes in, or by a capitalised French common word, names a unit of its own
    (gold/GUIDELINES.md A8), not the company; brand words (« Microsoft Copilot ») are left alone.
    A channel's name of several words takes only what the entity takes in: its regional edition
    (« France 3 Franche-Comté »)."""
    several = " " in mention.text
    if mention.org_type == "government" or (several and mention.org_type != "media"):
        return mention
    ends = [end for start, end, label in ents if start == mention.start and end > mention.end
            and label in {"ORG", "MISC", "LOC"}]
    tail = re.match(r"(?: [A-ZÀ-Ý][\w\-]+)+", text[mention.end:mention.end + 60])
    if not tail or lex.is_first_name(tail.group().split()[0]) or lex.gaz_lookup(tail.group().split()[0]):
        return mention
    end = next((e for e in ends if e <= mention.end + tail.end()), None)
    if end is None and not several and is_word(tail.group().split()[0].casefold()):
        end = mention.end + len(tail.group().split()[0]) + 1
    if end is None:
        return mention
    unit = Mention(mention.start, end, text[mention.start:end], "head")
    unit.decide("organization", 4, mention.org_type, "unit-of-gazetteer-name")
    return unit
