"""Reported speech without quotation marks, read from the dependency parse (RECORDS §5).

A cue of ``models/statements/cues.jsonl`` (speech or opinion class) reports a content when
it governs a que-clause (``ccomp``), an infinitive (« a précisé avoir abordé … »), or — for
speech acts — a content noun phrase (« regrettant le manque d'indignation … »,
« appellent à la mobilisation »). A clause followed by an incise (« …, a indiqué la Dinum »)
and a sentence with « selon X » are reported speech too; in a headline, only a definite group
with no name saying a noun phrase is (GUIDELINES B3). Negated and hypothetical cues are
not; contents holding quoted words are left to the quotation (a partial quote inside
reported speech is one record). Content offsets follow GUIDELINES B5: after the
complementiser, without the final punctuation.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..doctext import doc_text
from .layout import Layout, layout
from .lexicon import Cue, cue_at, cue_candidates, source_at, source_starts, words
from .syntax import (chunk_after, chunk_before, follows_quote, is_hypothetical, is_negated, is_stop, sentence,
                     sentence_bounds, stop_at, text_sentence_start, verb_group)

COMPLEMENTISERS = {"que", "qu'", "qu’", "de", "d'", "d’", "à", "d"}
CLAUSE_DEPS = ("ccomp",)
INF_DEPS = ("xcomp", "ccomp", "obj", "advcl")
NP_DEPS = ("obj",)
PREP_DEPS = ("obl", "obl:arg", "obl:mod", "iobj")
DEFINITES = ("le", "la", "les", "l'", "l’")
RELATIVES = ("dont", "qui", "où", "lequel", "laquelle", "lesquels", "lesquelles")


@dataclass(frozen=True)
class Reported:
    """An unquoted report: the cue token, its lexicon entry and the content's token range."""

    cue_token: int
    cue: Cue | None
    start: int
    end: int
    form: str


def find_reported(doc: Doc, quoted: list[tuple[int, int]]) -> list[Reported]:
    """Every reported content of ``doc`` outside the quoted character ranges ``quoted``."""
    found: list[Reported] = []
    inside = _quoted_tokens(doc, quoted)
    for i in cue_candidates(layout(doc)):
        if i in inside:
            continue
        tok = doc[i]
        cue = cue_at(tok)
        if cue is None or not cue.reports or is_negated(tok) or is_hypothetical(tok) or _is_modifier(tok):
            continue
        if follows_quote(tok):
            continue  # « « … », a dénoncé X »: reports the quotation; the noun after it is its subject
        if _nested(doc, tok):
            continue
        if _in_title(doc, tok):
            found += _headline_report(doc, tok, cue)
            continue
        contents = _incise_content(doc, tok, cue) or _complements(doc, tok, cue) or _que_after(doc, tok, cue)
        kept = [r for r in contents if not _overlaps(doc, r, quoted) and _same_line(doc, tok.i, r.start)
                and not (r.form == "np" and _topic_before_quote(doc, r, quoted))]
        if contents and not kept:  # the parse tied a coordinated « et que … » into a quoted clause: read linearly
            kept = [r for r in _que_after(doc, tok, cue) if not _overlaps(doc, r, quoted)]
        if len(kept) > 1 and len(kept) == len(contents):
            kept = [Reported(tok.i, cue, kept[0].start, kept[-1].end, kept[0].form)]
        found += kept
    found = [r for r in found if not any(o is not r and o.start <= r.cue_token < o.end for o in found)]
    for start, end in _source_sentences(doc):
        report = _source_content(doc, doc[start:end])
        if report and not _overlaps(doc, report, quoted) and inside.isdisjoint(range(start, end)):
            found.append(report)
    return sorted(found, key=lambda r: r.start)


def _topic_before_quote(doc: Doc, report: Reported, quoted: list[tuple[int, int]]) -> bool:
    """A content NP closed by a colon with quoted words after it in the sentence (« insiste sur
    l'hébergement : les modèles tournent « … » »): the NP is the topic, the quotation the statement
    (GUIDELINES S11)."""
    if report.end >= len(doc) or doc[report.end].text != ":":
        return False
    colon, end = doc[report.end].idx, doc[layout(doc).written_end[report.end] - 1].idx
    return any(colon < a < end for a, _ in quoted)


