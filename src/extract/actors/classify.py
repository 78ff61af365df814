"""Decide which candidates are actors, of which kind, from cue words, given names and spaCy labels.

Evidence has a strength (gazetteer 5, institutional head or « la société X » 4, given name, civil title or
organisation suffix 3, cue word or a list shared with one of those organisations 2, spaCy label
or article 1–2); the strongest wins, and a decision taken for one mention of a name holds for
every mention of the same name.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from .definitions import link_definitions
from .lexicon import Lexicon, compiled, is_acronym_shape, norm, words_of
from .mention import Mention, TokenTags, overlap_test

TITLE_PREP = r"(?:\bde\s+(?:la\s+|l['’])?|\bdu\s+|\bchez\s+|\bd['’])$"
TITLE_BEFORE = re.compile(r"([\w\-’' ]+?)\s*" + TITLE_PREP)
ENDS_WITH_PREP = re.compile(TITLE_PREP)  # cheap test before TITLE_BEFORE, which backtracks on long windows
LAST_NON_TITLE = re.compile(r"[^\w\-’'\s][\w\-’'\s]*$")  # TITLE_BEFORE cannot match across this character
PREP_ENDINGS = ("de", "la", "du", "chez", "d'", "d’", "l'", "l’")  # what TITLE_PREP can end on, spaces aside
DEMONYM_ENDINGS = ("", "s", "e", "es", "ne", "nes")  # « Marocaines » → marocain, « Italienne » → italien
NATIONAL_ARTICLES = {"l", "le", "la", "au", "du"}  # « l’américain Splunk », « associé au marocain Atlas »
LIST_GAP = re.compile(r"\s*,\s*|\s+(?:et|ou)\s+|\s*,\s*(?:et|ou)\s+")  # between two listed names
MAX_LIST_GAP = len(" , et ")
ARTICLE_BEFORE = re.compile(r"(?:\b[Ll]['’]|\b[Ll]es? |\b[Ll]a )$")
QUOTE_END = re.compile(r"[«“\"‹][ \u00a0]*$")  # an opening quote right before the name reads as a space
PUNCTUATION_END = re.compile(r"[^\w\s\-’']\s*$")
WORD = re.compile(r"[\w\-]+")
CIVIL_BEFORE = re.compile(r"(\S+)\s+$")
INITIAL = re.compile(r"[A-Z]\.")
CUE_AFTER = re.compile(r"\s*,?\s*(?:(?:a été|est|était|avait été)\s+)?([\w\-]+)")
VERB_AFTER = re.compile(r"\s+(?:(?:a|avait|ont|vient de|va)\s+)?"
                        r"(?:[a-zé]+ment\s+|ainsi\s+|déjà\s+|aussi\s+|également\s+)?([\w\-]+)")


def classify(doc: Doc, text: str, mentions: list[Mention], lex: Lexicon, common: frozenset[str] = frozenset(),
             tags: Optional[TokenTags] = None) -> list[Mention]:
    """The mentions that are actors (``text`` is ``doc.text``), each with its kind (and org_type hint);
    ``tags`` are the doc's token tags when already read."""
    tags = tags or TokenTags(doc)
    ents = tags.ents
    labels = {(s, e): label for s, e, label in ents}
    per_spans = [(s, e) for s, e, label in ents if label == "PER"]
    in_other = overlap_test([(s, e) for s, e, label in ents if label in {"MISC", "LOC"}])
    blocked = set()
    for m in mentions:
        m.label = labels.get((m.start, m.end)) or labels.get(_with_article(text, m))
        if not m.label and in_other(m):
            m.label = "MISC-PART"  # inside a longer MISC/LOC entity (« iPhone 16 »)
        if _judge(text, m, lex, per_spans, common, tags):
            blocked.add(id(m))
    _surnames_of_people(mentions)
    _listed_with_organisations(text, mentions, blocked)
    mentions = _join_union_sections(text, mentions, blocked)
    blocked |= link_definitions(text, mentions, lex)
    _vote(mentions, blocked)
    org_used = {m.gaz for m in mentions if m.org_use and m.gaz}
    named = {m.gaz for m in mentions if m.gaz and not lex.is_metonym(m.text)}
    bylines = byline_ranges(text, lex) + dateline_ranges(text)
    kept = []
    for m in mentions:
        if not m.kind or id(m) in blocked or any(a <= m.start < b for a, b in bylines):
            continue
        if m.platform and m.gaz not in org_used:
            continue
        if m.gaz and m.gaz not in named:  # « à Bercy » with no ministry named: a place (GUIDELINES Y11)
            continue
        kept.append(m)
    return kept


