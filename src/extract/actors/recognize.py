"""Find candidate names: gazetteer matches, institutional head phrases, capitalised runs.

Runs are cut where spaCy glues names together (« Block Mike Brock », « Open AI James Dyett »):
at a given name that follows a non-given name, at glued words, and around gazetteer names.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from .groups import group_mentions
from .lexicon import Lexicon, compiled, norm
from .mention import ROMAN_RE, Mention, TokenTags, Word, overlap_test, sentence_initial, split_words

ARTICLES = {"la", "le", "les", "l"}
DE_WORDS = {"de", "du", "des", "d"}
STOP_DETERMINERS = {"un", "une", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "mon", "ma", "mes",
                    "notre", "nos", "votre", "vos", "plusieurs", "certains", "certaines", "quelques", "tout", "tous"}
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


def head_mentions(text: str, words: list[Word], lex: Lexicon, common: frozenset[str], tags: TokenTags) -> list[Mention]:
    """Institutional names built on a head noun (« ministère de l’efficacité gouvernementale »), and
    capitalised common nouns with a complement defined by a parenthesis (« Plateforme des données de
    santé (Health Data Hub) »)."""
    heads = lex.patterns["heads"]
    out = []
    starts = lex.head_starts  # a word that is neither a head's first word nor capitalised starts nothing
    for i in [i for i, word in enumerate(words) if word.text[0].isupper() or word.text.casefold() in starts]:
        word = words[i]
        head, first = _head_at(words, i, heads, lex.compound_heads)
        generic = head is None and _capitalised_noun(text, word, lex, common)
        if (head is None and not generic) or _after_name(text, words, i, lex):
            continue
        place = _apposed_place_end(text, words, first, lex, tags) if head in lex.patterns["place_name_heads"] else None
        if place is not None and _locative(text, word.start, lex):
            continue  # « en région Occitanie »: the territory, not the body (GUIDELINES A5)
        listing = head in lex.patterns["portfolio_heads"]
        end = place if place is not None else _complement_end(text, words, first, lex, tags, listing)
        if end is None:
            continue
        span_words = words[i:end + 1]
        if generic and not _defined_after(text, span_words[-1].end):
            continue
        if head and place is None and not _head_accepted(text, span_words, head, lex, tags):
            continue
        start, stop = span_words[0].start, span_words[-1].end
        mention = Mention(start, stop, text[start:stop], "head")
        mention.decide("organization", 4, _head_type(heads.get(head), span_words, lex), f"head:{head or word.text}")
        out.append(mention)
    return out


def _head_type(org_type: Optional[str], span_words: list[Word], lex: Lexicon) -> Optional[str]:
    """A public adjective makes an institute or centre a government body (« … gouvernementales »)."""
    public = lex.patterns["public_adjectives"]
    if org_type in {None, "other", "ngo"} and any(w.text.casefold() in public for w in span_words[1:]):
        return "government"
    return org_type


def _after_name(text: str, words: list[Word], i: int, lex: Lexicon) -> bool:
    """« Nantes Métropole »: a capitalised head right after a capitalised name word ends that name
    (after « Le », « Selon » or « Dans » it starts one)."""
    if i == 0 or not words[i].text[0].isupper() or not words[i - 1].capitalised:
        return False
    prev = words[i - 1].text.casefold()
    if prev in lex.function_words or prev in STOP_DETERMINERS or text[words[i - 1].end:words[i].start] != " ":
        return False
    return not sentence_initial(text, words[i - 1].start) or prev in {w.casefold() for w in lex.places}


def _head_at(words: list[Word], i: int, heads: dict, compounds: dict[str, tuple[tuple[str, ...], ...]]) -> tuple:
    """The head noun (one or more words: « zone de police ») starting at word ``i`` and the index of
    its last word; ``compounds`` maps a first word to the heads of several words, longest first."""
    single = words[i].text.casefold()
    for parts in compounds.get(single, ()):
        last = i + len(parts) - 1
        if last < len(words) and all(words[i + k].text.casefold() == part for k, part in enumerate(parts)):
            return " ".join(parts), last
    return (single, i) if single in heads else (None, i)


def _capitalised_noun(text: str, word: Word, lex: Lexicon, common: frozenset[str]) -> bool:
    """A capitalised French common noun inside a sentence, the usual start of an institution's name."""
    low = word.text.casefold()
    return (word.text[0].isupper() and low in common and not word.glued and not sentence_initial(text, word.start)
            and low not in lex.patterns["non_actor_nouns"] and not lex.is_title_word(low))


