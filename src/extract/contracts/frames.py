"""Contract frames from sentences with a deal cue: who supplies, who buys, how much, when, what.

One sentence gives at most one main frame (the deal verb whose parties yield a contractor)
plus the purchases it encloses (« impliquant l'achat de 38 M$ de licences Microsoft et
39 M$ de services chez AWS »: one frame per amount with its own seller).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from spacy.tokens import Doc, Token

from .clauses import Party, consortium_noun, coordinated_clauses, in_heading, marker
from .sentences import Sentence
from .fields import blocked_tokens, clean_phrase, frame_dates, usable_money
from ..doctext import doc_text
from .cues import cue_tokens, deal_words, sentence_cues
from .lexicon import first_feature_is, fold, folded, has_feature, lexicon, per_document, token_words, tokens_text
from .objects import object_phrase

NOT_SELLER = {"à", "au", "aux", "avec", "pour", "par"}


@dataclass
class Frame:
    """A contract being assembled; ``as_record`` gives the plain record dict."""

    contractor: str
    client: Optional[str]
    sentence: int
    start: int
    end: int
    money: Optional[dict] = None
    date: Optional[str] = None
    date_role: Optional[str] = None
    end_date: Optional[str] = None
    duration: Optional[str] = None
    object: Optional[str] = None
    headline: bool = False
    row: bool = False
    via: Optional[Party] = None  # the party that named the contractor
    guessed: bool = False  # direction taken by default (« A a signé avec B », A and B of the same kind)
    within: Optional["Frame"] = None  # the enclosing contract of a purchase it comprises (C2)
    fellow_of: Optional["Frame"] = None  # the frame of the first named member of the same unnamed group (B4)

    def as_record(self) -> dict:
        """The fields of :class:`extract.records.Contract` as plain data."""
        amount = None
        if self.money:
            amount = {k: self.money[k] for k in ("value", "currency", "qualifier", "text")}
            if self.money.get("period"):
                amount["period"] = self.money["period"]
        return {"contractor": self.contractor, "client": self.client, "amount": amount, "date": self.date,
                "end_date": self.end_date, "duration": self.duration, "object": self.object,
                "start": self.start, "end": self.end}


@dataclass
class Context:
    """What the frame builder needs about one document."""

    doc: Doc
    actors: dict
    moneys: list
    dates: list


def _buys_shares(doc: Doc, verb: Token, sent: Sentence) -> bool:
    """« a acheté 10 % du capital d'Atos », « des obligations »: a share or bond purchase."""
    if lexicon().verb_class(verb) != "buy":
        return False
    after = f" {fold(tokens_text(doc, verb.i + 1, min(verb.i + 7, sent.tok_end)))} "
    return any(f" {w} " in after for w in folded("exclusions", "share_words"))


def is_passive(verb: Token) -> bool:
    """Passive voice (« a été confié »), a participle used as an adjective (« un contrat obtenu en 2023 »,
    « son contrat, renouvelé en 2023 ») or « se voir » + infinitive (« s'est vu attribuer »); once per verb
    and document (the frame builder asks again for the verb it keeps)."""
    known = per_document(verb.doc, "passive", lambda _: {})
    if verb.i not in known:
        known[verb.i] = _is_passive(verb)
    return known[verb.i]


def _is_passive(verb: Token) -> bool:
    if verb.dep_ == "xcomp" and fold(verb.head.lemma_) in lexicon().beneficiary_passive:  # an xcomp has a head
        return True
    if any(child.dep_ == "aux:pass" for child in verb.children):
        return True
    if not first_feature_is(verb, "VerbForm", "Part"):
        return False
    words = token_words(verb.doc)
    for k in range(verb.i - 1, max(0, verb.i - 8) - 1, -1):
        if words.text[k] in ("que", "qu'", "qui", ";", ":"):
            break
        if words.pos[k] in ("AUX", "VERB") and words.lemma[k] in ("avoir", "être"):  # folded: the exact lemma next
            lemma = verb.doc[k].lemma_
            if lemma == "avoir":
                return False
            if lemma == "être":
                return True
    return True


def is_planned(verb: Token) -> bool:
    """« espère remporter », « prévoit d'acheter », « pourrait remporter », « remporterait »: not yet a deal."""
    plans = folded("exclusions", "plan_verbs")
    pos = token_words(verb.doc).pos
    governors = [verb] + [verb.doc[k] for k in range(max(0, verb.i - 4), verb.i) if pos[k] in ("VERB", "AUX")]
    if any(has_feature(t, "Mood", "Cnd") for t in governors):
        return True
    return first_feature_is(verb, "VerbForm", "Inf") and any(fold(t.lemma_) in plans for t in governors[1:])