def _surnames_of_people(mentions: list[Mention]) -> None:
    """« Bezos a refusé » after « Jeff Bezos »: a bare surname of a named person is that person,
    whatever weak label spaCy gave it."""
    people = [m for m in mentions if m.kind == "person" and m.strength >= 3 and m.full_name]
    surnames = {m.text.split()[-1] for m in people} | {m.text.split(" ", 1)[1] for m in people}
    for m in mentions:
        if m.source == "run" and m.strength <= 1 and m.text in surnames:
            m.decide("person", 2, None, "surname-of-person")


def _listed_with_organisations(text: str, mentions: list[Mention], blocked: set[int]) -> None:
    """« Free Sénégal et Expresso », « Orange, SFR ou Lycamobile »: a name listed with a well-attested
    organisation (strength 3 or more), in a list that names no person, is an organisation of that kind,
    even a capitalised common word. Names spaCy tags as places stay out (« Orange, Dakar et Abidjan »),
    and a list holding a non-actor (a known place, a product after its noun) is left alone."""
    chain: list[Mention] = []
    for m in [*mentions, None]:
        if m is not None and chain and m.start - chain[-1].end <= MAX_LIST_GAP \
                and LIST_GAP.fullmatch(text, chain[-1].end, m.start):
            chain.append(m)
            continue
        partners = [c for c in chain if c.kind == "organization" and c.strength >= 3 and id(c) not in blocked]
        if partners and not any((c.kind == "person" and c.strength >= 2) or id(c) in blocked for c in chain):
            for c in chain:
                if c.strength < 2 and c.source == "run" and c.label != "LOC":
                    c.decide("organization", 2, partners[0].org_type, "listed-with-organisation")
        chain = [m] if m is not None else []


def _join_union_sections(text: str, mentions: list[Mention], blocked: set[int]) -> list[Mention]:
    """« le syndicat SUD Santé AP-HP »: a union name followed by the body it organises is one name."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.org_type == "union" and "context" in prev.evidence and m.source == "gazetteer"
                and text[prev.end:m.start] == " " and id(prev) not in blocked):
            prev.end, prev.text = m.end, text[prev.start:m.end]
            continue
        out.append(m)
    return out


def _with_article(text: str, m: Mention) -> tuple[int, int]:
    """Offsets of the entity spaCy would give with a leading article (« l’Amérique »)."""
    before = ARTICLE_BEFORE.search(text[max(0, m.start - 4):m.start])
    return (m.start - len(before.group()) if before else m.start, m.end)


def _judge(text: str, m: Mention, lex: Lexicon, per_spans: list[tuple[int, int]], common: frozenset[str],
           tags: TokenTags) -> bool:
    """Collect the evidence of one mention; True when it must not be an actor."""
    context = _context_noun(text, m, lex)
    if context == "":
        return m.source != "gazetteer"
    low = m.text.casefold()
    common_word = m.common = " " not in m.text and (low in common or low.rstrip("sx") in common)
    if context:
        company = context in lex.patterns["company_appositions"] and _apposed_to(text, m, context, tags)
        org_type = lex.patterns["context_nouns"].get(context, "company")
        m.decide("organization", 4 if company else 2, org_type, "context")
        m.org_use = True
    if _after_title(text, m, lex, common_word):
        m.decide("organization", 2, None, "title-de")
        m.org_use = True
    if m.source != "run":
        return False
    if m.text in lex.places or m.text in lex.non_actors or all(w in lex.non_actors for w in m.text.split()):
        return True
    if lex.in_currency(text, m.start, m.end) or _demonym(m.text, lex):
        return True
    if _quoted(text, m) and not context:
        return True
    if _after_cue(text, m, lex):
        m.decide("organization", 2, None, "after-cue")
    if lex.deal_cue.search(text[max(0, m.start - lex.config["lookbehind_chars"]):m.start]):
        m.decide("organization", 2, None, "deal-party")
    header = _table_header(text, m, lex)
    if header:
        m.decide("organization", 2, lex.patterns["context_nouns"].get(header), "table-first-cell")
    _run_evidence(text, m, lex, per_spans, common_word)
    return False


def _run_evidence(text: str, m: Mention, lex: Lexicon, per_spans: list[tuple[int, int]], common_word: bool) -> None:
    """Evidence from the words of a capitalised run, the words before it and spaCy's label."""
    words = m.text.split()
    suffixes, english = lex.patterns["suffixes"], lex.patterns["english_heads"]
    if len(words) >= 2 and words[-1].casefold() in suffixes:
        m.decide("organization", 3, suffixes[words[-1].casefold()], "suffix")
    if len(words) >= 3 and words[0].casefold() in english and words[1] == "of":
        m.decide("organization", 3, english[words[0].casefold()], "english-head")
    if 2 <= len(words) <= 4 and INITIAL.fullmatch(words[0]) and words[-1][0].isupper() and len(words[-1]) > 2:
        m.decide("person", 3, None, "initial")
    if 2 <= len(words) <= 4 and lex.is_first_name(words[0]) and all(w[0].isupper() or w in {"de", "van", "von", "da", "di", "del", "der", "le", "la"} for w in words):
        m.decide("person", 3, None, "given-name")
    civil = CIVIL_BEFORE.search(text[max(0, m.start - 6):m.start])
    if civil and civil.group(1) in lex.civil_titles and len(words) <= 2:
        m.decide("person", 3, None, "civil-title")
    inside_per = any(a <= m.start and m.end <= b for a, b in per_spans)
    if m.label == "PER" or (inside_per and len(words) >= 2):
        m.decide("person", 2 if len(words) >= 2 else 1, None, "spacy-per")
    elif (m.label == "ORG" or (m.label == "MISC" and is_acronym_shape(m.text))) and len(m.text) > 2:
        m.decide("organization", 1, None, "spacy-org")  # two letters alone (« BE », « UK ») are codes
    elif (len(words) == 1 and m.label is None and not common_word and not lex.is_first_name(words[0])
          and ARTICLE_BEFORE.search(text[max(0, m.start - 4):m.start])):
        m.decide("organization", 1, None, "article")


