"""Links between sentences: a deal described again later, « le même jour », restated deals.

- A later sentence about the same deal with a definite deal noun (« L'entente, signée le mois
  dernier, court jusqu'en 2032 ») fills the last contract's missing dates; right after the
  deal sentence it may also give the amount (« — Beaucoup : ce contrat-cadre de 9 M€ … »),
  and the evidence then takes it in.
- « le même jour » takes the date of the previous contract.
- A contractor named through a description (« En 2025, l'entreprise a décroché … ») extends
  the evidence back to the sentence naming it, and « le partenaire … d'ICE » there names the client.
- « Le contrat comprend l'achat de … à Dell » is a purchase inside the last contract (C2).
- A headline, a table row or a second sentence restating a deal already recorded is merged
  into it, never doubled; a deal whose direction a symmetric verb left to the default
  (« A a signé avec B ») first takes the direction another statement of the same amount gives.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Optional

from spacy.tokens import Doc

from .clauses import Party, marker
from .sentences import Sentence
from .fields import clean_phrase, frame_dates, usable_money
from .cues import cue_tokens
from .frames import Frame
from ..doctext import doc_text
from .lexicon import fold, folded, has_feature, indices_of, lexicon, per_document, token_words
from .objects import framing_phrase


def deal_anaphor(doc: Doc, sent: Sentence) -> bool:
    """Whether a sentence speaks of « le contrat » / « ce contrat-cadre » / « l'entente » (one deal, definite)."""
    dets, words = folded("discourse", "definite_determiners"), token_words(doc)
    nouns = per_document(doc, "deal_anaphor_nouns", _deal_anaphor_nouns)
    for i in nouns[bisect_left(nouns, sent.tok_start):bisect_left(nouns, sent.tok_end)]:
        before = i - max(sent.tok_start, i - 2)  # how many of the two words before are in the sentence
        if (before and words.text[i - 1] in dets or before == 2 and words.pos[i - 1] == "ADJ"
                and words.text[i - 2] in dets) and not has_feature(doc[i], "Number", "Plur"):
            return True
    return False


def _deal_anaphor_nouns(doc: Doc) -> list[int]:
    """The tokens whose lemma may make a definite deal anaphor, in order."""
    nouns = folded("discourse", "deal_anaphors")
    return indices_of(token_words(doc).lemma, nouns)


def description_apposition(doc: Doc, sent: Sentence) -> Optional[tuple[int, int]]:
    """Characters of the apposition after a sentence-opening definite deal noun (« L'accord-cadre, d'un montant
    maximum de 6 millions d'euros HT sur quatre ans, devait … »): it describes an earlier deal, or None."""
    words = token_words(doc)
    k = next((i for i in range(sent.tok_start + 1, min(sent.tok_end, sent.tok_start + 6)) if words.text[i] == ","), None)
    if k is None or any(words.pos[i] in ("VERB", "AUX") for i in range(sent.tok_start, k)) \
            or not deal_anaphor(doc, Sentence(sent.index, sent.start, doc[k].idx, sent.tok_start, k)):
        return None
    close = next((i for i in range(k + 1, sent.tok_end) if words.text[i] == ","), None)
    return (doc[k].idx, doc[close].idx) if close is not None else None


def fill_from_apposition(doc: Doc, span: tuple[int, int], frame: Frame, moneys: list, dates: list) -> None:
    """The amount and duration a described deal's apposition states, where the deal has none (B7; a stated
    amount is never replaced, B1)."""
    inside = lambda m: span[0] <= m["start"] < span[1]  # noqa: E731
    usable = [m for m in moneys if inside(m) and usable_money(doc, m)]
    if frame.money is None and usable:
        frame.money = usable[0]
    frame.duration = frame.duration or frame_dates(doc, [d for d in dates if inside(d)], set())["duration"]


def deal_pronoun(doc: Doc, sent: Sentence) -> bool:
    """Whether a sentence opens on a subject pronoun (« Il comprend l'achat de … »), which after a sentence
    about a deal stands for that deal."""
    words = token_words(doc).text
    return sent.tok_start < sent.tok_end and words[sent.tok_start] in folded("discourse", "deal_pronouns") \
        and doc[sent.tok_start].dep_.startswith("nsubj")