def is_negated(doc: Doc, verb: Token, sent: Sentence) -> bool:
    """« ne … pas / jamais » around the verb."""
    words = folded("exclusions", "negation")
    window = token_words(doc).text[max(sent.tok_start, verb.i - 4):verb.i]
    return any(w in words for w in window) or any(fold(c.text) in ("ne", "n'") for c in verb.children)


def roles(doc: Doc, verb: Token, cls: str, passive: bool, parties: list[Party], markers: dict) -> tuple:
    """The nearest contractor and client parties of a deal verb."""
    lex, pos = lexicon(), token_words(doc).pos
    found: dict[str, list] = {"contractor": [], "client": []}
    for party in parties:
        mark = markers[party]
        if mark.startswith("verb:"):
            mark = "" if int(mark[5:]) == verb.i else "other"
        if mark == "":
            mark = "subj" if party.tok < verb.i else "obj"
        if mark == "subj" and "SCONJ" in pos[party.tok_end:verb.i]:
            continue  # the subject of another clause (« …, parce que personne n'a choisi X »)
        role = lex.role(cls, mark, passive)
        if role:  # a party named by a preposition first, then the subject, then a bare object; nearest first
            found[role].append(((mark == "subj") + 2 * (mark == "obj"), abs(party.tok - verb.i), party))
    if fold(verb.lemma_) in lex.symmetric and not found["client"] and len({x[-1].actor for x in found["contractor"]}) > 1:
        first, second = sorted({x[-1].actor: x[-1] for x in found["contractor"]}.values(), key=lambda p: p.tok)[:2]
        return first, second  # « Thales et la DGA ont signé »: the first named supplies, unless a government
    contractor = min(found["contractor"], key=lambda x: x[:2])[-1] if found["contractor"] else None
    clients = [x for x in found["client"] if contractor is None or x[-1].actor != contractor.actor]
    client = min(clients, key=lambda x: x[:2])[-1] if clients else None
    if contractor is not None and client is None and markers[contractor] == "entre":
        client = next((p for p in sorted(parties, key=lambda p: p.tok) if p.tok > contractor.tok
                       and p.actor != contractor.actor), None)  # « entre Thales et la DGA »
    return contractor, client


def _swap_if_government_supplier(ctx: Context, lemma: str, contractor: Optional[Party],
                                 client: Optional[Party]) -> tuple:
    """For symmetric verbs (« signer avec »), a government never supplies a company, and a company
    signing with an unnamed subject (« le gouvernement a signé avec Thales ») is the supplier."""
    if client is None or lemma not in lexicon().symmetric:
        return contractor, client
    if contractor is None:
        return (client, None) if ctx.actors[client.actor].get("org_type") == "company" else (None, client)
    kinds = (ctx.actors[contractor.actor].get("org_type"), ctx.actors[client.actor].get("org_type"))
    return (client, contractor) if kinds == ("government", "company") else (contractor, client)


def _owner_not_seller(ctx: Context, contractor: Party, markers: dict) -> bool:
    """« la plateforme du canadien Genetec, … renouvelée » names the seller after « de »; « le contrat de la Ville
    de Lyon, renouvelé » names the buyer: a government after « de » is never taken as the seller."""
    return markers[contractor] == "de" and ctx.actors[contractor.actor].get("org_type") == "government"


def _guessed(ctx: Context, lemma: str, contractor: Party, client: Optional[Party]) -> bool:
    """A symmetric verb between two parties that no government/company pair orders: the subject
    was taken as the supplier by default."""
    if client is None or lemma not in lexicon().symmetric:
        return False
    kinds = {ctx.actors[p.actor].get("org_type") for p in (contractor, client)}
    return kinds != {"government", "company"}


def sentence_frames(ctx: Context, sent: Sentence, parties: list[Party]) -> list[Frame]:
    """The contract frames stated by one sentence, one set per coordinated clause; evidence = the sentence."""
    classes, _ = deal_words(ctx.doc)
    found = sentence_cues(ctx.doc, sent)
    if not found or not parties:
        return []  # no deal verb or noun in the sentence, or no party to hold a deal
    cues = [i for i in found if i in classes]
    frames = []
    for clause in coordinated_clauses(ctx.doc, sent, parties, cues):
        own = [p for p in parties if clause.start <= p.start < clause.end]
        for frame in _clause_frames(ctx, clause, own):
            frame.start, frame.end = min(frame.start, sent.start), max(frame.end, sent.end)
            frames.append(frame)
    return frames


