"""Assemble spaCy and the project's components; turn processed docs into records."""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Union

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import components  # noqa: F401  (registers the factories)
from . import extensions  # noqa: F401  (declares Doc._ / Span._ attributes)
from .documents import Document
from .records import Actor, Contract, DocumentRecords, Statement
from .resources import load_json

DocInput = Union[Document, tuple]
log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """The result of one document: its records, or the error that stopped it."""

    doc_id: str
    records: Optional[DocumentRecords] = None
    error: Optional[str] = None
    stage: Optional[str] = None


def build_nlp(config: Optional[dict] = None) -> Language:
    """spaCy's French model plus the project components named in ``models/pipeline.json``."""
    config = config or load_json("pipeline.json")
    nlp = spacy.load(config["spacy_model"])
    for component in config["components"]:
        nlp.add_pipe(component["factory"], config=component.get("config", {}))
    nlp.default_error_handler = skip_document  # for components without their own handler
    return nlp


def skip_document(proc_name: str, proc, docs: list, error: Exception) -> None:
    """spaCy error handler: log and drop the failing docs; :meth:`Extractor.process` reports them."""
    log.warning("%s failed on %s: %s", proc_name, [d._.doc_id for d in docs or []], error)


def records_from_doc(doc: Doc, doc_id: Optional[str] = None) -> DocumentRecords:
    """Build validated records from the plain data the components left on ``doc``."""
    return DocumentRecords(
        doc_id=doc_id or doc._.doc_id,
        actors=[Actor(**a) for a in doc._.actors or []],
        statements=[Statement(**s) for s in doc._.statements or []],
        contracts=[Contract(**c) for c in doc._.contracts or []],
    )


def _as_document(item: DocInput) -> Document:
    if isinstance(item, Document):
        return item
    return Document(*item)


class Extractor:
    """The loaded pipeline: ``extract`` one text or ``extract_many`` documents."""

    def __init__(self, nlp: Language):
        self.nlp = nlp

    def make_doc(self, document: Document) -> Doc:
        """Tokenise a document and attach its metadata for the components."""
        doc = self.nlp.make_doc(document.text)
        doc._.doc_id = document.doc_id
        doc._.published = document.published
        doc._.locale = document.locale
        return doc

    def extract(self, text: str, doc_id: str = "doc", published: Optional[str] = None,
                locale: Optional[str] = None) -> DocumentRecords:
        """Records of one text; raises on failure."""
        doc = self.nlp(self.make_doc(Document(doc_id, text, published, locale)))
        return records_from_doc(doc, doc_id)

    def process(self, items: Iterable[DocInput], n_process: int = 1, batch_size: int = 16) -> Iterator[Outcome]:
        """One :class:`Outcome` per input, in input order; a failing document never stops the others.

        With ``n_process > 1`` the whole extraction runs in worker processes (see
        :mod:`extract.workers`); only the records come back.
        """
        if n_process > 1:
            from .workers import WorkerPool

            yield from WorkerPool(self, n_process).outcomes(map(_as_document, items), batch_size)
            return
        pending: deque[Outcome] = deque()  # inputs sent to spaCy, in order, not yet yielded

        def feed() -> Iterator[Doc]:
            for item in items:
                document = _as_document(item)
                try:
                    doc = self.make_doc(document)
                except Exception as exc:  # the tokenizer failed: report, keep the order
                    pending.append(Outcome(document.doc_id, error=f"{type(exc).__name__}: {exc}", stage="tokenizer"))
                    continue
                pending.append(Outcome(document.doc_id))
                yield doc

        for doc in self.nlp.pipe(feed(), n_process=n_process, batch_size=batch_size):
            while pending[0].error or pending[0].doc_id != doc._.doc_id:
                yield _dropped(pending.popleft())
            pending.popleft()
            yield _outcome(doc)
        while pending:
            yield _dropped(pending.popleft())

    def extract_many(self, items: Iterable[DocInput], n_process: int = 1, batch_size: int = 16) -> Iterator[DocumentRecords]:
        """Records of many documents, in input order; raises on the first failure."""
        for outcome in self.process(items, n_process=n_process, batch_size=batch_size):
            if outcome.error:
                raise RuntimeError(f"{outcome.doc_id}: {outcome.error}")
            yield outcome.records


def _outcome(doc: Doc) -> Outcome:
    if doc._.errors:
        stage, message = doc._.errors[0]
        return Outcome(doc._.doc_id, error=message, stage=stage)
    try:
        return Outcome(doc._.doc_id, records=records_from_doc(doc))
    except Exception as exc:  # records that fail validation are this document's failure only
        return Outcome(doc._.doc_id, error=f"{type(exc).__name__}: {exc}", stage="records")


def _dropped(outcome: Outcome) -> Outcome:
    if outcome.error:
        return outcome
    return Outcome(outcome.doc_id, error="spaCy dropped the document (see the log for the component)", stage="spacy")


def load(config: Optional[dict] = None) -> Extractor:
    """Load spaCy's ``fr_core_news_md`` with the project's components."""
    return Extractor(build_nlp(config))
