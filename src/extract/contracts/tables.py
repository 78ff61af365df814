"""Tables flattened into text: consecutive short lines whose cells were glued without spaces.

« EntrepriseType de service fourni à ICE/DHSMontant connu ou estimation » then
« PalantirPlateforme AI ImmigrationOS30 M$ (2025) »: cells are cut at glued joins
(lower→Upper, acronym→Word, letter→digit), after a known actor name at the start of the
row. The header row is no contract; each other row is one: contractor = the first cell,
object = the second, amount and date from the rest, client = an actor named in the row,
else the one actor the header names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc

from ..parsers.dates import parse_dates
from ..parsers.money import parse_money
from .frames import Frame
from ..doctext import doc_text
from .lexicon import fold, lexicon

GLUE = re.compile(r"(?<=[a-zà-ÿ)])(?=[A-ZÀ-Ý])|(?<=[A-Z])(?=[A-Z][a-zà-ÿ])|(?<=[^\W\d_])(?=\d)")
LINE = re.compile(r"[^\n]+")


def table_lines(text: str) -> list[list[tuple[int, int]]]:
    """Blocks of table lines as ``(start, end)`` offsets, header first."""
    conf = lexicon().tables
    blocks, current = [], []
    for match in LINE.finditer(text):
        line = match.group().strip()
        start = match.start() + match.group().index(line[0]) if line else match.start()
        ok = line and len(line) <= conf["max_line_chars"] and GLUE.search(line) and not line.endswith(".")
        if ok:
            current.append((start, start + len(line)))
            continue
        if len(current) >= conf["min_rows"]:
            blocks.append(current)
        current = []
    if len(current) >= conf["min_rows"]:
        blocks.append(current)
    return blocks


def _names(actors: list[dict]) -> dict[str, str]:
    out = {}
    for actor in actors:
        if actor.get("kind") != "organization":
            continue
        for name in [actor["name"], *(actor.get("aliases") or [])]:
            if len(name) >= 2:
                out.setdefault(name, actor["id"])
    return out


def split_cells(line: str, names: dict[str, str]) -> list[str]:
    """Cells of a glued row, a known actor name at its start kept whole."""
    for name in sorted(names, key=len, reverse=True):
        rest = line[len(name):]
        if line.startswith(name) and rest and (rest[0].isupper() or rest[0].isdigit()):
            return [name] + [c.strip() for c in GLUE.split(rest) if c.strip()]
    return [c.strip() for c in GLUE.split(line) if c.strip()]


def _named_in(cells: list[str], names: dict[str, str], skip: str) -> list[str]:
    found = []
    for name, actor_id in names.items():
        if actor_id != skip and actor_id not in found and any(
                name in cell and _whole_name(name).search(cell) for cell in cells):  # the substring test first
            found.append(actor_id)
    return found


@lru_cache(maxsize=4096)
def _whole_name(name: str) -> re.Pattern:
    """A name as a whole word."""
    return re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])")


def table_frames(doc: Doc, blocks: list[list[tuple[int, int]]], sentence_index) -> list[Frame]:
    """One frame per data row of every flattened table (``blocks`` of :func:`table_lines`) whose supplier
    is a known actor."""
    conf = lexicon().tables
    frames, names = [], _names(doc._.actors or []) if blocks else {}
    for block in blocks:
        header = split_cells(doc_text(doc)[block[0][0]:block[0][1]], names)
        if header[0] in names or fold(header[0]) not in {fold(h) for h in conf["company_headers"]}:
            continue
        header_actors = _named_in(header[1:], names, "")
        if not header_actors:
            header_actors = _named_in([_caption(doc_text(doc), block[0][0])], names, "")
        for start, end in block[1:]:
            frame = _row_frame(doc, start, end, names, header_actors, len(header))
            if frame is not None:
                frame.sentence = sentence_index(start)
                frames.append(frame)
    return frames


def _caption(text: str, header_start: int) -> str:
    """The non-empty line just before a table's header (« Les principaux contrats … du ministère de l'Intérieur »)."""
    lines = [line for line in text[:header_start].split("\n") if line.strip()]
    return lines[-1] if lines else ""


def _row_frame(doc: Doc, start: int, end: int, names: dict[str, str], header_actors: list[str],
               width: int) -> Optional[Frame]:
    line = doc_text(doc)[start:end]
    cells = split_cells(line, names)
    if len(cells) < 2:
        return None
    contractor = names.get(cells[0])
    if contractor is None:
        return None  # the actor stage did not name this supplier: no record can point to it
    rest = cells[2:] if width >= 3 and len(cells) >= 3 else cells[1:]
    clients = _named_in(rest, names, contractor) or _named_in(cells[1:], names, contractor) or (
        header_actors if len(header_actors) == 1 else [])
    frame = Frame(contractor, clients[0] if clients else None, -1, start, end, row=True)
    frame.object = cells[1] if width >= 3 and len(cells) >= 3 else None
    tail = " ".join(rest)
    if fold(tail) not in {fold(w) for w in lexicon().tables["no_amount"]}:
        found = parse_money(tail, locale=doc._.locale)
        frame.money = found[0].as_dict() if found else None
    dates = [d for d in parse_dates(tail, published=doc._.published) if d.kind == "date"]
    frame.date = dates[0].value if dates else None
    return frame