def _clause_frames(ctx: Context, sent: Sentence, parties: list[Party]) -> list[Frame]:
    doc = ctx.doc
    verbs, nouns = cue_tokens(doc, sent)
    if not verbs and not nouns:
        return []
    moneys = [m for m in ctx.moneys if sent.start <= m["start"] < sent.end and usable_money(doc, m)]
    markers = {p: marker(doc, p, sent) for p in parties}
    subs, used = _sub_purchases(doc, sent, moneys, parties, markers)
    main_parties = [p for p in parties if p not in used]
    main = _main_frame(ctx, sent, verbs, nouns, [m for m in moneys if m not in [s[0] for s in subs]],
                       main_parties, markers)
    if main is None:
        return []
    frames = [main] + _fellow_members(doc, sent, main, parties)
    for money, seller, obj in subs:
        if seller.actor in (main.contractor, main.client):
            continue
        frames.append(Frame(seller.actor, main.client, sent.index, sent.start, sent.end, money=money,
                            date=main.date, date_role=main.date_role, object=obj, headline=main.headline))
    return frames


def _fellow_members(doc: Doc, sent: Sentence, main: Frame, parties: list[Party]) -> list[Frame]:
    """The other named members of the unnamed group the contractor belongs to, each with the same deal (B4)."""
    group = consortium_noun(doc, main.via, sent) if main.via is not None else None
    if group is None:
        return []
    members = {p.actor: p for p in parties if p.actor not in (main.contractor, main.client)
               and consortium_noun(doc, p, sent) == group}
    return [replace(main, contractor=actor, via=party, fellow_of=main) for actor, party in members.items()]


def _main_frame(ctx: Context, sent: Sentence, verbs: list[Token], nouns: list[Token], moneys: list,
                parties: list[Party], markers: dict) -> Optional[Frame]:
    doc, lex = ctx.doc, lexicon()
    best = None
    for verb in verbs:
        lemma, cls = fold(verb.lemma_), lex.verb_class(verb)
        contractor, client = _swap_if_government_supplier(
            ctx, lemma, *roles(doc, verb, cls, is_passive(verb), parties, markers))
        if contractor is None or is_negated(doc, verb, sent) or _buys_shares(doc, verb, sent) or is_planned(verb) \
                or _owner_not_seller(ctx, contractor, markers):
            continue
        licensed = _specific(nouns) or (moneys and cls not in lex.need_deal_noun)
        if not (licensed or (lemma in lex.self_sufficient and client)):
            continue
        score = 1 + (client is not None)
        if best is None or score > best[0]:
            best = (score, verb, cls, contractor, client)
    if best is None:  # a deal verb that was rejected (negated, planned, …) leaves no noun frame either
        return None if verbs else _noun_frame(ctx, sent, nouns, moneys, parties, markers) or _holder_frame(
            ctx, sent, nouns, moneys, parties, markers)
    _, verb, cls, contractor, client = best
    frame = Frame(contractor.actor, client.actor if client else None, sent.index, sent.start, sent.end, via=contractor,
                  guessed=_guessed(ctx, fold(verb.lemma_), contractor, client))
    return fill_frame(ctx, sent, frame, verb, cls, moneys, nouns, parties, markers)


def _specific(nouns: list[Token]) -> list[Token]:
    """Deal nouns that name one deal: not « ses contrats », « des marchés », « tous les contrats »."""
    generic = folded("exclusions", "generic_determiners")
    out = []
    for noun in nouns:
        dets = [fold(c.text) for c in noun.children if c.dep_ in ("det", "amod", "nummod")]
        plural = has_feature(noun, "Number", "Plur")
        if not (plural and (set(dets) & generic or not dets)):
            out.append(noun)
    return out


def _noun_frame(ctx: Context, sent: Sentence, nouns: list[Token], moneys: list, parties: list[Party],
                markers: dict) -> Optional[Frame]:
    """A deal noun with an amount and both parties but no deal verb (« X, titulaire d'un contrat de 5 M€ avec Y »)."""
    excl = lexicon().exclusions
    allowed = folded("exclusions", "noun_frame_determiners")
    if not moneys or any(fold(t.lemma_) in excl["frame_lemmas"] for t in ctx.doc[sent.tok_start:sent.tok_end]):
        return None
    for noun in nouns:
        dets = [c for c in noun.children if c.dep_ == "det"]
        if not dets or fold(dets[0].text) not in allowed:
            continue
        contractor, client = roles(ctx.doc, noun, "noun", False, parties, markers)
        if contractor is not None and client is not None:
            frame = Frame(contractor.actor, client.actor, sent.index, sent.start, sent.end, via=contractor)
            return fill_frame(ctx, sent, frame, noun, "noun", moneys, nouns, parties, markers)
    return None


