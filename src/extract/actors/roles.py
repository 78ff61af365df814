"""Roles of people (title + organisation) from appositions, pre-posed titles, parentheses, captions.

« Tim Cook, directeur général d’Apple », « Directeur général d’Apple, Tim Cook », « le patron
d’Anthropic Dario Amodei », « l’activiste Irna Landrum », « Sundar Pichai (Google) » and the caption
line « James Dyett, OpenAI ». Also ties later descriptions (« le directeur général d’Apple ») to
the one named holder of that role, as extra mentions for the statement stage.
"""

from __future__ import annotations

import re
from typing import Optional

from .lexicon import Lexicon, compiled

PREP = r"(?:de\s+(?:la\s+|l['’])?|des\s+|du\s+|d['’]|chez\s+|au\s+|aux\s+|à\s+(?:la\s+|l['’])?|of\s+|at\s+)"
APPOSITION = re.compile(r"^\s*,\s*(?P<t>[^,;:()«»\n.]{1,80}?)\s*" + PREP + r"$")
PREPOSED = re.compile(r"(?P<t>[^,;:()«»\n.!?]{1,80}?)\s*" + PREP + r"$")
BARE_APPOSITION = re.compile(r"^\s*,\s*(?P<t>[^,;:()«»\n.]{1,120}?)\s*(?=[,.;)]|$)")
GENERIC_PART = re.compile(r"\s+(?:de la|de l['’]|du|des|de|d['’]|au|aux|à la|à l['’])\s*([\w\-]+)")
POSSESSIVES = {"son", "sa", "leur"}  # « notre journaliste » is the outlet's own
QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”")
BARE_DETERMINER = re.compile(r"(?:^|(?<=[\s(]))(?i:le|la|l['’]|les|notre|votre|son|sa|leur)(?=\s|(?<=['’]))\s*")
LEADING_ARTICLE = re.compile(r"^(?:[Ll]['’]\s*|[Ll][ae]\s+)")  # « Claire Dufresne, l’avocate de Nébuleo »
TITLE_TAIL = re.compile(r"[\w\-’' ]*,?\s+$")  # the words between a bare title's determiner and the name
LAST_NON_TAIL = re.compile(r"[^\w\-’',\s][\w\-’',\s]*$")  # TITLE_TAIL cannot match across this character
DETERMINERS = {"le", "la", "les", "l", "un", "une", "son", "sa", "ses", "leur", "notre", "votre", "ce", "cet", "cette"}
Span = tuple[int, int, str, str]  # start, end, actor id, kind


def assign_roles(text: str, actors: list[dict], lex: Lexicon) -> list[tuple[int, int, str]]:
    """Fill ``roles`` of the people in ``actors``; return extra mentions (role descriptions → holder)."""
    kinds = {a["id"]: a["kind"] for a in actors}
    spans: list[Span] = sorted((s, e, a["id"], a["kind"]) for a in actors for s, e in a["mentions"])
    by_id = {a["id"]: a for a in actors}
    types = {a["id"]: a["org_type"] for a in actors if a["kind"] == "organization"}
    for k, (start, end, actor_id, kind) in enumerate(spans):
        if kind != "person":
            continue
        for role in _roles_at(text, spans, k, types, lex) + _modifier_roles(text, spans, k, types, lex):
            if role["org"] is None or kinds.get(role["org"]) == "organization":
                _add_role(by_id[actor_id], role)
    return _described_holders(text, actors, spans, lex)


def _add_role(actor: dict, role: dict) -> None:
    """Add a role once; a bare affiliation only when no titled role has that organisation."""
    roles = actor["roles"]
    if role in roles:
        return
    if role["title"] is None and any(r["org"] == role["org"] for r in roles):
        return
    if role["title"] is not None:
        roles[:] = [r for r in roles if not (r["title"] is None and r["org"] == role["org"])]
    roles.append(role)