def _nested(doc: Doc, tok: Token) -> bool:
    """An infinitive cue inside another speech act (« appelant X à condamner … »): what others
    are asked to say is not itself a statement (an adverbial « avant de … » is not inside it)."""
    if "Inf" not in tok.morph.get("VerbForm") or tok.i == 0 or doc[tok.i - 1].lower_ not in COMPLEMENTISERS:
        return False
    if tok.i > 1 and doc[tok.i - 2].lower_ in words("adverbial"):
        return False  # « …, avant de réclamer un audit »: the speaker's own second speech act
    for prev in reversed(doc[max(0, tok.i - 15): tok.i - 1]):
        if prev.text in (";", ":", ".", "!", "?") or "\n" in prev.text:
            return False
        cue = cue_at(prev)
        if cue is not None and cue.cls == "speech":
            return True
    return False


def _in_title(doc: Doc, tok: Token) -> bool:
    """A line without final punctuation (a title or headline restating the article)."""
    text = doc_text(doc)
    start = text.rfind("\n", 0, tok.idx) + 1
    end = text.find("\n", tok.idx)
    line = text[start: end if end >= 0 else len(text)].rstrip()
    return not line.endswith((".", "!", "?", "…", "»", "”", '"', ";", ":"))


def _headline_report(doc: Doc, tok: Token, cue: Cue) -> list[Reported]:
    """« …, les gardiens de la vie privée demandent des garanties »: in a headline, a speech verb between
    a definite group with no name and a noun phrase ending the line (GUIDELINES B3; a named subject
    restates the article, X17). Read in word order: the parser rarely gets a verbless-looking title right."""
    if cue.cls != "speech" or "np" not in cue.frames or "Fin" not in tok.morph.get("VerbForm"):
        return []
    c_start, c_end = chunk_before(doc, tok.i, text_sentence_start(doc, tok.i))
    subject = doc[c_start:c_end]
    if not len(subject) or subject[0].lower_ not in DEFINITES or any(t.text[:1].isupper() for t in subject):
        return []
    end = tok.i + 1
    while end < len(doc) and not is_stop(doc[end]):
        end += 1
    content = doc[tok.i + 1:end]
    if not len(content) or content[0].pos_ not in ("DET", "ADP") or any(t.pos_ in ("VERB", "AUX") for t in content):
        return []
    return [Reported(tok.i, cue, tok.i + 1, end, "np")]


def _same_line(doc: Doc, a: int, b: int) -> bool:
    lo, hi = sorted((a, b))
    return not any("\n" in t.text for t in doc[lo:hi])


def _quoted_tokens(doc: Doc, ranges: list[tuple[int, int]]) -> set[int]:
    """Indices of the tokens starting inside one of the character ranges."""
    where = layout(doc)
    return {i for a, b in ranges for i in range(where.token_from(a), where.token_from(b))}


def _overlaps(doc: Doc, report: Reported, ranges: list[tuple[int, int]]) -> bool:
    start, end = doc[report.start].idx, doc[report.end - 1].idx + len(doc[report.end - 1])
    return any(a < end and start < b for a, b in ranges)


def _is_modifier(tok: Token) -> bool:
    """A participle modifying a noun without an agent (« serveurs qualifiés », « la doctrine dite »)."""
    where = layout(tok.doc)
    return (where.dep[tok.i] in ("acl", "amod") and "Part" in tok.morph.get("VerbForm")
            and "Pres" not in tok.morph.get("Tense") and not any(where.dep[c].startswith("aux") for c in where.children[tok.i]))


def _complements(doc: Doc, tok: Token, cue: Cue) -> list[Reported]:
    """Contents governed by the cue: que-clauses (with coordinated ones), infinitives, content NPs."""
    out = []
    for c in layout(doc).children[tok.i]:
        if c < tok.i:
            continue
        child = doc[c]
        form = _form(child, cue)
        if form is None:
            continue
        group_end = verb_group(tok, cue)[1]
        for part in [child] + [c for c in child.children if c.dep_ == "conj" and form == "que" and _has_que(c)]:
            start, end = _extent(doc, part, [c for c in child.children if c.dep_ == "conj" and c.i != part.i])
            start = max(start, group_end)
            if end - start >= 2:
                out.append(Reported(tok.i, cue, start, end, form))
    return out


