"""The base of every project component: one document's failure never stops the pipe."""

from __future__ import annotations

from typing import Any, Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..doctokens import refresh


class Stage:
    """A pipeline stage. Subclasses implement :meth:`process`; calling the stage guards it.

    An exception inside ``process`` is recorded in ``doc._.errors`` as ``(stage, message)``
    and the document goes on through the pipe, so batches and worker processes survive it;
    the runner then reports the document as failed at that stage.
    """

    name: str = "stage"

    def process(self, doc: Doc) -> Doc:
        """Annotate one document."""
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        if doc._.errors:
            return doc  # an earlier stage failed: later stages would work on missing input
        refresh(doc)
        try:
            return self.process(doc)
        except Exception as exc:  # isolate the document, keep the pipe running
            doc._.errors = [(self.name, f"{type(exc).__name__}: {exc}")]
            return doc


class SpanParserStage(Stage):
    """A stage that runs a pure text parser and keeps its mentions as ``doc.spans[span_key]``.

    Subclasses name the span extension (``attr``) and implement :meth:`mentions`. Spans are
    widened to whole tokens (``alignment_mode="expand"``); ``span._.<attr>`` holds the mention's
    fields as a plain dict (``mention.as_dict()``), with the parser's exact character offsets.
    """

    attr: str = ""

    def __init__(self, nlp: Language, name: str, span_key: str):
        self.name = name
        self.span_key = span_key

    def mentions(self, doc: Doc) -> Iterable[Any]:
        """The parser's mentions of ``doc`` (objects with ``start``, ``end`` and ``as_dict()``)."""
        raise NotImplementedError

    def process(self, doc: Doc) -> Doc:
        """Set ``doc.spans[span_key]`` from the parsed mentions."""
        spans = []
        for mention in self.mentions(doc):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            span._.set(self.attr, mention.as_dict())
            spans.append(span)
        doc.spans[self.span_key] = spans
        return doc
