"""The base of every project component: one document's failure never stops the pipe."""

from __future__ import annotations

from spacy.tokens import Doc


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
        try:
            return self.process(doc)
        except Exception as exc:  # isolate the document, keep the pipe running
            doc._.errors = [(self.name, f"{type(exc).__name__}: {exc}")]
            return doc
