"""The statement stage's logic, one concern per module:

- :mod:`.quotes` — quotations in raw text (every typography, nesting, paragraphs, dialogue; pure);
- :mod:`.reported` — reported speech from the parse (que-clauses, infinitives, content NPs, incises, « selon »);
- :mod:`.attribution` — evidence for a quotation's speaker (incise, colon, governing cue, source, caption, context);
- :mod:`.subjects` / :mod:`.speakers` — the speaker phrase of a cue, turned into an actor id or a mention;
- :mod:`.context` — channel and date; :mod:`.syntax` / :mod:`.lexicon` — parse helpers and word lists;
- :mod:`.layout` — the document's text, token offsets, sentences and lines, read once per document;
- :mod:`.collect` — walks a document in text order and assembles the statement dicts.
"""

from .collect import Collector
from .quotes import Quote, find_quotes

__all__ = ["Collector", "Quote", "find_quotes"]