def _defined_after(text: str, end: int) -> bool:
    """Whether a parenthesis opening on a capital follows (« … (Dinum) », « … (Health Data Hub) »)."""
    match = re.match(r"\s*\(\s*(\S)", text[end:end + 8])
    return bool(match and match.group(1).isupper())


def _apposed_place_end(text: str, words: list[Word], i: int, lex: Lexicon, tags: TokenTags) -> Optional[int]:
    """Index of the last word of a place name written right after the head ending at word ``i``
    (« région Occitanie », « Région Pays de la Loire », « Métropole Aix-Marseille-Provence »)."""
    last, j = None, i + 1
    limit = min(len(words), i + lex.config["max_head_words"])
    while j < limit:
        gap = text[words[j - 1].end:words[j].start]
        if gap not in {" ", "\u00a0"} and not (last is not None and gap in {"'", "’"}):
            break
        if last is not None and words[j].text.casefold() in DE_WORDS | ARTICLES:
            j += 1  # « Pays de la Loire », « Côte d’Azur »
            continue
        if not (words[j].text[0].isupper() and _place_word(words[j], lex, tags)):
            break
        last = j
        j += 1
    return last


def _place_word(word: Word, lex: Lexicon, tags: TokenTags) -> bool:
    """A word of a place name: a known place, or inside spaCy's place (or organisation) entity."""
    return word.text in lex.places or tags.entity_at(word.start) in {"LOC", "ORG"}


def _locative(text: str, start: int, lex: Lexicon) -> bool:
    """Whether the words before ``start`` make the name a location (« en région … », « dans la région … »)."""
    before = text[max(0, start - 12):start]
    return any(compiled(cue, re.IGNORECASE).search(before) for cue in lex.patterns["locative_cues"])


def _complement_end(text: str, words: list[Word], i: int, lex: Lexicon, tags: TokenTags,
                    listing: bool = False) -> Optional[int]:
    """Index of the last word of the head's complement, or None when there is none. A « pour »
    after a « de » complement starts a purpose, not the name (« Caisse des dépôts pour l’hébergement »),
    unless a parenthesis defines the longer name (« Conseil d’orientation pour l’emploi (COE) »).
    A ministry (``listing``) lists its portfolios with commas up to a closing « et de »: « ministère
    de l’Économie, des Finances et de la Souveraineté industrielle » is one name."""
    last, j, after_de, before_pour, before_list = None, i + 1, False, None, None
    limit = min(len(words), i + lex.config["max_head_words"] * (2 if listing else 1))
    while j < limit:
        gap = text[words[j - 1].end:words[j].start]
        if listing and last == j - 1 and gap.strip() == "," and _next_portfolio(words, j):
            if before_list is None:
                before_list = last
        elif not gap or gap.strip(" \u00a0’'") or "\n" in gap:
            break
        w = words[j].text
        low = w.casefold()
        if low == "et" and before_list is not None:
            if not _next_portfolio(words, j):
                break
            before_list = -1  # the list is closed: « … et du Numérique »
        if low in DE_WORDS or low == "pour" or (low == "à" and (j == i + 1 or _bare_noun_after(words, j, tags))):
            if j + 1 < len(words) and words[j + 1].text.casefold() in STOP_DETERMINERS:
                break
            if low == "pour" and after_de and before_pour is None:
                before_pour = last
            after_de = True
        elif low == "et":
            de_next = j + 1 < len(words) and words[j + 1].text.casefold() in DE_WORDS
            if not de_next or _two_places(words, j, last, lex, tags):
                break
        elif low in ARTICLES and after_de:
            pass
        elif _content(tags, words[j]) and (after_de or last is not None or tags.pos_at(words[j].start) == "ADJ"):
            last = j
        else:
            break
        j += 1
    if before_pour is not None and last != before_pour and not _defined_after(text, words[last].end):
        return before_pour
    if before_list is not None and before_list >= 0:  # commas never closed by « et de »: a list of bodies
        return before_list
    return last


