"""Find quotations in raw text: every typography, nesting, quotes over paragraphs, dialogue dashes.

Pure functions over ``str`` (no spaCy). A :class:`Quote` gives the offsets of the quoted
words without their marks and without the spaces next to them (U+00A0 and U+202F included),
so ``text[q.start:q.end]`` is the record's ``quote``.

Rules
- Pairs: « » (any spacing), “ ”, ‹ ›, and straight " (opening when followed by a non-space,
  closing when preceded by one). Marks nest; only outermost quotations are returned, with the
  number of quotations nested inside.
- A « still open at the end of a paragraph continues into the next paragraph only when that
  paragraph opens with « (French style for quotes over several paragraphs). Otherwise the
  quotation is unbalanced: « quotes stop at the end of their paragraph (``closed`` False),
  other marks are dropped. A closing mark with nothing open is ignored.
- A line opening with an em or en dash followed by a space is a dialogue turn when its block
  of dash lines holds a question, or it speaks in the first or second person; in a block the
  turns of the parity that ends most often with « ? » are the questions (``question`` True).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..resources import load_words

PAIRS = {"«": "»", "“": "”", "‹": "›", '"': '"'}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}
MARK_RE = re.compile(f"[{re.escape(''.join(PAIRS) + ''.join(CLOSERS))}]")
SPACES = " \t\u00a0\u202f\u2009"
BLANKS = SPACES + "\n\r"
DASH_LINE_RE = re.compile(r"^[ \t\u00a0]*[—–][ \t\u00a0]+(?=\S)", re.M)
WORD_RE = re.compile(r"[\w’'-]+")


@dataclass(frozen=True)
class Quote:
    """A quotation: offsets of its words (``start``/``end``) and of its marks (``open``/``close``)."""

    start: int
    end: int
    open: int
    close: int
    mark: str
    closed: bool = True
    nested: int = 0
    question: bool = False

    @property
    def dialogue(self) -> bool:
        """True for a dash dialogue turn."""
        return self.mark in "—–"


def find_quotes(text: str) -> list[Quote]:
    """Every outermost quotation and dialogue turn of ``text``, in text order."""
    turns = dialogue_turns(text)
    marked = [q for q in marked_quotes(text) if not any(t.start <= q.open < t.end for t in turns)]
    return sorted(marked + turns, key=lambda q: q.start)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-blank line of ``text``."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def marked_quotes(text: str) -> list[Quote]:
    """Outermost quotations between marks, paragraph by paragraph (see the module rules)."""
    found: list[Quote] = []
    stack: list[tuple[str, int]] = []
    nested = 0
    paras = paragraphs(text)
    for index, (p_start, p_end) in enumerate(paras):
        skip = _continuation_mark(text, p_start, p_end) if stack and stack[0][0] == "«" else None
        if stack and skip is None:
            found += _unbalanced(text, stack[0], paras[index - 1][1], nested)
            stack, nested = [], 0
        for mark in MARK_RE.finditer(text, p_start, p_end):
            i, ch = mark.start(), mark.group()
            if i == skip or not _is_mark(text, i, stack):
                continue
            if stack and ch == PAIRS[stack[-1][0]]:
                open_mark, open_at = stack.pop()
                if not stack:
                    found.append(_make(text, open_at, i + 1, open_mark, True, nested))
                    nested = 0
                continue
            if ch in PAIRS:
                nested += bool(stack)
                stack.append((ch, i))
    if stack:
        found += _unbalanced(text, stack[0], paras[-1][1], nested)
    return found


def _continuation_mark(text: str, p_start: int, p_end: int) -> int | None:
    """Offset of the « reopening a quotation at a paragraph start, if any."""
    line = text[p_start:p_end]
    stripped = line.lstrip(SPACES)
    return p_start + len(line) - len(stripped) if stripped.startswith("«") else None


def _is_mark(text: str, i: int, stack: list[tuple[str, int]]) -> bool:
    """Whether ``text[i]`` acts as a quotation mark here (straight quotes need word edges)."""
    ch = text[i]
    if ch not in PAIRS and ch not in CLOSERS:
        return False
    if ch != '"':
        return True
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if stack and stack[-1][0] == '"':
        return not before.isspace()
    return not after.isspace() and (before.isspace() or before in "(«“'’[" or i == 0)


def _unbalanced(text: str, opening: tuple[str, int], para_end: int, nested: int) -> list[Quote]:
    """An unclosed « quotation stops at its paragraph's end; other unclosed marks are dropped."""
    mark, open_at = opening
    if mark != "«":
        return []
    quote = _make(text, open_at, para_end, mark, False, nested)
    return [quote] if quote.end > quote.start else []


def _make(text: str, open_at: int, close_end: int, mark: str, closed: bool, nested: int) -> Quote:
    """A quote from its mark offsets, trimmed of the spaces inside the marks."""
    start, end = open_at + 1, close_end - 1 if closed else close_end
    while start < end and text[start] in BLANKS:
        start += 1
    while end > start and (text[end - 1] in BLANKS or _reopens_paragraph(text, end - 1)):
        end -= 1
    return Quote(start, end, open_at, close_end, mark, closed, nested)


def _reopens_paragraph(text: str, i: int) -> bool:
    """Whether ``text[i]`` is a « that only reopens a quotation at a paragraph start."""
    return text[i] == "«" and text[:i].rstrip(SPACES).endswith("\n")


def dialogue_turns(text: str) -> list[Quote]:
    """Dash dialogue lines that are turns of a dialogue or interview, questions flagged."""
    turns: list[Quote] = []
    for block in _dash_blocks(text):
        questions = _question_parity(text, block)
        for position, (start, end, open_at) in enumerate(block):
            if questions is None and not _speaks_in_person(text[start:end]):
                continue
            asked = questions is not None and position % 2 == questions
            turns.append(Quote(start, end, open_at, end, text[open_at], True, 0, asked))
    return turns


def _dash_blocks(text: str) -> list[list[tuple[int, int, int]]]:
    """Runs of consecutive dash lines (blank lines allowed between), as (start, end, dash offset)."""
    blocks: list[list[tuple[int, int, int]]] = []
    previous_end = None
    for p_start, p_end in paragraphs(text):
        match = DASH_LINE_RE.match(text, p_start, p_end)
        if not match:
            previous_end = None
            continue
        start, end = match.end(), p_end
        while end > start and text[end - 1] in SPACES + "\r":
            end -= 1
        dash_at = p_start + len(match.group()) - len(match.group().lstrip(SPACES))
        if previous_end is None:
            blocks.append([])
        blocks[-1].append((start, end, dash_at))
        previous_end = p_end
    return blocks


def _question_parity(text: str, block: list[tuple[int, int, int]]) -> int | None:
    """0 or 1: the turn parity that asks the questions, or None when no turn is a question."""
    asks = [0, 0]
    for position, (start, end, _) in enumerate(block):
        if text[start:end].rstrip(" »”").endswith("?"):
            asks[position % 2] += 1
    if not any(asks) or len(block) < 2:
        return None
    return 0 if asks[0] >= asks[1] else 1


def _speaks_in_person(line: str) -> bool:
    """Whether a line uses first- or second-person words (``models/statements/dialogue.txt``)."""
    persons = load_words("statements/dialogue.txt")
    return any(w.lower().split("’")[0].split("'")[0] in persons for w in WORD_RE.findall(line))
