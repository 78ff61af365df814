"""Matching rules of the scorer (``shared/spec/RECORDS.md`` §3): names, quotes, amounts, assignment.

Pure functions on records; thresholds and the acronym function words are data in
``models/scoring/``. Never imports spaCy.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence, TypeVar

from rapidfuzz import fuzz

from .records import Actor, Contract, Money, Statement
from .resources import load_json, load_words

T = TypeVar("T")
WORD_RE = re.compile(r"\w+")
PUNCT_RE = re.compile(r"[\W_]+")


def threshold(name: str) -> float:
    """One threshold of ``models/scoring/thresholds.json``."""
    return load_json("scoring/thresholds.json")[name]


def strip_accents(text: str) -> str:
    """The text without combining marks (``État`` → ``Etat``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """Matching form of a name: casefolded, accents and punctuation stripped, spaces collapsed."""
    return PUNCT_RE.sub(" ", strip_accents(text).casefold()).strip()


# --- actors ---------------------------------------------------------------------------------

def _function_words() -> frozenset[str]:
    return frozenset(strip_accents(w) for w in load_words("scoring/function_words.txt"))


def initials(name: str) -> set[str]:
    """Candidate acronyms of a multi-word name (empty for a single word).

    Two readings: the initials of the significant words (function words written in lower
    case are skipped: « Department of Homeland Security » → ``dhs``), and the initials of
    every word (« Department of Defense » → ``dod``). Words are split at spaces, hyphens
    and apostrophes.
    """
    words = PUNCT_RE.sub(" ", strip_accents(name)).split()
    if len(words) < 2:
        return set()
    skip = _function_words()
    significant = [w for w in words if not (w.islower() and w in skip)]
    out = {"".join(w[0] for w in words).casefold(), "".join(w[0] for w in significant).casefold()}
    return {a for a in out if len(a) >= threshold("acronym_min_letters")}


def acronym_form(name: str) -> Optional[str]:
    """The letters of a name written as an acronym (``ICE``, ``U.S.``, ``DoD``), else None."""
    words = PUNCT_RE.sub(" ", strip_accents(name)).split()
    if len(words) == 1 or (len(words) > 1 and all(len(w) == 1 for w in words)):
        letters = "".join(words).casefold()
        if len(letters) >= threshold("acronym_min_letters") and letters.isalpha():
            return letters
    return None


def is_acronym(short: str, long: str) -> bool:
    """Whether ``short`` is the acronym of ``long`` (see :func:`initials`), case-insensitive."""
    letters = acronym_form(short)
    return letters is not None and letters in initials(long)


def name_score(a: str, b: str) -> float:
    """Similarity of two names, 0–100: ``token_sort_ratio`` of their normalised forms.

    Names equal once spaces are removed (« Open AI » / « OpenAI ») score 100; an acronym of
    the other name scores the matching threshold (a match, but weaker than any fuzzy match).
    """
    na, nb = normalize(a), normalize(b)
    if not na or not nb:
        return 0.0
    if na.replace(" ", "") == nb.replace(" ", ""):
        return 100.0
    score = fuzz.token_sort_ratio(na, nb)
    if score < threshold("actor_name_ratio") and (is_acronym(a, b) or is_acronym(b, a)):
        return float(threshold("actor_name_ratio"))
    return score


def actor_score(pred: Actor, gold: Actor) -> Optional[float]:
    """Best name score over every name/alias pair of two actors of the same kind, or None below the threshold."""
    if pred.kind != gold.kind:
        return None
    best = max(name_score(p, g) for p in [pred.name, *pred.aliases] for g in [gold.name, *gold.aliases])
    return best if best >= threshold("actor_name_ratio") else None


# --- statements -----------------------------------------------------------------------------

def span_tokens(text: str, start: int) -> list[tuple[int, int]]:
    """Absolute ``(start, end)`` offsets of the word tokens of a quote that begins at ``start``."""
    return [(start + m.start(), start + m.end()) for m in WORD_RE.finditer(text)]


def _inside(tokens: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(1 for s, e in tokens if s >= start and e <= end)


def quote_overlap(pred: Statement, gold: Statement) -> tuple[float, float]:
    """Token F1 of two quote spans and the share of the shorter quote's tokens inside the longer."""
    pt, gt = span_tokens(pred.quote, pred.start), span_tokens(gold.quote, gold.start)
    if not pt or not gt:
        return 0.0, 0.0
    p_in, g_in = _inside(pt, gold.start, gold.end), _inside(gt, pred.start, pred.end)
    precision, recall = p_in / len(pt), g_in / len(gt)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    contained = recall if len(gt) <= len(pt) else precision
    return f1, contained


def statement_score(pred: Statement, gold: Statement) -> Optional[tuple[float, float]]:
    """``(token F1, containment)`` when two statements match (RECORDS.md §3), else None."""
    f1, contained = quote_overlap(pred, gold)
    if f1 >= threshold("statement_token_f1") or contained >= threshold("statement_containment"):
        return f1, contained
    return None


def same_speaker(pred: Statement, gold: Statement, actor_map: dict[str, str]) -> bool:
    """Speakers equal through the actor matching, or both null with similar ``speaker_mention``."""
    if gold.speaker is not None or pred.speaker is not None:
        return pred.speaker is not None and actor_map.get(pred.speaker) == gold.speaker
    ratio = fuzz.partial_ratio(normalize(pred.speaker_mention), normalize(gold.speaker_mention))
    return ratio >= threshold("speaker_mention_partial_ratio")


# --- contracts ------------------------------------------------------------------------------

def values_close(pred: float, gold: float) -> bool:
    """Whether a predicted value lies within the tolerance of the gold value (relative to gold)."""
    return abs(pred - gold) <= threshold("amount_relative_tolerance") * abs(gold)


def amounts_agree(pred: Optional[Money], gold: Optional[Money]) -> bool:
    """Both null, or the same currency and values within the tolerance."""
    if pred is None or gold is None:
        return pred is None and gold is None
    return pred.currency == gold.currency and values_close(pred.value, gold.value)


def word_f1(a: Optional[str], b: Optional[str]) -> float:
    """Bag-of-words F1 of two phrases after normalisation (1.0 when both are null or empty)."""
    ta, tb = normalize(a or "").split(), normalize(b or "").split()
    if not ta and not tb:
        return 1.0
    common = sum(min(ta.count(w), tb.count(w)) for w in set(ta))
    return 2 * common / (len(ta) + len(tb))


def contract_fields(pred: Contract, gold: Contract, actor_map: dict[str, str]) -> dict[str, bool]:
    """Agreement of each scored field of a matched contract pair (amount fields only when gold states an amount)."""
    same = {
        "client": (actor_map.get(pred.client) if pred.client else None) == gold.client,
        "date": pred.date == gold.date,
        "end_date": pred.end_date == gold.end_date,
        "duration": pred.duration == gold.duration,
        "object": word_f1(pred.object, gold.object) >= threshold("contract_object_token_f1"),
    }
    if gold.amount is not None:
        pa = pred.amount
        same["amount.value"] = pa is not None and values_close(pa.value, gold.amount.value)
        same["amount.currency"] = pa is not None and pa.currency == gold.amount.currency
        same["amount.qualifier"] = pa is not None and pa.qualifier == gold.amount.qualifier
    return same


def contract_score(pred: Contract, gold: Contract, actor_map: dict[str, str]) -> Optional[tuple[int, float]]:
    """``(agreeing fields, evidence overlap)`` when contractors match and amounts agree, else None."""
    if actor_map.get(pred.contractor) != gold.contractor or not amounts_agree(pred.amount, gold.amount):
        return None
    overlap = max(0, min(pred.end, gold.end) - max(pred.start, gold.start)) / max(1, gold.end - gold.start)
    return sum(contract_fields(pred, gold, actor_map).values()), overlap


# --- assignment -----------------------------------------------------------------------------

@dataclass
class Matching:
    """One-to-one assignment of predicted to gold records, after optional gold records are set aside.

    ``pairs`` are ``(pred index, gold index)`` with required gold; ``missed`` required gold
    indices; ``false`` predicted indices that match nothing; ``duplicates`` predicted indices
    that match an already matched gold record (also counted as false positives); ``ignored``
    predicted indices that match an optional gold record; ``aliases`` maps every predicted
    index (matched, duplicate or ignored) to the gold index it stands for.
    """

    pairs: list[tuple[int, int]] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    false: list[int] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)
    ignored: list[int] = field(default_factory=list)
    aliases: dict[int, int] = field(default_factory=dict)


def greedy(scores: dict[tuple[int, int], T], preds: Sequence[int], golds: Sequence[int]) -> list[tuple[int, int]]:
    """One-to-one pairs among the scored ones, best score first (ties: gold order, then prediction order)."""
    candidates = [(p, g) for p in preds for g in golds if (p, g) in scores]
    candidates.sort(key=lambda pg: (pg[1], pg[0]))
    candidates.sort(key=lambda pg: scores[pg], reverse=True)
    taken_p, taken_g, out = set(), set(), []
    for p, g in candidates:
        if p not in taken_p and g not in taken_g:
            taken_p.add(p)
            taken_g.add(g)
            out.append((p, g))
    return out


def match(preds: Sequence, golds: Sequence, score: Callable[[object, object], Optional[T]]) -> Matching:
    """Assign predictions to gold records: required gold first, then optional gold absorbs leftovers.

    A leftover prediction that matches any optional gold record is neither rewarded nor
    penalised (several may match the same one), so optional records never cost a required match.
    """
    scores = {(p, g): s for p, pr in enumerate(preds) for g, gr in enumerate(golds) if (s := score(pr, gr)) is not None}
    required = [g for g, gr in enumerate(golds) if not getattr(gr, "optional", None)]
    optional = [g for g, gr in enumerate(golds) if getattr(gr, "optional", None)]
    result = Matching(pairs=greedy(scores, range(len(preds)), required))
    result.aliases = dict(result.pairs)
    for p in (p for p in range(len(preds)) if p not in result.aliases):
        absorbing = [g for g in optional if (p, g) in scores]
        hits = absorbing or [g for g in required if (p, g) in scores]
        if absorbing:
            result.ignored.append(p)
        else:
            result.false.append(p)
            if hits:
                result.duplicates.append(p)
        if hits:
            result.aliases[p] = max(hits, key=lambda g: scores[p, g])
    matched_gold = {g for _, g in result.pairs}
    result.missed = [g for g in required if g not in matched_gold]
    return result
