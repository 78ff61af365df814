"""The record models of the data contract (``shared/spec/RECORDS.md`` §2).

Every model forbids unknown fields. Structural checks (enums, TIMEX3, ISO 4217, ISO 8601
durations, unique actor ids, references to actors) run on construction; checks that need
the document text (offsets, ``text[start:end] == quote``) run in :meth:`DocumentRecords.problems`.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from .resources import load_words

TIMEX3_RE = re.compile(
    r"^(?:\d{3}|\d{2})$"  # decade (199 = the 1990s) or century, alone
    r"|^(?:\d{4}|\d{3}X|\d{2}XX|XXXX)"  # year, decade, century or unknown
    r"(?:-(?:Q[1-4]|H[12]|SP|SU|FA|WI|W(?:0[1-9]|[1-4]\d|5[0-3]|XX)(?:-(?:[1-7]|WE))?"  # quarter, half, season, week (+ weekday)
    r"|(?:0[1-9]|1[0-2]|XX)(?:-(?:0[1-9]|[12]\d|3[01]|XX))?))?$"  # month, day
)
DURATION_RE = re.compile(
    r"^P(?=\d|T\d)(?:\d+(?:[.,]\d+)?Y)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?W)?(?:\d+(?:[.,]\d+)?D)?"
    r"(?:T(?=\d)(?:\d+(?:[.,]\d+)?H)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?S)?)?$"
)
ID_RE = r"^[a-z0-9][a-z0-9_-]*$"


def _timex(value: str) -> str:
    if not TIMEX3_RE.match(value):
        raise ValueError(f"not a TIMEX3 date value: {value!r} (expected e.g. 2022, 2025-04, 2022-09-26, 2026-Q1, XXXX-01-24, XXXX-WXX-2)")
    return value


def _duration(value: str) -> str:
    if not DURATION_RE.match(value):
        raise ValueError(f"not an ISO 8601 duration: {value!r} (expected e.g. P5Y, P18M, P2W)")
    return value


def _currency(value: str) -> str:
    if value not in load_words("records/iso4217.txt"):
        raise ValueError(f"not an ISO 4217 currency code: {value!r}")
    return value


Timex = Annotated[str, AfterValidator(_timex)]
Duration = Annotated[str, AfterValidator(_duration)]
Currency = Annotated[str, AfterValidator(_currency)]
Offset = Annotated[int, Field(ge=0)]
# Gold-only flag: left out of serialised output unless set.
OptionalFlag = Annotated[Optional[bool], Field(default=None, exclude_if=lambda v: v is None)]


class Record(BaseModel):
    """Base of every record: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid")


class Money(Record):
    """An amount: value in currency units, ISO 4217 code, qualifier and surface text."""

    value: float = Field(ge=0)
    currency: Currency
    qualifier: Literal["exact", "approx", "max", "min"] = "exact"
    text: str
    period: Annotated[Optional[Duration], Field(default=None, exclude_if=lambda v: v is None)] = None
    """Optional extension: the period of a recurring amount (« 229 millions par an » → ``P1Y``)."""


class Role(Record):
    """A function stated in the document: title as written (lower-cased) and organisation id."""

    title: Optional[str] = None
    org: Optional[str] = None


class Actor(Record):
    """A named person or organisation, once per document."""

    id: str = Field(pattern=ID_RE)
    name: str = Field(min_length=1)
    kind: Literal["person", "organization"]
    aliases: list[str] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    org_type: Optional[Literal["company", "government", "ngo", "media", "union", "other"]] = None
    mentions: Annotated[Optional[list[tuple[Offset, Offset]]], Field(default=None, exclude_if=lambda v: v is None)] = None
    """Optional extension: ``[start, end]`` offsets of every mention of the actor in the text."""
    optional: OptionalFlag = None

    @model_validator(mode="after")
    def _org_type_for_orgs(self) -> "Actor":
        if self.kind == "person" and self.org_type is not None:
            raise ValueError(f"actor {self.id!r}: org_type is for organisations only")
        return self


class Statement(Record):
    """Who said what: the quote's exact text and offsets, its speaker and how it was reported."""

    speaker: Optional[str] = None
    speaker_mention: str
    quote: str = Field(min_length=1)
    kind: Literal["direct", "partial", "indirect"]
    cue: Optional[str] = None
    date: Optional[Timex] = None
    channel: Optional[str] = None
    start: Offset
    end: Offset
    optional: OptionalFlag = None

    @model_validator(mode="after")
    def _ordered(self) -> "Statement":
        if self.end <= self.start:
            raise ValueError(f"statement: end ({self.end}) must be after start ({self.start})")
        return self


class Contract(Record):
    """Who is paid by whom, how much, for what, when; offsets of the evidence."""

    contractor: str
    client: Optional[str] = None
    amount: Optional[Money] = None
    date: Optional[Timex] = None
    end_date: Optional[Timex] = None
    duration: Optional[Duration] = None
    object: Optional[str] = None
    start: Offset
    end: Offset
    optional: OptionalFlag = None

    @model_validator(mode="after")
    def _ordered(self) -> "Contract":
        if self.end <= self.start:
            raise ValueError(f"contract: end ({self.end}) must be after start ({self.start})")
        return self


class DocumentRecords(Record):
    """Everything extracted from one document; also the shape of a gold file."""

    doc_id: str = Field(pattern=ID_RE)
    actors: list[Actor] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    contracts: list[Contract] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references(self) -> "DocumentRecords":
        ids = [a.id for a in self.actors]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate actor ids: {', '.join(dupes)}")
        known = set(ids)
        missing = [f"{where} → {ref!r}" for where, ref in self._references_to_actors() if ref not in known]
        if missing:
            raise ValueError("references to unknown actors: " + "; ".join(missing))
        return self

    def _references_to_actors(self) -> list[tuple[str, str]]:
        refs = []
        for a in self.actors:
            refs += [(f"actors[{a.id}].roles.org", r.org) for r in a.roles if r.org]
        refs += [(f"statements[{i}].speaker", s.speaker) for i, s in enumerate(self.statements) if s.speaker]
        for i, c in enumerate(self.contracts):
            refs.append((f"contracts[{i}].contractor", c.contractor))
            if c.client:
                refs.append((f"contracts[{i}].client", c.client))
        return refs

    def problems(self, text: str) -> list[str]:
        """Offset problems against the document text; empty when every span checks out."""
        out = []
        for i, s in enumerate(self.statements):
            if s.end > len(text):
                out.append(f"statements[{i}]: end {s.end} beyond the text ({len(text)} characters)")
            elif text[s.start:s.end] != s.quote:
                out.append(f"statements[{i}]: text[{s.start}:{s.end}] is {text[s.start:s.end]!r}, not the quote {s.quote!r}")
        for i, c in enumerate(self.contracts):
            if c.end > len(text):
                out.append(f"contracts[{i}]: evidence end {c.end} beyond the text ({len(text)} characters)")
        for a in self.actors:
            for start, end in a.mentions or []:
                if not start < end <= len(text):
                    out.append(f"actors[{a.id}]: mention [{start}, {end}] out of bounds")
        return out

    def to_json_line(self) -> str:
        """One JSONL line, as ``extract run`` writes it."""
        return self.model_dump_json()