def _context_noun(text: str, m: Mention, lex: Lexicon) -> Optional[str]:
    """The cue noun just before the name, singular (« le sous-traitant gouvernemental Leidos »), or the
    nationality noun (« l’américain Splunk », « au marocain Atlas »: a company); "" for a non-actor
    noun (« le projet Maven »); None without a cue."""
    before = QUOTE_END.sub(" ", text[max(0, m.start - lex.config["lookbehind_chars"]):m.start])
    if not before[-1:].isspace() or PUNCTUATION_END.search(before) or "\n" in before[-3:]:
        return None
    words = WORD.findall(before.split("\n")[-1])[-(lex.config["context_window_words"]):]
    cues, negatives = lex.patterns["context_nouns"], lex.non_actor_nouns
    for k in range(len(words) - 1, -1, -1):
        word = words[k]
        if not (word.islower() or word.isupper()):  # « l’ONG X » counts, « le Monde X » does not
            return None
        word = word.casefold()
        single = word[:-1] if word.endswith(("s", "x")) and (word[:-1] in cues or word[:-1] in negatives) else word
        if single in negatives:
            return ""
        if single in cues:
            return single
        if k == len(words) - 1 and word in lex.nationals and k > 0 and words[k - 1].casefold() in NATIONAL_ARTICLES:
            return word
        if word in lex.function_words:
            return None
    return None


def _apposed_to(text: str, m: Mention, noun: str, tags: TokenTags) -> bool:
    """« la société casablancaise Nour Systèmes »: the name is apposed to the determined noun, with
    at most one adjective between (a company's name, even one opening on a given name); not
    « un seul prestataire », a expliqué Nadia Benali »."""
    before = compiled(r"\b(?:[Ll][ae]|[Ll]['’]|une?|[dl]u|au|[Dd]['’]|cette|ce|sa|son)\s*" + re.escape(noun)
                      + r"(?:\s+([\w\-]+))?\s+$").search(text, max(0, m.start - 60), m.start)
    return bool(before) and (before.group(1) is None or tags.pos_at(before.start(1)) == "ADJ")


def _demonym(name: str, lex: Lexicon) -> bool:
    """« les Sénégalais », « au Marocain »: an inhabitant's noun (any gender or number) names people
    of a place, not an actor."""
    low = name.casefold()
    return " " not in low and any(low.endswith(end) and low[:len(low) - len(end)] in lex.nationals
                                  for end in DEMONYM_ENDINGS)


