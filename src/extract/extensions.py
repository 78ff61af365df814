"""Every ``Doc._`` and ``Span._`` attribute the project sets, declared in one place.

Values are plain data (str, numbers, dicts, lists, tuples) so docs survive
``nlp.pipe(n_process=2)`` and ``DocBin``; records are built from them after the pipe.

Doc attributes
- ``doc_id``, ``published`` (``YYYY-MM-DD``), ``locale`` (``fr-FR``…): set by the caller before the pipe.
- ``actors``: list of actor dicts (fields of :class:`extract.records.Actor`, ``mentions`` included).
- ``actor_mentions``: list of ``(start_char, end_char, actor_id)``, every mention the actor stage resolved,
  including role descriptions it tied to a named actor.
- ``statements``: list of statement dicts (fields of :class:`extract.records.Statement`).
- ``contracts``: list of contract dicts (fields of :class:`extract.records.Contract`).
- ``errors``: list of ``(stage, message)`` for the stages that failed on this doc (see
  :class:`extract.components.base.Stage`); such a doc yields an error, not records.

Span attributes (on ``doc.spans["money"]`` and ``doc.spans["dates"]``)
- ``money``: dict of a parsed amount (``value``, ``currency``, ``qualifier``, ...).
- ``date``: dict of a parsed date (``value``, ``kind``, ``begin``, ``until``, ...).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

DOC_ATTRS = ("doc_id", "published", "locale", "actors", "actor_mentions", "statements", "contracts", "errors")
SPAN_ATTRS = ("money", "date")


def register() -> None:
    """Declare the extensions (idempotent)."""
    for name in DOC_ATTRS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in SPAN_ATTRS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


register()