def previous_deal(doc: Doc, sent: Sentence, last: Frame, moneys: list, dates: list) -> Optional[Frame]:
    """« Le précédent contrat, signé en 2021, portait sur 5,9 M€ »: an earlier deal between the same parties."""
    adjectives = {fold(a) for a in lexicon().previous_deal_adjectives}
    if not any(fold(t.text) in adjectives for t in doc[sent.tok_start:sent.tok_end]):
        return None
    usable = [m for m in moneys if sent.start <= m["start"] < sent.end and usable_money(doc, m)]
    found = frame_dates(doc, [d for d in dates if sent.start <= d["start"] < sent.end], set())
    if not usable and not found["date"]:
        return None
    return Frame(last.contractor, last.client, sent.index, sent.start, sent.end, money=usable[0] if usable else None,
                 date=found["date"], date_role=found["date_role"])


def enclosed_purchase(doc: Doc, sent: Sentence, last: Frame, parties: list[Party], moneys: list) -> Optional[Frame]:
    """« Le contrat comprend l'achat de 640 serveurs à Dell Technologies pour 9,3 milliards »: a purchase inside
    the last contract, from a seller marked « à / chez / auprès de » (GUIDELINES C2): client and date of that
    contract, the bought goods as object."""
    words, purchase = token_words(doc).text, lexicon().purchase_words
    own = sorted((p for p in parties if sent.start <= p.start < sent.end), key=lambda p: p.tok)
    for i in range(sent.tok_start, sent.tok_end):
        if words[i] not in purchase:
            continue
        seller = next((p for p in own if p.tok > i and p.actor not in (last.contractor, last.client)
                       and marker(doc, p, sent) in ("à", "chez", "auprès de")), None)
        if seller is None:
            continue
        bought = [doc[k] for k in range(i + 1, _marker_start(doc, seller.tok, i + 1))]
        usable = [m for m in moneys if sent.start <= m["start"] < sent.end and usable_money(doc, m)]
        return Frame(seller.actor, last.client, sent.index, sent.start, sent.end, money=usable[0] if usable else None,
                     date=last.date, date_role=last.date_role, object=clean_phrase(doc, bought), within=last)
    return None


def _marker_start(doc: Doc, tok: int, first: int) -> int:
    """The token opening the phrase that marks a seller (« au fabricant allemand Dermalog » → « au »)."""
    k = tok
    while k > first and (doc[k - 1].pos_ in ("DET", "ADJ") or doc[k - 1].pos_ == "NOUN" and doc[k - 1].text.islower()):
        k -= 1
    if k - 1 > first and fold(doc[k - 1].text) in ("de", "du", "des", "d'") and fold(doc[k - 2].text) == "auprès":
        return k - 2
    return k - 1 if k > first and fold(doc[k - 1].text) in ("à", "au", "aux", "chez") else tok


def fill_from_anaphor(doc: Doc, sent: Sentence, frame: Frame, moneys: list, dates: list) -> None:
    """Complete the last frame from a later sentence about the same deal (X7)."""
    own_dates = [d for d in dates if sent.start <= d["start"] < sent.end]
    verbs, _ = cue_tokens(doc, sent)
    found = frame_dates(doc, own_dates, {fold(v.lemma_) for v in verbs})
    if found["date"] and found["date_role"] == "award" and frame.date_role != "award":
        frame.date, frame.date_role = found["date"], "award"
    frame.end_date = frame.end_date or found["end_date"]
    if frame.object is None:
        tokens = framing_phrase(doc, sent)
        frame.object = clean_phrase(doc, tokens) if tokens else None
    frame.duration = frame.duration or found["duration"]
    if frame.money is None and sent.index == frame.sentence + 1:
        usable = [m for m in moneys if sent.start <= m["start"] < sent.end and usable_money(doc, m)]
        if usable:
            frame.money, frame.end = usable[0], sent.end


def same_as_previous(doc: Doc, sent: Sentence, frame: Frame, previous: Optional[Frame]) -> None:
    """« confié le même jour à … », « sur la même durée »: the date or duration of the previous contract."""
    if previous is None:
        return
    disc, text = lexicon().discourse, fold(doc_text(doc)[sent.start:sent.end])
    if not frame.date and previous.date and any(fold(p) in text for p in disc["same_day"]):
        frame.date, frame.date_role = previous.date, previous.date_role
    if not frame.duration and previous.duration and any(fold(p) in text for p in disc["same_duration"]):
        frame.duration = previous.duration