def _form(child: Token, cue: Cue) -> str | None:
    """Which frame of the cue a child fills: ``que``, ``inf``, ``np``, or None."""
    if child.dep_ in CLAUSE_DEPS + ("obj",) and "que" in cue.frames and _has_que(child):
        return "que"
    if child.dep_ in INF_DEPS and "inf" in cue.frames and "Inf" in child.morph.get("VerbForm"):
        return "inf"
    if child.dep_ in INF_DEPS and "inf" in cue.frames and any(
            a.dep_.startswith("aux") and "Inf" in a.morph.get("VerbForm") for a in child.children):
        return "inf"
    if "np" not in cue.frames or child.pos_ not in ("NOUN", "PROPN"):
        return None
    case = [c.lower_ for c in child.children if c.dep_ == "case"]
    if child.dep_ in NP_DEPS and not case and not cue.preps:
        return "np"
    if child.dep_ in PREP_DEPS and case and case[0] in cue.preps:
        return "np"
    return None


def _que_after(doc: Doc, tok: Token, cue: Cue) -> list[Reported]:
    """« a confirmé hier que … (et que …) », read linearly when the parse lost the clause."""
    if "que" not in cue.frames:
        return []
    where = layout(doc)
    lower, (_, sent_end) = where.lower, sentence_bounds(where, tok.i)
    i = verb_group(tok, cue)[1]
    while i < sent_end and i - tok.i <= 4 and (where.pos[i] == "ADV" or _in_date(doc, i)):
        i += 1
    if i >= sent_end or lower[i] not in ("que", "qu'", "qu’"):
        return []
    out, start = [], i + 1
    for j in range(start, sent_end + 1):  # « ; » is its own lower-case form
        boundary = j == sent_end or lower[j] == ";" or (
            lower[j] in ("que", "qu'", "qu’") and lower[j - 1] in ("et", "ou", "mais"))
        if boundary:
            end = j - 1 if j < sent_end and lower[j] in ("que", "qu'", "qu’") else j
            while end > start and (stop_at(where, end - 1) or lower[end - 1] in ("et", "ou", "mais")):
                end -= 1
            if end - start >= 2:
                out.append(Reported(tok.i, cue, start, end, "que"))
            if j == sent_end or lower[j] == ";":
                break
            start = j + 1
    return out


def _in_date(doc: Doc, i: int) -> bool:
    return any(start <= i < end for start, end in layout(doc).dates)


def _has_que(tok: Token) -> bool:
    where = layout(tok.doc)
    return any(where.dep[c] == "mark" and where.lower[c] in ("que", "qu'", "qu’") for c in where.children[tok.i])


def _extent(doc: Doc, head: Token, exclude: list[Token]) -> tuple[int, int]:
    """Token range of a content: its subtree minus coordinated contents, complementiser and final punctuation."""
    where = layout(doc)
    skip = {k for e in exclude for k in _subtree(where, e.i)}
    indices = [k for k in _subtree(where, head.i) if k not in skip]
    start, end = min(indices), max(indices) + 1
    lower, pos, dep = where.lower, where.pos, where.dep  # breaks and apostrophes read on the lower-case forms
    breaks = [i for i in range(start, end) if "\n" in lower[i]]
    start = max([start] + [b + 1 for b in breaks if b < head.i])
    end = min([end] + [b for b in breaks if b > head.i])
    while start < end and (lower[start] in COMPLEMENTISERS or pos[start] == "CCONJ"
                           or dep[start] == "case" and start < head.i
                           and head.pos_ in ("NOUN", "PROPN") and lower[start] in ("à", "sur", "de", "d'", "d’")):
        start += 1
    if start < end < len(doc) and lower[end - 1].endswith(("'", "’")):
        phrase = doc[end].head if doc[end].dep_ == "case" and doc[end].head.i > end else doc[end]
        end = max(end, phrase.right_edge.i + 1)  # « un moratoire jusqu’ » + « à l'avis du COC » the parse tore off
    while end > start and (stop_at(where, end - 1) or lower[end - 1] in ("et", "ou", "mais")):
        end -= 1
    return start, end


