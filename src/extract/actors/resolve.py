"""Group the mentions of one document into actors: one per person or organisation, with aliases.

People merge on the same full name (accents and case aside); a bare surname joins the person it
names (the nearest one when two share it). Organisations merge on the same gazetteer entry, the
same name written differently (« Open AI »), an acronym and its expansion, a parenthetical
definition, a legal suffix (« Foo Inc. ») or a near-identical spelling. Two different gazetteer
entries (Amazon, AWS) and two people with different given names never merge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from rapidfuzz import fuzz

from ..documents import slug
from .lexicon import Lexicon, initials, is_acronym_shape, norm
from .mention import Mention, overlap_test

CIVIL_BEFORE = re.compile(r"(\S+)\s+$")


class Clusters:
    """Union-find over mention indices."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """Representative of ``i``'s cluster."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        """Merge the clusters of ``i`` and ``j`` (the earlier mention stays representative)."""
        a, b = sorted((self.find(i), self.find(j)))
        self.parent[b] = a

    def groups(self) -> list[list[int]]:
        """Clusters as sorted index lists, in order of first mention."""
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return [out[k] for k in sorted(out)]


def resolve(text: str, mentions: list[Mention], lex: Lexicon) -> list[dict]:
    """Actor dicts (fields of ``records.Actor`` plus ``mentions``) from classified mentions."""
    mentions = sorted(mentions, key=lambda m: m.start)
    mentions = mentions + _surname_mentions(text, mentions, lex)
    mentions.sort(key=lambda m: m.start)
    clusters = Clusters(len(mentions))
    _link_people(mentions, clusters, lex)
    _link_orgs(mentions, clusters, lex)
    actors, taken = [], set()
    for group in clusters.groups():
        members = [mentions[i] for i in group]
        if _lone_surname(members) or _lone_common_word(members):
            continue
        actors.append(_actor(members, text, lex, taken))
    return actors


def _lone_common_word(members: list[Mention]) -> bool:
    """« les Bleus »: a capitalised common word with no more than spaCy's label and no longer name."""
    return all(m.common and m.strength < 2 and not m.gaz for m in members)


def _lone_surname(members: list[Mention]) -> bool:
    """A one-word « person » never written with a given name or a civil title: too weak to keep."""
    return all(m.kind == "person" and not m.full_name and m.strength < 3 for m in members)


