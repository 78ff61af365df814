"""Read documents: .txt files and folders (recursive), JSONL files, stdin; with their metadata.

Reading is lazy and never raises for a bad document: it yields a :class:`ReadError`
naming the file instead, so the other documents are still processed.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

DOC_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)


@dataclass
class Document:
    """One article: its id, NFC text and the metadata the extraction uses."""

    doc_id: str
    text: str
    published: Optional[str] = None
    locale: Optional[str] = None
    source: Optional[str] = None


@dataclass
class ReadError:
    """A document that could not be read, with a one-line reason."""

    source: str
    message: str
    doc_id: Optional[str] = None


Warn = Callable[[str], None]
Item = Union[Document, ReadError]


def slug(stem: str) -> str:
    """A valid doc_id from a file stem: lower-case ASCII letters, digits, ``_`` and ``-``."""
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9_-]+", "-", ascii_stem.lower()).strip("-_")
    return out or "doc"


def decode(data: bytes, source: str, warn: Warn) -> str:
    """Decode bytes as UTF-8, else cp1252/latin-1 (with a warning); raise ValueError for binary data."""
    if b"\x00" in data[:4096]:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        for encoding in ("cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            warn(f"{source}: not valid UTF-8 (byte {exc.start}); decoded as {encoding}")
            break
    controls = sum(1 for ch in text[:4096] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:4096]) // 50):
        raise ValueError("binary file (control characters), not text")
    return unicodedata.normalize("NFC", text)


def read_meta(path: Path, warn: Warn) -> dict:
    """``<stem>.meta.json`` beside a text, or ``{}``; a malformed one is reported and ignored."""
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if not isinstance(meta, dict):
            raise ValueError("not a JSON object")
    except (ValueError, UnicodeDecodeError) as exc:
        warn(f"{meta_path}: unreadable metadata ignored ({exc})")
        return {}
    published = meta.get("published")
    if published is not None and not (isinstance(published, str) and DATE_RE.match(published)):
        warn(f"{meta_path}: 'published' must be YYYY-MM-DD, got {published!r}; ignored")
        meta.pop("published")
    return meta


def make_document(doc_id: str, text: str, source: str, published=None, locale=None) -> Item:
    """A Document, or a ReadError when the text is empty."""
    if not text.strip():
        return ReadError(source, "empty document", doc_id)
    return Document(doc_id, text, published, locale, source)


def read_text_file(path: Path, warn: Warn) -> Item:
    """One .txt article with its metadata."""
    doc_id = slug(path.stem)
    try:
        text = decode(path.read_bytes(), str(path), warn)
    except (OSError, ValueError) as exc:
        return ReadError(str(path), str(exc), doc_id)
    meta = read_meta(path, warn)
    return make_document(doc_id, text, str(path), meta.get("published"), meta.get("locale"))


def read_jsonl_file(path: Path, warn: Warn) -> Iterator[Item]:
    """Documents from JSON lines ``{"doc_id", "text", "published"?, "locale"?}``."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ReadError(str(path), str(exc))
        return
    with handle:
        for number, raw in enumerate(handle, 1):
            source = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                row = json.loads(decode(raw, source, warn))
                doc_id, text = str(row["doc_id"]), row["text"]
                if not isinstance(text, str):
                    raise ValueError("'text' must be a string")
            except (ValueError, KeyError, TypeError) as exc:
                yield ReadError(source, f"malformed JSONL line: {exc}")
                continue
            if not DOC_ID_RE.match(doc_id):
                yield ReadError(source, f"doc_id {doc_id!r} must match [a-z0-9][a-z0-9_-]*", doc_id)
                continue
            text = unicodedata.normalize("NFC", text)
            yield make_document(doc_id, text, source, row.get("published"), row.get("locale"))


def expand(path_arg: str) -> Iterator[Union[Path, ReadError]]:
    """The readable files a command-line path stands for, sorted; errors for missing or empty paths."""
    path = Path(path_arg)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES + JSONL_SUFFIXES)
        if not files:
            yield ReadError(path_arg, "no .txt or .jsonl file in this directory")
        yield from files
    elif path.is_file():
        yield path
    elif any(ch in path_arg for ch in "*?["):
        matches = sorted(Path().glob(path_arg))
        if not matches:
            yield ReadError(path_arg, "no file matches this pattern")
        for match in matches:
            yield from expand(str(match))
    else:
        yield ReadError(path_arg, "no such file or directory")


def iter_documents(paths: Iterable[str], warn: Warn, stdin=None, exclude: Iterable[Path] = ()) -> Iterator[Item]:
    """Documents (or read errors) for command-line paths, in order; ``-`` reads one document from stdin.

    ``exclude``: files never read as input (the run's own output and error files, which may
    lie inside an input folder).
    """
    seen: set[str] = set()
    skip = {p.resolve() for p in exclude}
    for path_arg in paths:
        if path_arg == "-":
            data = (stdin or sys.stdin.buffer).read()
            try:
                items: Iterable[Item] = [make_document("stdin", decode(data, "<stdin>", warn), "<stdin>")]
            except ValueError as exc:
                items = [ReadError("<stdin>", str(exc), "stdin")]
        else:
            items = _items_for(path_arg, warn, skip)
        for item in items:
            if isinstance(item, Document):
                if item.doc_id in seen:
                    item = ReadError(item.source or "?", f"duplicate doc_id {item.doc_id!r}: already read", item.doc_id)
                else:
                    seen.add(item.doc_id)
            yield item


def _items_for(path_arg: str, warn: Warn, skip: set[Path]) -> Iterator[Item]:
    for found in expand(path_arg):
        if isinstance(found, Path) and found.resolve() in skip:
            continue
        if isinstance(found, ReadError):
            yield found
        elif found.suffix in JSONL_SUFFIXES:
            yield from read_jsonl_file(found, warn)
        else:
            yield read_text_file(found, warn)