def _two_places(words: list[Word], j: int, last: Optional[int], lex: Lexicon, tags: TokenTags) -> bool:
    """« Ville de Bruxelles et d’Ixelles »: « de » + a place, then « et de » + another place, names two
    bodies; the « et » at word ``j`` ends the first name (« ministère de l’Europe et des Affaires
    étrangères » has an article, and is one name)."""
    if last is None or last != j - 1 or words[last - 1].text.casefold() not in DE_WORDS or j + 2 >= len(words):
        return False
    return all(w.text[0].isupper() and (w.text in lex.places or tags.pos_at(w.start) == "PROPN" or (
        tags.entity_begins_at(w.start) and tags.entity_at(w.start) == "LOC")) for w in (words[last], words[j + 2]))


def _bare_noun_after(words: list[Word], j: int, tags: TokenTags) -> bool:
    """« à caractère personnel », « à but non lucratif »: « à » and a noun without determiner qualify
    the name; « à hauteur de » and « à Paris » do not."""
    if j + 1 >= len(words) or not words[j + 1].text.islower() or tags.pos_at(words[j + 1].start) != "NOUN":
        return False
    return j + 2 < len(words) and words[j + 2].text.casefold() not in DE_WORDS


def _next_portfolio(words: list[Word], j: int) -> bool:
    """Whether a capitalised « de » complement follows word ``j`` (« , des Finances », « et du Numérique »)."""
    k = j + (words[j].text.casefold() not in DE_WORDS)
    if k >= len(words) or words[k].text.casefold() not in DE_WORDS:
        return False
    k += 1
    while k < len(words) and words[k].text.casefold() in ARTICLES:
        k += 1
    return k < len(words) and words[k].text[0].isupper()


def _content(tags: TokenTags, word: Word) -> bool:
    return word.text[0].isupper() or tags.pos_at(word.start) in {"NOUN", "ADJ", "PROPN"}


def _head_accepted(text: str, span_words: list[Word], head: str, lex: Lexicon, tags: TokenTags) -> bool:
    """Strong heads take any complement; others need a capital, or a defining parenthesis after;
    a police or fire service takes a place (« la police de Miami »)."""
    if head in lex.patterns["strong_heads"]:
        return True
    if head in lex.patterns["place_service_heads"] and _place_complement(span_words, lex, tags):
        return True
    capital = span_words[0].text[0].isupper() or any(w.text[0].isupper() for w in span_words[1:])
    if head in lex.patterns["weak_heads"] and not span_words[0].text[0].isupper():
        capital = False
    return capital or _defined_after(text, span_words[-1].end)


def _place_complement(span_words: list[Word], lex: Lexicon, tags: TokenTags) -> bool:
    """Whether the complement after the first « de » is a place name (« police municipale de Nice »)."""
    de = next((k for k, w in enumerate(span_words) if w.text.casefold() in DE_WORDS), None)
    if de is None:
        return False
    name = [w for w in span_words[de + 1:] if w.text.casefold() not in ARTICLES | DE_WORDS]
    return bool(name) and all(w.text[0].isupper() and _place_word(w, lex, tags) for w in name)


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