def _surname_mentions(text: str, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """Bare surnames of named people that no candidate covers (« Altman »)."""
    surnames = {m.text.split()[-1] for m in mentions if m.kind == "person" and m.full_name}
    covered = overlap_test([(m.start, m.end) for m in mentions])
    out = []
    for surname in surnames:
        if len(surname) < 3 or lex.is_first_name(surname):
            continue
        for start in _whole_word_hits(text, surname):
            extra = Mention(start, start + len(surname), surname, "surname")
            if not covered(extra) and not any(m.start < extra.end and extra.start < m.end for m in out):
                extra.decide("person", 1, None, "surname")
                out.append(extra)
    return out


def _whole_word_hits(text: str, word: str) -> Iterator[int]:
    """Starts of ``word`` in ``text`` where no word character or hyphen touches it (« Altman », not « Altmann »)."""
    glued = lambda c: c.isalnum() or c in "_-"  # noqa: E731 (``\w`` or a hyphen)
    i = text.find(word)
    while i >= 0:
        end = i + len(word)
        if (i == 0 or not glued(text[i - 1])) and (end == len(text) or not glued(text[end])):
            yield i
            i = text.find(word, end)
        else:
            i = text.find(word, i + 1)


def _link_people(mentions: list[Mention], clusters: Clusters, lex: Lexicon) -> None:
    people = [i for i, m in enumerate(mentions) if m.kind == "person"]
    full = [i for i in people if mentions[i].full_name]
    surnames = {key for i in full if lex.is_first_name(mentions[i].text.split()[0])
                for key in _surname_keys(mentions[i].text)}
    full = [i for i in full if not _compound_surname(mentions[i].text, surnames, lex)]
    by_name: dict[str, int] = {}
    for i in full:
        key = norm(mentions[i].text)
        if key in by_name:
            clusters.union(by_name[key], i)
        else:
            by_name[key] = i
    bare: dict[str, int] = {}
    for i in people:
        if i in full:
            continue
        holder = _surname_holder(mentions, i, full)
        if holder is None:  # « Mme Dupont … Dupont »: the same bare name is one person
            holder = bare.setdefault(norm(mentions[i].text), i)
        if holder != i:
            clusters.union(holder, i)


def _compound_surname(name: str, surnames: set[str], lex: Lexicon) -> bool:
    """« Alaoui Mdaghri » after « Youssef Alaoui-Mdaghri »: two words without a given name that
    spell a named person's compound surname (hyphen or space aside) are that bare surname."""
    return not lex.is_first_name(name.split()[0]) and norm(name) in surnames


def _surname_holder(mentions: list[Mention], i: int, full: list[int]) -> Optional[int]:
    """The full-name mention a bare name refers to: same surname, nearest before, else nearest after."""
    word = norm(mentions[i].text)
    same = [j for j in full if word in _surname_keys(mentions[j].text)]
    if not same:
        return None
    distinct = {norm(mentions[j].text) for j in same}
    before = [j for j in same if mentions[j].start < mentions[i].start]
    if len(distinct) == 1 or not before:
        return same[0] if len(distinct) == 1 else min(same, key=lambda j: mentions[j].start - mentions[i].start)
    return before[-1]


def _surname_keys(full_name: str) -> set[str]:
    """Keys a bare surname may take: the last word, or all words after the given name (« de Laubier »)."""
    words = full_name.split()
    return {norm(words[-1]), norm(" ".join(words[1:]))}


def _link_orgs(mentions: list[Mention], clusters: Clusters, lex: Lexicon) -> None:
    orgs = [i for i, m in enumerate(mentions) if m.kind == "organization"]
    first: dict[tuple, int] = {}  # the same name from the same entry is the same body: compare names once
    for i in orgs:
        signature = (mentions[i].gaz, mentions[i].form)
        if signature in first:
            clusters.union(first[signature], i)
        else:
            first[signature] = i
    names = [(_org_key(mentions[i], lex), i) for i in first.values()]
    for a_pos, (a, i) in enumerate(names):
        for b, j in names[a_pos + 1:]:
            if _same_org(a, b, lex):
                clusters.union(i, j)
    index = {id(m): i for i, m in enumerate(mentions)}
    for i, m in enumerate(mentions):
        if m.alias_of is not None and id(m.alias_of) in index and not _gaz_conflict(m, m.alias_of):
            clusters.union(index[id(m.alias_of)], i)
    for i in orgs:
        _link_head_word(mentions, orgs, i, clusters)


def _link_head_word(mentions: list[Mention], orgs: list[int], i: int, clusters: Clusters) -> None:
    """« la Commission » after « Commission européenne »: a bare head noun joins the one body it heads."""
    short = mentions[i]
    if not short.common or short.gaz or " " in short.text:
        return
    heads = {clusters.find(j) for j in orgs
             if " " in mentions[j].text and mentions[j].text.split()[0].casefold() == short.text.casefold()}
    if len(heads) == 1:
        clusters.union(heads.pop(), i)


def _gaz_conflict(a: Mention, b: Mention) -> bool:
    return bool(a.gaz and b.gaz and a.gaz != b.gaz)


@dataclass(frozen=True)
class OrgKey:
    """What :func:`_same_org` compares of an organisation mention, computed once per name."""

    gaz: Optional[str]
    key: str  # norm of the name
    bare: str  # norm without legal suffixes (« Foo Inc. » → « foo »)
    acronym: Optional[str]  # norm of the name when written as an acronym
    initials: frozenset[str]


def _org_key(m: Mention, lex: Lexicon) -> OrgKey:
    form = m.form
    return OrgKey(m.gaz, norm(form), _strip_legal(form, lex), norm(form) if is_acronym_shape(form) else None,
                  frozenset(initials(form, lex.function_words)))


def _same_org(a: OrgKey, b: OrgKey, lex: Lexicon) -> bool:
    """Whether two organisation names name the same body."""
    if a.gaz and a.gaz == b.gaz:
        return True
    if a.gaz and b.gaz:
        return False
    if a.key == b.key or a.bare == b.bare:
        return True
    if (a.acronym and a.acronym in b.initials) or (b.acronym and b.acronym in a.initials):
        return True
    cfg = lex.config
    return min(len(a.key), len(b.key)) >= cfg["org_fuzzy_min_length"] and fuzz.ratio(a.key, b.key) >= cfg["org_fuzzy_ratio"]


def _strip_legal(name: str, lex: Lexicon) -> str:
    words = name.split()
    while len(words) > 1 and words[-1].casefold() in lex.patterns["legal_suffixes"]:
        words = words[:-1]
    return norm(" ".join(words))


def _actor(group: list[Mention], text: str, lex: Lexicon, taken: set[str]) -> dict:
    """One actor dict from its mentions."""
    kind = max(group, key=lambda m: m.strength).kind
    forms = _forms(group, text, lex)
    name = _choose_name(forms, group, kind, lex)
    seen, aliases = {name.casefold()}, []
    for form in forms:
        if form.casefold() not in seen:
            seen.add(form.casefold())
            aliases.append(form)
    actor_id = slug(name)
    base, n = actor_id, 2
    while actor_id in taken:
        actor_id, n = f"{base}-{n}", n + 1
    taken.add(actor_id)
    org_type = None
    if kind == "organization":
        typed = [m for m in sorted(group, key=lambda m: -m.strength) if m.org_type]
        org_type = typed[0].org_type if typed else lex.config["default_org_type"]
    return {"id": actor_id, "name": name, "kind": kind, "aliases": aliases, "roles": [], "org_type": org_type,
            "mentions": [(m.start, m.end) for m in group]}


def _forms(group: list[Mention], text: str, lex: Lexicon) -> list[str]:
    """Surface names in order of appearance, civil-title forms (« M. Dupont ») included."""
    forms = []
    for m in group:
        before = CIVIL_BEFORE.search(text[max(0, m.start - 8):m.start])
        if m.kind == "person" and before and before.group(1) in lex.civil_titles:
            forms.append(f"{before.group(1)} {m.form}")
        forms.append(m.form)
    return forms


def _choose_name(forms: list[str], group: list[Mention], kind: str, lex: Lexicon) -> str:
    """The fullest proper name: the gazetteer's canonical form when written, else the longest."""
    plain = [f for f in forms if not (f.split()[0] in lex.civil_titles)] or forms
    if kind == "organization":
        canon = {lex.gazetteer[m.gaz].key for m in group if m.gaz}
        written = [f for f in plain if norm(f) in canon]
        if written:
            return written[0]
        long = [f for f in plain if not is_acronym_shape(f)] or plain
        return max(long, key=lambda f: (len(f.split()), len(f), -plain.index(f)))
    return max(plain, key=lambda f: (len(f.split()), -plain.index(f)))