def _incise_content(doc: Doc, tok: Token, cue: Cue) -> list[Reported]:
    """« Six candidats s'étaient manifestés, a indiqué la Dinum » : the clause before an incise."""
    start, end = verb_group(tok, cue)
    first = text_sentence_start(doc, start)
    if start <= first or doc[start - 1].text != "," or "que" not in cue.frames:
        return []
    sent = sentence(tok)
    after, opening = end, ("que", "qu'", "qu’", "de", "d'", "d’")
    while after < sent.end and doc[after].pos_ == "ADV" and doc[after].lower_ not in opening:
        after += 1
    if after < sent.end and doc[after].lower_ in opening:
        return []  # « X, qui a requis l'anonymat, affirme toutefois que … »: a cue with its own content
    if doc[sent.end - 1].text == "?" or "Fut" in tok.morph.get("Tense"):
        return []
    if start - 1 - first < 4 or not any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")
                                         for t in doc[first:start - 1]):
        return []
    if not any(t.pos_ in ("NOUN", "PROPN") or t.lower_.startswith("-") for t in doc[end:min(end + 6, sent.end)]):
        return []
    c_start, c_end = first, start - 1
    while c_end > c_start and is_stop(doc[c_end - 1]):
        c_end -= 1
    return [Reported(tok.i, cue, c_start, c_end, "incise")]


def _subtree(where: Layout, i: int) -> list[int]:
    """Indices of the tokens of ``Token.subtree`` of token ``i`` (in no particular order)."""
    out, stack = [], [i]
    while stack:
        k = stack.pop()
        out.append(k)
        stack.extend(where.children[k])
    return out


def _source_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the written sentences (within spaCy's sentence and line) holding « selon »,
    « d'après » or « pour »: spaCy may join a sentence with quoted words to the next one."""
    where, ranges, starts = layout(doc), [], source_starts()
    for i, word in enumerate(where.lower):
        if word in starts and source_at(where.lower, i):
            start = max(where.sent_start[i], where.line_start[i], where.written[i])
            end = min(where.sent_end[i], where.line_end[i], where.written_end[i])
            if not ranges or ranges[-1] != (start, end):
                ranges.append((start, end))
    return ranges


def _source_content(doc: Doc, sent: Span) -> Reported | None:
    """« Preuve, selon eux, que … » / « …, selon un porte-parole de la Dinum. »: the rest of the sentence."""
    lower = layout(doc).lower
    for i in range(sent.start, sent.end):
        size = source_at(lower, i)
        if not size or lower[i] == "pour":
            continue
        tok = doc[i]
        if tok.i + size < sent.end and doc[tok.i + size].lower_ in ("lequel", "laquelle", "lesquels", "lesquelles"):
            end = sent.end
            while end > tok.i + size + 1 and is_stop(doc[end - 1]):
                end -= 1
            return Reported(tok.i, None, tok.i + size + 1, end, "source") if end - tok.i - size > 3 else None
        c_start, c_end = chunk_after(doc, tok.i + size, sent.end)
        if c_end <= c_start:
            return None
        if any(t.lower_ in words("documents") for t in doc[c_start:c_end] if t.pos_ == "NOUN"):
            authored = next((t.i for t in doc[c_end:sent.end] if t.lower_ == "par" or t.text == ","), None)
            if authored is None or doc[authored].lower_ != "par":
                return None
            c_end = next((t.i for t in doc[authored:sent.end] if t.text == ","), sent.end)
        before = (sent.start, tok.i)
        after = (c_end + 1 if c_end < sent.end and doc[c_end].text == "," else c_end, sent.end)
        if after[0] < sent.end and doc[after[0]].lower_ in RELATIVES:
            after = (sent.end, sent.end)  # « selon Senum, dont le directeur … »: the source's relative clause
        part = max(before, after, key=lambda r: r[1] - r[0])
        start, end = part
        while start < end and (is_stop(doc[start]) or doc[start].lower_ in COMPLEMENTISERS):
            start += 1
        while end > start and is_stop(doc[end - 1]):
            end -= 1
        if end - start >= 3 and any(t.pos_ in ("VERB", "AUX") for t in doc[start:end]):
            return Reported(tok.i, None, start, end, "source")
    return None