def _holder_frame(ctx: Context, sent: Sentence, nouns: list[Token], moneys: list, parties: list[Party],
                  markers: dict) -> Optional[Frame]:
    """« Sécuriel, titulaire depuis 2019 du marché de maintenance de la Ville »: the party right before
    « , titulaire » (or « est titulaire ») holds the deal, a « de » party after the deal noun is its client;
    the amount only if stated."""
    words, holders = token_words(ctx.doc), lexicon().holder_nouns
    for noun in nouns:
        k = next((j for j in range(noun.i - 1, max(sent.tok_start, noun.i - 6) - 1, -1) if words.text[j] in holders),
                 None)
        if k is None or k - 1 <= sent.tok_start or not (words.text[k - 1] == "," or words.lemma[k - 1] == "être"):
            continue
        holder = next((p for p in parties if p.tok_end == k - 1), None)
        client = next((p for p in parties if p.tok > noun.i and markers[p] == "de"
                       and (holder is None or p.actor != holder.actor)), None)
        if holder is not None and client is not None:
            frame = Frame(holder.actor, client.actor, sent.index, sent.start, sent.end, via=holder)
            return fill_frame(ctx, sent, frame, noun, "noun", moneys, nouns, parties, markers)
    return None


def fill_frame(ctx: Context, sent: Sentence, frame: Frame, cue: Token, cls: str, moneys: list, nouns: list[Token],
               parties: list[Party], markers: dict) -> Frame:
    """Amount, dates, object and headline flag of a frame."""
    doc = ctx.doc
    frame.money = moneys[0] if moneys else None
    dates = [d for d in ctx.dates if sent.start <= d["start"] < sent.end]
    found = frame_dates(doc, dates, {fold(cue.lemma_)})
    frame.date, frame.date_role = found["date"], found["date_role"]
    frame.end_date, frame.duration = found["end_date"], found["duration"]
    marked = [p for p in parties if p.actor == frame.client or markers[p] not in ("", "subj") and
              not markers[p].startswith("verb:")]
    spans = [(m["start"], m["end"]) for m in ctx.moneys] + [(p.start, p.end) for p in marked]
    spans += [(d["start"], d["end"]) for d in dates if d.get("kind") != "duration"]
    passive = cue.pos_ in ("VERB", "AUX") and is_passive(cue)
    frame.object = object_phrase(doc, sent, cue, cls, nouns, blocked_tokens(doc, sent, spans), dates, ctx.moneys,
                                 passive)
    frame.headline = sent.index == 0 and in_heading(doc_text(doc), sent.start)
    return frame


def _sub_purchases(doc: Doc, sent: Sentence, moneys: list, parties: list[Party], markers: dict) -> tuple:
    """Amounts after the first that name their own seller (« 39 M$ de services chez AWS »)."""
    lex = lexicon()
    subs, used = [], set()
    for i, money in enumerate(moneys[1:], start=1):
        before = doc_text(doc)[moneys[0]["end"]:money["start"]]
        if not any(fold(w) in lex.purchase_words for w in before.replace("’", " ").replace("'", " ").split()):
            continue
        stop = moneys[i + 1]["start"] if i + 1 < len(moneys) else sent.end
        seller = next((p for p in parties if money["end"] <= p.start < stop
                       and not NOT_SELLER & set(fold(doc_text(doc)[money["end"]:p.start]).replace("'", " ").split())), None)
        if seller is None:
            continue
        used.add(seller)
        span = doc.char_span(money["end"], seller.start, alignment_mode="contract")
        obj = clean_phrase(doc, [t for t in span if fold(t.text) not in ("chez", "auprès")]) if span is not None else None
        subs.append((money, seller, obj))
    return subs, used


def client_only(ctx: Context, sent: Sentence, parties: list[Party]) -> Optional[tuple[Optional[str], Optional[str]]]:
    """``(client, date)`` of a sentence that awards or approves deals without naming the supplier
    (« L'AP-HP a notifié mardi les premiers marchés de son plan », « le conseil municipal a approuvé lundi
    deux marchés »): the client may be None (a council is no actor, GUIDELINES H1) when a date is stated."""
    doc, lex = ctx.doc, lexicon()
    verbs, nouns = cue_tokens(doc, sent)
    if not nouns:
        return None
    lemmas = token_words(doc).lemma
    decisions = [doc[i] for i in range(sent.tok_start, sent.tok_end) if lemmas[i] in lex.decision_verbs]
    markers = {p: marker(doc, p, sent) for p in parties}
    for verb in verbs + decisions:
        cls = lex.verb_class(verb) or "award"
        if cls not in ("award", "buy") or is_passive(verb) or is_negated(doc, verb, sent):
            continue
        contractor, client = roles(doc, verb, cls, False, parties, markers)
        if contractor is not None:
            continue
        dates = [d for d in ctx.dates if sent.start <= d["start"] < sent.end]
        date = frame_dates(doc, dates, {fold(verb.lemma_)})["date"]
        if client is not None or date:
            return (client.actor if client else None), date
    return None
