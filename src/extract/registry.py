"""A registry of actors across documents: one entry per person or organisation of a whole corpus.

Documents are added one by one (their :class:`~extract.records.DocumentRecords`); an actor joins
an existing entry when both name the same body or person, with the same caution as inside a
document: people merge only on the same full name (never on a bare surname), organisations on a
shared gazetteer entry, a shared full name (case, accents and spacing aside) or a near-identical
spelling, and on a shared acronym only when their full names do not contradict it. Two
different gazetteer entries never merge.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from rapidfuzz import fuzz

from .actors.lexicon import is_acronym_shape, lexicon, norm
from .actors.mention import NAME_PARTICLES
from .documents import slug
from .records import Actor, DocumentRecords


@dataclass
class Entry:
    """One actor of the corpus: canonical name, every alias, where it appears and how often."""

    name: str
    kind: str
    org_type: Optional[str] = None
    forms: list[str] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    mentions: int = 0

    def full_names(self) -> set[str]:
        """Normalised names that identify the entry: people's full names, organisations' non-acronyms."""
        if self.kind == "person":
            skip = lexicon().civil_titles | NAME_PARTICLES
            return {norm(f) for f in self.forms if len(f.split()) >= 2 and f.split()[0].casefold() not in skip
                    and f.split()[0] not in skip}
        return {norm(f) for f in self.forms if not is_acronym_shape(f)}

    def acronyms(self) -> set[str]:
        """Normalised acronyms of an organisation."""
        return {norm(f) for f in self.forms if is_acronym_shape(f)} if self.kind == "organization" else set()

    def gazetteer_keys(self) -> set[str]:
        """Keys of the well-known bodies the entry's names belong to."""
        lex = lexicon()
        return {e.key for e in (lex.gaz_lookup(f) for f in self.forms) if e is not None}

    def to_dict(self, entry_id: str) -> dict:
        """The JSON line written for the entry."""
        seen, aliases = {_same_string(self.name)}, []
        for form in self.forms:
            if _same_string(form) not in seen:
                seen.add(_same_string(form))
                aliases.append(form)
        return {"id": entry_id, "name": self.name, "kind": self.kind, "org_type": self.org_type,
                "aliases": aliases, "documents": self.documents, "mentions": self.mentions}


class ActorRegistry:
    """Merge the actors of many documents; ``entries()`` lists them, ``write()`` saves them as JSONL."""

    def __init__(self) -> None:
        self._entries: list[Entry] = []

    def add(self, records: DocumentRecords) -> None:
        """Add every actor of one document (optional gold actors included)."""
        for actor in records.actors:
            self._add_actor(records.doc_id, actor)

    def add_json(self, line: str) -> None:
        """Add the actors of one JSON line of ``extract run`` output."""
        self.add(DocumentRecords.model_validate_json(line))

    def _add_actor(self, doc_id: str, actor: Actor) -> None:
        new = Entry(actor.name, actor.kind, actor.org_type, [actor.name, *actor.aliases])
        new.documents.append({"doc_id": doc_id, "actor_id": actor.id, "mentions": len(actor.mentions or []) or 1})
        new.mentions = new.documents[0]["mentions"]
        matches = [e for e in self._entries if _same(e, new)]
        if not matches:
            self._entries.append(new)
            return
        target = matches[0]
        for other in [new, *matches[1:]]:
            _absorb(target, other)
            if other is not new:
                self._entries.remove(other)

    def entries(self) -> list[dict]:
        """The registry as dicts (id, name, kind, org_type, aliases, documents, mentions)."""
        taken: set[str] = set()
        out = []
        for entry in self._entries:
            base = entry_id = slug(entry.name)
            n = 2
            while entry_id in taken:
                entry_id, n = f"{base}-{n}", n + 1
            taken.add(entry_id)
            out.append(entry.to_dict(entry_id))
        return out

    def write(self, path: Path) -> None:
        """Write the registry as JSONL, atomically (a temporary file renamed over ``path``)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                for row in self.entries():
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _same_string(form: str) -> str:
    """Forms that differ only by case or apostrophe style are one alias."""
    return form.replace("’", "'").casefold()


def _same(entry: Entry, new: Entry) -> bool:
    """Whether ``new`` names the same actor as ``entry`` (see the module docstring)."""
    if entry.kind != new.kind:
        return False
    gaz_a, gaz_b = entry.gazetteer_keys(), new.gazetteer_keys()
    if gaz_a and gaz_b:
        return bool(gaz_a & gaz_b)
    names_a, names_b = entry.full_names(), new.full_names()
    if names_a & names_b:
        return True
    if entry.kind == "person":
        return False
    threshold = lexicon().config["registry_org_fuzzy_ratio"]
    if any(fuzz.ratio(a, b) >= threshold for a in names_a for b in names_b if min(len(a), len(b)) >= lexicon().config["org_fuzzy_min_length"]):
        return True
    return bool(entry.acronyms() & new.acronyms()) and not (names_a and names_b)


def _absorb(target: Entry, other: Entry) -> None:
    """Merge ``other`` into ``target``: forms, documents, counts; the fuller name wins."""
    target.forms += [f for f in other.forms if f not in target.forms]
    target.documents += other.documents
    target.mentions += other.mentions
    target.org_type = target.org_type or other.org_type
    target.name = _canonical(target)


def _canonical(entry: Entry) -> str:
    """The gazetteer's name when one of the forms is it, else the fullest non-acronym form."""
    lex = lexicon()
    written = [(form, lex.gaz_lookup(form)) for form in entry.forms]
    for exact in (True, False):
        for form, found in written:
            if found is not None and (form == found.name if exact else norm(found.name) == norm(form)):
                return form
    candidates = [f for f in entry.forms if not is_acronym_shape(f) and f.split()[0] not in lex.civil_titles] or entry.forms
    return max(candidates, key=lambda f: (len(f.split()), len(f), -entry.forms.index(f)))
