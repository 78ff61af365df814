"""The actor stage's data (``models/actors/``) loaded once into plain tables, plus name helpers."""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Optional

from ..resources import load_json, load_jsonl, load_lines, load_words
from ..tries import trie_alternation

APOSTROPHES = "'’"
_NON_ALNUM = re.compile(r"[\W_]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
AMOUNT_BEFORE = re.compile(r"\d[\d\s.,'’]*(?:[^\W\d_]+\s+)?(?:de\s+|d['’]\s*)?$")  # « 87,5 milliards de »
AMOUNT_AFTER = re.compile(r"\s*\d")
_WORD_SEPARATORS = re.compile(r"[\s\-’'.]+")
_ACRONYM_MARKS = re.compile(r"[.\-&]")


@lru_cache(maxsize=4096)
def compiled(pattern: str, flags: int = 0) -> re.Pattern:
    """A regex built from data or from a name, compiled once (``re``'s own cache is shared with
    every stage of the pipeline and evicts)."""
    return re.compile(pattern, flags)


def strip_accents(text: str) -> str:
    """The text without combining marks (``Renée`` → ``Renee``)."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Identity key of a name: casefolded, accents, spaces and punctuation removed (``Open AI`` → ``openai``)."""
    return _NON_ALNUM.sub("", strip_accents(text).casefold())


def words_of(text: str) -> list[str]:
    """The words of a name, split at spaces, hyphens, apostrophes and dots."""
    return [w for w in _WORD_SEPARATORS.split(text) if w]


@lru_cache(maxsize=65536)
def is_acronym_shape(text: str) -> bool:
    """Whether a surface form is written as an acronym (``ICE``, ``DoD``, ``U.S.``)."""
    bare = _ACRONYM_MARKS.sub("", text)
    capitals = sum(c.isupper() for c in bare)
    return bare.isalnum() and 2 <= len(bare) <= 8 and capitals >= max(2, len(bare) - 1)


def initials(name: str, function_words: frozenset[str]) -> set[str]:
    """Possible acronyms of a multi-word name: initials of all words and of the significant ones."""
    words = words_of(strip_accents(name))
    if len(words) < 2:
        return set()
    significant = [w for w in words if not (w.islower() and w.casefold() in function_words)]
    return {"".join(w[0] for w in ws).casefold() for ws in (words, significant) if ws}


@dataclass(frozen=True)
class GazEntry:
    """One well-known organisation of ``gazetteer.jsonl``."""

    key: str
    name: str
    org_type: str
    forms: tuple[str, ...]
    platform: bool = False
    metonyms: tuple[str, ...] = ()


@dataclass
class Lexicon:
    """Every word list, pattern and threshold of the actor stage."""

    config: dict
    gazetteer: dict[str, GazEntry]
    gaz_by_form: dict[str, str]
    gaz_regex: "GazetteerRegex"
    first_names: frozenset[str]
    titles: frozenset[str]
    title_modifiers: frozenset[str]
    civil_titles: frozenset[str]
    non_actors: frozenset[str]
    places: frozenset[str]
    patterns: dict
    function_words: frozenset[str]
    byline_cues: tuple[re.Pattern, ...] = field(default_factory=tuple)
    nationals: frozenset[str] = frozenset()  # « américain », « marocain »: ``patterns["nationality_nouns"]``
    compound_heads: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    """Heads of several words (« zone de police ») by their first word, longest first."""
    head_starts: frozenset[str] = frozenset()  # every head and first word of a head (lower case)
    deal_cue: re.Pattern = re.compile(r"(?!)")  # ``patterns["deal_cues"]`` as one alternation
    non_actor_nouns: frozenset[str] = frozenset()  # ``patterns["non_actor_nouns"]``
    currency_codes: frozenset[str] = frozenset()  # « FCFA », « USD »: no actor next to an amount
    currency_names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # « CFA » → (« francs CFA », …)

    def gaz_lookup(self, surface: str) -> Optional[GazEntry]:
        """The gazetteer entry a surface form names, if any (exact key, or without a leading « The »)."""
        key = self.gaz_by_form.get(norm(surface))
        if key is None and surface.startswith("The "):
            key = self.gaz_by_form.get(norm(surface[4:]))
        return self.gazetteer.get(key) if key else None

    def is_metonym(self, surface: str) -> bool:
        """Whether a surface form names a body by its seat (« Bercy », « place Beauvau »)."""
        entry = self.gaz_lookup(surface)
        return entry is not None and norm(surface) in {norm(m) for m in entry.metonyms}

    def in_currency(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is a currency code next to an amount (« 52 milliards de FCFA »,
        « USD 3 millions »: « l’ARS » alone stays a name), or a capitalised word of a currency name
        written around it (« CFA » in « francs CFA »)."""
        name = text[start:end]
        if name in self.currency_codes:
            return bool(AMOUNT_BEFORE.search(text, max(0, start - 30), start) or AMOUNT_AFTER.match(text, end))
        for form in self.currency_names.get(name, ()):
            at = start - form.index(name)
            if at >= 0 and text[at:at + len(form)].replace("\u00a0", " ").casefold() == form.casefold():
                return True
        return False

    def is_first_name(self, word: str) -> bool:
        """Whether a word is a known given name (first part of a hyphenated one counts)."""
        if word in self.first_names:
            return True
        return "-" in word and any(part in self.first_names for part in word.split("-"))

    def is_title_word(self, word: str) -> bool:
        """Whether a lower-cased word can head a role title."""
        low = word.casefold()
        return low in self.titles or ("-" in low and low.split("-")[0] in self.titles)


def _form_pattern(form: str) -> str:
    """Regex of one gazetteer form: flexible spaces, hyphens and apostrophes, optional camel-case space."""
    out = []
    for ch in form:
        if ch in APOSTROPHES:
            out.append("['’]")
        elif ch in " -":
            out.append(r"[\s\-]+")
        else:
            out.append(re.escape(ch))
    pattern = "".join(out)
    if " " not in form and _CAMEL.search(form):  # « Open AI » for « OpenAI »
        pattern = "".join(
            (re.escape(part) if i == 0 else r"\s?" + re.escape(part))
            for i, part in enumerate(_CAMEL.split(form))
        )
    if is_acronym_shape(form):  # « BCG » is not inside « BCGE », but « DHS » is in « DHSMontant »
        pattern += r"(?![A-Z](?![a-zà-ÿ]))"
    return pattern


ARTICLE_CONTRACTIONS = {
    "le": ("le", "du", "au"),
    "la": ("la", "de la", "à la"),
    "les": ("les", "des", "aux"),
    "l": ("l’", "l'", "de l’", "de l'"),
}
_LEADING_ARTICLE = re.compile(r"^(Les|Le|La|L['’])\s*(?=[A-ZÀ-Ý0-9])")


def _article_lookbehind(article: str) -> str:
    """Lookbehinds requiring the article, or a preposition fused with it, before a name's body."""
    key = article.rstrip("'’").casefold()
    return "(?:" + "|".join(f"(?<=\\b(?i:{re.escape(w)}){'' if w[-1] in APOSTROPHES else ' '})"
                            for w in ARTICLE_CONTRACTIONS[key]) + ")"


def _written_variants(forms: tuple[str, ...]) -> list[str]:
    """The forms plus acronyms of four letters or more written as words (« CNIL » → « Cnil »)."""
    out = list(forms)
    out += [f.capitalize() for f in forms if f.isalpha() and f.isupper() and len(f) >= 4 and f.capitalize() not in forms]
    return out


def _gazetteer() -> tuple[dict[str, GazEntry], dict[str, str], "GazetteerRegex"]:
    entries: dict[str, GazEntry] = {}
    by_form: dict[str, str] = {}
    sensitive, insensitive, bodies = [], [], {}
    for row in load_jsonl("actors/gazetteer.jsonl"):
        metonyms = tuple(row.get("metonyms", []))
        forms = (row["name"], *row.get("aliases", []), *metonyms)
        entry = GazEntry(norm(row["name"]), row["name"], row["type"], forms, bool(row.get("platform")), metonyms)
        entries[entry.key] = entry
        for form in _written_variants(forms):
            by_form.setdefault(norm(form), entry.key)
            article = _LEADING_ARTICLE.match(form)
            body = form[article.end():] if article else form
            pattern = (_article_lookbehind(article.group(1)) if article else "") + _form_pattern(body)
            multiword = len(words_of(body)) > 1 and not is_acronym_shape(body) and not row.get("case_sensitive")
            (insensitive if multiword else sensitive).append(pattern)
            bodies[pattern] = body
            if article:
                by_form.setdefault(norm(body), entry.key)
    longest_first = lambda pats: sorted(set(pats), key=len, reverse=True)  # noqa: E731
    return entries, by_form, GazetteerRegex(longest_first(insensitive), longest_first(sensitive), bodies)


class GazetteerRegex:
    """The gazetteer's forms as one alternation (case-insensitive multi-word forms first, then the
    others, longest first), tried only at word starts where a form's first word begins (found by one
    scan with a trie of those words) and, for an ASCII first character, only with the forms that can
    start with it: the same matches as the whole alternation, without trying every form at every
    word. A digit may follow a name ending in lower case: the number of the next cell of a flattened
    table (« Sopra Steria3 980 000 »), not « TF1 » for « TF »."""

    def __init__(self, insensitive: list[str], sensitive: list[str], bodies: dict[str, str]):
        self.full = self._compile(insensitive, sensitive)
        self.by_char: dict[str, re.Pattern] = {}
        for char in string.ascii_letters + string.digits + "_":
            ins = [p for p in insensitive if re.fullmatch(re.escape(bodies[p][0]), char, re.IGNORECASE)]
            sens = [p for p in sensitive if bodies[p][0] == char]
            if ins or sens:
                self.by_char[char] = self._compile(ins, sens)
        firsts = (f"(?i:{trie_alternation({_first_word(bodies[p]) for p in insensitive}, prefixes=True)})",
                  trie_alternation({_first_word(bodies[p]) for p in sensitive}, prefixes=True))
        self.starts = re.compile(r"(?<![\w\-])(?=" + "|".join(firsts) + r")\w")  # every form starts with \w

    @staticmethod
    def _compile(insensitive: list[str], sensitive: list[str]) -> re.Pattern:
        parts = ([f"(?i:{'|'.join(insensitive)})"] if insensitive else []) + sensitive
        return re.compile(r"(?<![\w\-])(?:" + "|".join(parts) + r")(?![a-zà-ÿ]|(?<![a-zà-ÿ])\d|-\w)")

    def finditer(self, text: str) -> Iterator[re.Match]:
        """Non-overlapping matches, left to right, as ``re.finditer`` of the whole alternation."""
        end = 0
        for word in self.starts.finditer(text):
            start = word.start()
            if start < end:
                continue
            char = text[start]
            regex = self.by_char.get(char) if char.isascii() else self.full
            match = regex.match(text, start) if regex is not None else None
            if match:
                end = match.end()
                yield match


def _first_word(body: str) -> str:
    """What a form's pattern (:func:`_form_pattern`) matches literally first: the body up to its
    first space, hyphen, apostrophe or camel-case seam."""
    seam = _CAMEL.search(body)
    cuts = [i for i, ch in enumerate(body) if ch in " -" or ch in APOSTROPHES]
    return body[:min(cuts + [seam.start() if seam else len(body)])]



def _currencies() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """Currency codes and the capitalised words of multi-word currency names, read from the money
    stage's own data (``models/money/currencies.jsonl``): money words are never actors."""
    codes, names = set(), {}
    for entry in load_jsonl("money/currencies.jsonl"):
        for surface in (*entry["forms"], *entry["signs"]):
            if surface.isalpha() and surface.isupper():
                codes.add(surface)
            elif " " in surface:
                for word in surface.split():
                    if word[0].isupper() and word.isalpha():
                        names.setdefault(word, []).append(surface)
    return frozenset(codes), {word: tuple(forms) for word, forms in names.items()}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The actor stage's data, read once."""
    entries, by_form, regex = _gazetteer()
    codes, currency_names = _currencies()
    patterns = load_json("actors/org_patterns.json")
    return Lexicon(
        config=load_json("actors/config.json"),
        gazetteer=entries,
        gaz_by_form=by_form,
        gaz_regex=regex,
        first_names=load_words("actors/first_names.txt"),
        titles=load_words("actors/titles.txt"),
        title_modifiers=load_words("actors/title_modifiers.txt"),
        civil_titles=load_words("actors/civil_titles.txt"),
        non_actors=load_words("actors/non_actors.txt"),
        places=frozenset(load_lines("actors/places.txt")),
        patterns=patterns,
        function_words=load_words("actors/function_words.txt"),
        byline_cues=tuple(re.compile(p, re.IGNORECASE) for p in load_lines("actors/byline_cues.txt")),
        nationals=frozenset(patterns["nationality_nouns"]),
        compound_heads=_compound_heads(patterns["heads"]),
        head_starts=frozenset(patterns["heads"]) | {head.split(" ")[0] for head in patterns["heads"]},
        deal_cue=re.compile("|".join(f"(?:{cue})" for cue in patterns["deal_cues"])),
        non_actor_nouns=frozenset(patterns["non_actor_nouns"]),
        currency_codes=codes,
        currency_names=currency_names,
    )


def _compound_heads(heads) -> dict[str, tuple[tuple[str, ...], ...]]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for head in sorted((h for h in heads if " " in h), key=lambda h: -h.count(" ")):
        by_first.setdefault(head.split(" ")[0], []).append(tuple(head.split(" ")))
    return {first: tuple(words) for first, words in by_first.items()}