def _quoted(text: str, m: Mention) -> bool:
    """A name that is the whole content of quotation marks: a title or product (« Kerlance Shield »)."""
    before = text[max(0, m.start - 3):m.start].rstrip(" \u00a0")
    after = text[m.end:m.end + 3].lstrip(" \u00a0")
    return before[-1:] in {"«", "“", '"', "‹"} and after[:1] in {"»", "”", '"', "›"}


def _table_header(text: str, m: Mention, lex: Lexicon) -> Optional[str]:
    """The header noun (« Entreprise ») of a flattened table whose first cell is this name."""
    line_start = text.rfind("\n", 0, m.start) + 1
    if m.start != line_start or not re.match(r"[A-ZÀ-Ý]", text[m.end:m.end + 1]):
        return None
    lines = text[:line_start].split("\n")[:-1]
    for line in reversed(lines[-lex.config["table_max_rows"]:]):
        if not line.strip():
            return None
        first = re.match(r"[A-ZÀ-Ý][a-zà-ÿ]+(?=[A-ZÀ-Ý])", line)
        if first and first.group().casefold() in lex.patterns["table_header_nouns"]:
            return first.group().casefold()
    return None


def _after_title(text: str, m: Mention, lex: Lexicon, common_word: bool) -> bool:
    """Whether the name follows « <title> de/d’/chez » (« présidente de Signal »); a capitalised
    common word after a minister's title is a portfolio (« ministre de l’Économie »)."""
    window = text[max(0, m.start - lex.config["lookbehind_chars"]):m.start]
    if not (window.rstrip().endswith(PREP_ENDINGS) and ENDS_WITH_PREP.search(window)):
        return False
    barrier = LAST_NON_TITLE.search(window)  # start the search after it: the same match, less backtracking
    match = TITLE_BEFORE.search(window, barrier.start() + 1 if barrier else 0)
    if not match:
        return False
    words = words_of(match.group(1).split("\n")[-1])[-3:]
    if words and words[-1].casefold() in lex.patterns["portfolio_words"]:
        return False  # « ministre chargée du Numérique »: a portfolio, not a body
    if common_word and any(w.casefold() in lex.patterns["portfolio_titles"] for w in words):
        return False
    return any(lex.is_title_word(w) for w in words)


def _after_cue(text: str, m: Mention, lex: Lexicon) -> bool:
    """Whether an organisation participle or a company's verb follows the name (« Vigilis, fondée
    en 2021 », « Safran a ainsi racheté », « Deloitte fournit »)."""
    after = CUE_AFTER.match(text[m.end:m.end + 40])
    if after and after.group(1) in lex.patterns["after_cues"]:
        return True
    verb = VERB_AFTER.match(text[m.end:m.end + 50])
    return bool(verb and verb.group(1) in lex.patterns["company_verbs"])


def _vote(mentions: list[Mention], blocked: set[int]) -> None:
    """Give every mention of a name the strongest decision taken for any of them."""
    best: dict[str, Mention] = {}
    for m in mentions:
        if m.kind and id(m) not in blocked:
            key = norm(m.form)
            if key not in best or m.strength > best[key].strength:
                best[key] = m
    for m in mentions:
        top = best.get(norm(m.form))
        if top is not None and id(m) not in blocked:
            m.decide(top.kind, top.strength, top.org_type)
            m.org_use = m.org_use or top.org_use


def dateline_ranges(text: str) -> list[tuple[int, int]]:
    """« MONTRÉAL — », « PARIS, 12 mars (AFP) - »: the place opening a dispatch is no actor."""
    pattern = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý\-' ]+(?=(?:,[^\n—–]{0,30})?\s*(?:\([^)\n]{1,12}\)\s*)?[—–-]\s)", re.MULTILINE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def byline_ranges(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Character ranges of author boxes and bylines (a cue line and the short lines after it)."""
    ranges, starts, offset = [], [], 0
    lines = text.split("\n")
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    for i, line in enumerate(lines):
        if not any(cue.search(line.strip()) for cue in lex.byline_cues):
            continue
        end = i
        for j in range(i + 1, min(len(lines), i + 1 + lex.config["byline_tail_lines"])):
            if lines[j].strip() and len(lines[j].split()) > lex.config["byline_max_words"]:
                break
            end = j
        ranges.append((starts[i], starts[end] + len(lines[end])))
    return ranges