def _roles_at(text: str, spans: list[Span], k: int, types: dict[str, str], lex: Lexicon) -> list[dict]:
    """Roles of the person at ``spans[k]`` (``types``: org_type of each organisation's id)."""
    start, end, _, _ = spans[k]
    nxt = spans[k + 1] if k + 1 < len(spans) else None
    prev = spans[k - 1] if k > 0 else None
    out = []
    if nxt and nxt[3] == "organization":
        gap = text[end:nxt[0]]
        apposition = APPOSITION.match(gap) or APPOSITION.match(_without_group_head(gap, lex))
        phrase = apposition.group("t") if apposition else ""
        if re.match(r"\s*[,.;)]", text[nxt[1]:nxt[1] + 3]):  # closed: « X, l’avocate de Y, », not a subject
            phrase = LEADING_ARTICLE.sub("", phrase)
        title = _title(phrase, lex, anchored=False) if apposition else None
        if title:
            domain = _domain_after(text, nxt[1], lex)
            out += [{"title": t + domain, "org": nxt[2]} for t in _coordinated(title, lex)]
        elif re.fullmatch(r"\s*\(\s*", gap) and re.match(r"\s*(?:[/,;][^()\n]{0,30})?\)", text[nxt[1]:]):
            out.append({"title": None, "org": nxt[2]})
        elif re.fullmatch(r"\s*,\s*", gap) and re.match(r"\s*(\n|$)", text[nxt[1]:]) and _line_start(text, start):
            out.append({"title": None, "org": nxt[2]})
    if prev and prev[3] == "organization" and _joined_to_name(text[prev[1]:start], lex):
        title = _preposed_title(text, _defined_start(text, spans, k - 1), lex)
        out += [{"title": t, "org": prev[2]} for t in _coordinated(title, lex)] if title else []
    if not (prev and prev[3] == "organization" and len(text[prev[1]:start].strip(" ,)\u00a0")) == 0):
        for written, body in _bare_titles(text, start, end, lex, after=not out):
            for title in _coordinated(written, lex):  # « président et fondateur de l’entreprise »
                if all(r["title"] != title for r in out):
                    personal = title.split()[0] in lex.patterns["personal_titles"]
                    antecedent = body is not None and not personal
                    org = _antecedent_org(text, spans, start, lex, types, body) if antecedent else None
                    out.append({"title": title, "org": org})
    return out


def _modifier_roles(text: str, spans: list[Span], k: int, types: dict[str, str], lex: Lexicon) -> list[dict]:
    """« la conseillère Ecolo Yasmina El Khattabi »: a party (an ``other`` body) written between a
    bare title and the name gives the title without a body, and the membership (GUIDELINES B19)."""
    prev = spans[k - 1] if k > 0 else None
    if not (prev and types.get(prev[2]) == "other" and text[prev[1]:spans[k][0]] == " "):
        return []
    titles = _bare_titles(text, prev[0], prev[1], lex, after=False)
    return [{"title": titles[0][0], "org": None}, {"title": None, "org": prev[2]}] if titles else []


def _without_group_head(gap: str, lex: Lexicon) -> str:
    """« , présidente du groupe » before « Besançon en commun »: the group's head noun is left out of
    its name (GUIDELINES H2), the title still reaches it."""
    words = gap.rstrip().rsplit(" ", 1)
    return words[0] + " " if len(words) == 2 and words[1] in lex.patterns["named_group_heads"] else gap


def _antecedent_org(text: str, spans: list[Span], start: int, lex: Lexicon, types: dict[str, str],
                    body: str = "") -> Optional[str]:
    """The body « son porte-parole » or « directeur financier du groupe » speaks for: the first
    organisation of the sentence before the name, else of one of the two sentences before; names
    inside quotations are the speaker's words, not the narrative's. A typed body noun (``body``:
    « du groupe » → company) takes the first organisation of that type, when one is there."""
    quoted = [(m.start(), m.end()) for m in QUOTED.finditer(text, max(0, start - lex.config["antecedent_chars"]), start)]
    end, nearest = start, None
    for _ in range(3):
        begin = max(text.rfind(mark, 0, max(0, end - 1)) for mark in (". ", "! ", "? ", "\n")) + 1
        orgs = [s[2] for s in spans if s[3] == "organization" and begin <= s[0] and s[1] <= end
                and not any(a <= s[0] < b for a, b in quoted)]
        typed = [o for o in orgs if not body or types.get(o) == body]
        if typed:
            return typed[0]
        nearest = nearest or (orgs[0] if orgs else None)
        if begin == 0:
            break
        end = begin
    return nearest


