"""Contract stage: who is paid by whom, how much, for what, when → ``doc._.contracts``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..contracts.clauses import (actor_index, clitic_parties, described_parties, interview_parties, named_parties,
                                 parties_by_sentence, speaker_parties)
from ..contracts.discourse import (deal_anaphor, deal_pronoun, description_apposition, enclosed_purchase, fill_from_anaphor,
                                   fill_from_apposition, merge_restated, previous_deal,
                                   same_as_previous, through_antecedent)
from ..contracts.frames import Context, Frame, client_only, sentence_frames
from ..contracts.lists import list_frames
from ..contracts.sentences import sentence_of, sentences, sentences_holding
from ..contracts.lexicon import lexicon, release
from ..doctext import doc_text
from ..contracts.tables import table_frames, table_lines
from .base import Stage


class ContractExtractor(Stage):
    """Frames from sentences with a deal cue, plus flattened tables, merged when they restate a deal."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def process(self, doc: Doc) -> Doc:
        """Set ``doc._.contracts`` (list of contract dicts)."""
        try:
            sents = sentences(doc)
            tables = table_lines(doc_text(doc))
            rows = {start for block in tables for start, _ in block}
            frames = self._prose_frames(doc, [s for s in sents if s.start not in rows], sents)
            index = lambda char: getattr(sentence_of(sents, char), "index", -1)  # noqa: E731
            frames += table_frames(doc, tables, index)
            doc._.contracts = [f.as_record() for f in merge_restated(frames)]
        finally:
            release(doc)
        return doc

    def _prose_frames(self, doc: Doc, prose: list, sents: list) -> list[Frame]:
        actors = actor_index(doc)
        named = named_parties(doc, actors)
        pronouns = {p.start: p for p in speaker_parties(doc, actors) + interview_parties(doc, actors, named)}
        parties = named + described_parties(doc, sents, named, actors) + list(pronouns.values())
        parties += clitic_parties(doc, sents, parties)
        moneys = [s._.money for s in doc.spans.get("money", [])]
        dates = [s._.date for s in doc.spans.get("dates", [])] if "dates" in doc.spans else []
        ctx = Context(doc, actors, moneys, dates)
        disc = lexicon().discourse
        frames: list[Frame] = []
        pending = None  # (client, date, sentence index) of an award naming no supplier
        topic = -2  # index of the last sentence stating or describing a deal
        by_sentence = parties_by_sentence(sents, parties)
        stated = sentences_holding(sents, [m["start"] for m in moneys + dates])  # sentences with an amount or a date
        for sent in prose:
            own = by_sentence.get(sent.index, [])
            new = sentence_frames(self._described(ctx, sent, frames, sent.index in stated), sent, own)
            for frame in new:
                same_as_previous(doc, sent, frame, frames[-1] if frames else None)
                if frame.via is not None:
                    through_antecedent(doc, frame, frame.via, sents, named)
                if pending and sent.index - pending[2] <= disc["pending_client_sentences"] \
                        and (frame.client is None or pending[0] is None):
                    frame.client, frame.date = frame.client or pending[0], frame.date or pending[1]
                    pending = (frame.client, pending[1], pending[2])  # the procedure's lots share their client
            if not new:
                pending = self._pending(ctx, sent, own) or pending
            if not new and frames and deal_anaphor(doc, sent):
                new, topic = self._anaphor_frames(doc, sent, frames, parties, moneys, dates), sent.index
            elif not new and frames and topic == sent.index - 1 and deal_pronoun(doc, sent):
                new = [f for f in [enclosed_purchase(doc, sent, frames[-1], parties, moneys)] if f is not None]
            topic = sent.index if new else topic
            frames += new
        return frames + list_frames(ctx, prose, parties)

    @staticmethod
    def _described(ctx: Context, sent, frames: list[Frame], stated: bool) -> Context:
        """The context for one sentence (``stated``: it holds an amount or a date): amounts and dates in an
        apposition describing the last deal (« L'accord-cadre, d'un montant de 6 M€, … ») go to that deal,
        not to the sentence's own frames."""
        span = description_apposition(ctx.doc, sent) if frames and stated else None
        if span is None or sent.index - frames[-1].sentence > lexicon().discourse["fill_window_sentences"]:
            return ctx
        fill_from_apposition(ctx.doc, span, frames[-1], ctx.moneys, ctx.dates)
        outside = lambda m: not span[0] <= m["start"] < span[1]  # noqa: E731
        return Context(ctx.doc, ctx.actors, [m for m in ctx.moneys if outside(m)], [d for d in ctx.dates if outside(d)])

    @staticmethod
    def _anaphor_frames(doc: Doc, sent, frames: list[Frame], parties: list, moneys: list, dates: list) -> list[Frame]:
        """A sentence about « le contrat »: a purchase it comprises (any distance: the definite deal is the last
        one), else, within the fill window, an earlier deal or the last deal's missing fields."""
        inner = enclosed_purchase(doc, sent, frames[-1], parties, moneys)
        if inner is not None:
            return [inner]
        if sent.index - frames[-1].sentence > lexicon().discourse["fill_window_sentences"]:
            return []
        earlier = previous_deal(doc, sent, frames[-1], moneys, dates)
        if earlier is None:
            fill_from_anaphor(doc, sent, frames[-1], moneys, dates)
            same_as_previous(doc, sent, frames[-1], frames[-2] if len(frames) > 1 else None)
        return [earlier] if earlier else []

    @staticmethod
    def _pending(ctx: Context, sent, own: list) -> tuple | None:
        found = client_only(ctx, sent, own)
        return (found[0], found[1], sent.index) if found else None


@Language.factory("extract_contracts", assigns=["doc._.contracts"], default_config={})
def make_contract_extractor(nlp: Language, name: str) -> ContractExtractor:
    """Factory of the contract stage."""
    return ContractExtractor(nlp, name)