def through_antecedent(doc: Doc, frame: Frame, party: Party, sents: list[Sentence], parties: list[Party]) -> None:
    """A contractor named by a description: evidence from the naming sentence, client from « partenaire de X »."""
    if party.antecedent is None or party.antecedent >= frame.sentence:
        return
    named = sents[party.antecedent]
    frame.start = min(frame.start, named.start)
    if frame.client is not None:
        return
    relations = {fold(n) for n in lexicon().discourse["relation_nouns"]}
    words = [fold(t.lemma_) for t in doc[named.tok_start:named.tok_end]]
    if not relations & set(words):
        return
    for other in parties:
        if named.start <= other.start < named.end and other.actor != frame.contractor \
                and marker(doc, other, named) == "de":
            frame.client = other.actor
            return


def _amounts_agree(a: Optional[dict], b: Optional[dict]) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a["currency"] == b["currency"] and abs(a["value"] - b["value"]) <= 0.005 * max(a["value"], b["value"])


def _restates(later: Frame, earlier: Frame) -> bool:
    """Whether ``later`` (a headline, a row or a sentence) states the deal ``earlier`` already holds."""
    if later.contractor != earlier.contractor:
        return False
    if later.headline or earlier.headline:
        return True
    if later.client and earlier.client and later.client != earlier.client:
        return False
    if later.client and later.client == earlier.client and (later.money is None or earlier.money is None) \
            and abs(later.sentence - earlier.sentence) <= lexicon().discourse["fill_window_sentences"]:
        return True  # « La société fournira à la municipalité … jusqu'en 2028 » after the signed deal
    if later.sentence > earlier.sentence and not any((later.money, later.date, later.end_date, later.duration,
                                                      later.object)):
        return True  # « X signe là son premier contrat avec Y »: a bare mention of a deal already stated
    if later.date and earlier.date and later.date != earlier.date and not later.row:
        return False
    return _amounts_agree(later.money, earlier.money) or (later.row and later.money is None)


def orient_guessed(frames: list[Frame]) -> None:
    """A deal whose direction was guessed (« Senum a signé avec Teranga Cloud un contrat de 87,5 milliards »)
    takes the direction another statement of the same amount gives by an unambiguous cue (headline
    « Senum confie à Teranga Cloud … pour 87,5 milliards »)."""
    for frame in frames:
        if not frame.guessed or frame.money is None:
            continue
        if any(not other.guessed and other.contractor == frame.client and other.client in (None, frame.contractor)
               and other.money is not None and _amounts_agree(other.money, frame.money) for other in frames):
            frame.contractor, frame.client, frame.guessed = frame.client, frame.contractor, False


def _share_within_groups(frames: list[Frame]) -> None:
    """The members of one unnamed group hold the same deal: a field a later sentence gave one of them (« Le
    contrat, d'une durée de cinq ans, … » fills the last frame) is given to all (B4)."""
    for lead in frames:
        group = [lead] + [f for f in frames if f.fellow_of is lead]
        if len(group) == 1:
            continue
        for name in ("money", "date", "date_role", "end_date", "duration", "object"):
            value = next((getattr(f, name) for f in group if getattr(f, name) is not None), None)
            for member in group:
                setattr(member, name, getattr(member, name) or value)


def merge_restated(frames: list[Frame]) -> list[Frame]:
    """Merge restated deals into the prose frame that states them (prose wins, gaps are filled)."""
    orient_guessed(frames)
    for frame in frames:
        if frame.within is not None:
            frame.client = frame.within.client
    _share_within_groups(frames)
    prose = [f for f in frames if not f.headline and not f.row]
    kept: list[Frame] = []
    for frame in sorted(frames, key=lambda f: (f.headline or f.row, f.start)):
        target = next((k for k in kept if k in prose and _restates(frame, k)), None)
        if target is None or target is frame:
            kept.append(frame)
            continue
        for name in ("client", "money", "date", "end_date", "duration", "object"):
            if getattr(target, name) is None:
                setattr(target, name, getattr(frame, name))
    return sorted(kept, key=lambda f: f.start)