def _defined_start(text: str, spans: list[Span], k: int) -> int:
    """Start of the name that the mention ``k`` defines in parentheses (« Agence … (Amiad) »), else its own."""
    start, _, actor_id, _ = spans[k]
    if k > 0 and spans[k - 1][2] == actor_id and re.fullmatch(r"\s*\(\s*", text[spans[k - 1][1]:start]):
        return spans[k - 1][0]
    return start


def _line_start(text: str, start: int) -> bool:
    return text[:start].rstrip(" \u00a0\t").endswith("\n") or not text[:start].strip()


def _domain_after(text: str, org_end: int, lex: Lexicon) -> str:
    """« porte-parole de Québec solidaire en matière de numérique » → « en matière de numérique »,
    the domain written after the organisation that belongs to the title."""
    for lead in lex.patterns["title_domains"]:
        domain = compiled(r"\s+(" + re.escape(lead) + r"\s*[\w\-’' ]{1,40}?)\s*(?=[,.;)]|$)")
        found = domain.match(text[org_end:org_end + 80])
        if found:
            return " " + found.group(1).casefold()
    return ""


def _joined_to_name(gap: str, lex: Lexicon) -> bool:
    """What may stand between « Fondatrice de ORG » and the name: a space, a comma, or an
    apposition about the organisation (« , éditeur rennais de logiciels, »)."""
    if re.fullmatch(r"\)?(?:[ \u00a0]+|\s*,\s*)", gap):
        return True
    about_org = re.fullmatch(r"\s*,\s*([\w\-]+)[^,()«»\n]{0,100},\s*", gap)
    return bool(about_org and about_org.group(1) in lex.patterns["context_nouns"])


def _coordinated(title: str, lex: Lexicon) -> list[str]:
    """« fondatrice et présidente » → both titles, when each part is one."""
    parts = [p.strip() for p in re.split(r"\s+et\s+", title)]
    if len(parts) > 1 and all(_title(p, lex, anchored=False) for p in parts):
        return parts
    return [title]


def _preposed_title(text: str, org_start: int, lex: Lexicon) -> Optional[str]:
    """The title written before « de ORG » (« l’ancien dirigeant de Block »)."""
    match = PREPOSED.search(text[max(0, org_start - lex.config["lookbehind_chars"]):org_start])
    return _title(match.group("t"), lex, anchored=True) if match else None


def _bare_titles(text: str, start: int, end: int, lex: Lexicon,
                 after: bool = True) -> list[tuple[str, Optional[str]]]:
    """Titles written without an organisation's name: « l’activiste Irna Landrum », and (``after``)
    « X, rapporteur d’une mission ». Each comes with the type of the body named earlier it points
    to (« son porte-parole », « directeur financier du groupe »: see :func:`_coreferent`)."""
    out = []
    window = text[max(0, start - lex.config["lookbehind_chars"]):start]
    barrier = LAST_NON_TAIL.search(window)  # start the search after it: the same match, less backtracking
    tail = TITLE_TAIL.search(window, barrier.start() + 1 if barrier else 0)
    for det in reversed(list(BARE_DETERMINER.finditer(window, tail.start() if tail else len(window)))):
        title = _title(window[det.end():].rstrip(", \u00a0\n"), lex, anchored=False)
        if title:
            out.append(_coreferent(title, det.group().strip().casefold() in POSSESSIVES, lex))
            break
    following = _apposed_title(text, end, lex) if after else None
    return out + [following] if following else out


