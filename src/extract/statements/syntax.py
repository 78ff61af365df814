"""Reading the parse around a cue: verb groups, subject phrases, negation, clause or fragment.

spaCy's French parse is good at heads and labels inside a clause and weak at incises and
long noun phrases, so phrases are cut linearly (between punctuation and clause words) and
the parse decides only what it is reliable for: subjects, negation, finite verbs.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .layout import Layout, layout
from .lexicon import Cue, words
from .quotes import CLOSERS

AUX_DEPS = ("aux", "aux:tense", "aux:pass", "cop")
STOP_PUNCT = {",", ";", ":", "(", ")", "«", "»", "“", "”", '"', ".", "!", "?", "—", "–", "…", "\n", "•"}
NE = frozenset(("ne", "n'", "n’"))
NEGATIONS = {"pas", "jamais", "guère", "nullement", "point", "aucunement"}
NEGATIVE_SUBJECTS = {"aucun", "aucune", "personne", "rien", "nul", "nulle"}
INVERTED = ("-t-il", "-t-elle", "-t-ils", "-t-elles", "-t-on", "-il", "-elle", "-ils", "-elles", "-on", "-t")
SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl:subj", "csubj")
CLOSING_MARKS = frozenset(CLOSERS)
SUBORDINATORS = {"comme", "si", "s'", "s’", "quand", "lorsque", "lorsqu'", "lorsqu’", "puisque", "puisqu'", "puisqu’",
                 "parce", "que", "qu'", "qu’"}


def sentence(token: Token) -> Span:
    """The spaCy sentence of ``token`` clipped to its paragraph (spaCy may run one across a line break)."""
    doc = token.doc
    return Span(doc, *sentence_bounds(layout(doc), token.i))  # (``doc[a:b]`` without spaCy's slice checks)


def sentence_bounds(where: Layout, i: int) -> tuple[int, int]:
    """Token range ``[start, end)`` of :func:`sentence` for token ``i``."""
    return max(where.sent_start[i], where.line_start[i]), min(where.sent_end[i], where.line_end[i])



def text_sentence_start(doc: Doc, i: int) -> int:
    """Index of the first token of the written sentence holding token ``i``: after the last
    « . ! ? » or line break before it (spaCy's own sentences sometimes split inside a clause)."""
    return layout(doc).written[i]


def is_stop(token: Token) -> bool:
    """Punctuation or line break that ends a phrase."""
    return token.text in STOP_PUNCT or "\n" in token.text or token.is_space


def stop_at(where: Layout, i: int) -> bool:
    """:func:`is_stop` for token ``i``, on the layout (marks, spaces and line breaks are their own lower-case forms)."""
    word = where.lower[i]
    return word in STOP_PUNCT or "\n" in word or word.isspace()


def verb_group(token: Token, cue: Cue | None = None) -> tuple[int, int]:
    """Token range ``[start, end)`` of the verb group of ``token`` as written (GUIDELINES P4).

    From the first auxiliary (adverbs and inverted pronouns inside kept, object clitics and
    the « en » of a gerund left out) to the lexical verb, plus the words of a phrasal cue,
    an inverted pronoun after the verb and a governed preposition of the cue.
    """
    doc, where = token.doc, layout(token.doc)
    start = token.i
    auxes = [c for c in where.children[token.i] if c < token.i and where.dep[c] in AUX_DEPS]
    if auxes:
        start = min(auxes)
    elif token.i > 0 and where.lemma[token.i - 1] in ("avoir", "être") and doc[token.i - 1].lemma_ in ("avoir", "être") \
            and "Part" not in token.morph.get("Tense", []):  # (the layout's lower-cased lemma first: cheap)
        start = token.i - 1  # an auxiliary the parser left unattached (« a tweeté »)
    if where.lower[start - 1] in words("reflexives") and start > sentence_bounds(where, token.i)[0]:
        start -= 1
    end = token.i + 1 + (len(cue.words) - 1 if cue else 0)
    while end < len(doc) and where.lower[end] in INVERTED:
        end += 1
    if cue and end < len(doc) and where.lower[end] in cue.preps:
        end += 1
    return start, end


def follows_quote(token: Token) -> bool:
    """A verb whose group opens right after « », » (« « … », a défendu X »): an incise reporting the
    quotation, whose subject comes after it."""
    lower, start = layout(token.doc).lower, verb_group(token)[0]  # marks are their own lower-case forms
    return start >= 2 and lower[start - 1] == "," and lower[start - 2] in CLOSING_MARKS


def is_negated(token: Token) -> bool:
    """A negated verb (« n'a pas déclaré », « ne déclare jamais ») or one with a negative subject
    (« aucun … n'a jugé »). Only the words around the verb group count, not its complements."""
    where, i = layout(token.doc), token.i
    start, _ = verb_group(token)
    before = where.lower[max(sentence_bounds(where, i)[0], start - 2): start]
    after = where.lower[i + 1: min(i + 3, len(where.lower))]
    inside = where.lower[start: i]
    if not NE.isdisjoint(before) or not NE.isdisjoint(inside):
        return True
    if (not NEGATIONS.isdisjoint(inside) or not NEGATIONS.isdisjoint(after)) \
            and not NE.isdisjoint(where.lower[max(0, start - 4): start]):
        return True
    return any(where.dep[c] in SUBJECT_DEPS and where.lower[c] in NEGATIVE_SUBJECTS for c in where.children[i])


def is_hypothetical(token: Token) -> bool:
    """A conditional or imagined speech act (« dirait », « pourrait déclarer », « Imaginez »)."""
    doc, where = token.doc, layout(token.doc)
    children = where.children[token.i]
    if "Cnd" in token.morph.get("Mood") or any(
            "Cnd" in doc[c].morph.get("Mood") for c in children if where.dep[c] in AUX_DEPS):
        return True
    if any(where.dep[c] == "mark" and where.lower[c] in ("si", "s'", "s’") for c in children):
        return True  # « si le ministre annonce que … »
    hypothetical = words("hypothetical")
    if where.dep[token.i] in ("xcomp", "ccomp") and doc[where.head[token.i]].lemma_ in hypothetical:
        return True
    start = sentence_bounds(where, token.i)[0]
    if hypothetical.isdisjoint(where.lemma[start:token.i]):
        return False  # (most sentences: no token to look at)
    return any(where.lemma[i] in hypothetical and where.pos[i] == "VERB" and "Imp" in doc[i].morph.get("Mood")
               for i in range(start, token.i))


def chunk_before(doc: Doc, end: int, floor: int) -> tuple[int, int]:
    """The phrase ending just before token ``end``: back to punctuation or a clause word."""
    where = layout(doc)
    lower, pos = where.lower, where.pos  # brackets are their own lower-case forms
    start = end
    if start > floor and pos[start - 1] == "CCONJ":
        return start, end  # « … dément et assure … »: the subject belongs to the first verb
    while start > floor:
        prev = start - 1
        if lower[prev] == ")":
            opening = next((j for j in range(start - 2, floor - 1, -1) if lower[j] == "("), None)
            if opening is not None:
                start = opening
                continue
        if stop_at(where, prev) or lower[prev] in words("clause_words") or (
                pos[prev] == "VERB" and where.dep[prev] != "amod" and not _nominal_conjunct(doc[prev])):
            break
        start -= 1
    while start < end and pos[start] in ("ADV", "CCONJ", "SCONJ", "ADP") and lower[start] not in ("selon",):
        start += 1
    while end > start and (pos[end - 1] in ("ADV",) or lower[end - 1] in words("clitics")):
        end -= 1
    return start, end


def _nominal_conjunct(token: Token) -> bool:
    """A word tagged as a verb but coordinated with a noun (« La présidente et fondatrice de … »)."""
    return token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN") and token.head.i < token.i


def chunk_after(doc: Doc, start: int, ceiling: int) -> tuple[int, int]:
    """The noun phrase from token ``start`` to the next punctuation, verb or phrase preposition."""
    where = layout(doc)
    end = start
    while end < ceiling:
        word, pos = where.lower[end], where.pos[end]
        if stop_at(where, end) or (pos in ("VERB", "AUX") and where.dep[end] != "amod" and end > start
                                   and "Part" not in doc[end].morph.get("VerbForm")):
            break
        if end > start and word in words("channel_preps") and word not in ("à",):
            break
        if end > start and word in ("sous", "sans", "pour", "avec", "selon", "qui", "que", "dont"):
            break
        end += 1
    return start, end


def has_nominal(doc: Doc, start: int, end: int) -> bool:
    """Whether a token range holds a noun, proper noun or pronoun."""
    return any(pos in ("NOUN", "PROPN", "PRON") for pos in layout(doc).pos[start:end])


def is_clause(span: Span) -> bool:
    """A complete clause inside the marks: a finite verb with its own subject (RECORDS §5)."""
    inside, where = range(span.start, span.end), layout(span.doc)
    for i in inside:
        if where.dep[i] not in SUBJECT_DEPS or where.head[i] not in inside or _subordinate(span, span.doc[i]):
            continue
        verb = span.doc[where.head[i]]
        group = [verb] + [c for c in verb.children if c.dep_ in AUX_DEPS and c.i in inside]
        if any("Fin" in t.morph.get("VerbForm") for t in group):
            return True
    if _opens_with_subject(span):
        return True
    sentences = [t for t in span if t.text in (".", "!", "?")]
    return len(sentences) >= 2 and span[0].is_title


def _subordinate(span: Span, subject: Token) -> bool:
    """A subject right after a subordinating conjunction inside the words (« trente jours au maximum,
    comme la loi l'impose »): its clause hangs on a fragment. One opening the quotation (« Si on
    ferme ce service, tout s'arrête ») starts a sentence."""
    left = max(subject.left_edge.i - 1, span.start + 1)
    return any(t.lower_ in SUBORDINATORS for t in span.doc[left:subject.i])


def _opens_with_subject(span: Span) -> bool:
    """Read linearly: the words open with a noun phrase or pronoun followed, with no clause word
    between, by a finite verb (« L'État achète … », « Mais le plus dur, pour une PME, reste … »)."""
    tokens = [t for t in span if not t.is_space]
    while tokens and tokens[0].pos_ in ("CCONJ", "ADV"):
        tokens = tokens[1:]
    if not tokens or tokens[0].pos_ not in ("DET", "PRON", "PROPN", "NOUN") or tokens[0].lower_ in words("clause_words"):
        return False
    for tok in tokens[1:]:
        if tok.lower_ in words("clause_words") or tok.text in (":", ";"):
            return False
        if tok.pos_ in ("VERB", "AUX") and "Fin" in tok.morph.get("VerbForm"):
            return True
    return False


def root_tokens(span: Span) -> list[Token]:
    """Tokens of ``span`` whose head lies outside it (the fragment's attachment points), and roots."""
    doc, head = span.doc, layout(span.doc).head
    return [doc[i] for i in range(span.start, span.end) if not (span.start <= head[i] < span.end) or head[i] == i]