def _apposed_title(text: str, end: int, lex: Lexicon) -> Optional[tuple[str, Optional[str]]]:
    """« X, son directeur général, » or « X, rapporteur d’une mission d’information, »."""
    following = BARE_APPOSITION.match(text[end:])
    if not following:
        return None
    possessive = re.match(r"^(?i:son|sa|leur|notre|votre)\s+", following.group("t"))
    phrase = following.group("t")[possessive.end() if possessive else 0:]
    phrase = re.split(r"\s+d['’](?:un|une)\b|\s+de\s+(?:un|une|plusieurs)\b", phrase)[0]  # « rapporteur d’une mission »
    title = _title(phrase, lex, anchored=False)
    return _coreferent(title, bool(possessive), lex) if title else None


def _coreferent(title: str, possessive: bool, lex: Lexicon) -> tuple[str, Optional[str]]:
    """Cut a generic body off the title (« directeur financier du groupe » → « directeur financier »),
    with the org_type that body noun names (« groupe » → company), "" for any body (« son
    porte-parole »), None when the title points to no body named earlier."""
    nouns = lex.patterns["coreferent_nouns"]
    for part in GENERIC_PART.finditer(title):
        noun = part.group(1).casefold()
        noun = noun if noun in nouns else noun.rstrip("sx")
        if noun in nouns:  # « de la société d’État »: a qualified noun says no type
            typed = not title[part.end():].strip()
            return title[:part.start()].strip(), lex.patterns["context_nouns"].get(noun, "") if typed else ""
    return title, "" if possessive else None


def _title(phrase: str, lex: Lexicon, anchored: bool, max_words: Optional[int] = None) -> Optional[str]:
    """The title inside a phrase: from its first function word (after modifiers) to its end."""
    found = list(re.finditer(r"[\w\-]+", phrase.replace("’", " ").replace("'", " ")))
    words, cut = [m.group() for m in found], 0
    if anchored:  # keep the words after the last determiner
        cut = max((i + 1 for i, w in enumerate(words) if w.casefold() in DETERMINERS), default=0)
        words = words[cut:]
    limit = max_words or lex.config["max_title_words"]
    if not words or len(words) > limit:
        return None
    k = 0
    while k < len(words) - 1 and words[k].casefold() in lex.title_modifiers:
        k += 1
    if not lex.is_title_word(words[k]):
        return None
    return _as_written(phrase[found[cut].start():])  # apostrophes as written (« systèmes d’information »)


def _as_written(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.strip()).casefold()


def _described_holders(text: str, actors: list[dict], spans: list[Span], lex: Lexicon) -> list[tuple[int, int, str]]:
    """Mentions of « le <title> de <org> » elsewhere, tied to the only person holding that role."""
    holders: dict[tuple[str, str], list[str]] = {}
    for actor in actors:
        for role in actor["roles"]:
            if role["title"] and role["org"]:
                holders.setdefault((role["title"], role["org"]), []).append(actor["id"])
    extra = []
    org_spans = {}
    for s, e, actor_id, kind in spans:
        org_spans.setdefault(actor_id, []).append((s, e))
    for (title, org), ids in holders.items():
        if len(ids) != 1:
            continue
        own = [(s, e) for s, e, a, _ in spans if a == ids[0]]
        gap, back = lex.config["max_role_gap_chars"], lex.config["lookbehind_chars"]
        for s, e in org_spans.get(org, []):
            hit = compiled(r"(?:\b(?:le|la|l['’]|du|au|de la)\s*)" + re.escape(title).replace(r"\ ", r"\s+")
                           + r"\s*" + PREP + r"$", re.IGNORECASE).search(text[max(0, s - back):s])
            if not hit:
                continue
            begin = max(0, s - back) + hit.start()
            if not any(abs(begin - oe) <= gap or abs(os_ - e) <= gap for os_, oe in own):
                extra.append((begin, e, ids[0]))
    return extra
